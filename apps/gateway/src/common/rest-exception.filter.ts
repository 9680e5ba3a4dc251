import { Catch, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { InputValidationError } from '@kim/contracts';
import { DomainError } from '@kim/core';
import { httpStatusOf } from './errors.js';

/** What a REST answer to a refused request holds: the code GraphQL would give, and its details. */
export interface RestErrorBody {
  error: string;
  message: string;
  [detail: string]: unknown;
}

/**
 * A domain error or a contract's validation error as the HTTP answer: the same code as over
 * GraphQL (DomainErrorFilter, formatError), with its HTTP status. Anything else is no answer of
 * the domain: null.
 */
export function restErrorOf(e: unknown): { status: number; body: RestErrorBody } | null {
  if (e instanceof DomainError) {
    return { status: httpStatusOf(e.code), body: { error: e.code, message: e.message, ...e.details } };
  }
  if (e instanceof InputValidationError) {
    return { status: 400, body: { error: 'INVALID_INPUT', message: e.message, problems: e.problems } };
  }
  return null;
}

/**
 * The REST controllers' exception filter, beside the GraphQL one (DomainErrorFilter): domain
 * and validation errors are answers with their code and status, unlogged, so bad input is a
 * 4xx and never a 500. HttpExceptions a controller throws itself, and faults, are answered as
 * Nest does (a fault: 500, logged, its message kept in the log). Bound on every controller
 * with @UseFilters (a global filter would also be picked for GraphQL operations, where
 * DomainErrorFilter answers).
 */
@Catch()
export class RestExceptionFilter extends BaseExceptionFilter {
  override catch(e: unknown, host: ArgumentsHost): void {
    const answer = host.getType() === 'http' ? restErrorOf(e) : null;
    if (!answer) return super.catch(e, host);
    host.switchToHttp().getResponse<Response>().status(answer.status).json(answer.body);
  }
}

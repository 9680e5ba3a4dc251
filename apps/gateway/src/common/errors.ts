import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { InputValidationError } from '@kim/contracts';
import { DomainError, type DomainErrorCode } from '@kim/core';

/** Every domain code has its status (a new code that has none does not compile). */
const HTTP_STATUS: Record<DomainErrorCode | 'UNAUTHENTICATED', number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  INVALID_INPUT: 400,
  // Refusals on the person's behalf: the request is understood, the person's word forbids it.
  CONSENT_REQUIRED: 422,
  DO_NOT_CONTACT: 422,
  INVALID_TRANSITION: 409,
  CONFLICT: 409,
};

export function httpStatusOf(code: string): number {
  return (HTTP_STATUS as Record<string, number>)[code] ?? 500;
}

export function unauthenticated(message = 'sign in first: send Authorization: Bearer <token>'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });
}

/**
 * Domain errors reach clients with their stable code and details; anything else is an
 * internal error whose message and stack stay in the server log.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  // A contract's validation that no use-case turned into a domain error is still the caller's mistake.
  if (original instanceof InputValidationError) {
    return {
      message: original.message,
      path: formatted.path,
      extensions: { code: 'INVALID_INPUT', problems: original.problems },
    };
  }
  if (original instanceof DomainError) {
    return {
      message: original.message,
      path: formatted.path,
      extensions: { code: original.code, ...original.details },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
    const { stacktrace: _stack, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    return { ...formatted, extensions };
  }
  return { message: 'internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

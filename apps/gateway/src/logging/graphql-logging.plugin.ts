import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Inject } from '@nestjs/common';
import { Plugin } from '@nestjs/apollo';
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { serializeError } from '@kim/config';
import type { GqlContext } from '../common/context.js';
import { callerOf } from '../auth/allow.decorator.js';
import { PINO_LOGGER } from './logger.js';

function codeOf(e: GraphQLError): string {
  const code = e.extensions?.code;
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

/**
 * One line per GraphQL operation: name, type, caller role, outcome, duration and error codes.
 * Never the variables or error messages: both can carry the input, and with it personal data.
 * Internal errors are logged with their (scrubbed) stack.
 */
@Plugin()
export class GraphqlLoggingPlugin implements ApolloServerPlugin<GqlContext> {
  constructor(@Inject(PINO_LOGGER) private readonly logger: Logger) {}

  requestDidStart(): Promise<GraphQLRequestListener<GqlContext>> {
    const logger = this.logger;
    const started = performance.now();
    let codes: string[] = [];
    return Promise.resolve({
      didEncounterErrors(rc) {
        codes = rc.errors.map(codeOf);
        for (const e of rc.errors) {
          if (codeOf(e) === 'INTERNAL_SERVER_ERROR') {
            logger.error(
              { traceId: rc.contextValue?.traceId, err: serializeError(e.originalError ?? e), path: e.path },
              'graphql internal error',
            );
          }
        }
        return Promise.resolve();
      },
      willSendResponse(rc) {
        const principal = rc.contextValue?.principal ?? null;
        logger.info(
          {
            traceId: rc.contextValue?.traceId,
            operation: rc.operationName?.slice(0, 64) ?? null,
            type: rc.operation?.operation ?? null,
            caller: principal ? callerOf(principal) : null,
            tenantId: principal?.tenantId ?? null,
            outcome: codes.length > 0 ? 'error' : 'ok',
            ...(codes.length > 0 ? { errors: codes } : {}),
            durationMs: Math.round(performance.now() - started),
          },
          'graphql operation',
        );
        return Promise.resolve();
      },
    });
  }
}

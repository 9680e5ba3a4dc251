import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { Inject } from '@nestjs/common';
import type { Logger } from 'pino';
import { serializeError } from '@kim/config';
import type { GqlContext } from '../common/context.js';
import { PINO_LOGGER } from '../logging/logger.js';
import { CaseAccessService } from './case-access.service.js';

/**
 * Every read is in the ledger before its answer leaves: the request's entries (kept by its
 * access context while the resolvers ran) are written in one statement here, after execution
 * and before Apollo sends the response. If that write fails, the answer is replaced by an error
 * without data (503, code LEDGER_UNAVAILABLE): nothing is disclosed that the ledger does not hold.
 */
@Plugin()
export class LedgerFlushPlugin implements ApolloServerPlugin<GqlContext> {
  constructor(
    private readonly access: CaseAccessService,
    @Inject(PINO_LOGGER) private readonly log: Logger,
  ) {}

  requestDidStart(): Promise<GraphQLRequestListener<GqlContext>> {
    const { access, log } = this;
    return Promise.resolve({
      async willSendResponse({ contextValue, response }) {
        try {
          await access.flush(contextValue);
        } catch (e) {
          log.error({ traceId: contextValue.traceId, err: serializeError(e) }, 'ledger write failed: answer withheld');
          response.http.status = 503;
          response.body = {
            kind: 'single',
            singleResult: {
              errors: [
                {
                  message: 'the read could not be recorded in the ledger; nothing was disclosed',
                  extensions: { code: 'LEDGER_UNAVAILABLE' },
                },
              ],
            },
          };
        }
      },
    });
  }
}

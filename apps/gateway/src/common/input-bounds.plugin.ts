import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import type { GqlContext } from './context.js';
import { boundsError, operationProblems } from './input-bounds.js';

/**
 * Checks the bounds of every argument once the operation is known and before it runs, so a
 * malformed id or an over-long text is a 400 that names the argument, never a database error,
 * and never half a write.
 */
@Plugin()
export class InputBoundsPlugin implements ApolloServerPlugin<GqlContext> {
  requestDidStart(): Promise<GraphQLRequestListener<GqlContext>> {
    return Promise.resolve({
      didResolveOperation(rc) {
        if (!rc.operation) return Promise.resolve();
        const found = operationProblems(rc.schema, rc.document, rc.operation, rc.request.variables ?? {});
        if (found.length) throw boundsError(found);
        return Promise.resolve();
      },
    });
  }
}

import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import type { GqlContext } from '../common/context.js';
import { HubMetrics } from './hub-metrics.js';

/** Times every GraphQL operation into kim_graphql_operation_duration_seconds. */
@Plugin()
export class GraphqlMetricsPlugin implements ApolloServerPlugin<GqlContext> {
  constructor(private readonly metrics: HubMetrics) {}

  requestDidStart(): Promise<GraphQLRequestListener<GqlContext>> {
    const metrics = this.metrics;
    const end = metrics.graphqlDuration.startTimer();
    let failed = false;
    return Promise.resolve({
      didEncounterErrors() {
        failed = true;
        return Promise.resolve();
      },
      willSendResponse(rc) {
        end({
          operation: metrics.operationLabel(rc.operationName ?? rc.request.operationName),
          type: rc.operation?.operation ?? 'unknown',
          outcome: failed ? 'error' : 'ok',
        });
        return Promise.resolve();
      },
    });
  }
}

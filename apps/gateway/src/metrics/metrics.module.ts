import { Module } from '@nestjs/common';
import { GraphqlMetricsPlugin } from './graphql-metrics.plugin.js';
import { HubMetrics, METRICS_REGISTRY, createMetricsRegistry } from './hub-metrics.js';
import { OperationsServer } from './operations.server.js';

/**
 * GET /metrics in Prometheus format on the operations port (never the public one), and the
 * GraphQL timing plugin that feeds it.
 */
@Module({
  providers: [
    { provide: METRICS_REGISTRY, useFactory: createMetricsRegistry },
    HubMetrics,
    GraphqlMetricsPlugin,
    OperationsServer,
  ],
  exports: [HubMetrics, OperationsServer],
})
export class MetricsModule {}

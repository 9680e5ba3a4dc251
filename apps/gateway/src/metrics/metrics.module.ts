import { Module } from '@nestjs/common';
import { GraphqlMetricsPlugin } from './graphql-metrics.plugin.js';
import { HubMetrics, METRICS_REGISTRY, createMetricsRegistry } from './hub-metrics.js';
import { MetricsController } from './metrics.controller.js';

/** GET /metrics in Prometheus format, and the GraphQL timing plugin that feeds it. */
@Module({
  controllers: [MetricsController],
  providers: [{ provide: METRICS_REGISTRY, useFactory: createMetricsRegistry }, HubMetrics, GraphqlMetricsPlugin],
  exports: [HubMetrics],
})
export class MetricsModule {}

import type { Provider } from '@nestjs/common';
import { DeliveryMetrics, WORKER_METRICS_REGISTRY, createWorkerRegistry } from './delivery-metrics.js';
import { WorkerHttpServer } from './worker-http.server.js';

/** The worker's metrics: a registry of its own, the delivery metrics, and the optional HTTP server. */
export const workerMetricsProviders: Provider[] = [
  { provide: WORKER_METRICS_REGISTRY, useFactory: createWorkerRegistry },
  DeliveryMetrics,
  WorkerHttpServer,
];

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { metricsAccessAllowed, serializeError, type HubConfig } from '@kim/config';
import { HUB_CONFIG } from '../tokens.js';
import { DeliveryMetrics } from './delivery-metrics.js';
import { PINO_LOGGER } from '../logging/logger.js';

/**
 * The worker's only HTTP: GET /metrics (Prometheus; METRICS_TOKEN when set) and GET
 * /health/live, on WORKER_METRICS_PORT. Without that setting the worker opens no port.
 */
@Injectable()
export class WorkerHttpServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly metrics: DeliveryMetrics,
    @Inject(PINO_LOGGER) private readonly log: Logger,
  ) {}

  /** Where it listens, e.g. http://127.0.0.1:9464; null when it does not. */
  get url(): string | null {
    const address = this.server?.address() as AddressInfo | null | undefined;
    return address ? `http://${this.config.WORKER_METRICS_HOST}:${address.port}` : null;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.WORKER_METRICS_PORT === undefined) return;
    const registry = this.metrics.registry;
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method !== 'GET') return void res.writeHead(405).end();
      if (path === '/health/live') {
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
      }
      if (path !== '/metrics') return void res.writeHead(404).end();
      if (!metricsAccessAllowed(this.config, req.headers.authorization)) return void res.writeHead(401).end();
      registry.metrics().then(
        (body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body),
        (e: unknown) => {
          this.log.error({ err: serializeError(e) }, 'metrics could not be collected');
          res.writeHead(500).end();
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.WORKER_METRICS_PORT, this.config.WORKER_METRICS_HOST, () => resolve());
    });
    this.server = server;
    this.log.info({ url: `${this.url}/metrics` }, 'worker metrics served');
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { metricsAccessAllowed, serializeError, type HubConfig } from '@kim/config';
import { HUB_CONFIG } from '../common/tokens.js';
import { PINO_LOGGER } from '../logging/logger.js';
import { HubMetrics } from './hub-metrics.js';

/**
 * The gateway's operations port: GET /metrics (Prometheus) on METRICS_PORT, apart from the
 * public port that agencies and browsers reach, on loopback unless METRICS_HOST says otherwise
 * (then METRICS_TOKEN is required, and wanted on every scrape). Without METRICS_PORT the
 * gateway serves no metrics at all.
 */
@Injectable()
export class OperationsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly metrics: HubMetrics,
    @Inject(PINO_LOGGER) private readonly log: Logger,
  ) {}

  /** Where it listens, e.g. http://127.0.0.1:9464; null when it does not. */
  get url(): string | null {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) return null;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}`;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.METRICS_PORT === undefined) return;
    const registry = this.metrics.registry;
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method !== 'GET') return void res.writeHead(405).end();
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
      server.listen(this.config.METRICS_PORT, this.config.METRICS_HOST, () => resolve());
    });
    this.server = server;
    this.log.info({ url: `${this.url}/metrics` }, 'gateway metrics served on the operations port');
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }
}

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { HubConfig } from '@kim/config';
import { createDataSource, migrate } from '@kim/persistence';
import { AppModule } from './app.module.js';

export interface GatewayOptions {
  /** Only the gateway migrates; workers wait for it. */
  runMigrations?: boolean;
  logger?: false | ('log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal')[];
  /** Sees every SQL statement the gateway runs (statement-count tests and benchmarks). */
  onQuery?: (sql: string) => void;
}

export async function createGateway(config: HubConfig, opts: GatewayOptions = {}): Promise<NestExpressApplication> {
  if (opts.runMigrations ?? true) {
    const ds = createDataSource({ url: config.DATABASE_URL, poolSize: 1, applicationName: 'kim-migrate' });
    await ds.initialize();
    try {
      await migrate(ds);
    } finally {
      await ds.destroy();
    }
  }
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config, opts.onQuery), {
    rawBody: true,
    bodyParser: false,
    logger: opts.logger ?? ['error', 'warn', 'log'],
  });
  // Signatures are checked on the exact bytes; bodies over the limit get 413.
  app.useBodyParser('json', { limit: config.BODY_LIMIT, type: ['application/json', 'application/cloudevents+json'] });
  app.enableShutdownHooks();
  return app;
}

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { NestLogAdapter, logLevelFor, type HubConfig } from '@kim/config';
import { WorkerModule } from './worker.module.js';
import { LoggingModule, createWorkerLogger } from './logging/logger.js';

export interface WorkerOptions {
  /** Where the JSON log lines go (default stdout); tests capture them here. */
  logDestination?: DestinationStream;
}

/** The worker with its logger: WorkerModule plus the module that hands the pino logger out. */
function rootModule(worker: DynamicModule, logging: DynamicModule): DynamicModule {
  @Module({})
  class WorkerRootModule {}
  return { module: WorkerRootModule, imports: [worker, logging] };
}

/**
 * Start a worker. `logger` overrides LOG_LEVEL as before: the lowest level listed, or false
 * for none.
 */
export async function createWorkerApp(
  config: HubConfig,
  logger?: false | ('log' | 'error' | 'warn')[],
  opts: WorkerOptions = {},
): Promise<INestApplicationContext> {
  const log = createWorkerLogger(logLevelFor(logger, config.LOG_LEVEL), opts.logDestination);
  const app = await NestFactory.createApplicationContext(
    rootModule(WorkerModule.forConfig(config), LoggingModule.forRoot(log)),
    {
      logger: new NestLogAdapter(log),
      // A worker that cannot start rejects (main.ts exits on that); by default Nest would call
      // process.exit(1) itself, which ends any process that starts a worker in-process (a test run).
      abortOnError: false,
    },
  );
  app.enableShutdownHooks();
  await app.init();
  return app;
}

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { HubConfig } from '@kim/config';
import { WorkerModule } from './worker.module.js';

export async function createWorkerApp(
  config: HubConfig,
  logger: false | ('log' | 'error' | 'warn')[] = ['error', 'warn', 'log'],
): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forConfig(config), { logger });
  app.enableShutdownHooks();
  await app.init();
  return app;
}

import type { Logger } from 'pino';
import { ConfigError, describeConfig, loadConfig } from '@kim/config';
import { createWorkerApp } from './bootstrap.js';
import { PINO_LOGGER } from './logging/logger.js';

const config = loadConfig();
createWorkerApp(config)
  .then((app) => app.get<Logger>(PINO_LOGGER).info({ settings: describeConfig(config) }, 'KIM Hub worker running'))
  .catch((e: unknown) => {
    console.error(e instanceof ConfigError ? e.message : e);
    process.exit(1);
  });

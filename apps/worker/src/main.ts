import { ConfigError, loadConfig } from '@kim/config';
import { createWorkerApp } from './bootstrap.js';

createWorkerApp(loadConfig())
  .then(() => console.log('KIM Hub worker running'))
  .catch((e: unknown) => {
    console.error(e instanceof ConfigError ? e.message : e);
    process.exit(1);
  });

import type { Logger } from 'pino';
import { ConfigError, describeConfig, loadConfig } from '@kim/config';
import { createGateway } from './bootstrap.js';
import { PINO_LOGGER } from './logging/logger.js';

async function main() {
  const config = loadConfig();
  const app = await createGateway(config);
  await app.listen(config.GATEWAY_PORT, config.GATEWAY_HOST);
  app
    .get<Logger>(PINO_LOGGER)
    .info(
      { settings: describeConfig(config) },
      `KIM Hub gateway on http://${config.GATEWAY_HOST}:${config.GATEWAY_PORT}/graphql`,
    );
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});

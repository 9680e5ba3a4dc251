import { ConfigError, describeConfig, loadConfig } from '@kim/config';
import { createGateway } from './bootstrap.js';

async function main() {
  const config = loadConfig();
  const app = await createGateway(config);
  await app.listen(config.GATEWAY_PORT, config.GATEWAY_HOST);
  console.log(`KIM Hub gateway on http://${config.GATEWAY_HOST}:${config.GATEWAY_PORT}/graphql`, JSON.stringify(describeConfig(config)));
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});

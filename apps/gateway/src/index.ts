export { createGateway, gatewayParts, type GatewayOptions } from './bootstrap.js';
export { AppModule } from './app.module.js';
export { gatewaySchemaSdl } from './schema/schema-sdl.js';
export { ACCESS_READS, DATA_SOURCE } from './common/tokens.js';
export { OperationsServer } from './metrics/operations.server.js';
export {
  schemaCompatibility,
  intendedBreakingChanges,
  sortReleases,
  type SchemaCompatibility,
} from './schema/schema-compat.js';
export { HubMetrics } from './metrics/hub-metrics.js';

export { createGateway, type GatewayOptions } from './bootstrap.js';
export { AppModule } from './app.module.js';

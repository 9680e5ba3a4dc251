import 'reflect-metadata';
import type { Server } from 'node:http';
import { Module, type DynamicModule, type NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DestinationStream } from 'pino';
import { NestLogAdapter, logLevelFor, serializeError, type HubConfig } from '@kim/config';
import { createDataSource, migrate, waitForSchema } from '@kim/persistence';
import { AppModule } from './app.module.js';
import { defaultConsoleDir, serveConsole } from './console/serve-console.js';
import { serveExplorer } from './explorer/serve-explorer.js';
import { createGatewayLogger } from './logging/logger.js';
import { LoggingModule } from './logging/logging.module.js';
import { requestLogging, traceContext } from './logging/request-logging.js';
import { securityHeaders } from './common/security-headers.js';
import { SignInLimits } from './auth/sign-in-limits.js';
import { PrincipalService } from './auth/principal.service.js';
import { tenantFence } from './auth/tenant-fence.js';
import { HubQueues } from './queue/hub-queues.service.js';
import { mountQueueDashboard } from './queue/queue-dashboard.js';

export interface GatewayOptions {
  /** Only the gateway migrates; workers wait for it. */
  runMigrations?: boolean;
  /** Overrides LOG_LEVEL: the lowest level listed, or false for none. */
  logger?: false | ('log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal')[];
  /** Where the JSON log lines go (default stdout); tests capture them here. */
  logDestination?: DestinationStream;
  /** Sees every SQL statement the gateway runs (statement-count tests and benchmarks). */
  onQuery?: (sql: string) => void;
}

/** TRUST_PROXY as Express takes it: a number of hops, or a list of addresses and names. */
function trustProxySetting(value: string): number | string[] {
  return /^\d+$/.test(value) ? Number(value) : value.split(',').map((v) => v.trim());
}

/** The application with its logger: AppModule plus the module that hands the pino logger out. */
function rootModule(app: DynamicModule, logging: DynamicModule): DynamicModule {
  @Module({})
  class GatewayRootModule {}
  return { module: GatewayRootModule, imports: [app, logging] };
}

export async function createGateway(config: HubConfig, opts: GatewayOptions = {}): Promise<NestExpressApplication> {
  const parts = await gatewayParts(config, opts);
  return parts.mount(await NestFactory.create<NestExpressApplication>(parts.module, parts.appOptions));
}

/**
 * The gateway in parts: its root module, the options of the Nest application, and what is
 * mounted in front of it. createGateway puts them together; a benchmark that needs a gateway
 * with one provider replaced (consent_overhead: without the access policy) compiles the module
 * itself with Nest's testing module and mounts the same way. Migrations run here, if asked.
 */
export async function gatewayParts(
  config: HubConfig,
  opts: GatewayOptions = {},
): Promise<{
  module: DynamicModule;
  appOptions: NestApplicationOptions & { rawBody: true; bodyParser: false };
  mount(app: NestExpressApplication): NestExpressApplication;
}> {
  const migrating = opts.runMigrations ?? config.MIGRATE_ON_START;
  // Migrating needs the owner; otherwise the application's own login only waits for the schema.
  const ds = createDataSource({
    url: migrating ? (config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL) : config.DATABASE_URL,
    poolSize: 1,
    applicationName: migrating ? 'kim-migrate' : 'kim-gateway-schema',
  });
  await ds.initialize();
  try {
    if (migrating) await migrate(ds);
    else await waitForSchema(ds);
  } finally {
    await ds.destroy();
  }
  const logger = createGatewayLogger(logLevelFor(opts.logger, config.LOG_LEVEL), opts.logDestination);
  return {
    module: rootModule(AppModule.forConfig(config, opts.onQuery), LoggingModule.forRoot(logger)),
    // abortOnError: a gateway that cannot start rejects (main.ts exits on that) instead of Nest
    // calling process.exit(1) itself, which would end a test run that starts it in-process.
    appOptions: { rawBody: true, bodyParser: false, abortOnError: false, logger: new NestLogAdapter(logger) },
    mount(app) {
      keepConnectionsLonger(app.getHttpServer());
      // Trace id and request log first, so even a refused body (413) is logged with its id.
      app.use(requestLogging(logger));
      securityHeaders(app);
      // Which proxies may name the client (req.ip): the source that refused webhooks are counted against.
      if (config.TRUST_PROXY) app.set('trust proxy', trustProxySetting(config.TRUST_PROXY));
      // Signatures are checked on the exact bytes; bodies over the limit get 413.
      app.useBodyParser('json', {
        limit: config.BODY_LIMIT,
        type: ['application/json', 'application/cloudevents+json'],
      });
      app.use(traceContext());
      // Before the tenant fence: the dashboard reads only the queues, which no tenant owns.
      mountQueueDashboard(app, app.get(PrincipalService), app.get(HubQueues), app.get(SignInLimits));
      // Static files only; the queries it sends go through the fence like any other.
      if (config.GRAPHQL_EXPLORER ?? config.NODE_ENV !== 'production') serveExplorer(app);
      app.use(
        tenantFence(
          app.get(PrincipalService),
          (e) => logger.error({ err: serializeError(e) }, 'credential lookup failed'),
          app.get(SignInLimits),
          // Behind a proxy the hub's public origin is the redirect URI's; requests from it may use the session.
          { trustedOrigins: config.OIDC_REDIRECT_URI ? [new URL(config.OIDC_REDIRECT_URI).origin] : [] },
        ),
      );
      serveConsole(app, config.CONSOLE_DIR ?? defaultConsoleDir());
      app.enableShutdownHooks();
      return app;
    },
  };
}

/**
 * Idle kept-alive connections stay open longer than the other side keeps them (Node closes them
 * after 5 s; fetch clients keep theirs 4 s, proxies such as nginx and cloud load balancers 60 s):
 * the side that closes must be the one that would write next, or a request written as the hub
 * closes the socket ends in ECONNRESET (seen in the fault tests on a loaded machine). Headers
 * must arrive within a second more.
 */
export const KEEP_ALIVE_MS = 65_000;
function keepConnectionsLonger(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
}

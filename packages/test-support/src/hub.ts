import { randomBytes } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig, type HubConfig } from '@kim/config';
import { seedDemo, type DemoCredentials } from '@kim/demo-data';
import { OperationsServer, createGateway } from '@kim/gateway';
import { isolatedDatabase, type TestDatabase } from './db.js';

export interface TestHub {
  db: TestDatabase;
  config: HubConfig;
  creds: DemoCredentials;
  url: string;
  /** The gateway's operations port (GET /metrics), when METRICS_PORT is set; else null. */
  metricsUrl: string | null;
  app: NestExpressApplication;
  gql<T = any>(
    token: string | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data?: T; errors?: any[] }>;
  token(staffKey: string): string;
  close(): Promise<void>;
}

export interface TestHubOptions {
  backend?: 'redis' | 'postgres';
  persons?: number;
  simulatorUrl?: string;
  env?: Record<string, string>;
  /** Admin URL of the PostgreSQL server to make the database on (default: the shared test server). */
  databaseServerUrl?: string;
  onQuery?: (sql: string) => void;
  /**
   * The application's DATABASE_URL from the owner's (for a login role other than the owner);
   * the owner then migrates and seeds.
   */
  databaseUrlFor?: (ownerUrl: string) => string;
  /**
   * REPLICA_DATABASE_URL from DATABASE_URL (the fault test's streaming replica serves the same
   * database, with the same logins, on another port); unset: no replica.
   */
  replicaUrlFor?: (databaseUrl: string) => string;
  /** Awaited after the seed, before the gateway starts (a replica replaying the new database). */
  beforeGateway?: (db: TestDatabase) => Promise<void>;
  /** Capture the gateway's JSON log lines (at LOG_LEVEL) instead of logging errors only. */
  logDestination?: { write(line: string): void };
}

/** A gateway on its own database and queue namespace, with the demo data of a small Kreis. */
export async function startTestHub(label: string, opts: TestHubOptions = {}): Promise<TestHub> {
  const db = await isolatedDatabase(label, opts.databaseServerUrl);
  const suffix = randomBytes(4).toString('hex');
  const databaseUrl = opts.databaseUrlFor ? opts.databaseUrlFor(db.url) : db.url;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    MIGRATION_DATABASE_URL: db.url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_BACKEND: opts.backend ?? 'redis',
    QUEUE_PREFIX: `t_${label
      .replace(/[^a-z0-9]/gi, '')
      .toLowerCase()
      .slice(0, 20)}_${suffix}`,
    GATEWAY_PORT: '0',
    DELIVERY_ATTEMPTS: '3',
    DELIVERY_BACKOFF_MS: '50',
    OUTBOX_SWEEP_MS: '500',
    ...(opts.replicaUrlFor ? { REPLICA_DATABASE_URL: opts.replicaUrlFor(databaseUrl) } : {}),
    ...opts.env,
  });
  const creds = await seedDemo(db.ds, {
    credentialPrefix: `t${suffix}`,
    tenantSlug: `kreis-${suffix}`,
    persons: opts.persons ?? 20,
    simulatorUrl: opts.simulatorUrl ?? 'http://127.0.0.1:9',
  });
  await opts.beforeGateway?.(db);
  const app = await createGateway(config, {
    ...(opts.logDestination ? { logDestination: opts.logDestination } : { logger: ['error'] }),
    ...(opts.onQuery ? { onQuery: opts.onQuery } : {}),
  });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    db,
    config,
    creds,
    url,
    metricsUrl: app.get(OperationsServer).url,
    app,
    token: (key) => creds.staff.find((s) => s.key === key)!.token,
    async gql(token, query, variables) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as { data?: any; errors?: any[] };
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

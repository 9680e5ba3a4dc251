import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource, migrate } from '@kim/persistence';

export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>, serverUrl = TEST_DATABASE_URL): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  ds: DataSource;
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database of its own (created from the server's template), so suites run
 * in parallel without seeing each other and every test meets the schema the migrations make.
 * `serverUrl` picks another server (a fault test's private PostgreSQL).
 */
export async function isolatedDatabase(label: string, serverUrl = TEST_DATABASE_URL): Promise<TestDatabase> {
  const name = `kim_t_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`), serverUrl);
  const url = withDatabase(serverUrl, name);
  const ds = createDataSource({ url, poolSize: 5 });
  await ds.initialize();
  await migrate(ds);
  return {
    ds,
    url,
    async drop() {
      if (ds.isInitialized) await ds.destroy();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`), serverUrl);
    },
  };
}

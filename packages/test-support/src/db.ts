import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { MIGRATIONS, createDataSource, migrate, migrationSources } from '@kim/persistence';

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
 * The migrations, as a name: a change to any migration (its name or its code) gives another
 * template, so a template never holds a schema the migrations would not make.
 */
function migrationsKey(): string {
  const h = createHash('sha256');
  // A class's text is its whole source, up() and down() included; the files' text adds what
  // the classes take from outside themselves (SQL in module-level constants, shared lists).
  for (const m of MIGRATIONS) h.update(`${m.name}\n${String(m)}\n`);
  for (const source of migrationSources()) h.update(source);
  return h.digest('hex').slice(0, 16);
}

/**
 * A database the migrations have run on, made once per server and migration set and kept
 * as a cache for later runs (the suites clone it instead of migrating again: migrating took
 * about 4 s a suite). Made under an advisory lock, under a temporary name and renamed when
 * complete, so parallel workers wait for it and never clone half a schema.
 */
async function migratedTemplate(serverUrl: string): Promise<string> {
  const template = `kim_tpl_${migrationsKey()}`;
  return admin(async (c) => {
    await c.query(`SELECT pg_advisory_lock(hashtext('kim_test_template'))`);
    try {
      const exists = await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [template]);
      if (exists.rowCount) return template;
      await dropStaleTemplates(c, template);
      const building = `${template}_${randomBytes(4).toString('hex')}`;
      await c.query(`CREATE DATABASE "${building}"`);
      const ds = createDataSource({ url: withDatabase(serverUrl, building), poolSize: 1 });
      await ds.initialize();
      try {
        await migrate(ds);
      } finally {
        await ds.destroy();
      }
      await c.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
      return template;
    } finally {
      await c.query(`SELECT pg_advisory_unlock(hashtext('kim_test_template'))`);
    }
  }, serverUrl);
}

/** Templates of other migration sets kept besides the current one (other checkouts and branches use them). */
const OTHER_TEMPLATES_KEPT = 4;

/**
 * Templates nothing clones any more hold a whole schema each: half-built ones a killed run left
 * behind (`<template>_<random>`; building happens under the lock this runs under, so none is
 * being built now) and the oldest of other migration sets (database oids grow with creation).
 */
async function dropStaleTemplates(c: pg.Client, keep: string): Promise<void> {
  const others = await c.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'kim\\_tpl\\_%' AND datname <> $1 ORDER BY oid DESC`,
    [keep],
  );
  const built = /^kim_tpl_[0-9a-f]{16}$/;
  const complete = others.rows.filter((r) => built.test(r.datname));
  const stale = [...others.rows.filter((r) => !built.test(r.datname)), ...complete.slice(OTHER_TEMPLATES_KEPT)];
  for (const { datname } of stale) {
    // One being cloned right now (another checkout) refuses: it goes on a later run.
    await c.query(`DROP DATABASE IF EXISTS "${datname}"`).catch(() => undefined);
  }
}

export interface IsolatedDatabaseOptions {
  /** Run the migrations on an empty database instead of cloning the migrated template. */
  migrateFromEmpty?: boolean;
}

/**
 * A fresh, migrated database of its own, so suites run in parallel without seeing each other
 * and every test meets the schema the migrations make. It is a copy of the migrated template
 * (migrate() then finds nothing to do), or with `migrateFromEmpty` made by the migrations.
 * `serverUrl` picks another server (a fault test's private PostgreSQL).
 */
export async function isolatedDatabase(
  label: string,
  serverUrl = TEST_DATABASE_URL,
  opts: IsolatedDatabaseOptions = {},
): Promise<TestDatabase> {
  const name = `kim_t_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const template = opts.migrateFromEmpty ? null : await migratedTemplate(serverUrl);
  await admin((c) => c.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`), serverUrl);
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

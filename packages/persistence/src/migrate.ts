import type { DataSource } from 'typeorm';

/** Apply pending migrations; safe to call on every start of the gateway (and only there). */
export async function migrate(ds: DataSource): Promise<string[]> {
  const schema = (ds.options as { schema?: string }).schema;
  if (schema && schema !== 'public') await ds.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  const applied = await ds.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}

/**
 * The SQL that would still be needed to make the database match the entities.
 * Empty when entities and migrations agree; CI fails otherwise.
 */
export async function pendingSchemaChanges(ds: DataSource): Promise<string[]> {
  const log = await ds.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}

/** Migrations this code knows that the database has not applied yet, oldest first. */
export async function pendingMigrations(ds: DataSource): Promise<string[]> {
  const known = ds.migrations.map((m) => m.name ?? m.constructor.name);
  const schema = (ds.options as { schema?: string }).schema ?? 'public';
  const [table] = await ds.query<{ present: boolean }[]>(`SELECT to_regclass($1) IS NOT NULL AS present`, [
    `"${schema}"."migrations"`,
  ]);
  if (!table?.present) return known;
  const rows = await ds.query<{ name: string }[]>(`SELECT name FROM "${schema}"."migrations"`);
  const applied = new Set(rows.map((r) => r.name));
  return known.filter((n) => !applied.has(n));
}

/**
 * Only the gateway migrates. A worker that starts first (or next to a gateway that is still
 * migrating) waits here until the schema is the one its code expects, instead of failing on
 * missing tables or columns; it gives up after `timeoutMs`.
 */
export async function waitForSchema(
  ds: DataSource,
  opts: { timeoutMs?: number; intervalMs?: number; onWait?: (pending: string[]) => void } = {},
): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  let told = false;
  for (;;) {
    const pending = await pendingMigrations(ds);
    if (pending.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(
        `database schema not migrated (pending: ${pending.join(', ')}); the gateway applies migrations at start`,
      );
    }
    if (!told) opts.onWait?.(pending);
    told = true;
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 1000));
  }
}

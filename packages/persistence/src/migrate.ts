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

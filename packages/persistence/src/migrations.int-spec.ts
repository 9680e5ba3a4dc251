import { isolatedDatabase } from '@kim/test-support/db';
// These tests are about the migrations themselves: run them, never clone their result.
const FROM_EMPTY = { migrateFromEmpty: true };
import { migrate, pendingMigrations, pendingSchemaChanges, waitForSchema } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

describe('migrations', () => {
  it('bring an empty schema exactly to what the entities declare (no drift)', async () => {
    const db = await isolatedDatabase('drift', undefined, FROM_EMPTY);
    try {
      expect(await pendingSchemaChanges(db.ds)).toEqual([]);
    } finally {
      await db.drop();
    }
  });

  it('lead every primary key and index of tenant data with tenant_id', async () => {
    const db = await isolatedDatabase('tenantkeys', undefined, FROM_EMPTY);
    try {
      const rows: { tablename: string; indexdef: string }[] = await db.ds.query(
        `SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT IN ('tenants', 'migrations')`,
      );
      expect(rows.length).toBeGreaterThan(20);
      // Unique token hashes are looked up before the tenant is known (authentication).
      const offenders = rows.filter(
        (r) =>
          !/\("?tenant_id"?[,)]/.test(r.indexdef) &&
          !/(token_hash|api_key_hash)/.test(r.indexdef) &&
          !(['credentials', 'staff_sessions'].includes(r.tablename) && /\(hash\)/.test(r.indexdef)),
      );
      expect(offenders).toEqual([]);
    } finally {
      await db.drop();
    }
  });

  it('can be rolled back completely', async () => {
    const db = await isolatedDatabase('down', undefined, FROM_EMPTY);
    try {
      for (let i = 0; i < MIGRATIONS.length; i++) await db.ds.undoLastMigration();
      const tables: unknown[] = await db.ds.query(
        `SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`,
      );
      expect(tables).toEqual([]);
    } finally {
      await db.drop();
    }
  });

  it('tell a worker which migrations are missing, and let it wait until the gateway applied them', async () => {
    const db = await isolatedDatabase('pending', undefined, FROM_EMPTY);
    try {
      expect(await pendingMigrations(db.ds)).toEqual([]);
      await db.ds.undoLastMigration();
      const last = MIGRATIONS.at(-1)!.name;
      expect(await pendingMigrations(db.ds)).toEqual([last]);
      await expect(waitForSchema(db.ds, { timeoutMs: 50, intervalMs: 10 })).rejects.toThrow(`pending: ${last}`);
      // The worker is waiting (it said so) before the gateway migrates; then it goes on.
      let told: (pending: string[]) => void = () => undefined;
      const waitingSaid = new Promise<string[]>((resolve) => (told = resolve));
      const waiting = waitForSchema(db.ds, { intervalMs: 10, onWait: (p) => told(p) });
      expect(await waitingSaid).toEqual([last]);
      await migrate(db.ds);
      await expect(waiting).resolves.toBeUndefined();
    } finally {
      await db.drop();
    }
  });
});

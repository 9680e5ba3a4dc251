/**
 * Tenant isolation by PostgreSQL itself: row-level security on every tenant table, an
 * application role that owns nothing and cannot bypass it, and a fence that puts each
 * request's or job's tenant on the connection it takes from the pool.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { seedDemo, type DemoCredentials } from '@kim/demo-data';
import { DATA_SOURCE } from '@kim/gateway';
import { createDataSource, fenceToTenant, runAsTenant } from '@kim/persistence';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { TEST_DATABASE_URL } from '@kim/test-support/db';

/**
 * A login role that is only a member of kim_app, as production should give the application.
 * Roles belong to the cluster: another suite (or database) may have created them already.
 */
const CREATE_PROBE_ROLE = `
  DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kim_app') THEN CREATE ROLE kim_app NOLOGIN; END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kim_rls_probe') THEN
      CREATE ROLE kim_rls_probe LOGIN IN ROLE kim_app;
    END IF;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END $$`;

/** The same database, logged in as that role. */
function probeUrl(ownerUrl: string): string {
  const u = new URL(ownerUrl);
  u.username = 'kim_rls_probe';
  return u.toString();
}

describe('row-level security', () => {
  let hub: TestHub;
  let b: DemoCredentials;
  let fenced: DataSource;
  const owner = () => hub.db.ds;

  beforeAll(async () => {
    hub = await startTestHub('rls', { persons: 6 });
    const suffix = randomBytes(3).toString('hex');
    b = await seedDemo(hub.db.ds, {
      credentialPrefix: `b${suffix}`,
      tenantSlug: `kreis-b-${suffix}`,
      persons: 4,
      simulatorUrl: 'http://127.0.0.1:9',
    });
    fenced = await createDataSource({ url: hub.db.url, poolSize: 2 }).initialize();
    fenceToTenant(fenced);
  });

  afterAll(async () => {
    await fenced?.destroy();
    await hub?.close();
  });

  const count = async (ds: DataSource, table: string) =>
    Number((await ds.query<{ n: string }[]>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

  it('covers every table that has a tenant column', async () => {
    const uncovered = await owner().query(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind = 'r'
          AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
          AND (NOT c.relrowsecurity OR NOT EXISTS (SELECT 1 FROM pg_policies p
                 WHERE p.schemaname = n.nspname AND p.tablename = c.relname AND p.policyname = 'tenant_isolation'))`,
    );
    expect(uncovered).toEqual([]);
  });

  it('gives the application a role that owns nothing and may not bypass row-level security', async () => {
    const [role] = await owner().query(
      `SELECT rolsuper, rolbypassrls, (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) AS owned
         FROM pg_roles r WHERE rolname = 'kim_app'`,
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, owned: 0 });
  });

  it("runs the gateway's connections as kim_app, seeing nothing outside a tenant", async () => {
    const ds = hub.app.get<DataSource>(DATA_SOURCE);
    expect(await ds.query(`SELECT current_user AS u`)).toEqual([{ u: 'kim_app' }]);
    expect(await count(owner(), 'persons')).toBeGreaterThan(0);
    expect(await count(ds, 'persons')).toBe(0);
  });

  it('shows a tenant only its own rows, even to a query without a tenant filter', async () => {
    const a = hub.creds.tenantId;
    for (const table of ['persons', 'cases', 'agencies', 'staff_users', 'consents', 'audit_events']) {
      expect(await count(fenced, table)).toBe(0);
      const own = Number((await owner().query(`SELECT count(*) AS n FROM ${table} WHERE tenant_id = $1`, [a]))[0].n);
      expect(await runAsTenant(a, () => count(fenced, table))).toBe(own);
      const tenants = await runAsTenant(a, () => fenced.query(`SELECT DISTINCT tenant_id FROM ${table}`));
      expect(tenants).toEqual(own > 0 ? [{ tenant_id: a }] : []);
    }
  });

  it("neither changes nor creates another tenant's rows", async () => {
    const before = await owner().query(`SELECT id, municipality FROM persons WHERE tenant_id = $1 ORDER BY id`, [
      b.tenantId,
    ]);
    const updated = await runAsTenant(hub.creds.tenantId, () =>
      fenced.query(`UPDATE persons SET municipality = 'x' WHERE tenant_id = $1`, [b.tenantId]),
    );
    expect(updated[1]).toBe(0);
    expect(
      await owner().query(`SELECT id, municipality FROM persons WHERE tenant_id = $1 ORDER BY id`, [b.tenantId]),
    ).toEqual(before);
    await expect(
      runAsTenant(hub.creds.tenantId, () =>
        fenced.query(`INSERT INTO coordination_areas (tenant_id, name, kind) VALUES ($1, 'x', 'kreis')`, [b.tenantId]),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('keeps the ledger append-only for the application by privilege', async () => {
    await runAsTenant(hub.creds.tenantId, async () => {
      await expect(fenced.query(`UPDATE audit_events SET reason = 'x'`)).rejects.toThrow(/permission denied/);
      await expect(fenced.query(`DELETE FROM audit_events`)).rejects.toThrow(/permission denied/);
    });
  });

  it('fences each checkout to the tenant of the code that took it, under concurrency', async () => {
    // Two connections, forty interleaved queries of two tenants: a connection released by one
    // tenant's query and taken by the other's must carry the taker's tenant.
    const probes = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? hub.creds.tenantId : b.tenantId));
    const seen = await Promise.all(
      probes.map((t) =>
        runAsTenant(t, async () => {
          const rows: { tenant_id: string }[] = await fenced.query(
            `SELECT DISTINCT tenant_id FROM agencies, pg_sleep(0.001)`,
          );
          return rows.map((r) => r.tenant_id);
        }),
      ),
    );
    expect(seen).toEqual(probes.map((t) => [t]));
  });

  it('cannot be switched off by a login role that is only a member of kim_app', async () => {
    await owner().query(CREATE_PROBE_ROLE);
    const client = new pg.Client({ connectionString: probeUrl(hub.db.url) });
    await client.connect();
    try {
      const n = async () => Number((await client.query(`SELECT count(*) AS n FROM persons`)).rows[0].n);
      expect(await n()).toBe(0);
      await client.query(`RESET ROLE`);
      expect(await n()).toBe(0);
      await client.query(`SET row_security = off`);
      await expect(n()).rejects.toThrow(/row-level security/);
      await client.query(`RESET row_security`);
      await expect(client.query(`ALTER TABLE persons DISABLE ROW LEVEL SECURITY`)).rejects.toThrow(/owner/);
      await expect(client.query(`SET ROLE postgres`)).rejects.toThrow(/permission denied/);
    } finally {
      await client.end();
    }
  });
});

describe('a gateway that logs in as a role that is only a member of kim_app', () => {
  let hub: TestHub;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(CREATE_PROBE_ROLE);
    } finally {
      await admin.end();
    }
    hub = await startTestHub('rls_login', { persons: 3, databaseUrlFor: probeUrl });
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('serves staff and agencies as usual', async () => {
    const cases = await hub.gql(hub.token('cm-rheine-1'), `{ cases(first: 5) { edges { node { id } } } }`);
    expect(cases.errors).toBeUndefined();
    expect(cases.data.cases.edges.length).toBeGreaterThan(0);
    const agencies = await hub.gql(hub.creds.agencies[0]!.apiKey, `{ agencies { id } }`);
    expect(agencies.errors).toBeUndefined();
    expect(agencies.data.agencies.length).toBe(hub.creds.agencies.length);
  });
});

/**
 * The login gateway and worker get under `npm start` (scripts/start-hub.mjs), as production
 * should give them (docs/privacy.md): only a member of kim_app, never the owner, with a gateway
 * that does not migrate and so never needs the owner's credentials.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@kim/config';
import { seedDemo, type DemoCredentials } from '@kim/demo-data';
import { createGateway } from '@kim/gateway';
import { ensureAppLogin } from '@kim/persistence';
import { isolatedDatabase, type TestDatabase } from '@kim/test-support/db';

describe('the applications’ own database login', () => {
  let db: TestDatabase;
  let creds: DemoCredentials;
  let gateway: NestExpressApplication | undefined;
  const role = `kim_svc_${randomBytes(4).toString('hex')}`;
  const password = () => randomBytes(18).toString('base64url');

  async function as<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  }

  beforeAll(async () => {
    db = await isolatedDatabase('app_login');
    const suffix = randomBytes(3).toString('hex');
    creds = await seedDemo(db.ds, {
      credentialPrefix: `l${suffix}`,
      tenantSlug: `kreis-${suffix}`,
      persons: 4,
      simulatorUrl: 'http://127.0.0.1:9',
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await db?.drop();
    await as(db.url.replace(/\/[^/]*$/, '/postgres'), (c) => c.query(`DROP ROLE IF EXISTS "${role}"`));
  });

  it('is a login that is only a member of kim_app: no owner, no superuser, no way around row-level security', async () => {
    const url = await ensureAppLogin(db.ds, db.url, { role, password: password() });
    expect(new URL(url).username).toBe(role);
    const facts = await as(url, async (c) => {
      const [me] = (
        await c.query(
          `SELECT current_user AS login, r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.rolcreatedb,
                  pg_has_role(current_user, 'kim_app', 'MEMBER') AS app,
                  (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()) AS owner
             FROM pg_roles r WHERE r.rolname = current_user`,
        )
      ).rows;
      const create = await c.query(`CREATE TABLE sneaky (x int)`).then(
        () => 'created',
        (e: Error) => e.message,
      );
      const becomeOwner = await c.query(`SET ROLE "${me.owner}"`).then(
        () => 'switched',
        (e: Error) => e.message,
      );
      return { ...me, create, becomeOwner };
    });
    expect(facts).toEqual({
      login: role,
      rolsuper: false,
      rolbypassrls: false,
      rolcreaterole: false,
      rolcreatedb: false,
      app: true,
      owner: expect.not.stringMatching(new RegExp(`^${role}$`)),
      create: expect.stringMatching(/permission denied/),
      becomeOwner: expect.stringMatching(/permission denied/),
    });
  });

  it('carries a gateway that neither migrates nor holds the owner, and whose connections are that login', async () => {
    const url = await ensureAppLogin(db.ds, db.url, { role, password: password() });
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: url,
      MIGRATE_ON_START: 'false',
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: `t_applogin_${randomBytes(4).toString('hex')}`,
    });
    expect(config.MIGRATION_DATABASE_URL).toBeUndefined();
    gateway = await createGateway(config, { logger: ['error'] });
    await gateway.listen(0, '127.0.0.1');
    const base = (await gateway.getUrl()).replace('[::1]', '127.0.0.1');
    const token = creds.staff.find((s) => s.key === 'coordinator-rheine')!.token;
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { displayName } cases(first: 5) { edges { node { id } } } }' }),
    });
    const body = (await res.json()) as { data?: any; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    expect(body.data.me.displayName).toBe('Koordinierende Stelle Stadt Rheine');
    expect(body.data.cases.edges.length).toBeGreaterThan(0);
    const logins: { usename: string }[] = await db.ds.query(
      `SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'kim-gateway'`,
    );
    expect(logins).toEqual([{ usename: role }]);
  });

  it('gives that login the queue schema when the queues run on PostgreSQL, rebuilding one the owner made', async () => {
    const schema = `bullmq_t${randomBytes(3).toString('hex')}`;
    await db.ds.query(`CREATE SCHEMA "${schema}"`);
    await db.ds.query(`CREATE TABLE "${schema}".leftover (x int)`);
    const url = await ensureAppLogin(db.ds, db.url, { role, password: password(), queueSchema: schema });
    const [row] = await db.ds.query(
      `SELECT pg_get_userbyid(nspowner) AS owner, to_regclass($2) IS NULL AS rebuilt,
              has_database_privilege($3, current_database(), 'CREATE') AS may_create
         FROM pg_namespace WHERE nspname = $1`,
      [schema, `"${schema}".leftover`, role],
    );
    expect(row).toEqual({ owner: role, rebuilt: true, may_create: true });
    // As the queue backend does on start: its own migrations in its own schema.
    await as(url, (c) => c.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"; CREATE TABLE "${schema}".job (id int)`));
    await db.ds.query(`DROP SCHEMA "${schema}" CASCADE`);
    const [dbName] = await db.ds.query(`SELECT current_database() AS name`);
    await db.ds.query(`REVOKE CREATE ON DATABASE "${dbName.name}" FROM "${role}"`);
  });

  it('sets a new password on every start and refuses a login that is more than kim_app', async () => {
    // The test server trusts local logins, so the stored verifier is compared instead of a refused login.
    const verifier = async () =>
      (await db.ds.query<{ rolpassword: string }[]>(`SELECT rolpassword FROM pg_authid WHERE rolname = $1`, [role]))[0]!
        .rolpassword;
    await ensureAppLogin(db.ds, db.url, { role, password: password() });
    const before = await verifier();
    const second = await ensureAppLogin(db.ds, db.url, { role, password: password() });
    expect(await verifier()).not.toBe(before);
    expect(before).toMatch(/^SCRAM-SHA-256\$|^md5/);
    expect(await as(second, async (c) => (await c.query('SELECT 1 AS ok')).rows[0].ok)).toBe(1);
    await db.ds.query(`GRANT pg_read_all_data TO "${role}"`);
    try {
      await expect(ensureAppLogin(db.ds, db.url, { role, password: password() })).rejects.toThrow(
        /member of kim_app only/,
      );
    } finally {
      await db.ds.query(`REVOKE pg_read_all_data FROM "${role}"`);
    }
  });
});

import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource } from 'typeorm';

/**
 * Tenant isolation in the database. Every table with a tenant column has a row-level security
 * policy that shows and accepts only the rows of the tenant named in the session setting
 * `kim.tenant_id`; no setting, no rows. The gateway and the worker connect as (or switch to)
 * the role `kim_app`, which owns nothing and cannot bypass the policies. The tenant travels
 * with the async context of a request or job (`runAsTenant`) and is put on the connection
 * whenever one is taken from the pool, so a query that forgets its tenant filter still sees
 * only its own tenant's rows.
 */
export const APP_ROLE = 'kim_app';

const context = new AsyncLocalStorage<string>();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Run fn with the database fenced to one tenant (for everything it awaits, too). */
export function runAsTenant<T>(tenantId: string, fn: () => T): T {
  if (!UUID.test(tenantId)) throw new Error(`not a tenant id: ${JSON.stringify(tenantId)}`);
  return context.run(tenantId.toLowerCase(), fn);
}

/** The tenant of the current request or job, if any. */
export function currentTenant(): string | undefined {
  return context.getStore();
}

/** Every tenant's id (the tenants table itself is not tenant data). */
export async function tenantIds(ds: DataSource): Promise<string[]> {
  const rows: { id: string }[] = await ds.query(`SELECT id FROM tenants ORDER BY id`);
  return rows.map((r) => r.id);
}

/** Work that spans tenants (nightly sweeps, the outbox relay, metrics): one tenant at a time. */
export async function forEachTenant<T>(ds: DataSource, fn: (tenantId: string) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (const id of await tenantIds(ds)) out.push(await runAsTenant(id, () => fn(id)));
  return out;
}

interface PgClient {
  query(sql: string, params?: unknown[]): Promise<unknown>;
  on(event: 'error', listener: (e: Error) => void): unknown;
  removeListener(event: 'error', listener: (e: Error) => void): unknown;
  /** What this connection was last set to (role and tenant), so unchanged checkouts cost nothing. */
  kimFence?: string;
}
type Release = (err?: Error | boolean) => void;
type ConnectCallback = (err: Error | undefined, client?: PgClient, release?: Release) => void;
interface PgPool {
  connect(cb: ConnectCallback): void;
  connect(): Promise<PgClient>;
  kimFenced?: boolean;
}

/**
 * Make every connection of this data source run as `role` and see only the tenant of the
 * async context it is taken in. Call after initialize(). Migrations and operator commands use
 * a data source without this (the owner's), which is not subject to the policies.
 */
export function fenceToTenant(ds: DataSource, role = APP_ROLE): void {
  const pool = (ds.driver as unknown as { master?: PgPool }).master;
  if (!pool) throw new Error('fenceToTenant: the data source is not initialised');
  if (pool.kimFenced) return;
  pool.kimFenced = true;
  const original = pool.connect.bind(pool);
  const connect = (cb: ConnectCallback): void => original(cb);
  const fence = (client: PgClient, tenant: string): Promise<unknown> | null => {
    const wanted = `${role}|${tenant}`;
    if (client.kimFence === wanted) return null;
    // Between checkout and hand-over nobody else listens for the connection dying; the
    // query's own rejection reports it, so the event needs no handling beyond being heard.
    const heard = () => undefined;
    client.on('error', heard);
    // Session-level (not LOCAL): the connection stays fenced until the next checkout re-fences it.
    return client
      .query(`SELECT set_config('role', $1, false), set_config('kim.tenant_id', $2, false)`, [role, tenant])
      .then(() => (client.kimFence = wanted))
      .finally(() => client.removeListener('error', heard));
  };
  // Taken in the caller's async context, so the tenant is the caller's, not whoever released the client.
  pool.connect = ((cb?: ConnectCallback): Promise<PgClient> | void => {
    const tenant = context.getStore() ?? '';
    const withFence = (done: ConnectCallback) =>
      connect((err, client, release) => {
        if (err || !client || !release) return done(err, client, release);
        const pending = fence(client, tenant);
        if (!pending) return done(undefined, client, release);
        pending.then(
          () => done(undefined, client, release),
          (e: Error) => {
            release(e);
            done(e);
          },
        );
      });
    if (cb) return withFence(cb);
    return new Promise<PgClient>((ok, fail) =>
      withFence((err, client) => (err || !client ? fail(err ?? new Error('no connection')) : ok(client))),
    );
  }) as PgPool['connect'];
}

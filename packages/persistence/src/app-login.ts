import type { DataSource } from 'typeorm';
import { APP_ROLE } from './tenant-context.js';

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface AppLoginOptions {
  /** The login role of gateway and worker (default kim_service). */
  role?: string;
  /** Its password, set anew on every call (the caller keeps it only in the apps' environment). */
  password: string;
  /**
   * With queues on PostgreSQL: the queue schema (bullmq_<prefix>), which the apps migrate
   * themselves, so it must belong to their login (which also gets CREATE on the database, as
   * BullMQ's migrator asks for it). A schema another role made earlier is rebuilt for it
   * (waiting jobs are lost; the outbox relay queues undelivered messages again).
   */
  queueSchema?: string;
}

/**
 * The login gateway and worker use, as docs/privacy.md asks for production: a role that is only
 * a member of kim_app, so row-level security cannot be left even by injected SQL, while the
 * owner stays with migrations and seeding. Creates the role when it is missing, sets its
 * password, and refuses a role that is anything more (superuser, BYPASSRLS, member of another
 * role). Run as the database owner after the migrations (which create kim_app). Returns the
 * applications' DATABASE_URL.
 */
export async function ensureAppLogin(owner: DataSource, ownerUrl: string, opts: AppLoginOptions): Promise<string> {
  const role = opts.role ?? 'kim_service';
  if (!ROLE_NAME.test(role)) throw new Error(`not a role name: ${role}`);
  await owner.query(
    `DO $$ BEGIN
       IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE "${role}" LOGIN; END IF;
     EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
     END $$`,
  );
  const [alter] = await owner.query<{ sql: string }[]>(
    `SELECT format('ALTER ROLE %I WITH LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE INHERIT PASSWORD %L', $1::text, $2::text) AS sql`,
    [role, opts.password],
  );
  await owner.query(alter!.sql);
  await owner.query(`GRANT "${APP_ROLE}" TO "${role}"`);
  const [membership] = await owner.query<{ roles: string[] | null }[]>(
    `SELECT array_agg(g.rolname::text ORDER BY g.rolname) AS roles
       FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member
      WHERE r.rolname = $1`,
    [role],
  );
  const roles = membership?.roles ?? [];
  if (roles.length !== 1 || roles[0] !== APP_ROLE) {
    throw new Error(`the login ${role} is a member of ${roles.join(', ')}: it must be a member of ${APP_ROLE} only`);
  }
  if (opts.queueSchema) await giveQueueSchema(owner, opts.queueSchema, role);
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = opts.password;
  return url.toString();
}

async function giveQueueSchema(owner: DataSource, schema: string, role: string): Promise<void> {
  if (!ROLE_NAME.test(schema)) throw new Error(`not a schema name: ${schema}`);
  const [current] = await owner.query<{ owner: string }[]>(
    `SELECT pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = $1`,
    [schema],
  );
  // BullMQ's migrator says CREATE SCHEMA IF NOT EXISTS, which wants CREATE on the database.
  const [grant] = await owner.query<{ sql: string }[]>(
    `SELECT format('GRANT CREATE ON DATABASE %I TO %I', current_database(), $1::text) AS sql`,
    [role],
  );
  await owner.query(grant!.sql);
  if (current?.owner === role) return;
  if (current) await owner.query(`DROP SCHEMA "${schema}" CASCADE`);
  await owner.query(`CREATE SCHEMA "${schema}" AUTHORIZATION "${role}"`);
}

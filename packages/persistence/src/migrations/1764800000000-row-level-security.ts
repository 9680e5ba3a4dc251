import type { MigrationInterface, QueryRunner } from 'typeorm';
import { BOARD_VIEW_NAMES } from './1764600000000-board.js';

/**
 * Tenant isolation enforced by PostgreSQL itself (see tenant-context.ts): the application role
 * `kim_app`, row-level security on every table with a tenant column, and the two things that
 * must look across tenants done by functions that expose no tenant data.
 */
export class RowLevelSecurity1764800000000 implements MigrationInterface {
  name = 'RowLevelSecurity1764800000000';

  async up(q: QueryRunner): Promise<void> {
    // Roles belong to the cluster, not the database: another database may have created it.
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kim_app') THEN
          CREATE ROLE kim_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    // The migrating role switches to kim_app for the application's connections.
    await q.query(`
      DO $$ BEGIN
        IF NOT pg_has_role(current_user, 'kim_app', 'MEMBER') THEN
          EXECUTE format('GRANT kim_app TO %I', current_user);
        END IF;
      END $$`);
    await q.query(`
      CREATE FUNCTION kim_current_tenant() RETURNS uuid LANGUAGE sql STABLE AS $$
        SELECT NULLIF(current_setting('kim.tenant_id', true), '')::uuid
      $$`);

    await q.query(`
      DO $$ DECLARE s text := current_schema(); BEGIN
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO kim_app', s);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO kim_app', s);
        EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO kim_app', s);
        -- Tables of later migrations get the same grants (row-level security they add themselves;
        -- a test checks that every tenant table has it).
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO kim_app', s);
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO kim_app', s);
      END $$`);
    // The ledger is append-only for the application by privilege, not only by trigger.
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM kim_app`);
    // Workers read which migrations ran (they wait for the gateway); only the owner writes them.
    await q.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON migrations FROM kim_app`);

    const tables = (await q.query(
      `SELECT c.table_name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = current_schema() AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'
        ORDER BY c.table_name`,
    )) as { table_name: string }[];
    for (const { table_name: t } of tables) {
      await q.query(`ALTER TABLE "${t}" ENABLE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY tenant_isolation ON "${t}" USING (tenant_id = kim_current_tenant()) WITH CHECK (tenant_id = kim_current_tenant())`,
      );
    }

    // Signing in: the credential names the tenant, so it is looked up before one is known.
    // Runs as the owner (SECURITY DEFINER) and returns only the principal of that one credential.
    await q.query(`
      CREATE FUNCTION kim_principal_by_token_hash(token_hash text)
      RETURNS TABLE (kind text, tenant_id uuid, id uuid, role text, display_name text, region_id uuid,
                     coordination_area_id uuid, may_override boolean, agency_kind text)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
        SELECT 'staff', s.tenant_id, s.id, s.role, s.display_name, s.region_id, s.coordination_area_id, s.may_override, NULL
          FROM staff_users s WHERE s.token_hash = $1
        UNION ALL
        SELECT 'agency', a.tenant_id, a.id, NULL, a.name, NULL, NULL, false, a.kind
          FROM agencies a WHERE a.api_key_hash = $1
        LIMIT 1
      $$`);
    await q.query(`REVOKE ALL ON FUNCTION kim_principal_by_token_hash(text) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION kim_principal_by_token_hash(text) TO kim_app`);

    // The polling feed's horizon: when the oldest open transaction began. pg_stat_activity shows
    // that only for sessions of one's own role, so it is read with the owner's rights (the owner
    // should be a superuser or hold pg_read_all_stats; see docs/privacy.md).
    await q.query(`
      CREATE FUNCTION kim_oldest_open_transaction() RETURNS timestamptz
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
        SELECT min(xact_start) FROM pg_stat_activity
         WHERE datname = current_database() AND xact_start IS NOT NULL AND pid <> pg_backend_pid()
      $$`);
    await q.query(`REVOKE ALL ON FUNCTION kim_oldest_open_transaction() FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION kim_oldest_open_transaction() TO kim_app`);

    // The coordinators' board: materialised views (no row-level security in PostgreSQL; every
    // read names its tenant) that only their owner may refresh. The worker refreshes them
    // through this function, which does exactly that and nothing else.
    await q.query(`
      CREATE FUNCTION kim_refresh_board_views() RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
      DECLARE v text;
      BEGIN
        FOREACH v IN ARRAY ARRAY[${BOARD_VIEW_NAMES.map((v) => `'${v}'`).join(', ')}] LOOP
          EXECUTE format('REFRESH MATERIALIZED VIEW CONCURRENTLY %I', v);
          EXECUTE format('ANALYZE %I', v);
        END LOOP;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION kim_refresh_board_views() FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION kim_refresh_board_views() TO kim_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION kim_refresh_board_views()`);
    await q.query(`DROP FUNCTION kim_oldest_open_transaction()`);
    await q.query(`DROP FUNCTION kim_principal_by_token_hash(text)`);
    const tables = (await q.query(
      `SELECT tablename FROM pg_policies WHERE schemaname = current_schema() AND policyname = 'tenant_isolation'`,
    )) as { tablename: string }[];
    for (const { tablename: t } of tables) {
      await q.query(`DROP POLICY tenant_isolation ON "${t}"`);
      await q.query(`ALTER TABLE "${t}" DISABLE ROW LEVEL SECURITY`);
    }
    await q.query(`
      DO $$ DECLARE s text := current_schema(); BEGIN
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I REVOKE ALL ON TABLES FROM kim_app', s);
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I REVOKE ALL ON SEQUENCES FROM kim_app', s);
        EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM kim_app', s);
        EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM kim_app', s);
        EXECUTE format('REVOKE USAGE ON SCHEMA %I FROM kim_app', s);
      END $$`);
    await q.query(`DROP FUNCTION kim_current_tenant()`);
    // The role stays: other databases of the cluster may use it.
  }
}

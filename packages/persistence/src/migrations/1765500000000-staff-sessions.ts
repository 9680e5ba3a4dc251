import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single sign-on for staff (issue 18, part 2):
 *
 * - `staff_users.oidc_issuer`/`oidc_subject`: the account at the identity provider, one staff user
 *   per pair and tenant.
 * - `sign_in_flows`: a sign-in under way (state, nonce, PKCE verifier), used once.
 * - `staff_sessions`: the sessions after sign-in, found by the hash of the cookie's session id
 *   through one function that may look across tenants (like credentials), which refuses an
 *   ended, expired or idle session and a deactivated user, and counts the session's use.
 * - Ending a session is announced on kim_principals, so every gateway drops what it keeps;
 *   deactivating a user ends their sessions.
 */
export class StaffSessions1765500000000 implements MigrationInterface {
  name = 'StaffSessions1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "staff_users" ADD "oidc_issuer" text`);
    await q.query(`ALTER TABLE "staff_users" ADD "oidc_subject" text`);
    await q.query(
      `CREATE UNIQUE INDEX "IDX_3005323c2fbbc39d761f333687" ON "staff_users" ("tenant_id", "oidc_issuer", "oidc_subject") `,
    );
    await q.query(
      `CREATE TABLE "staff_sessions" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "staff_user_id" uuid NOT NULL, "hash" text NOT NULL, "issuer" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "idle_seconds" integer NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, "end_reason" text, "user_agent" text, CONSTRAINT "PK_05d1835e772c5c9b9a8363d7d7b" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await q.query(`CREATE INDEX "IDX_8b2391e421dd9d86aa7d51f121" ON "staff_sessions" ("tenant_id", "staff_user_id") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_6495327df71aa58ea43c7bfc90" ON "staff_sessions" ("hash") `);
    await q.query(
      `ALTER TABLE "staff_sessions" ADD CONSTRAINT "FK_8b2391e421dd9d86aa7d51f121d" FOREIGN KEY ("tenant_id", "staff_user_id") REFERENCES "staff_users"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `CREATE TABLE "sign_in_flows" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "hash" text NOT NULL, "state" text NOT NULL, "nonce" text NOT NULL, "code_verifier" text NOT NULL, "return_to" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_7dc935abeb539710415e7390d8a" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_3ae8e6f29d6587d221d07c7808" ON "sign_in_flows" ("tenant_id", "hash") `);
    for (const t of ['staff_sessions', 'sign_in_flows']) {
      await q.query(`ALTER TABLE "${t}" ENABLE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY tenant_isolation ON "${t}" USING (tenant_id = kim_current_tenant()) WITH CHECK (tenant_id = kim_current_tenant())`,
      );
    }

    // An ended session reaches every gateway's principal cache at once; counting a use does not.
    await q.query(
      `CREATE TRIGGER staff_sessions_principals AFTER UPDATE OF ended_at, expires_at OR DELETE OR TRUNCATE ON "staff_sessions" FOR EACH STATEMENT EXECUTE FUNCTION kim_notify_principals()`,
    );
    // A deactivated user loses their sessions (the sign-in function refuses them as well).
    await q.query(`
      CREATE FUNCTION kim_end_sessions_of_deactivated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE staff_sessions SET ended_at = now(), end_reason = 'deactivated'
         WHERE tenant_id = NEW.tenant_id AND staff_user_id = NEW.id AND ended_at IS NULL;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER staff_users_end_sessions AFTER UPDATE OF deactivated_at ON "staff_users" FOR EACH ROW WHEN (NEW.deactivated_at IS NOT NULL AND OLD.deactivated_at IS NULL) EXECUTE FUNCTION kim_end_sessions_of_deactivated()`,
    );

    await q.query(`
      CREATE FUNCTION kim_principal_by_session_hash(session_hash text)
      RETURNS TABLE (kind text, tenant_id uuid, id uuid, role text, display_name text, region_id uuid,
                     coordination_area_id uuid, may_override boolean, agency_kind text,
                     session_id uuid, valid_until timestamptz)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path FROM CURRENT AS $$
      #variable_conflict use_column
      DECLARE s staff_sessions%ROWTYPE;
      BEGIN
        SELECT * INTO s FROM staff_sessions
         WHERE staff_sessions.hash = $1 AND ended_at IS NULL AND expires_at > now()
           AND last_seen_at + make_interval(secs => idle_seconds) > now();
        IF NOT FOUND THEN RETURN; END IF;
        -- The idle clock restarts with each use (written at most every 5 seconds, or a quarter of
        -- the idle window when that is shorter).
        IF s.last_seen_at < now() - least(interval '5 seconds', make_interval(secs => s.idle_seconds) / 4) THEN
          UPDATE staff_sessions SET last_seen_at = now()
           WHERE staff_sessions.tenant_id = s.tenant_id AND staff_sessions.id = s.id;
          s.last_seen_at := now();
        END IF;
        RETURN QUERY
          SELECT 'staff'::text, u.tenant_id, u.id, u.role, u.display_name, u.region_id, u.coordination_area_id,
                 u.may_override, NULL::text, s.id,
                 least(s.expires_at, s.last_seen_at + make_interval(secs => s.idle_seconds))
            FROM staff_users u
           WHERE u.tenant_id = s.tenant_id AND u.id = s.staff_user_id AND u.deactivated_at IS NULL;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION kim_principal_by_session_hash(text) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION kim_principal_by_session_hash(text) TO kim_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION kim_principal_by_session_hash(text)`);
    await q.query(`DROP TRIGGER staff_users_end_sessions ON "staff_users"`);
    await q.query(`DROP FUNCTION kim_end_sessions_of_deactivated()`);
    await q.query(`DROP TABLE "sign_in_flows"`);
    await q.query(`DROP TABLE "staff_sessions"`);
    await q.query(`DROP INDEX "IDX_3005323c2fbbc39d761f333687"`);
    await q.query(`ALTER TABLE "staff_users" DROP COLUMN "oidc_subject"`);
    await q.query(`ALTER TABLE "staff_users" DROP COLUMN "oidc_issuer"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

const OLD_PRINCIPAL_FUNCTION = `
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
  $$`;

/**
 * Administration without SQL (issue 18):
 *
 * - `credentials`: every staff token and agency API key as its own row (hash, a prefix to
 *   recognise it, created, last used, expiry, revoked, replaced by), so keys can be listed,
 *   expired, revoked and rotated. The first-credential columns `staff_users.token_hash` and
 *   `agencies.api_key_hash` (written by the demo seed) become optional and are mirrored into
 *   `credentials` by a trigger; sign-in reads `credentials` only.
 * - A revoked or expired credential is announced on kim_principals like a change to a staff user
 *   or agency, so every gateway drops what it keeps at once.
 * - Sign-in counts a credential's last use (at most once a minute, so a busy key does not write
 *   on every cache miss) and refuses deactivated staff users.
 * - Contact data: agencies (phone, e-mail, address, hours) and regional areas (the work contact a
 *   referral carries to reach the referring case manager).
 */
export class Administration1765400000000 implements MigrationInterface {
  name = 'Administration1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "credentials" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "staff_user_id" uuid, "agency_id" uuid, "hash" text NOT NULL, "prefix" text, "label" text, "origin" text NOT NULL DEFAULT 'issued', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "last_used_at" TIMESTAMP WITH TIME ZONE, "expires_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "replaced_by" uuid, CONSTRAINT "CHK_credentials_origin" CHECK (origin IN ('issued', 'seed')), CONSTRAINT "CHK_credentials_owner" CHECK ((staff_user_id IS NULL) <> (agency_id IS NULL)), CONSTRAINT "PK_809f9b580198639238a0a8a1358" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await q.query(`CREATE INDEX "IDX_97e28c71e75d82eb16e27c23f5" ON "credentials" ("tenant_id", "agency_id")`);
    await q.query(`CREATE INDEX "IDX_cba8e952d6c41bfda7b78e2cb0" ON "credentials" ("tenant_id", "staff_user_id")`);
    await q.query(`CREATE UNIQUE INDEX "IDX_6138b04507dd6e5df1a1c8cde0" ON "credentials" ("hash")`);
    await q.query(`ALTER TABLE "regions" ADD "contact_phone" text`);
    await q.query(`ALTER TABLE "regions" ADD "contact_email" text`);
    await q.query(`ALTER TABLE "staff_users" ADD "deactivated_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "agencies" ADD "contact_phone" text`);
    await q.query(`ALTER TABLE "agencies" ADD "contact_email" text`);
    await q.query(`ALTER TABLE "agencies" ADD "contact_address" text`);
    await q.query(`ALTER TABLE "agencies" ADD "contact_hours" text`);
    await q.query(`ALTER TABLE "staff_users" ALTER COLUMN "token_hash" DROP NOT NULL`);
    await q.query(`ALTER TABLE "agencies" ALTER COLUMN "api_key_hash" DROP NOT NULL`);
    await q.query(
      `ALTER TABLE "credentials" ADD CONSTRAINT "FK_97e28c71e75d82eb16e27c23f53" FOREIGN KEY ("tenant_id", "agency_id") REFERENCES "agencies"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "credentials" ADD CONSTRAINT "FK_cba8e952d6c41bfda7b78e2cb0d" FOREIGN KEY ("tenant_id", "staff_user_id") REFERENCES "staff_users"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(`ALTER TABLE "credentials" ENABLE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY tenant_isolation ON "credentials" USING (tenant_id = kim_current_tenant()) WITH CHECK (tenant_id = kim_current_tenant())`,
    );

    // The first credentials as they are, then kept in step by triggers.
    await q.query(`
      INSERT INTO credentials (tenant_id, staff_user_id, hash, label, origin)
      SELECT tenant_id, id, token_hash, 'first token', 'seed' FROM staff_users WHERE token_hash IS NOT NULL`);
    await q.query(`
      INSERT INTO credentials (tenant_id, agency_id, hash, label, origin)
      SELECT tenant_id, id, api_key_hash, 'first API key', 'seed' FROM agencies WHERE api_key_hash IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION kim_mirror_staff_credential() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.token_hash IS NOT DISTINCT FROM OLD.token_hash THEN RETURN NULL; END IF;
        DELETE FROM credentials WHERE tenant_id = NEW.tenant_id AND staff_user_id = NEW.id AND origin = 'seed';
        IF NEW.token_hash IS NOT NULL THEN
          INSERT INTO credentials (tenant_id, staff_user_id, hash, label, origin)
          VALUES (NEW.tenant_id, NEW.id, NEW.token_hash, 'first token', 'seed');
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION kim_mirror_agency_credential() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.api_key_hash IS NOT DISTINCT FROM OLD.api_key_hash THEN RETURN NULL; END IF;
        DELETE FROM credentials WHERE tenant_id = NEW.tenant_id AND agency_id = NEW.id AND origin = 'seed';
        IF NEW.api_key_hash IS NOT NULL THEN
          INSERT INTO credentials (tenant_id, agency_id, hash, label, origin)
          VALUES (NEW.tenant_id, NEW.id, NEW.api_key_hash, 'first API key', 'seed');
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER staff_users_credential AFTER INSERT OR UPDATE OF token_hash ON "staff_users" FOR EACH ROW EXECUTE FUNCTION kim_mirror_staff_credential()`,
    );
    await q.query(
      `CREATE TRIGGER agencies_credential AFTER INSERT OR UPDATE OF api_key_hash ON "agencies" FOR EACH ROW EXECUTE FUNCTION kim_mirror_agency_credential()`,
    );
    // Revoking, expiring or replacing a credential reaches every gateway's principal cache.
    // last_used_at is left out: counting a use must not empty the caches.
    await q.query(
      `CREATE TRIGGER credentials_principals AFTER UPDATE OF hash, revoked_at, expires_at OR DELETE OR TRUNCATE ON "credentials" FOR EACH STATEMENT EXECUTE FUNCTION kim_notify_principals()`,
    );

    await q.query(`DROP FUNCTION kim_principal_by_token_hash(text)`);
    await q.query(`
      CREATE FUNCTION kim_principal_by_token_hash(token_hash text)
      RETURNS TABLE (kind text, tenant_id uuid, id uuid, role text, display_name text, region_id uuid,
                     coordination_area_id uuid, may_override boolean, agency_kind text,
                     credential_id uuid, credential_expires_at timestamptz)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path FROM CURRENT AS $$
      #variable_conflict use_column
      DECLARE c credentials%ROWTYPE;
      BEGIN
        SELECT * INTO c FROM credentials
         WHERE credentials.hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now());
        IF NOT FOUND THEN RETURN; END IF;
        IF c.last_used_at IS NULL OR c.last_used_at < now() - interval '1 minute' THEN
          UPDATE credentials SET last_used_at = now() WHERE credentials.tenant_id = c.tenant_id AND credentials.id = c.id;
        END IF;
        IF c.staff_user_id IS NOT NULL THEN
          RETURN QUERY
            SELECT 'staff'::text, s.tenant_id, s.id, s.role, s.display_name, s.region_id, s.coordination_area_id,
                   s.may_override, NULL::text, c.id, c.expires_at
              FROM staff_users s
             WHERE s.tenant_id = c.tenant_id AND s.id = c.staff_user_id AND s.deactivated_at IS NULL;
        ELSE
          RETURN QUERY
            SELECT 'agency'::text, a.tenant_id, a.id, NULL::text, a.name, NULL::uuid, NULL::uuid, false, a.kind,
                   c.id, c.expires_at
              FROM agencies a WHERE a.tenant_id = c.tenant_id AND a.id = c.agency_id;
        END IF;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION kim_principal_by_token_hash(text) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION kim_principal_by_token_hash(text) TO kim_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION kim_principal_by_token_hash(text)`);
    await q.query(OLD_PRINCIPAL_FUNCTION);
    await q.query(`REVOKE ALL ON FUNCTION kim_principal_by_token_hash(text) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION kim_principal_by_token_hash(text) TO kim_app`);
    await q.query(`DROP TRIGGER credentials_principals ON "credentials"`);
    await q.query(`DROP TRIGGER agencies_credential ON "agencies"`);
    await q.query(`DROP TRIGGER staff_users_credential ON "staff_users"`);
    await q.query(`DROP FUNCTION kim_mirror_agency_credential()`);
    await q.query(`DROP FUNCTION kim_mirror_staff_credential()`);
    await q.query(`DROP TABLE "credentials"`);
    // Staff and agencies made by the administration have no first-credential column: they go.
    await q.query(`DELETE FROM "services" WHERE agency_id IN (SELECT id FROM agencies WHERE api_key_hash IS NULL)`);
    await q.query(`DELETE FROM "agencies" WHERE api_key_hash IS NULL`);
    await q.query(`DELETE FROM "staff_users" WHERE token_hash IS NULL`);
    await q.query(`ALTER TABLE "agencies" ALTER COLUMN "api_key_hash" SET NOT NULL`);
    await q.query(`ALTER TABLE "staff_users" ALTER COLUMN "token_hash" SET NOT NULL`);
    await q.query(`ALTER TABLE "agencies" DROP COLUMN "contact_hours"`);
    await q.query(`ALTER TABLE "agencies" DROP COLUMN "contact_address"`);
    await q.query(`ALTER TABLE "agencies" DROP COLUMN "contact_email"`);
    await q.query(`ALTER TABLE "agencies" DROP COLUMN "contact_phone"`);
    await q.query(`ALTER TABLE "staff_users" DROP COLUMN "deactivated_at"`);
    await q.query(`ALTER TABLE "regions" DROP COLUMN "contact_email"`);
    await q.query(`ALTER TABLE "regions" DROP COLUMN "contact_phone"`);
  }
}

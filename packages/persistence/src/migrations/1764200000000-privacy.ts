import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Privacy by design: consent kinds, grantors and provisions; statutory legal bases; the
 * do-not-contact flag; consent-revoked notices in the outbox; and an append-only,
 * hash-chained audit ledger.
 */
export class Privacy1764200000000 implements MigrationInterface {
  name = 'Privacy1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "legal_bases" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_agency_id" uuid NOT NULL, "person_id" uuid, "purposes" text array NOT NULL, "categories" text array NOT NULL, "citation" text NOT NULL, "valid_from" date NOT NULL, "valid_until" date, "recorded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ed46b3af41194c040b01a09af04" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_f7b6303f9c717403fbf7c1d3c4" ON "legal_bases" ("tenant_id", "recipient_agency_id")`,
    );
    await q.query(`ALTER TABLE "persons" ADD "do_not_contact" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "persons" ADD "erased_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "consents" ADD "kind" text NOT NULL DEFAULT 'disclosure'`);
    await q.query(`ALTER TABLE "consents" ADD "grantor" jsonb`);
    await q.query(`ALTER TABLE "consents" ADD "provisions" jsonb`);
    await q.query(`ALTER TABLE "consents" ADD "expired_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "outbox_messages" ADD "consent_id" uuid`);
    await q.query(`ALTER TABLE "outbox_messages" ALTER COLUMN "referral_id" DROP NOT NULL`);
    await q.query(`ALTER TABLE "audit_events" ADD "seq" bigint`);
    await q.query(`ALTER TABLE "audit_events" ADD "prev_hash" text`);
    await q.query(`ALTER TABLE "audit_events" ADD "hash" text`);
    await q.query(`ALTER TABLE "audit_events" ADD "person_id" uuid`);
    await q.query(`ALTER TABLE "audit_events" ADD "agency_id" uuid`);
    await q.query(`CREATE INDEX "IDX_04c0e4ab6ec3fb06639d7c900e" ON "audit_events" ("tenant_id", "person_id", "at")`);
    await q.query(`CREATE UNIQUE INDEX "IDX_a5de65da7e9cefefeac0b89c2b" ON "audit_events" ("tenant_id", "seq")`);
    await q.query(
      `ALTER TABLE "legal_bases" ADD CONSTRAINT "FK_acf239d173d027ca6249daccd9e" FOREIGN KEY ("tenant_id", "recorded_by") REFERENCES "staff_users"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "legal_bases" ADD CONSTRAINT "FK_527f3bd153d655ad84a491235fc" FOREIGN KEY ("tenant_id", "person_id") REFERENCES "persons"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "legal_bases" ADD CONSTRAINT "FK_f7b6303f9c717403fbf7c1d3c46" FOREIGN KEY ("tenant_id", "recipient_agency_id") REFERENCES "agencies"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );

    // The canonical text of an audit row: what its hash covers. Kept in one function so the
    // trigger and the verifier cannot drift apart.
    await q.query(`
      CREATE FUNCTION audit_event_digest(prev text, e audit_events) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT encode(sha256(convert_to(concat_ws('|',
          coalesce(prev, ''), e.seq::text, e.tenant_id::text, e.id::text,
          to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
          e.actor_kind, coalesce(e.actor_id::text, ''), e.action, e.subject_type, e.subject_id::text,
          array_to_string(e.categories, ','), coalesce(e.basis, ''), e.allowed::text, coalesce(e.reason, ''),
          coalesce(e.person_id::text, ''), coalesce(e.agency_id::text, '')), 'UTF8')), 'hex')
      $$`);
    // Chain per tenant: the lock orders concurrent writers of one tenant; tenants do not wait on each other.
    await q.query(`
      CREATE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE last_seq bigint; last_hash text;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('kim-audit:' || NEW.tenant_id::text, 0));
        SELECT seq, hash INTO last_seq, last_hash FROM audit_events
         WHERE tenant_id = NEW.tenant_id ORDER BY seq DESC LIMIT 1;
        NEW.seq := coalesce(last_seq, 0) + 1;
        NEW.prev_hash := coalesce(last_hash, '');
        NEW.hash := audit_event_digest(NEW.prev_hash, NEW);
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_chain()`,
    );
    await q.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`,
    );
    await q.query(
      `CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_events_no_truncate ON audit_events`);
    await q.query(`DROP TRIGGER audit_events_no_update ON audit_events`);
    await q.query(`DROP TRIGGER audit_events_chain ON audit_events`);
    await q.query(`DROP FUNCTION audit_events_append_only()`);
    await q.query(`DROP FUNCTION audit_events_chain()`);
    await q.query(`DROP FUNCTION audit_event_digest(text, audit_events)`);
    await q.query(`DROP TABLE "legal_bases"`);
    await q.query(`ALTER TABLE "outbox_messages" ALTER COLUMN "referral_id" SET NOT NULL`);
    for (const [table, column] of [
      ['persons', 'do_not_contact'],
      ['persons', 'erased_at'],
      ['consents', 'kind'],
      ['consents', 'grantor'],
      ['consents', 'provisions'],
      ['consents', 'expired_at'],
      ['outbox_messages', 'consent_id'],
      ['audit_events', 'seq'],
      ['audit_events', 'prev_hash'],
      ['audit_events', 'hash'],
      ['audit_events', 'person_id'],
      ['audit_events', 'agency_id'],
    ]) {
      await q.query(`ALTER TABLE "${table}" DROP COLUMN "${column}"`);
    }
  }
}

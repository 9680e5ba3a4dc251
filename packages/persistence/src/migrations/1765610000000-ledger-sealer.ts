import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger's chain sealed after the fact, in order (issue 20): an append no longer takes the
 * tenant's chain lock and holds it until its transaction commits (which queued every writer of a
 * tenant behind the one before it, a commit at a time). Instead:
 *
 * - an INSERT gets its `seq` from one sequence (insertion order, no lock, gaps where a
 *   transaction rolled back) and no place in the chain: `link`, `prev_hash` and `hash` are
 *   NULL (the trigger sets them so, whatever the INSERT says);
 * - `kim_audit_seal(tenant)` chains the committed unsealed rows of a tenant in `seq` order, under
 *   the tenant's lock, in a short transaction of its own: each row gets `link` (its position
 *   in the chain, 1, 2, … without gaps), its predecessor's hash and its own;
 * - the only UPDATE the ledger accepts is that sealing of an unsealed row with nothing else
 *   changed, and the trigger computes the chain itself (whoever runs the UPDATE cannot forge it);
 *   every other UPDATE, DELETE and TRUNCATE is refused as before.
 *
 * Rows written before this migration were chained with `seq` as their position: their `link` is
 * their `seq`, and the digest covers `link` (and `seq` too where the two differ), so their
 * hashes still hold.
 */
export class LedgerSealer1765610000000 implements MigrationInterface {
  name = 'LedgerSealer1765610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE audit_events_seq`);
    await q.query(`SELECT setval('audit_events_seq', coalesce((SELECT max(seq) FROM audit_events), 0) + 1, false)`);
    await q.query(`GRANT USAGE, SELECT ON SEQUENCE audit_events_seq TO kim_app`);
    await q.query(`ALTER TABLE "audit_events" ADD "link" bigint`);
    await q.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`);
    await q.query(`UPDATE audit_events SET link = seq`);
    await q.query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`);
    await q.query(`CREATE UNIQUE INDEX "IDX_audit_events_link" ON "audit_events" ("tenant_id", "link")`);
    await q.query(
      `CREATE INDEX "IDX_audit_events_unsealed" ON "audit_events" ("tenant_id", "seq") WHERE "hash" IS NULL`,
    );

    // The canonical text of a row: as before with the chain position (link) where seq was.
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_event_digest(prev text, e audit_events) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT encode(sha256(convert_to(concat_ws('|',
          coalesce(prev, ''),
          CASE WHEN e.seq IS NOT DISTINCT FROM e.link THEN e.link::text ELSE e.link::text || '/' || e.seq::text END,
          e.tenant_id::text, e.id::text,
          to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
          e.actor_kind, coalesce(e.actor_id::text, ''), e.action, e.subject_type, e.subject_id::text,
          array_to_string(e.categories, ','), coalesce(e.basis, ''), e.allowed::text, coalesce(e.reason, ''),
          coalesce(e.person_id::text, ''), coalesce(e.agency_id::text, '')), 'UTF8')), 'hex')
      $$`);

    // An append takes a number and no lock; the chain is the sealer's.
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.seq := nextval('audit_events_seq');
        NEW.link := NULL;
        NEW.prev_hash := NULL;
        NEW.hash := NULL;
        RETURN NEW;
      END $$`);

    // Sealing is the one UPDATE there is: an unsealed row gets its place in the chain, computed
    // here under the tenant's lock; any other change is refused.
    await q.query(`
      CREATE FUNCTION audit_events_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE same audit_events; last_link bigint; last_hash text;
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND OLD.link IS NULL AND NEW.hash IS NOT NULL THEN
          same := NEW;
          same.link := NULL;
          same.prev_hash := OLD.prev_hash;
          same.hash := NULL;
          IF ROW(same.*) IS NOT DISTINCT FROM ROW(OLD.*) THEN
            PERFORM pg_advisory_xact_lock(hashtextextended('kim-audit:' || NEW.tenant_id::text, 0));
            SELECT link, hash INTO last_link, last_hash FROM audit_events
             WHERE tenant_id = NEW.tenant_id AND link IS NOT NULL ORDER BY link DESC LIMIT 1;
            NEW.link := coalesce(last_link, 0) + 1;
            NEW.prev_hash := coalesce(last_hash, '');
            NEW.hash := audit_event_digest(NEW.prev_hash, NEW);
            RETURN NEW;
          END IF;
        END IF;
        RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`DROP TRIGGER audit_events_no_update ON audit_events`);
    await q.query(
      `CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_guard()`,
    );

    // The sealer: a tenant's committed unsealed rows, in seq order, at most max_rows of them
    // (returns how many it sealed; the caller goes again while it sealed max_rows). NULL seals
    // every tenant with unsealed rows (the sweep). Sealing discloses nothing: kim_app may call it.
    await q.query(`
      CREATE FUNCTION kim_audit_seal(tenant uuid, max_rows int DEFAULT 5000) RETURNS int
      LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
      DECLARE t uuid; r record; n int := 0;
      BEGIN
        FOR t IN SELECT DISTINCT tenant_id FROM audit_events
                  WHERE hash IS NULL AND (tenant IS NULL OR tenant_id = tenant) ORDER BY tenant_id LOOP
          PERFORM pg_advisory_xact_lock(hashtextextended('kim-audit:' || t::text, 0));
          FOR r IN SELECT id FROM audit_events WHERE tenant_id = t AND hash IS NULL ORDER BY seq LIMIT max_rows - n LOOP
            UPDATE audit_events SET hash = 'sealed' WHERE tenant_id = t AND id = r.id AND hash IS NULL;
            n := n + 1;
          END LOOP;
          EXIT WHEN n >= max_rows;
        END LOOP;
        RETURN n;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION kim_audit_seal(uuid, int) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION kim_audit_seal(uuid, int) TO kim_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION kim_audit_seal(uuid, int)`);
    await q.query(`DROP TRIGGER audit_events_no_update ON audit_events`);
    await q.query(
      `CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`,
    );
    await q.query(`DROP FUNCTION audit_events_guard()`);
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
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
    await q.query(`DROP INDEX "IDX_audit_events_unsealed"`);
    await q.query(`DROP INDEX "IDX_audit_events_link"`);
    // The digest's text without the column; rows sealed by the sealer no longer verify after this.
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_event_digest(prev text, e audit_events) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT encode(sha256(convert_to(concat_ws('|',
          coalesce(prev, ''), e.seq::text, e.tenant_id::text, e.id::text,
          to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
          e.actor_kind, coalesce(e.actor_id::text, ''), e.action, e.subject_type, e.subject_id::text,
          array_to_string(e.categories, ','), coalesce(e.basis, ''), e.allowed::text, coalesce(e.reason, ''),
          coalesce(e.person_id::text, ''), coalesce(e.agency_id::text, '')), 'UTF8')), 'hex')
      $$`);
    await q.query(`ALTER TABLE "audit_events" DROP COLUMN "link"`);
    await q.query(`DROP SEQUENCE audit_events_seq`);
  }
}

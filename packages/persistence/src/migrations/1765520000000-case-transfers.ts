import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Moving a case to another Kreis (issue 19 item 5): the one platform channel between tenants.
 * See docs/privacy.md, "Moving a case to another Kreis", for the argument; in short:
 *
 * - `case_transfers` is the offer. Its tenant is the sender (ordinary tenant_isolation); a second
 *   policy lets the receiving tenant READ rows addressed to it, and the row carries nothing
 *   personal (sending Kreis, categories, dates, status, a decline reason).
 * - `case_transfer_sources` is the sender's own side (case, person, consent, the package of
 *   consented data): ordinary tenant isolation, never readable by the receiver.
 * - The application may insert an offer and read; it may not UPDATE or DELETE one. Every change
 *   of state is one of the SECURITY DEFINER functions below, each of which checks that the caller's
 *   tenant is the party allowed to make it, changes only that one offer, and writes the other
 *   party's ledger entry. Only kim_transfer_accept hands personal data across, and only the
 *   package built under the consent, after checking that the consent is still in force.
 * - Consents may name a receiving tenant instead of an agency, with the single purpose 'transfer'.
 */
export class CaseTransfers1765520000000 implements MigrationInterface {
  name = 'CaseTransfers1765520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tenants" ADD "accepts_transfers" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "cases" ADD "closing_reason" text`);

    // A consent names an agency or (for a transfer) a receiving tenant, never both.
    await q.query(`ALTER TABLE "consents" ADD "recipient_tenant_id" uuid`);
    await q.query(`ALTER TABLE "consents" ALTER COLUMN "recipient_agency_id" DROP NOT NULL`);
    await q.query(
      `ALTER TABLE "consents" ADD CONSTRAINT "CHK_consents_one_recipient" CHECK ((recipient_agency_id IS NULL) <> (recipient_tenant_id IS NULL))`,
    );
    await q.query(
      `ALTER TABLE "consents" ADD CONSTRAINT "CHK_consents_transfer" CHECK (recipient_tenant_id IS NULL OR (purposes = ARRAY['transfer']::text[] AND kind = 'disclosure' AND recipient_tenant_id <> tenant_id))`,
    );
    await q.query(
      `ALTER TABLE "consents" ADD CONSTRAINT "FK_cb5f2ba53bd0909b49becdfd900" FOREIGN KEY ("recipient_tenant_id") REFERENCES "tenants"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );

    await q.query(
      `CREATE TABLE "case_transfers" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "to_tenant_id" uuid NOT NULL, "categories" text array NOT NULL, "status" text NOT NULL DEFAULT 'offered', "offered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_at" TIMESTAMP WITH TIME ZONE, "decline_reason" text, CONSTRAINT "CHK_case_transfers_reason" CHECK ((status = 'declined') = (decline_reason IS NOT NULL) AND char_length(decline_reason) <= 500), CONSTRAINT "CHK_case_transfers_decided" CHECK ((status = 'offered') = (decided_at IS NULL)), CONSTRAINT "CHK_case_transfers_other_tenant" CHECK (to_tenant_id <> tenant_id), CONSTRAINT "CHK_case_transfers_status" CHECK (status IN ('offered', 'withdrawn', 'declined', 'accepted')), CONSTRAINT "PK_149fc1c136c2d1f7aea88305dcd" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await q.query(
      `ALTER TABLE "case_transfers" ADD CONSTRAINT "FK_00a6f50a4a00d64538c9f62fbef" FOREIGN KEY ("to_tenant_id") REFERENCES "tenants"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "case_transfers" ADD CONSTRAINT "FK_e09d7214cdc69046a173de1c094" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `CREATE TABLE "case_transfer_sources" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "person_id" uuid NOT NULL, "consent_id" uuid NOT NULL, "offered_by" uuid NOT NULL, "package" jsonb, "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_3326a604a72a80ea2101b7935ff" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await q.query(`CREATE INDEX "IDX_0bc02d35ea938394b85c121be9" ON "case_transfer_sources" ("tenant_id", "case_id")`);
    for (const [name, cols, ref] of [
      ['FK_cc00519008b6ceb6aa4321ee7a7', '"tenant_id", "offered_by"', 'staff_users'],
      ['FK_1a8113723cae54f9d5c7f90305c', '"tenant_id", "consent_id"', 'consents'],
      ['FK_4ea5cc03c1ffa2745a7f5faeda9', '"tenant_id", "person_id"', 'persons'],
      ['FK_0bc02d35ea938394b85c121be99', '"tenant_id", "case_id"', 'cases'],
      ['FK_3326a604a72a80ea2101b7935ff', '"tenant_id", "id"', 'case_transfers'],
    ] as const) {
      await q.query(
        `ALTER TABLE "case_transfer_sources" ADD CONSTRAINT "${name}" FOREIGN KEY (${cols}) REFERENCES "${ref}"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
      );
    }

    // Row-level security. The sender's rows as every tenant table...
    for (const t of ['case_transfers', 'case_transfer_sources']) {
      await q.query(`ALTER TABLE "${t}" ENABLE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY tenant_isolation ON "${t}" USING (tenant_id = kim_current_tenant()) WITH CHECK (tenant_id = kim_current_tenant())`,
      );
    }
    // ...and the receiver may read (only read) the offers addressed to it. Policies are permissive:
    // a row is visible when either holds. case_transfer_sources has no such policy.
    await q.query(
      `CREATE POLICY transfer_receiver_reads ON "case_transfers" FOR SELECT USING (to_tenant_id = kim_current_tenant())`,
    );
    // New offers yes (as 'offered', under tenant_isolation's check); changes only through the functions.
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "case_transfers" FROM kim_app`);
    await q.query(
      `CREATE POLICY transfer_offers_start_open ON "case_transfers" AS RESTRICTIVE FOR INSERT WITH CHECK (status = 'offered' AND decided_at IS NULL AND decline_reason IS NULL)`,
    );

    // The other party's ledger entry of a step: a chained audit row in that tenant's ledger,
    // with the platform as actor and nothing personal (the offer's id and categories).
    await q.query(`
      CREATE FUNCTION kim_transfer_tell(t case_transfers, ledger_tenant uuid, what text, why text)
      RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        INSERT INTO audit_events (tenant_id, actor_kind, actor_id, action, subject_type, subject_id, categories,
                                  basis, allowed, reason, person_id, agency_id)
        VALUES (ledger_tenant, 'platform', NULL, what, 'case-transfer', t.id, t.categories,
                NULL, true, why, NULL, NULL)
      $$`);
    await q.query(`REVOKE ALL ON FUNCTION kim_transfer_tell(case_transfers, uuid, text, text) FROM PUBLIC`);

    // Steps either party may report to the other's ledger (the others are written by the functions below).
    await q.query(`
      CREATE FUNCTION kim_transfer_note(transfer uuid, what text) RETURNS boolean
      LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
      DECLARE t case_transfers; me uuid := kim_current_tenant();
      BEGIN
        IF what NOT IN ('transfer.offered', 'transfer.viewed', 'transfer.copied', 'transfer.closed') THEN
          RAISE EXCEPTION 'kim_transfer_note: % is not a step of a transfer', what USING ERRCODE = 'invalid_parameter_value';
        END IF;
        SELECT * INTO t FROM case_transfers WHERE id = transfer AND (tenant_id = me OR to_tenant_id = me);
        IF NOT FOUND THEN RETURN false; END IF;
        PERFORM kim_transfer_tell(t, CASE WHEN t.tenant_id = me THEN t.to_tenant_id ELSE t.tenant_id END, what,
                                  'reported by the other Kreis of the transfer');
        RETURN true;
      END $$`);

    // The sender withdraws an open offer.
    await q.query(`
      CREATE FUNCTION kim_transfer_withdraw(transfer uuid, why text) RETURNS boolean
      LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
      DECLARE t case_transfers;
      BEGIN
        UPDATE case_transfers SET status = 'withdrawn', decided_at = now()
         WHERE id = transfer AND tenant_id = kim_current_tenant() AND status = 'offered'
        RETURNING * INTO t;
        IF NOT FOUND THEN RETURN false; END IF;
        UPDATE case_transfer_sources SET package = NULL WHERE tenant_id = t.tenant_id AND id = t.id;
        PERFORM kim_transfer_tell(t, t.to_tenant_id, 'transfer.withdrawn', why);
        RETURN true;
      END $$`);

    // The receiver declines an open offer, with a reason the sender reads.
    await q.query(`
      CREATE FUNCTION kim_transfer_decline(transfer uuid, reason text) RETURNS boolean
      LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
      DECLARE t case_transfers;
      BEGIN
        UPDATE case_transfers SET status = 'declined', decided_at = now(), decline_reason = reason
         WHERE id = transfer AND to_tenant_id = kim_current_tenant() AND status = 'offered'
        RETURNING * INTO t;
        IF NOT FOUND THEN RETURN false; END IF;
        UPDATE case_transfer_sources SET package = NULL WHERE tenant_id = t.tenant_id AND id = t.id;
        PERFORM kim_transfer_tell(t, t.tenant_id, 'transfer.declined', reason);
        RETURN true;
      END $$`);

    // The receiver accepts an open offer and receives the package, once: only while the
    // person's consent naming this tenant for 'transfer' and every offered category is in force
    // (the same rule as consentInForceSql in repositories/fragments.ts, on the Berlin calendar day).
    // An offer whose consent has ended is withdrawn instead, and nothing is handed over.
    await q.query(`
      CREATE FUNCTION kim_transfer_accept(transfer uuid)
      RETURNS TABLE (outcome text, package jsonb)
      LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
      DECLARE t case_transfers; s case_transfer_sources; today date := (now() AT TIME ZONE 'Europe/Berlin')::date;
      BEGIN
        SELECT * INTO t FROM case_transfers
         WHERE id = transfer AND to_tenant_id = kim_current_tenant() AND status = 'offered' FOR UPDATE;
        IF NOT FOUND THEN RETURN QUERY SELECT 'not-open'::text, NULL::jsonb; RETURN; END IF;
        SELECT * INTO s FROM case_transfer_sources WHERE tenant_id = t.tenant_id AND id = t.id FOR UPDATE;
        IF NOT EXISTS (
          SELECT 1 FROM consents k
           WHERE k.tenant_id = s.tenant_id AND k.id = s.consent_id AND k.person_id = s.person_id
             AND k.recipient_tenant_id = t.to_tenant_id AND 'transfer' = ANY(k.purposes)
             AND k.categories @> t.categories
             AND (k.revoked_at IS NULL OR k.revoked_at > now())
             AND k.valid_from <= today AND k.valid_until >= today
        ) THEN
          UPDATE case_transfers SET status = 'withdrawn', decided_at = now() WHERE tenant_id = t.tenant_id AND id = t.id;
          UPDATE case_transfer_sources SET package = NULL WHERE tenant_id = s.tenant_id AND id = s.id;
          PERFORM kim_transfer_tell(t, t.tenant_id, 'transfer.withdrawn', 'consent no longer in force when accepting');
          RETURN QUERY SELECT 'consent-ended'::text, NULL::jsonb; RETURN;
        END IF;
        UPDATE case_transfers SET status = 'accepted', decided_at = now() WHERE tenant_id = t.tenant_id AND id = t.id;
        UPDATE case_transfer_sources SET package = NULL WHERE tenant_id = s.tenant_id AND id = s.id;
        PERFORM kim_transfer_tell(t, t.tenant_id, 'transfer.accepted', NULL);
        RETURN QUERY SELECT 'accepted'::text, s.package;
      END $$`);

    for (const fn of [
      'kim_transfer_note(uuid, text)',
      'kim_transfer_withdraw(uuid, text)',
      'kim_transfer_decline(uuid, text)',
      'kim_transfer_accept(uuid)',
    ]) {
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${fn} TO kim_app`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const fn of [
      'kim_transfer_accept(uuid)',
      'kim_transfer_decline(uuid, text)',
      'kim_transfer_withdraw(uuid, text)',
      'kim_transfer_note(uuid, text)',
      'kim_transfer_tell(case_transfers, uuid, text, text)',
    ])
      await q.query(`DROP FUNCTION ${fn}`);
    await q.query(`DROP TABLE "case_transfer_sources"`);
    await q.query(`DROP TABLE "case_transfers"`);
    await q.query(`ALTER TABLE "consents" DROP CONSTRAINT "FK_cb5f2ba53bd0909b49becdfd900"`);
    await q.query(`ALTER TABLE "consents" DROP CONSTRAINT "CHK_consents_transfer"`);
    await q.query(`ALTER TABLE "consents" DROP CONSTRAINT "CHK_consents_one_recipient"`);
    await q.query(`DELETE FROM "consents" WHERE recipient_agency_id IS NULL`);
    await q.query(`ALTER TABLE "consents" ALTER COLUMN "recipient_agency_id" SET NOT NULL`);
    await q.query(`ALTER TABLE "consents" DROP COLUMN "recipient_tenant_id"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "closing_reason"`);
    await q.query(`ALTER TABLE "tenants" DROP COLUMN "accepts_transfers"`);
  }
}

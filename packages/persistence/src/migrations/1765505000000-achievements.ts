import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Integration achievements (issue 19): one row per achievement of a person, recorded on a case,
 * fenced by row-level security like every person table. Facts are never overwritten: a
 * correction is a new row (corrects_id), and the trigger lets an old row change only once, to
 * say which row superseded it and when.
 */
export class Achievements1765505000000 implements MigrationInterface {
  name = 'Achievements1765505000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "achievements" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "person_id" uuid NOT NULL, "kind" text NOT NULL, "achieved_on" date NOT NULL, "ended_on" date, "details" jsonb NOT NULL, "source" text NOT NULL, "agency_id" uuid, "referral_id" uuid, "inbound_event_id" text, "evidence_kind" text NOT NULL, "evidence_reference" text NOT NULL, "evidence_seen_on" date NOT NULL, "recorded_by_kind" text NOT NULL, "recorded_by_id" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "corrects_id" uuid, "correction_reason" text, "superseded_at" TIMESTAMP WITH TIME ZONE, "superseded_by_id" uuid, CONSTRAINT "CHK_achievements_source" CHECK ((source = 'agency' AND agency_id IS NOT NULL) OR (source = 'case-manager' AND agency_id IS NULL)), CONSTRAINT "CHK_achievements_correction" CHECK ((corrects_id IS NULL) = (correction_reason IS NULL)), CONSTRAINT "CHK_achievements_ended" CHECK (ended_on IS NULL OR ended_on >= achieved_on), CONSTRAINT "PK_cc27f52ec2a02e1eadb1a7db05c" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_43a490469001fdac6493deb965" ON "achievements" ("tenant_id", "agency_id", "inbound_event_id") WHERE inbound_event_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX "IDX_b3fc16b9f2b1bc837a05381472" ON "achievements" ("tenant_id", "person_id")`);
    await q.query(`CREATE INDEX "IDX_5f196e44081c010ad03583a4be" ON "achievements" ("tenant_id", "case_id")`);
    await q.query(
      `ALTER TABLE "achievements" ADD CONSTRAINT "FK_b3fc16b9f2b1bc837a053814722" FOREIGN KEY ("tenant_id", "person_id") REFERENCES "persons"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "achievements" ADD CONSTRAINT "FK_5f196e44081c010ad03583a4bef" FOREIGN KEY ("tenant_id", "case_id") REFERENCES "cases"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(`ALTER TABLE "achievements" ENABLE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY tenant_isolation ON "achievements" USING (tenant_id = kim_current_tenant()) WITH CHECK (tenant_id = kim_current_tenant())`,
    );
    // Corrections are new rows: an old row may only be marked superseded, once.
    await q.query(`
      CREATE FUNCTION kim_achievement_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.superseded_at IS NOT NULL
           OR NEW.superseded_at IS NULL OR NEW.superseded_by_id IS NULL
           OR (to_jsonb(NEW) - 'superseded_at' - 'superseded_by_id') <> (to_jsonb(OLD) - 'superseded_at' - 'superseded_by_id') THEN
          RAISE EXCEPTION 'achievements are corrected by a new row, never changed in place' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER achievements_unchanged BEFORE UPDATE ON "achievements" FOR EACH ROW EXECUTE FUNCTION kim_achievement_unchanged()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER achievements_unchanged ON "achievements"`);
    await q.query(`DROP FUNCTION kim_achievement_unchanged()`);
    await q.query(`DROP TABLE "achievements"`);
  }
}

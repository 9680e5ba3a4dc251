import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Break-glass overrides: a permission per staff member and the overrides with their review. */
export class Overrides1764700000000 implements MigrationInterface {
  name = 'Overrides1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "staff_users" ADD "may_override" boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE TABLE "access_overrides" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "staff_user_id" uuid NOT NULL, "case_id" uuid NOT NULL, "reason" text NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "verdict" text, "review_note" text, "reviewed_by" uuid, "reviewed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a234caf2fa9148582fad7cce870" PRIMARY KEY ("tenant_id", "id"))`);
    await q.query(`CREATE INDEX "IDX_1c7c1d1f766b02fdd13ffae3bb" ON "access_overrides" ("tenant_id", "reviewed_at")`);
    await q.query(`CREATE INDEX "IDX_4211406b6b58f394eebeea75e9" ON "access_overrides" ("tenant_id", "case_id", "staff_user_id")`);
    await q.query(`ALTER TABLE "access_overrides" ADD CONSTRAINT "FK_642c42091ccf118dc14365ee00e" FOREIGN KEY ("tenant_id", "reviewed_by") REFERENCES "staff_users"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "access_overrides" ADD CONSTRAINT "FK_faa7ad9d86952b8c49fe96faa66" FOREIGN KEY ("tenant_id", "case_id") REFERENCES "cases"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "access_overrides" ADD CONSTRAINT "FK_2351eeeb07fdd267c75425e92d9" FOREIGN KEY ("tenant_id", "staff_user_id") REFERENCES "staff_users"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    // An override is reviewed once; the verdict cannot be rewritten afterwards.
    await q.query(`ALTER TABLE "access_overrides" ADD CONSTRAINT "CHK_access_overrides_verdict" CHECK (verdict IS NULL OR verdict IN ('justified', 'unjustified'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "access_overrides"`);
    await q.query(`ALTER TABLE "staff_users" DROP COLUMN "may_override"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dossiers of achievements for the foreigners' or naturalisation authority (issue 19): which
 * achievements, to which agency, under which outbox message. Row-level security as every table
 * with a tenant.
 */
export class Dossiers1765510000000 implements MigrationInterface {
  name = 'Dossiers1765510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "dossiers" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "agency_id" uuid NOT NULL, "achievement_ids" uuid array NOT NULL, "note" text, "outbox_id" uuid NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3edf83006360d4ac2617ab33222" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_e06710d8708fde85be642fac5f" ON "dossiers" ("tenant_id", "outbox_id")`);
    await q.query(`CREATE INDEX "IDX_6aa2ff76959344ac1c73c55061" ON "dossiers" ("tenant_id", "case_id")`);
    await q.query(
      `ALTER TABLE "dossiers" ADD CONSTRAINT "FK_951336b0d67b0b5099bb846d7cd" FOREIGN KEY ("tenant_id", "agency_id") REFERENCES "agencies"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "dossiers" ADD CONSTRAINT "FK_6aa2ff76959344ac1c73c55061d" FOREIGN KEY ("tenant_id", "case_id") REFERENCES "cases"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(`ALTER TABLE "dossiers" ENABLE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY tenant_isolation ON "dossiers" USING (tenant_id = kim_current_tenant()) WITH CHECK (tenant_id = kim_current_tenant())`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "dossiers"`);
  }
}

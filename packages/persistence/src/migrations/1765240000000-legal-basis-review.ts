import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Legal bases are scoped to what their author supervises (one case, or the coordination area),
 * cite a norm from the maintained list, and take effect only after a second coordinator has
 * confirmed them. Bases recorded before had none of this (a tenant-wide basis with any
 * citation): they are retired as rejected, with a note, and must be recorded again.
 */
export class LegalBasisReview1765240000000 implements MigrationInterface {
  name = 'LegalBasisReview1765240000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "legal_bases" ADD "case_id" uuid`);
    await q.query(`ALTER TABLE "legal_bases" ADD "coordination_area_id" uuid`);
    await q.query(`ALTER TABLE "legal_bases" ADD "norm" text`);
    await q.query(`ALTER TABLE "legal_bases" ADD "review_status" text NOT NULL DEFAULT 'pending'`);
    await q.query(`ALTER TABLE "legal_bases" ADD "reviewed_by" uuid`);
    await q.query(`ALTER TABLE "legal_bases" ADD "reviewed_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "legal_bases" ADD "review_note" text`);
    await q.query(
      `UPDATE "legal_bases" SET "review_status" = 'rejected', "reviewed_at" = now(),
              "review_note" = 'recorded before legal bases were scoped, bound to a listed norm and confirmed by a second coordinator: record it again'`,
    );
    await q.query(
      `ALTER TABLE "legal_bases" ADD CONSTRAINT "CHK_legal_bases_confirmed" CHECK (review_status <> 'confirmed' OR ((case_id IS NULL) <> (coordination_area_id IS NULL) AND norm IS NOT NULL AND reviewed_by IS NOT NULL AND reviewed_by <> recorded_by))`,
    );
    await q.query(
      `ALTER TABLE "legal_bases" ADD CONSTRAINT "CHK_legal_bases_review_status" CHECK (review_status IN ('pending', 'confirmed', 'rejected'))`,
    );
    await q.query(
      `ALTER TABLE "legal_bases" ADD CONSTRAINT "FK_6ce39757733a401f0c87bf707f0" FOREIGN KEY ("tenant_id", "reviewed_by") REFERENCES "staff_users"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "legal_bases" ADD CONSTRAINT "FK_c60c24d0e7bd894db3efcc341a5" FOREIGN KEY ("tenant_id", "coordination_area_id") REFERENCES "coordination_areas"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "legal_bases" ADD CONSTRAINT "FK_c4f62de1b9e1592b2cbc1e5fca9" FOREIGN KEY ("tenant_id", "case_id") REFERENCES "cases"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "legal_bases" DROP CONSTRAINT "FK_c4f62de1b9e1592b2cbc1e5fca9"`);
    await q.query(`ALTER TABLE "legal_bases" DROP CONSTRAINT "FK_c60c24d0e7bd894db3efcc341a5"`);
    await q.query(`ALTER TABLE "legal_bases" DROP CONSTRAINT "FK_6ce39757733a401f0c87bf707f0"`);
    await q.query(`ALTER TABLE "legal_bases" DROP CONSTRAINT "CHK_legal_bases_review_status"`);
    await q.query(`ALTER TABLE "legal_bases" DROP CONSTRAINT "CHK_legal_bases_confirmed"`);
    for (const column of [
      'review_note',
      'reviewed_at',
      'reviewed_by',
      'review_status',
      'norm',
      'coordination_area_id',
      'case_id',
    ])
      await q.query(`ALTER TABLE "legal_bases" DROP COLUMN "${column}"`);
  }
}

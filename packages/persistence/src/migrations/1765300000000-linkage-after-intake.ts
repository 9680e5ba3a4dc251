import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity linkage moves out of the intake transaction (issue 16, item 7):
 *
 * - `person_match_requests`: the intake writes one row per new person; the worker's
 *   MatchPersonJob matches after the commit. The row makes the job reliable (a job the queue
 *   never got or lost is put back by the relay until the row is done).
 * - `person_merges.basis` says why two records are one person: `score` or `identifier` for an
 *   automatic merge, `review` for a case manager's decision. Earlier automatic merges were all
 *   made on the pair's score (the hub never merged on an identifier automatically: an intake
 *   with a known number opens the case for that person, no merge), so they become `score`.
 */
export class LinkageAfterIntake1765300000000 implements MigrationInterface {
  name = 'LinkageAfterIntake1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "person_match_requests" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "case_id" uuid NOT NULL, "trace_id" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "enqueued_at" TIMESTAMP WITH TIME ZONE, "failures" integer NOT NULL DEFAULT '0', "last_error" text, "done_at" TIMESTAMP WITH TIME ZONE, "merges" integer, "reviews" integer, CONSTRAINT "PK_2716803651a152a94f4c6f30e59" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_8e13e66642306fb19ad1e8ce56" ON "person_match_requests" ("tenant_id", "created_at") WHERE "done_at" IS NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_1e9d3bd4fc2665827505622778" ON "person_match_requests" ("tenant_id", "person_id")`,
    );
    await q.query(
      `ALTER TABLE "person_match_requests" ADD CONSTRAINT "FK_c5cd7501887e141a7d111a62501" FOREIGN KEY ("tenant_id", "case_id") REFERENCES "cases"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "person_match_requests" ADD CONSTRAINT "FK_1e9d3bd4fc26658275056227789" FOREIGN KEY ("tenant_id", "person_id") REFERENCES "persons"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(`ALTER TABLE "person_match_requests" ENABLE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY tenant_isolation ON "person_match_requests" USING (tenant_id = kim_current_tenant()) WITH CHECK (tenant_id = kim_current_tenant())`,
    );

    await q.query(`ALTER TABLE "person_merges" DROP CONSTRAINT "CHK_person_merges_basis"`);
    await q.query(`UPDATE "person_merges" SET "basis" = 'score' WHERE "basis" = 'automatic'`);
    await q.query(
      `ALTER TABLE "person_merges" ADD CONSTRAINT "CHK_person_merges_basis" CHECK (basis IN ('score', 'identifier', 'review'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "person_merges" DROP CONSTRAINT "CHK_person_merges_basis"`);
    await q.query(`UPDATE "person_merges" SET "basis" = 'automatic' WHERE "basis" IN ('score', 'identifier')`);
    await q.query(
      `ALTER TABLE "person_merges" ADD CONSTRAINT "CHK_person_merges_basis" CHECK (basis IN ('automatic', 'review'))`,
    );
    await q.query(`DROP TABLE "person_match_requests"`);
  }
}

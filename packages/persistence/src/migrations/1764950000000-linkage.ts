import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity linkage inside the hub: the review queue of candidate pairs, the merges, and the
 * pointer of a merged person to the person it was merged into.
 *
 * A merge changes one column (persons.merged_into_id) and writes a person_merges row; cases,
 * identifiers and consents stay on the person row they were recorded for. Unmerge clears the
 * pointer, which restores the earlier state exactly, and a consent never reaches a case of the
 * other person. The coordinators' flags (board_flags) count a merged person with its survivor.
 */
export class Linkage1764950000000 implements MigrationInterface {
  name = 'Linkage1764950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "persons" ADD "merged_into_id" uuid`);
    await q.query(`CREATE INDEX "IDX_3f37860e25b4b7d4761a2343be" ON "persons" ("tenant_id", "merged_into_id")`);
    await q.query(
      `ALTER TABLE "persons" ADD CONSTRAINT "FK_3f37860e25b4b7d4761a2343beb" FOREIGN KEY ("tenant_id", "merged_into_id") REFERENCES "persons"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    // A person is never merged into itself (a cycle would make the board's walk endless).
    await q.query(
      `ALTER TABLE "persons" ADD CONSTRAINT "CHK_persons_not_merged_into_self" CHECK (merged_into_id IS NULL OR merged_into_id <> id)`,
    );

    await q.query(
      `CREATE TABLE "link_reviews" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_a_id" uuid NOT NULL, "person_b_id" uuid NOT NULL, "score" double precision NOT NULL, "evidence" jsonb NOT NULL, "capped" text, "source" text NOT NULL, "status" text NOT NULL DEFAULT 'open', "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_link_reviews_status" CHECK (status IN ('open', 'same-person', 'different-persons', 'withdrawn')), CONSTRAINT "CHK_link_reviews_order" CHECK (person_a_id < person_b_id), CONSTRAINT "PK_5c956b2bed388ea1b4d65140f35" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await q.query(`CREATE INDEX "IDX_f4d90f963aead0ec3837415d03" ON "link_reviews" ("tenant_id", "status")`);
    await q.query(
      `CREATE UNIQUE INDEX "IDX_0ff626de56ee3c4b62b3421d37" ON "link_reviews" ("tenant_id", "person_a_id", "person_b_id")`,
    );
    await q.query(
      `ALTER TABLE "link_reviews" ADD CONSTRAINT "FK_5a6e145400510c180537247b8de" FOREIGN KEY ("tenant_id", "decided_by") REFERENCES "staff_users"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "link_reviews" ADD CONSTRAINT "FK_18cbe43ad5fd15d483952da5246" FOREIGN KEY ("tenant_id", "person_b_id") REFERENCES "persons"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "link_reviews" ADD CONSTRAINT "FK_2a37ebfd2af144994accffc015b" FOREIGN KEY ("tenant_id", "person_a_id") REFERENCES "persons"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );

    await q.query(
      `CREATE TABLE "person_merges" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "survivor_id" uuid NOT NULL, "merged_id" uuid NOT NULL, "basis" text NOT NULL, "score" double precision, "review_id" uuid, "reason" text NOT NULL, "merged_by" uuid, "merged_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "undone_at" TIMESTAMP WITH TIME ZONE, "undone_by" uuid, "undo_reason" text, CONSTRAINT "CHK_person_merges_basis" CHECK (basis IN ('automatic', 'review')), CONSTRAINT "PK_ed4ce5c190ec32be3ef051484c8" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await q.query(`CREATE INDEX "IDX_8c705f14b4f81c3a84408520fc" ON "person_merges" ("tenant_id", "survivor_id")`);
    await q.query(`CREATE INDEX "IDX_c6c324c89abb02cdc98f491f28" ON "person_merges" ("tenant_id", "merged_id")`);
    await q.query(
      `ALTER TABLE "person_merges" ADD CONSTRAINT "FK_53dd8680186d991a8ed44e0f272" FOREIGN KEY ("tenant_id", "review_id") REFERENCES "link_reviews"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "person_merges" ADD CONSTRAINT "FK_c2ea0f4b6189056a255239bc2fb" FOREIGN KEY ("tenant_id", "undone_by") REFERENCES "staff_users"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "person_merges" ADD CONSTRAINT "FK_782557ee3bd46efd6fcf4798c38" FOREIGN KEY ("tenant_id", "merged_by") REFERENCES "staff_users"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "person_merges" ADD CONSTRAINT "FK_c6c324c89abb02cdc98f491f28d" FOREIGN KEY ("tenant_id", "merged_id") REFERENCES "persons"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "person_merges" ADD CONSTRAINT "FK_8c705f14b4f81c3a84408520fcf" FOREIGN KEY ("tenant_id", "survivor_id") REFERENCES "persons"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );

    for (const t of ['link_reviews', 'person_merges']) {
      await q.query(`ALTER TABLE "${t}" ENABLE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY tenant_isolation ON "${t}" USING (tenant_id = kim_current_tenant()) WITH CHECK (tenant_id = kim_current_tenant())`,
      );
    }

    await q.query(`DROP MATERIALIZED VIEW board_flags`);
    await q.query(boardFlags(LINKED_PERSON_KEY));
    await q.query(`CREATE UNIQUE INDEX board_flags_key ON board_flags (tenant_id, region_id, kind, case_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP MATERIALIZED VIEW board_flags`);
    await q.query(boardFlags(RECORD_PERSON_KEY));
    await q.query(`CREATE UNIQUE INDEX board_flags_key ON board_flags (tenant_id, region_id, kind, case_id)`);
    await q.query(`DROP TABLE "person_merges"`);
    await q.query(`DROP TABLE "link_reviews"`);
    await q.query(`ALTER TABLE "persons" DROP CONSTRAINT "CHK_persons_not_merged_into_self"`);
    await q.query(`ALTER TABLE "persons" DROP CONSTRAINT "FK_3f37860e25b4b7d4761a2343beb"`);
    await q.query(`DROP INDEX "IDX_3f37860e25b4b7d4761a2343be"`);
    await q.query(`ALTER TABLE "persons" DROP COLUMN "merged_into_id"`);
  }
}

/** The rule before linkage: one person record, or records with the same name and exact birth date. */
const RECORD_PERSON_KEY = `person_key AS (
       SELECT tenant_id, id AS person_id,
              CASE WHEN birth_date_precision = 'exact' AND birth_date IS NOT NULL AND erased_at IS NULL
                   THEN min(id::text) OVER (PARTITION BY tenant_id, lower(btrim(family_name)), lower(btrim(given_names)), birth_date, birth_date_precision)
                   ELSE id::text END AS pkey
         FROM persons)`;

/**
 * With linkage: every person counts as the person it is (transitively) merged into, and those
 * surviving persons keep the simple rule above among themselves. Merges are rare and shallow,
 * so the recursive walk starts from the unmerged persons and adds a level per merge depth.
 */
export const LINKED_PERSON_KEY = `root AS (
       SELECT tenant_id, id AS person_id, id AS root_id FROM persons WHERE merged_into_id IS NULL
        UNION ALL
       SELECT p.tenant_id, p.id, r.root_id
         FROM persons p JOIN root r ON p.tenant_id = r.tenant_id AND p.merged_into_id = r.person_id),
     root_key AS (
       SELECT tenant_id, id AS root_id,
              CASE WHEN birth_date_precision = 'exact' AND birth_date IS NOT NULL AND erased_at IS NULL
                   THEN min(id::text) OVER (PARTITION BY tenant_id, lower(btrim(family_name)), lower(btrim(given_names)), birth_date, birth_date_precision)
                   ELSE id::text END AS pkey
         FROM persons WHERE merged_into_id IS NULL),
     person_key AS (
       SELECT r.tenant_id, r.person_id, k.pkey
         FROM root r JOIN root_key k ON k.tenant_id = r.tenant_id AND k.root_id = r.root_id)`;

export function boardFlags(personKey: string): string {
  const recursive = personKey === LINKED_PERSON_KEY ? 'RECURSIVE ' : '';
  return `CREATE MATERIALIZED VIEW board_flags AS
     WITH ${recursive}${personKey},
     active AS (
       SELECT f.tenant_id, k.pkey, c.id AS case_id, c.region_id, f.id AS referral_id, f.service_id, s.funding_line,
              s.integration_course, f.accepted_at, coalesce(f.started_at, f.accepted_at) AS from_at,
              coalesce(f.finished_at, 'infinity'::timestamptz) AS until_at, f.status
         FROM referrals f
         JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
         JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
         JOIN person_key k ON k.tenant_id = c.tenant_id AND k.person_id = c.person_id
        WHERE f.accepted_at IS NOT NULL AND (s.funding_line IS NOT NULL OR s.integration_course))
     SELECT DISTINCT a.tenant_id, a.region_id, a.case_id, 'double-funding'::text AS kind
       FROM active a JOIN active b ON b.tenant_id = a.tenant_id AND b.pkey = a.pkey AND b.referral_id <> a.referral_id
        AND b.service_id <> a.service_id AND b.funding_line = a.funding_line
        AND a.status NOT IN ('rejected', 'cancelled', 'entered-in-error') AND b.status NOT IN ('rejected', 'cancelled', 'entered-in-error')
        AND a.from_at < b.until_at AND b.from_at < a.until_at
     UNION
     SELECT a.tenant_id, a.region_id, a.case_id, 'duplicate-course-certificate'
       FROM active a JOIN active b ON b.tenant_id = a.tenant_id AND b.pkey = a.pkey AND b.referral_id <> a.referral_id
        AND a.integration_course AND b.integration_course
     UNION
     SELECT c.tenant_id, c.region_id, c.id, 'duplicate-open-case'
       FROM cases c JOIN person_key k ON k.tenant_id = c.tenant_id AND k.person_id = c.person_id
      WHERE c.phase <> 'closed' AND EXISTS (
        SELECT 1 FROM cases c2 JOIN person_key k2 ON k2.tenant_id = c2.tenant_id AND k2.person_id = c2.person_id
         WHERE c2.tenant_id = c.tenant_id AND k2.pkey = k.pkey AND c2.id <> c.id AND c2.phase <> 'closed')`;
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { LINKED_PERSON_KEY, boardFlags } from './1764950000000-linkage.js';

/**
 * The coordinators' flags, same rows, a plan that does not depend on statistics. The earlier
 * view found a duplicate open case with a correlated EXISTS over the person-key CTE; on tables
 * not yet analysed (a freshly loaded Kreis, the demo) the planner expected one row everywhere
 * and chose nested loops: 6 seconds of CPU for the demo's 300 persons, on every refresh. Counting
 * per person key with a window function needs no join at all, and the one self-join left
 * (double funding) runs over the few funded referrals only.
 */
export class BoardFlagsPlan1765000000000 implements MigrationInterface {
  name = 'BoardFlagsPlan1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP MATERIALIZED VIEW board_flags`);
    await q.query(`CREATE MATERIALIZED VIEW board_flags AS ${FLAGS}`);
    await q.query(`CREATE UNIQUE INDEX board_flags_key ON board_flags (tenant_id, region_id, kind, case_id)`);
    // A refresh recomputes every view from whole tables, where hash and merge joins are right.
    // The views join CTEs, whose row counts the planner can only guess; at a million cases a
    // guess of one row made the double-funding self-join a nested loop that ran for minutes.
    await q.query(`ALTER FUNCTION kim_refresh_board_views() SET enable_nestloop = off`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER FUNCTION kim_refresh_board_views() RESET enable_nestloop`);
    await q.query(`DROP MATERIALIZED VIEW board_flags`);
    await q.query(boardFlags(LINKED_PERSON_KEY));
    await q.query(`CREATE UNIQUE INDEX board_flags_key ON board_flags (tenant_id, region_id, kind, case_id)`);
  }
}

/** Each case with its person key (the person it is merged into, or its name-and-birth-date twin). */
const FLAGS = `WITH RECURSIVE ${LINKED_PERSON_KEY},
     keyed_case AS MATERIALIZED (
       SELECT c.tenant_id, c.id AS case_id, c.region_id, c.phase, k.pkey
         FROM cases c JOIN person_key k ON k.tenant_id = c.tenant_id AND k.person_id = c.person_id),
     active AS MATERIALIZED (
       SELECT f.tenant_id, kc.pkey, kc.case_id, kc.region_id, f.id AS referral_id, f.service_id, s.funding_line,
              s.integration_course, coalesce(f.started_at, f.accepted_at) AS from_at,
              coalesce(f.finished_at, 'infinity'::timestamptz) AS until_at, f.status
         FROM referrals f
         JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
         JOIN keyed_case kc ON kc.tenant_id = f.tenant_id AND kc.case_id = f.case_id
        WHERE f.accepted_at IS NOT NULL AND (s.funding_line IS NOT NULL OR s.integration_course)),
     funded AS (
       SELECT * FROM active
        WHERE funding_line IS NOT NULL AND status NOT IN ('rejected', 'cancelled', 'entered-in-error')),
     courses AS (
       SELECT tenant_id, region_id, case_id, count(*) OVER (PARTITION BY tenant_id, pkey) AS n
         FROM active WHERE integration_course),
     open_cases AS (
       SELECT tenant_id, region_id, case_id, count(*) OVER (PARTITION BY tenant_id, pkey) AS n
         FROM keyed_case WHERE phase <> 'closed')
     SELECT DISTINCT a.tenant_id, a.region_id, a.case_id, 'double-funding'::text AS kind
       FROM funded a JOIN funded b ON b.tenant_id = a.tenant_id AND b.pkey = a.pkey AND b.referral_id <> a.referral_id
        AND b.service_id <> a.service_id AND b.funding_line = a.funding_line
        AND a.from_at < b.until_at AND b.from_at < a.until_at
     UNION
     SELECT tenant_id, region_id, case_id, 'duplicate-course-certificate' FROM courses WHERE n > 1
     UNION
     SELECT tenant_id, region_id, case_id, 'duplicate-open-case' FROM open_cases WHERE n > 1`;

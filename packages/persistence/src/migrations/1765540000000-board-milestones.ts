import type { MigrationInterface, QueryRunner } from 'typeorm';
import { BOARD_VIEW_NAMES } from './1764600000000-board.js';

/** The board's views before this one; `board_as_of` stays last (the refresh's time). */
const VIEWS_BEFORE = BOARD_VIEW_NAMES.filter((v) => v !== 'board_as_of');

/**
 * Milestones on the person's path for the coordinators' board (issue 19 item 4): how many persons
 * first reached each milestone, per tenant, regional area and month (Berlin calendar; an
 * achievement's date is a calendar day already). Only these counts are read by the board; the
 * achievements themselves stay behind row-level security.
 *
 * A person counts once per milestone, in the month of their earliest achievement that reaches
 * it, in the regional area of that achievement's case: the months of a year add up to the
 * persons who reached it that year, and the areas add up to the Kreis, which is what the
 * suppression's relations rely on. Corrected (superseded) achievements do not count; erased ones
 * are gone.
 *
 * - b1: a language certificate at CEFR level B1 or above (the order of the levels, not their
 *   spelling, decides: B2, C1 and C2 are above B1);
 * - integration-course: the integration course completed;
 * - livelihood: employment that secures the livelihood (as the case manager judged it);
 * - naturalised: naturalisation (Einbürgerung).
 *
 * The statements are members of the class: the test databases' template is keyed by the
 * migrations' class text, so a change to them must be a change of the class.
 */
export class BoardMilestones1765540000000 implements MigrationInterface {
  name = 'BoardMilestones1765540000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE MATERIALIZED VIEW board_milestones AS ${BoardMilestones1765540000000.VIEW}`);
    await q.query(
      `CREATE UNIQUE INDEX board_milestones_key ON board_milestones (tenant_id, region_id, month, milestone)`,
    );
    await q.query(BoardMilestones1765540000000.refreshFunction([...VIEWS_BEFORE, 'board_milestones', 'board_as_of']));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(BoardMilestones1765540000000.refreshFunction([...BOARD_VIEW_NAMES]));
    await q.query(`DROP MATERIALIZED VIEW board_milestones`);
  }

  /** The refresh function of 1764800000000 and 1765000000000, over these views. */
  static refreshFunction = (views: readonly string[]) => `
    CREATE OR REPLACE FUNCTION kim_refresh_board_views() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT SET enable_nestloop = off AS $$
    DECLARE v text;
    BEGIN
      FOREACH v IN ARRAY ARRAY[${views.map((v) => `'${v}'`).join(', ')}] LOOP
        EXECUTE format('REFRESH MATERIALIZED VIEW CONCURRENTLY %I', v);
        EXECUTE format('ANALYZE %I', v);
      END LOOP;
    END $$`;

  // The CEFR levels in their order (contracts' CEFR_LEVELS, written out: a migration does not change).
  static readonly VIEW = `
    WITH reached AS (
      SELECT a.tenant_id, a.person_id, a.case_id, a.achieved_on, a.id,
             CASE
               WHEN a.kind = 'language-certificate'
                    AND array_position(ARRAY['A1', 'A2', 'B1', 'B2', 'C1', 'C2'], a.details->>'cefrLevel') >= 3 THEN 'b1'
               WHEN a.kind = 'integration-course' THEN 'integration-course'
               WHEN a.kind = 'employment' AND (a.details->>'securesLivelihood')::boolean THEN 'livelihood'
               WHEN a.kind = 'naturalisation' THEN 'naturalised'
             END AS milestone
        FROM achievements a
       WHERE a.superseded_at IS NULL),
    first_reached AS (
      SELECT DISTINCT ON (tenant_id, person_id, milestone) tenant_id, person_id, milestone, case_id, achieved_on
        FROM reached
       WHERE milestone IS NOT NULL
       ORDER BY tenant_id, person_id, milestone, achieved_on, id)
    SELECT f.tenant_id, c.region_id, date_trunc('month', f.achieved_on)::date AS month, f.milestone,
           count(*)::int AS persons
      FROM first_reached f
      JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
     GROUP BY f.tenant_id, c.region_id, date_trunc('month', f.achieved_on)::date, f.milestone`;
}

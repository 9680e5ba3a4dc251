import type { MigrationInterface, QueryRunner } from 'typeorm';
import { BOARD_VIEW_NAMES } from './1764600000000-board.js';
import { BoardMilestones1765540000000 } from './1765540000000-board-milestones.js';

/** The board's views of 1765540000000; `board_as_of` stays last (the refresh's time). */
const VIEWS_BEFORE = [...BOARD_VIEW_NAMES.filter((v) => v !== 'board_as_of'), 'board_milestones'];

/**
 * The board's overdue count read from a refreshed view instead of from `referrals` (issue 20):
 * counting overdue referrals straight from the table scanned every referral and joined every case
 * on each read of a board (1.6 s at 5,000,000 referrals, the board's goal is 100 ms).
 *
 * `board_deadlines` holds, per coordination area, month sent and service, how many referrals were
 * still waiting for their answer (`requested`) at the refresh, per deadline day (`respond_by`, in
 * NRW working days). Whether a deadline has passed is still decided when the board is read: the
 * read sums the rows whose day is before today (Berlin), so a deadline that passes between two
 * refreshes counts from the next day on, without a refresh. What the view cannot know is a
 * referral answered (or sent) after the refresh: like the funnel's "awaiting answer" beside it,
 * the count is that of the referrals waiting at `asOf`, which the board shows.
 *
 * One row per deadline day keeps the view small (a month of a service has at most a month or so
 * of distinct deadlines): a year of one area is a few thousand rows, whatever the caseload.
 *
 * The statements are members of the class: the test databases' template is keyed by the
 * migrations' text.
 */
export class BoardDeadlines1765700000000 implements MigrationInterface {
  name = 'BoardDeadlines1765700000000';

  static readonly VIEW = `
    SELECT f.tenant_id, r.coordination_area_id, date_trunc('month', f.requested_at AT TIME ZONE 'Europe/Berlin')::date AS month,
           f.service_id, f.respond_by, count(*)::int AS referrals
      FROM referrals f
      JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
      JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
     WHERE f.status = 'requested' AND f.requested_at IS NOT NULL AND f.respond_by IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5`;

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE MATERIALIZED VIEW board_deadlines AS ${BoardDeadlines1765700000000.VIEW}`);
    // The refresh's key (a concurrent refresh needs one) and the read's range: tenant, area, months.
    await q.query(
      `CREATE UNIQUE INDEX board_deadlines_key ON board_deadlines (tenant_id, coordination_area_id, month, service_id, respond_by)`,
    );
    await q.query(BoardMilestones1765540000000.refreshFunction([...VIEWS_BEFORE, 'board_deadlines', 'board_as_of']));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(BoardMilestones1765540000000.refreshFunction([...VIEWS_BEFORE, 'board_as_of']));
    await q.query(`DROP MATERIALIZED VIEW board_deadlines`);
  }
}

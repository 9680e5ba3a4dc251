import { rows, statement, type Db } from './statement.js';

/** Persons who first reached a milestone in a month, summed over the regional areas asked for (view board_milestones). */
export interface MilestoneMonthRow {
  month: string;
  milestone: string;
  persons: string;
}

const months = statement<MilestoneMonthRow, [string, string[], string, string]>(
  'milestones',
  'months',
  `
  SELECT to_char(month, 'YYYY-MM') AS month, milestone, sum(persons) AS persons FROM board_milestones
   WHERE tenant_id = $1 AND region_id = ANY($2::uuid[]) AND month BETWEEN $3 AND $4
   GROUP BY month, milestone ORDER BY month, milestone`,
);

/**
 * Milestones on the person's path for the board (issue 19): reads of the small aggregate view
 * only, never the achievements. The view is refreshed with the board's other views.
 */
export const milestonesRepository = {
  /** Per month and milestone of [from, to] (first days of months), over these regional areas. */
  months: (db: Db, tenantId: string, regionIds: string[], from: string, to: string) =>
    rows(db, months, [tenantId, regionIds, from, to]),
};

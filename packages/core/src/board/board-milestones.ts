// Milestones on the person's path (issue 19 item 4): per month of the board's year, how many
// persons first reached B1, completed the integration course, took up employment that secures
// their livelihood, or were naturalised; with the board's small-cell suppression.
import { monthsOf, type Period } from './period.js';
import { CellSet, type Published } from './suppression.js';

/** The milestones in the order the board shows them; the view's codes. */
export const MILESTONES = ['b1', 'integration-course', 'livelihood', 'naturalised'] as const;
export type Milestone = (typeof MILESTONES)[number];

/** Persons who first reached each milestone; null: suppressed. */
export interface MilestoneCounts {
  b1Reached: Published;
  courseCompleted: Published;
  livelihoodSecured: Published;
  naturalised: Published;
}
export interface MilestoneMonth extends MilestoneCounts {
  month: string;
}
/** The figure: every month of the period, and the period's totals (a person once per milestone). */
export interface MilestoneFigures {
  months: MilestoneMonth[];
  total: MilestoneCounts;
}

const FIELD: Record<Milestone, keyof MilestoneCounts> = {
  b1: 'b1Reached',
  'integration-course': 'courseCompleted',
  livelihood: 'livelihoodSecured',
  naturalised: 'naturalised',
};

/** A row of the aggregate: persons who first reached a milestone in a month (YYYY-MM). */
export interface MilestoneRow {
  month: string;
  milestone: string;
  persons: number | string;
}

/**
 * The counts as cells: for each milestone, its months and its total are one relation (the months
 * add up to the total: a person counts once, in the month they first reached it). Milestones are
 * not added across (a person may reach several), so there is no row total to relate.
 */
export function milestoneCells(cells: CellSet, period: Period, rows: readonly MilestoneRow[]) {
  const months = monthsOf(period);
  const count = (month: string, m: Milestone) =>
    rows.filter((r) => r.month === month && r.milestone === m).reduce((a, r) => a + Number(r.persons), 0);
  const grid = months.map((month) => ({
    month,
    ids: Object.fromEntries(MILESTONES.map((m) => [m, cells.add(count(month, m))])) as Record<Milestone, number>,
  }));
  const totals = Object.fromEntries(
    MILESTONES.map((m) => {
      const total = cells.add(grid.reduce((a, g) => a + count(g.month, m), 0));
      cells.relate([...grid.map((g) => g.ids[m]), total]);
      return [m, total];
    }),
  ) as Record<Milestone, number>;
  return { grid, totals };
}

const countsOf = (ids: Record<Milestone, number>, pub: (id: number) => Published): MilestoneCounts =>
  Object.fromEntries(MILESTONES.map((m) => [FIELD[m], pub(ids[m])])) as unknown as MilestoneCounts;

/** The figure as published. */
export function publishMilestones(
  c: ReturnType<typeof milestoneCells>,
  pub: (id: number) => Published,
): MilestoneFigures {
  return {
    months: c.grid.map((g) => ({ month: g.month, ...countsOf(g.ids, pub) })),
    total: countsOf(c.totals, pub),
  };
}

/** The rows suppressed on their own (no other figure shares a relation with the milestones). */
export function milestoneFigures(period: Period, rows: readonly MilestoneRow[]): MilestoneFigures {
  const cells = new CellSet();
  const c = milestoneCells(cells, period, rows);
  const out = cells.solve();
  return publishMilestones(c, (id) => out[id]!);
}

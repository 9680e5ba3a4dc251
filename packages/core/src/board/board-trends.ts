// The trends figure: per month, cases opened and closed, referrals requested, completed and
// rejected (adding up to the funnel's totals), and the median days to acceptance.
import type { StatusBoard } from './board-model.js';
import { histogramQuantile } from './percentiles.js';
import { monthsOf, type Period } from './period.js';
import { SUPPRESSION_THRESHOLD, type CellSet, type Published } from './suppression.js';

export interface CaseMonthRow {
  month: string;
  opened: string;
  closed: string;
}

const num = (v: unknown): number => Number(v ?? 0);

/** Adds the months' cells; the months' referrals relate to the funnel's total cells. */
export function trendCells(
  cells: CellSet,
  period: Period,
  caseMonths: readonly CaseMonthRow[],
  trendRefs: readonly { month: string; status: string; referrals: number }[],
  monthWaitRows: readonly { month: string; days: number; referrals: number }[],
  totals: { requested: number; completed: number; rejected: number },
) {
  const months = monthsOf(period);
  const out = months.map((month) => {
    const cm = caseMonths.find((c) => c.month === month);
    const refs = (status?: string) =>
      trendRefs
        .filter((r) => r.month === month && (!status || r.status === status))
        .reduce((a, r) => a + num(r.referrals), 0);
    return {
      month,
      opened: cells.add(num(cm?.opened)),
      closed: cells.add(num(cm?.closed)),
      requested: cells.add(refs()),
      completed: cells.add(refs('completed')),
      rejected: cells.add(refs('rejected')),
      acceptance: monthWaitRows
        .filter((w) => w.month === month)
        .map((w) => ({ days: w.days, count: num(w.referrals) })),
    };
  });
  cells.relate([...out.map((x) => x.requested), totals.requested]);
  cells.relate([...out.map((x) => x.completed), totals.completed]);
  cells.relate([...out.map((x) => x.rejected), totals.rejected]);
  return out;
}

/** The trends as published; a month's median only from enough referrals. */
export function publishTrends(t: ReturnType<typeof trendCells>, pub: (id: number) => Published): StatusBoard['trends'] {
  return t.map((x) => {
    const n = x.acceptance.reduce((a, b) => a + b.count, 0);
    return {
      month: x.month,
      casesOpened: pub(x.opened),
      casesClosed: pub(x.closed),
      referralsRequested: pub(x.requested),
      referralsCompleted: pub(x.completed),
      referralsRejected: pub(x.rejected),
      medianDaysToAcceptance: n >= SUPPRESSION_THRESHOLD ? histogramQuantile(x.acceptance, 0.5) : null,
    };
  });
}

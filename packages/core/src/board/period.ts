import { HUB_TIME_ZONE } from '@kim/contracts';
import { DomainError } from '../common/errors.js';

/** Whole calendar months, both ends included, as 'YYYY-MM'. */
export interface Period {
  from: string;
  to: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** The first year the board answers for (nothing older can be in the hub). */
export const FIRST_BOARD_YEAR = 2015;

const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const monthOf = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

/** The calendar year now, Berlin calendar. */
function berlinYear(now: Date): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: HUB_TIME_ZONE, year: 'numeric' }).format(now));
}

/** One calendar year, January to December. */
export function yearPeriod(year: number): Period {
  return { from: `${year}-01`, to: `${year}-12` };
}

/** The current calendar year (Berlin calendar). */
export function defaultPeriod(now: Date = new Date()): Period {
  return yearPeriod(berlinYear(now));
}

/**
 * Validate a period; a bad one is refused with the field that is wrong.
 *
 * The board answers whole calendar years only. Requestable periods then never overlap in part:
 * two answers are about the same year (the same figures, suppressed the same way) or about
 * disjoint years, so no difference of two answers is the count of a period someone could not
 * see. With free month ranges, January–April minus January–March is April, and April's
 * suppressed "< 5" came back by subtraction (docs/board.md). Omitting `to` (or `from`) means
 * the rest of that year.
 */
export function parsePeriod(
  raw: { from?: string | null; to?: string | null } | null | undefined,
  now = new Date(),
): Period {
  const thisYear = berlinYear(now);
  const given = { from: raw?.from ?? null, to: raw?.to ?? null };
  const problems: { path: string; message: string }[] = [];
  for (const key of ['from', 'to'] as const) {
    const v = given[key];
    if (v !== null && !MONTH.test(v)) problems.push({ path: `period.${key}`, message: 'a month as YYYY-MM' });
  }
  if (problems.length === 0) {
    const year = Number((given.from ?? given.to ?? String(thisYear)).slice(0, 4));
    const wanted = yearPeriod(year);
    const why = 'the board answers whole calendar years (YYYY-01 to YYYY-12), so that no two answers overlap in part';
    if (given.from !== null && given.from !== wanted.from)
      problems.push({ path: 'period.from', message: `must be January (${wanted.from}): ${why}` });
    if (given.to !== null && given.to !== wanted.to)
      problems.push({ path: 'period.to', message: `must be December of the same year (${wanted.to}): ${why}` });
    if (year < FIRST_BOARD_YEAR || year > thisYear)
      problems.push({ path: 'period', message: `a year from ${FIRST_BOARD_YEAR} to ${thisYear}` });
    if (problems.length === 0) return wanted;
  }
  throw new DomainError('INVALID_INPUT', `period: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, {
    problems,
  });
}

/** Every month of a period, oldest first. */
export function monthsOf(p: Period): string[] {
  const out: string[] = [];
  for (let i = monthIndex(p.from); i <= monthIndex(p.to); i++) out.push(monthOf(i));
  return out;
}

/** First day of the period's first month and of the month after its last: [start, end). */
export function periodBounds(p: Period): { start: string; end: string } {
  return { start: `${p.from}-01`, end: `${monthOf(monthIndex(p.to) + 1)}-01` };
}

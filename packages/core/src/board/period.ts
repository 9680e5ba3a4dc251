import { DomainError } from '../errors.js';

/** Whole calendar months, both ends included, as 'YYYY-MM'. */
export interface Period {
  from: string;
  to: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** Longest period the board and the report cover (five years: the newcomer window). */
export const MAX_PERIOD_MONTHS = 60;

const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const monthOf = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

/** The twelve months up to and including the current one (Berlin calendar). */
export function defaultPeriod(now: Date = new Date()): Period {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit' })
    .format(now)
    .slice(0, 7);
  return { from: monthOf(monthIndex(today) - 11), to: today };
}

/** Validate a period; a bad one is refused with the field that is wrong. */
export function parsePeriod(
  raw: { from?: string | null; to?: string | null } | null | undefined,
  now = new Date(),
): Period {
  const fallback = defaultPeriod(now);
  const from = raw?.from ?? (raw?.to ? monthOf(monthIndex(raw.to) - 11) : fallback.from);
  const to = raw?.to ?? (raw?.from ? fallback.to : fallback.to);
  const problems: { path: string; message: string }[] = [];
  if (!MONTH.test(from)) problems.push({ path: 'period.from', message: 'a month as YYYY-MM' });
  if (!MONTH.test(to)) problems.push({ path: 'period.to', message: 'a month as YYYY-MM' });
  if (problems.length === 0) {
    const span = monthIndex(to) - monthIndex(from) + 1;
    if (span < 1) problems.push({ path: 'period', message: 'from must not be after to' });
    else if (span > MAX_PERIOD_MONTHS)
      problems.push({ path: 'period', message: `at most ${MAX_PERIOD_MONTHS} months` });
  }
  if (problems.length) {
    throw new DomainError('INVALID_INPUT', `period: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, {
      problems,
    });
  }
  return { from, to };
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

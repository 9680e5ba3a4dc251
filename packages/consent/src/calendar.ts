import { HUB_TIME_ZONE } from '@kim/contracts';

/**
 * Consent forms carry calendar days ("valid until 31.12."), meant in local time. Comparing
 * them with the local day of the instant avoids granting an extra hour or two past midnight,
 * which a UTC comparison would.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

export const DEFAULT_TIME_ZONE = HUB_TIME_ZONE;

/** The calendar day (YYYY-MM-DD) of `at` in `timeZone`. */
export function localDay(at: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  if (Number.isNaN(at.getTime())) throw new RangeError('the decision time is not a valid Date');
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** A real calendar date written as YYYY-MM-DD; anything else is not a date we trust. */
export function isIsoDay(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Instant of a timestamp given as text or Date; NaN when unreadable. */
export function instant(value: string | Date): number {
  return value instanceof Date ? value.getTime() : Date.parse(value);
}

import { getHolidays } from 'feiertagejs';
import { localDay } from '@kim/consent';
import { HUB_TIME_ZONE } from '@kim/contracts';

/**
 * Today's date in Berlin: consent validity is counted in local calendar days. The consent
 * engine's localDay keeps its formatter; making one per call cost ~0.4 ms each time.
 */
export function berlinDay(at: Date): string {
  return localDay(at, HUB_TIME_ZONE);
}

/** Calendar day from an ISO date, at local noon so no time zone can shift it. */
function atNoon(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 12);
}

const iso = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/**
 * NW public holidays of a year as ISO dates, computed once per year: feiertagejs works out
 * every holiday of the year (Easter included) on each `isHoliday` call, which cost ~12 ms per
 * sent referral (ten days looked at, each a full computation).
 */
const holidaysByYear = new Map<number, ReadonlySet<string>>();
function holidaysNW(year: number): ReadonlySet<string> {
  let days = holidaysByYear.get(year);
  if (!days) {
    days = new Set(getHolidays(year, 'NW').map((h) => h.dateString));
    holidaysByYear.set(year, days);
  }
  return days;
}

/** A working day in North Rhine-Westphalia: not a weekend, not a public holiday of NW. */
export function isWorkingDayNW(day: string): boolean {
  const d = atNoon(day);
  const wd = d.getDay();
  return wd !== 0 && wd !== 6 && !holidaysNW(d.getFullYear()).has(iso(d));
}

/**
 * Deadlines count in NRW working days from the day (in Berlin) something happened:
 * weekends and NW public holidays (Fronleichnam, Allerheiligen …) do not count.
 */
export function addWorkingDays(from: Date, days: number): string {
  const d = atNoon(berlinDay(from));
  let left = days;
  while (left > 0) {
    d.setDate(d.getDate() + 1);
    if (isWorkingDayNW(iso(d))) left--;
  }
  return iso(d);
}

import { getHolidays } from 'feiertagejs';
import { localDay } from '@kim/consent';
import { HUB_TIME_ZONE } from '@kim/contracts';

/** The last minute `berlinDay` was asked about (epoch minutes) and its day. */
let lastMinute = { minute: Number.NaN, day: '' };

/**
 * Today's date in Berlin: consent validity is counted in local calendar days. The consent
 * engine's localDay keeps its formatter; making one per call cost ~0.4 ms each time.
 */

export function berlinDay(at: Date): string {
  // A Berlin day begins on a whole minute in UTC (its offsets are whole hours), so all instants of
  // one UTC minute share a day: the last minute asked is kept with its day. Lists ask once per
  // row (a referral's overdue), and the time zone's formatter costs more than the rest of the row.
  const minute = Math.floor(at.getTime() / 60_000);
  if (minute !== lastMinute.minute) lastMinute = { minute, day: localDay(at, HUB_TIME_ZONE) };
  return lastMinute.day;
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

/**
 * How many NRW working days a deadline is past on `today` (both Berlin dates): the working
 * days after the deadline up to and including today. 0 when not past, or when only a weekend
 * or holiday has passed since.
 */
export function workingDaysPast(deadline: string, today: string): number {
  if (today <= deadline) return 0;
  const d = atNoon(deadline);
  const end = atNoon(today);
  let n = 0;
  while (d < end) {
    d.setDate(d.getDate() + 1);
    if (isWorkingDayNW(iso(d))) n++;
  }
  return n;
}

/** Midnight in Berlin at the start of the day after an ISO date. */
export function berlinMidnightAfter(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(y, m - 1, d + 1);
  // Berlin is UTC+1 or UTC+2 at midnight; the offset of that instant tells which.
  const offsetMin = berlinOffsetMinutes(new Date(utcMidnight));
  return new Date(utcMidnight - offsetMin * 60_000);
}

function berlinOffsetMinutes(at: Date): number {
  const name = new Intl.DateTimeFormat('en', { timeZone: HUB_TIME_ZONE, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')!.value; // "GMT+01:00"
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

import { addWorkingDays, berlinDay, berlinMidnightAfter, isWorkingDayNW, workingDaysPast } from './calendar.js';
import { overdueOf } from '../referral/deadlines.js';

// Public holidays of North Rhine-Westphalia in 2026 and early 2027, written down from the
// statutory list (Feiertagsgesetz NW) and the Easter dates (5 April 2026, 28 March 2027).
const NRW_HOLIDAYS_ON_WEEKDAYS = [
  '2026-01-01', // Neujahr (Thu)
  '2026-04-03', // Karfreitag
  '2026-04-06', // Ostermontag
  '2026-05-01', // Tag der Arbeit (Fri)
  '2026-05-14', // Christi Himmelfahrt
  '2026-05-25', // Pfingstmontag
  '2026-06-04', // Fronleichnam
  '2026-12-25', // 1. Weihnachtstag (Fri)
  '2027-01-01', // Neujahr (Fri)
  '2027-03-26', // Karfreitag
  '2027-03-29', // Ostermontag
];
// Weekdays that are holidays elsewhere in Germany, or commonly taken off, but working days in NRW.
const NRW_WORKING_DAYS = [
  '2026-01-06', // Heilige Drei Könige (BW, BY, ST)
  '2026-03-09', // an ordinary Monday
  '2026-11-18', // Buß- und Bettag (SN)
  '2026-12-24', // Heiligabend
  '2026-12-31', // Silvester
];
const WEEKEND_DAYS = ['2026-10-03', '2026-11-01', '2026-12-26', '2026-06-06', '2026-06-07'];

describe('NRW working days', () => {
  it.each(NRW_HOLIDAYS_ON_WEEKDAYS)('%s is a public holiday in NRW', (day) => {
    expect(isWorkingDayNW(day)).toBe(false);
  });
  it.each(NRW_WORKING_DAYS)('%s is a working day in NRW', (day) => {
    expect(isWorkingDayNW(day)).toBe(true);
  });
  it.each(WEEKEND_DAYS)('%s falls on a weekend', (day) => {
    expect(isWorkingDayNW(day)).toBe(false);
  });

  // [sent at, working days, deadline], counted by hand on the calendar.
  it.each([
    ['2026-05-29T10:00:00Z', 4, '2026-06-05'], // Fri; Mon–Wed, Fronleichnam skipped, Fri
    ['2026-12-23T10:00:00Z', 5, '2026-12-31'], // 24., 28.–31. December
    ['2026-04-01T10:00:00Z', 2, '2026-04-07'], // Thu 2., Easter skipped, Tue 7.
    ['2026-03-27T23:30:00Z', 1, '2026-03-30'], // Saturday 00:30 in Berlin: the next is Monday
  ] as const)('a referral sent at %s with %i working days is due by %s', (sentAt, days, due) => {
    expect(addWorkingDays(new Date(sentAt), days)).toBe(due);
  });

  // [deadline, today, NRW working days past the deadline], counted by hand.
  it.each([
    ['2026-03-10', '2026-03-09', 0], // not yet due
    ['2026-03-10', '2026-03-10', 0], // the deadline day itself: not past
    ['2026-11-27', '2026-11-28', 0], // past, but only a Saturday has passed
    ['2026-04-02', '2026-04-07', 1], // Karfreitag, weekend, Ostermontag, then Tuesday
    ['2026-05-29', '2026-06-05', 4], // Mon–Wed, not Fronleichnam, Fri
    ['2026-10-30', '2026-11-02', 1], // Allerheiligen falls on a Sunday
    ['2026-12-23', '2027-01-04', 6], // 24., 28.–31. December, 4. January
  ] as const)('a deadline of %s, on %s, is %i working days past', (deadline, today, past) => {
    expect(workingDaysPast(deadline, today)).toBe(past);
  });
});

describe('overdue, read from the deadline', () => {
  it.each([
    ['requested', '2026-06-03', '2026-06-03', false, 0],
    ['requested', '2026-06-03', '2026-06-04', true, 0], // Fronleichnam: overdue, no working day yet
    ['requested', '2026-06-03', '2026-06-05', true, 1],
    ['accepted', '2026-01-02', '2026-06-05', false, 0], // answered: never overdue
    ['requested', null, '2026-06-05', false, 0], // not sent
  ] as const)('%s, due %s, on %s: overdue %s, %i working days', (status, respondBy, today, overdue, days) => {
    expect(overdueOf({ status, respondBy }, today)).toEqual({ overdue, overdueWorkingDays: days });
  });

  // The start of the day after the deadline, Berlin time, around both clock changes of 2026.
  it.each([
    ['2026-03-28', '2026-03-28T23:00:00.000Z'], // the night the clocks go forward: still CET
    ['2026-07-10', '2026-07-10T22:00:00.000Z'], // summer time
    ['2026-10-24', '2026-10-24T22:00:00.000Z'], // the night the clocks go back: still CEST
    ['2026-12-31', '2026-12-31T23:00:00.000Z'], // winter time, into the next year
  ])('overdue after a deadline of %s from %s', (day, at) => {
    expect(berlinMidnightAfter(day).toISOString()).toBe(at);
  });
});

describe("Berlin's day of an instant", () => {
  // Written down from the offsets: CET (UTC+1) in winter, CEST (UTC+2) from 29 March 2026 02:00.
  const cases: [instant: string, day: string][] = [
    ['2026-03-28T22:59:59.999Z', '2026-03-28'],
    ['2026-03-28T23:00:00.000Z', '2026-03-29'],
    ['2026-03-28T23:00:59.999Z', '2026-03-29'],
    ['2026-03-28T22:59:00.000Z', '2026-03-28'],
    ['2026-07-01T21:59:59.999Z', '2026-07-01'],
    ['2026-07-01T22:00:00.000Z', '2026-07-02'],
    ['2026-07-01T21:59:30.000Z', '2026-07-01'],
    ['2026-10-24T21:59:59.000Z', '2026-10-24'],
    ['2026-10-24T22:00:00.000Z', '2026-10-25'],
    ['2026-10-25T22:59:59.000Z', '2026-10-25'],
    ['2026-10-25T23:00:00.000Z', '2026-10-26'],
  ];

  it('changes at local midnight, asked in any order and twice within a minute', () => {
    const seen = [...cases, ...[...cases].reverse()].map(([instant]) => [instant, berlinDay(new Date(instant))]);
    expect(seen).toEqual([...cases, ...[...cases].reverse()]);
  });

  it('refuses an invalid date every time', () => {
    expect(() => berlinDay(new Date('x'))).toThrow(RangeError);
    expect(() => berlinDay(new Date('x'))).toThrow(RangeError);
  });
});

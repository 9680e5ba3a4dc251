import { monthsOf, parsePeriod, periodBounds } from './period.js';

describe('board period', () => {
  it('defaults to the twelve months up to now, Berlin calendar', () => {
    expect(parsePeriod(null, new Date('2026-03-31T22:30:00Z'))).toEqual({ from: '2025-05', to: '2026-04' });
  });

  it('lists months and bounds', () => {
    const p = parsePeriod({ from: '2025-11', to: '2026-02' });
    expect(monthsOf(p)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(periodBounds(p)).toEqual({ start: '2025-11-01', end: '2026-03-01' });
  });

  it('refuses bad input with the field that is wrong', () => {
    expect(() => parsePeriod({ from: '2026-13', to: '2026-12' })).toThrow(/period.from/);
    expect(() => parsePeriod({ from: '2026-05', to: '2026-01' })).toThrow(/not be after/);
    expect(() => parsePeriod({ from: '2010-01', to: '2026-01' })).toThrow(/at most 60/);
  });
});

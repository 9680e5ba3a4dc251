import { monthsOf, parsePeriod, periodBounds } from './period.js';

describe('board period', () => {
  const now = new Date('2026-03-31T22:30:00Z'); // already April 1st in Berlin

  it('defaults to the current calendar year, Berlin calendar', () => {
    expect(parsePeriod(null, now)).toEqual({ from: '2026-01', to: '2026-12' });
    expect(parsePeriod(null, new Date('2025-12-31T23:30:00Z'))).toEqual({ from: '2026-01', to: '2026-12' });
  });

  it('takes a whole calendar year, given by both ends or by one', () => {
    expect(parsePeriod({ from: '2025-01', to: '2025-12' }, now)).toEqual({ from: '2025-01', to: '2025-12' });
    expect(parsePeriod({ from: '2024-01' }, now)).toEqual({ from: '2024-01', to: '2024-12' });
    expect(parsePeriod({ to: '2024-12' }, now)).toEqual({ from: '2024-01', to: '2024-12' });
  });

  it('refuses every period that is not one whole calendar year, naming the field and why', () => {
    for (const [raw, path] of [
      [{ from: '2025-02', to: '2025-12' }, 'period.from'],
      [{ from: '2025-01', to: '2025-11' }, 'period.to'],
      [{ from: '2025-01', to: '2026-12' }, 'period.to'],
      [{ from: '2025-04', to: '2025-04' }, 'period.from'],
      [{ from: '2024-07', to: '2025-06' }, 'period.from'],
      [{ from: '2026-13', to: '2026-12' }, 'period.from'],
      [{ from: '2027-01', to: '2027-12' }, 'period'],
      [{ from: '1999-01', to: '1999-12' }, 'period'],
    ] as const) {
      expect(() => parsePeriod(raw, now)).toThrow(path);
    }
    expect(() => parsePeriod({ from: '2025-03', to: '2025-12' }, now)).toThrow(/whole calendar years/);
  });

  it('lists months and bounds', () => {
    const p = parsePeriod({ from: '2025-01', to: '2025-12' }, now);
    expect(monthsOf(p)).toHaveLength(12);
    expect(monthsOf(p)[0]).toBe('2025-01');
    expect(periodBounds(p)).toEqual({ start: '2025-01-01', end: '2026-01-01' });
  });
});

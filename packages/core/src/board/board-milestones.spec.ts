import fc from 'fast-check';
import { MILESTONES, milestoneFigures, type MilestoneCounts } from './board-milestones.js';
import { yearPeriod } from './period.js';

const period = yearPeriod(2025);
const KEYS: (keyof MilestoneCounts)[] = ['b1Reached', 'courseCompleted', 'livelihoodSecured', 'naturalised'];

describe('board milestones (pure)', () => {
  it('publishes the months and the total of each milestone as the hand-made table says', () => {
    const f = milestoneFigures(period, [
      // B1: 9 in January, 3 in April: April hidden, and January with it (the total 12 would give it away).
      { month: '2025-01', milestone: 'b1', persons: '9' },
      { month: '2025-04', milestone: 'b1', persons: '3' },
      // Course: 2 in March and 2 in July: both hidden already, the total 4 too.
      { month: '2025-03', milestone: 'integration-course', persons: 2 },
      { month: '2025-07', milestone: 'integration-course', persons: 2 },
      // Livelihood: 6 and 5: nothing hidden. Naturalised: none.
      { month: '2025-05', milestone: 'livelihood', persons: 6 },
      { month: '2025-06', milestone: 'livelihood', persons: 5 },
      // Outside the year and an unknown milestone: not counted.
      { month: '2024-12', milestone: 'b1', persons: 7 },
      { month: '2025-01', milestone: 'something-else', persons: 7 },
    ]);
    const row = (m: string) => {
      const x = f.months.find((y) => y.month === m)!;
      return KEYS.map((k) => x[k]);
    };
    expect(f.months).toHaveLength(12);
    expect(row('2025-01')).toEqual([null, 0, 0, 0]);
    expect(row('2025-03')).toEqual([0, null, 0, 0]);
    expect(row('2025-04')).toEqual([null, 0, 0, 0]);
    expect(row('2025-05')).toEqual([0, 0, 6, 0]);
    expect(row('2025-06')).toEqual([0, 0, 5, 0]);
    expect(row('2025-07')).toEqual([0, null, 0, 0]);
    expect(row('2025-12')).toEqual([0, 0, 0, 0]);
    expect(KEYS.map((k) => f.total[k])).toEqual([12, null, 11, 0]);
  });

  it('never shows 1 to 4, and never leaves exactly one hidden cell in a milestone with its total', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 12 }), fc.constantFrom(...MILESTONES), fc.nat({ max: 12 })), {
          maxLength: 40,
        }),
        (raw) => {
          const f = milestoneFigures(
            period,
            raw.map(([m, milestone, persons]) => ({ month: `2025-${String(m).padStart(2, '0')}`, milestone, persons })),
          );
          for (const k of KEYS) {
            const cells = [...f.months.map((x) => x[k]), f.total[k]];
            expect(cells.some((v) => v !== null && v > 0 && v < 5)).toBe(false);
            expect(cells.filter((v) => v === null).length).not.toBe(1);
          }
        },
      ),
    );
  });
});

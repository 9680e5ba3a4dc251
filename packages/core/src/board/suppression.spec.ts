import fc from 'fast-check';
import { CellSet, suppressTable } from './suppression.js';

describe('suppression of small counts', () => {
  it('hides 1 to 4, shows 0 and 5 and more', () => {
    const t = suppressTable([[0, 1, 4, 5, 12]]);
    expect(t.cells[0]!.slice(0, 1)).toEqual([0]);
    expect(t.cells[0]![1]).toBeNull();
    expect(t.cells[0]![2]).toBeNull();
  });

  it('hides a second cell where a total would give one hidden cell away', () => {
    // 3 is hidden; with the total 30 shown, 30 - 12 - 15 would reveal it: 12 goes too.
    const t = suppressTable([[3, 12, 15]]);
    expect(t.cells[0]).toEqual([null, null, 15]);
    expect(t.rowTotals).toEqual([30]);
  });

  it('keeps rows and columns safe together', () => {
    const t = suppressTable([
      [2, 10, 20],
      [7, 9, 30],
    ]);
    // Column 0: 2 hidden, so 7 is hidden; row 1 then has one hidden cell (7): 9 is hidden; column 1 has 9: 10 hidden.
    expect(t.cells).toEqual([
      [null, null, 20],
      [null, null, 30],
    ]);
    expect(t.columnTotals[0]).toBe(9);
  });

  it('never leaves a relation with exactly one hidden cell (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 3, maxLength: 3 }), {
          minLength: 1,
          maxLength: 6,
        }),
        (cells) => {
          const t = suppressTable(cells);
          const lines: (number | null)[][] = [
            ...t.cells.map((r, i) => [...r, t.rowTotals[i]!]),
            ...[0, 1, 2].map((j) => [...t.cells.map((r) => r[j]!), t.columnTotals[j]!]),
            [...t.rowTotals, t.grandTotal],
          ];
          for (const line of lines) {
            const hidden = line.filter((x) => x === null).length;
            // One hidden cell beside shown ones could be recovered; zero cells hide nothing.
            const shownPositive = line.filter((x) => x !== null && x > 0).length;
            expect(hidden !== 1 || shownPositive === 0).toBe(true);
          }
          // and nothing from 1 to 4 is ever shown
          for (const line of lines) for (const x of line) expect(x === null || x === 0 || x >= 5).toBe(true);
        },
      ),
    );
  });

  it('refuses a count that is not a whole number', () => {
    expect(() => new CellSet().add(-1)).toThrow();
    expect(() => new CellSet().add(1.5)).toThrow();
  });
});

/**
 * Statistical disclosure control for the board and the committee report.
 *
 * Primary suppression: a count of 1 to 4 persons is never shown (0 is shown: it names nobody).
 * Secondary suppression: counts are cells tied together by additive relations (the cells of a
 * row and the row's total, a column and its total, a region's case managers and the region).
 * Where exactly one cell of a published relation is hidden, a reader could subtract it back out,
 * so the smallest other non-zero cell of that relation is hidden too; repeated until stable.
 * A hidden cell is `null` in the output; renderers show "< 5".
 */
export const SUPPRESSION_THRESHOLD = 5;

/** A count that may be shown, or null where it must not be. */
export type Published = number | null;

export const primarySuppressed = (n: number): boolean => n > 0 && n < SUPPRESSION_THRESHOLD;

/** Counts and the additive relations between them; `solve` decides which may be shown. */
export class CellSet {
  private readonly values: number[] = [];
  private readonly relations: number[][] = [];

  /** A count; returns its handle. */
  add(value: number): number {
    if (!Number.isInteger(value) || value < 0) throw new Error(`a count must be a whole number ≥ 0, got ${value}`);
    this.values.push(value);
    return this.values.length - 1;
  }

  /** These cells are published together and one of them is the sum of the others. */
  relate(cells: readonly number[]): void {
    if (cells.length > 1) this.relations.push([...new Set(cells)]);
  }

  solve(): Published[] {
    const v = this.values;
    const hidden = v.map(primarySuppressed);
    let changed = true;
    while (changed) {
      changed = false;
      for (const rel of this.relations) {
        if (rel.filter((c) => hidden[c]).length !== 1) continue;
        const pick = rel.filter((c) => !hidden[c] && v[c]! > 0).sort((a, b) => v[a]! - v[b]! || a - b)[0];
        if (pick === undefined) continue;
        hidden[pick] = true;
        changed = true;
      }
    }
    return v.map((x, i) => (hidden[i] ? null : x));
  }
}

export interface SuppressedTable {
  cells: Published[][];
  rowTotals: Published[];
  columnTotals: Published[];
  grandTotal: Published;
}

/** A table published with its row totals, column totals and grand total. */
export function suppressTable(cells: number[][]): SuppressedTable {
  const set = new CellSet();
  const ids = cells.map((r) => r.map((x) => set.add(x)));
  const cols = cells[0]?.length ?? 0;
  const rowT = cells.map((r) => set.add(r.reduce((a, b) => a + b, 0)));
  const colT = Array.from({ length: cols }, (_, j) => set.add(cells.reduce((a, r) => a + r[j]!, 0)));
  const grand = set.add(cells.reduce((a, r) => a + r.reduce((x, y) => x + y, 0), 0));
  ids.forEach((r, i) => set.relate([...r, rowT[i]!]));
  for (let j = 0; j < cols; j++) set.relate([...ids.map((r) => r[j]!), colT[j]!]);
  set.relate([...rowT, grand]);
  set.relate([...colT, grand]);
  const out = set.solve();
  return {
    cells: ids.map((r) => r.map((c) => out[c]!)),
    rowTotals: rowT.map((c) => out[c]!),
    columnTotals: colT.map((c) => out[c]!),
    grandTotal: out[grand]!,
  };
}

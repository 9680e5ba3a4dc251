import type { CaseManagerLoad, FlaggedCase } from './board-model.js';

export type ListDirection = 'asc' | 'desc';
export type CaseloadOrderField = 'name' | 'regionName' | 'fte' | 'capacity' | 'openCases' | 'utilisation';
export type FlaggedCaseOrderField = 'caseReference' | 'kind' | 'regionName';

// Names compare as a German reader expects them (umlauts beside their letter, case aside).
const collator = new Intl.Collator('de', { sensitivity: 'base', numeric: true });
type Key = string | number | null;
const compareKeys = (a: Key, b: Key) =>
  typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));

/**
 * Rows in the order of one key, then tie-breakers (always ascending) for a stable, total order.
 * A null key (a suppressed count: the hub does not know it for the reader) goes last in either
 * direction, and nulls keep the tie-breakers' order among themselves: sorting by the published
 * values only, so the order never tells a suppressed count's size.
 */
function orderBy<R>(rows: readonly R[], key: (r: R) => Key, direction: ListDirection, ties: ((r: R) => Key)[]): R[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === null || kb === null) {
      if (ka !== kb) return ka === null ? 1 : -1;
    } else {
      const c = compareKeys(ka, kb);
      if (c !== 0) return sign * c;
    }
    for (const tie of ties) {
      const c = compareKeys(tie(a), tie(b));
      if (c !== 0) return c;
    }
    return 0;
  });
}

type LoadRow = Pick<
  CaseManagerLoad,
  'staffId' | 'name' | 'regionName' | 'fte' | 'capacity' | 'openCases' | 'utilisation'
>;
type FlagRow = Pick<FlaggedCase, 'caseReference' | 'regionName'> & { kind: string };

const CASELOAD_KEY: Record<CaseloadOrderField, (m: LoadRow) => Key> = {
  name: (m) => m.name,
  regionName: (m) => m.regionName,
  fte: (m) => m.fte,
  capacity: (m) => m.capacity,
  openCases: (m) => m.openCases,
  utilisation: (m) => m.utilisation,
};

/** The caseload per case manager in an order; ties by name, then staff id. */
export function orderCaseload<R extends LoadRow>(
  rows: readonly R[],
  order: { field: CaseloadOrderField; direction: ListDirection },
): R[] {
  return orderBy(rows, CASELOAD_KEY[order.field], order.direction, [(m) => m.name, (m) => m.staffId]);
}

const FLAG_KEY: Record<FlaggedCaseOrderField, (f: FlagRow) => Key> = {
  caseReference: (f) => f.caseReference,
  kind: (f) => f.kind,
  regionName: (f) => f.regionName,
};

/** The flagged cases in an order; ties by case reference, then kind. */
export function orderFlaggedCases<R extends FlagRow>(
  rows: readonly R[],
  order: { field: FlaggedCaseOrderField; direction: ListDirection },
): R[] {
  return orderBy(rows, FLAG_KEY[order.field], order.direction, [(f) => f.caseReference, (f) => f.kind]);
}

import type { CaseManagerLoad, FlaggedCase } from './board-model.js';
import { orderCaseload, orderFlaggedCases } from './list-order.js';

// Five case managers; Ö sorts beside O, case aside; ties in region, fte, capacity; two
// suppressed counts (null) that must go last in either direction.
const m = (
  staffId: string,
  name: string,
  regionName: string,
  fte: number,
  openCases: number | null,
): CaseManagerLoad => ({
  staffId,
  name,
  regionId: regionName,
  regionName,
  fte,
  capacity: Math.round(fte * 100),
  openCases,
  utilisation: openCases === null ? null : openCases / Math.round(fte * 100),
});
const LOAD = [
  m('s1', 'Özdemir, Ayla', 'Rheine', 1, 120),
  m('s2', 'becker, Jan', 'Emsdetten', 0.5, null),
  m('s3', 'Arslan, Deniz', 'Rheine', 0.5, 30),
  m('s4', 'Otto, Paul', 'Emsdetten', 1, 80),
  m('s5', 'Zahn, Eva', 'Rheine', 0.75, null),
];
const names = (rows: CaseManagerLoad[]) => rows.map((r) => r.staffId).join(' ');

describe('the caseload in an order (hand-written expected orders)', () => {
  it.each([
    ['name', 'asc', 's3 s2 s4 s1 s5'],
    ['name', 'desc', 's5 s1 s4 s2 s3'],
    // Ties by name: Emsdetten becker, Otto; Rheine Arslan, Özdemir, Zahn.
    ['regionName', 'asc', 's2 s4 s3 s1 s5'],
    ['regionName', 'desc', 's3 s1 s5 s2 s4'],
    // Ties by name: Otto before Özdemir (Ö beside O).
    ['fte', 'asc', 's3 s2 s5 s4 s1'],
    ['capacity', 'desc', 's4 s1 s5 s3 s2'],
    // Suppressed (s2, s5) last both ways, by name among themselves.
    ['openCases', 'asc', 's3 s4 s1 s2 s5'],
    ['openCases', 'desc', 's1 s4 s3 s2 s5'],
    // 120/100 = 1.2, 30/50 = 0.6, 80/100 = 0.8.
    ['utilisation', 'desc', 's1 s4 s3 s2 s5'],
    ['utilisation', 'asc', 's3 s4 s1 s2 s5'],
  ] as const)('by %s %s', (field, direction, want) => {
    expect(names(orderCaseload(LOAD, { field, direction }))).toBe(want);
  });

  it('leaves the rows it was given as they were', () => {
    const before = names(LOAD);
    orderCaseload(LOAD, { field: 'name', direction: 'asc' });
    expect(names(LOAD)).toBe(before);
  });
});

const f = (caseReference: string, kind: FlaggedCase['kind'], regionName: string): FlaggedCase => ({
  caseId: caseReference,
  caseReference,
  kind,
  regionName,
});
const FLAGS = [
  f('KIM-2026-00010', 'double-funding', 'Rheine'),
  f('KIM-2026-00002', 'duplicate-open-case', 'Emsdetten'),
  f('KIM-2026-00010', 'duplicate-course-certificate', 'Rheine'),
  f('KIM-2026-00009', 'double-funding', 'Emsdetten'),
];
const SHORT = { 'double-funding': 'DF', 'duplicate-course-certificate': 'DC', 'duplicate-open-case': 'DO' } as const;
const refs = (rows: FlaggedCase[]) => rows.map((r) => `${r.caseReference.slice(-2)}/${SHORT[r.kind]}`).join(' ');

describe('the flagged cases in an order (hand-written expected orders)', () => {
  it.each([
    ['caseReference', 'asc', '02/DO 09/DF 10/DF 10/DC'],
    // Ties (10) by kind, ascending in either direction.
    ['caseReference', 'desc', '10/DF 10/DC 09/DF 02/DO'],
    ['kind', 'asc', '09/DF 10/DF 10/DC 02/DO'],
    ['regionName', 'desc', '10/DF 10/DC 02/DO 09/DF'],
  ] as const)('by %s %s', (field, direction, want) => {
    expect(refs(orderFlaggedCases(FLAGS, { field, direction }))).toBe(want);
  });
});

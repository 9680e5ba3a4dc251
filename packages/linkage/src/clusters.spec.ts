import fc from 'fast-check';
import { addRecord, clustersFromGroups, createCluster, mergeClusters, unmergeCluster } from './clusters.js';
import {
  addIdentifiers,
  EMPTY_LINK_MAP,
  IdentifierConflictError,
  recordIdentifier,
  resolveByIdentifier,
} from './linkmap.js';
import type { PersonRecord } from './types.js';

const recordArb = (prefix: string) =>
  fc
    .record({
      recordId: fc.uuid().map((u) => `${prefix}-${u}`),
      sourceAgency: fc.constantFrom('jobcenter', 'abh', 'vhs'),
      givenNames: fc.string(),
      familyName: fc.string(),
      birthDatePrecision: fc.constantFrom('exact', 'placeholder', 'year-only', 'unknown' as const),
      sex: fc.constantFrom('female', 'male', 'diverse', 'unknown' as const),
      agencyIdentifier: fc.option(fc.stringMatching(/^[A-Z0-9]{4,10}$/), { nil: undefined }),
    })
    .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as unknown as PersonRecord);

const recordsArb = (prefix: string) =>
  fc.uniqueArray(recordArb(prefix), { minLength: 1, maxLength: 6, selector: (r) => r.recordId });

describe('merge and unmerge', () => {
  it('unmerge restores exactly the clusters that were merged', () => {
    fc.assert(
      fc.property(recordsArb('a'), recordsArb('b'), (ra, rb) => {
        const a = createCluster('P-a', ra);
        const b = createCluster('P-b', rb);
        const snapshot = structuredClone({ a, b });
        const merged = mergeClusters(a, b, { at: '2024-05-01', reason: 'review decision' });
        expect(merged.records).toHaveLength(ra.length + rb.length);
        const { left, right, unassigned } = unmergeCluster(merged);
        expect(left).toBe(a);
        expect(right).toBe(b);
        expect({ a: left, b: right }).toEqual(snapshot);
        expect(unassigned).toEqual([]);
      }),
    );
  });

  it('returns records added after the merge instead of losing them', () => {
    fc.assert(
      fc.property(recordsArb('a'), recordsArb('b'), recordArb('c'), (ra, rb, extra) => {
        const merged = addRecord(mergeClusters(createCluster('P-a', ra), createCluster('P-b', rb)), extra);
        const { left, right, unassigned } = unmergeCluster(merged);
        expect([...left.records, ...right.records, ...unassigned]).toHaveLength(merged.records.length);
        expect(unassigned).toEqual([extra]);
      }),
    );
  });

  it('undoes nested merges one at a time', () => {
    const r = (id: string): PersonRecord => ({
      recordId: id,
      sourceAgency: 'x',
      givenNames: id,
      familyName: '',
      birthDatePrecision: 'unknown',
      sex: 'unknown',
    });
    const a = createCluster('A', [r('1')]);
    const b = createCluster('B', [r('2')]);
    const c = createCluster('C', [r('3')]);
    const ab = mergeClusters(a, b);
    const abc = mergeClusters(ab, c);
    expect(unmergeCluster(abc).left).toBe(ab);
    expect(unmergeCluster(unmergeCluster(abc).left).right).toBe(b);
    expect(() => unmergeCluster(a)).toThrow();
    expect(() => mergeClusters(a, a)).toThrow();
  });

  it('builds persons from match groups, one per unlinked record', () => {
    const r = (id: string): PersonRecord => ({
      recordId: id,
      sourceAgency: 'x',
      givenNames: id,
      familyName: '',
      birthDatePrecision: 'unknown',
      sex: 'unknown',
    });
    const persons = clustersFromGroups([r('1'), r('2'), r('3')], [['1', '3']], (i) => `P${i}`);
    expect(persons.map((p) => p.records.map((x) => x.recordId))).toEqual([['1', '3'], ['2']]);
  });
});

describe('link map', () => {
  const rec = (id: string, agency: string, identifier: string): PersonRecord => ({
    recordId: id,
    sourceAgency: agency,
    givenNames: 'X',
    familyName: 'Y',
    birthDatePrecision: 'unknown',
    sex: 'unknown',
    agencyIdentifier: identifier,
  });

  it('resolves a known identifier to its person; AZR numbers across agencies, customer numbers per agency', () => {
    const jc = recordIdentifier(rec('1', 'Jobcenter', '36104//0012345'))!;
    const azr = recordIdentifier(rec('2', 'ABH', 'AZR:123456789012'))!;
    const map = addIdentifiers(EMPTY_LINK_MAP, 'P1', [jc, azr]);
    expect(resolveByIdentifier(map, rec('3', 'vhs', 'azr-123456789012'))).toBe('P1');
    expect(resolveByIdentifier(map, rec('4', 'jobcenter', '36104//0012345'))).toBe('P1');
    expect(resolveByIdentifier(map, rec('5', 'caritas', '36104//0012345'))).toBeUndefined();
  });

  it('refuses to give one identifier to two persons', () => {
    const azr = recordIdentifier(rec('2', 'ABH', 'AZR:123456789012'))!;
    const map = addIdentifiers(EMPTY_LINK_MAP, 'P1', [azr]);
    expect(() => addIdentifiers(map, 'P2', [azr])).toThrow(IdentifierConflictError);
  });
});

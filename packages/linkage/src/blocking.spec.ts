import { DEFAULT_BLOCKING, forEachCandidatePair, isCandidate } from './blocking.js';
import { MatchContext } from './matcher.js';
import type { PersonRecord } from './types.js';

/**
 * Which pairs blocking offers for comparison. The population below is written by hand: 40 men
 * named Mohammed born in 1990 (one name word and year held by more than
 * DEFAULT_BLOCKING.maxSingleNameBlock records), each with his own family name and date.
 */
const FAMILY = [
  'Zubairi',
  'Quraishi',
  'Badawi',
  'Tamimi',
  'Jaziri',
  'Fakhouri',
  'Dabbagh',
  'Kuwaiti',
  'Barghouti',
  'Nabulsi',
  'Shami',
  'Halabi',
  'Masri',
  'Tikriti',
  'Qasimi',
  'Rifai',
  'Sabbagh',
  'Jabbour',
  'Khoury',
  'Lahham',
  'Najjar',
  'Ghanem',
  'Saleh',
  'Zaher',
  'Wakim',
  'Yaziji',
  'Fares',
  'Bitar',
  'Dajani',
  'Husseini',
  'Nimr',
  'Sarraf',
  'Tarabishi',
  'Ujayli',
  'Wazzan',
  'Zayyat',
  'Kabbani',
  'Mardini',
  'Sibai',
  'Qudsi',
] as const;

const record = (recordId: string, familyName: string, birthDate: string): PersonRecord => ({
  recordId,
  sourceAgency: 'abh',
  givenNames: 'Mohammed',
  familyName,
  birthDate,
  birthDatePrecision: 'exact',
  sex: 'male',
  nationality: 'SYR',
  municipality: 'Rheine',
});

/** Day d of 1990 as an ISO date (days 1–300, never 01.01. or 31.12.). */
const day = (d: number): string => new Date(Date.UTC(1990, 0, 1 + d)).toISOString().slice(0, 10);

const crowd: PersonRecord[] = FAMILY.map((f, k) => record(`m${k}`, f, day(2 + k * 7)));
/** Two records of one man: the same family name, another date (one digit slipped). */
const twice: PersonRecord[] = [record('same-a', 'Abdelkarim', day(290)), record('same-b', 'Abdelkarim', day(291))];

function candidatePairs(records: readonly PersonRecord[]): Set<string> {
  const ctx = new MatchContext(records, { uSampleSize: 100 });
  const out = new Set<string>();
  forEachCandidatePair(ctx.prepared, ctx.table, (i, j) => out.add(`${records[i]!.recordId}|${records[j]!.recordId}`));
  return out;
}

describe('blocking: one common name word and a year alone make no candidate', () => {
  const records = [...crowd, ...twice];
  const pairs = candidatePairs(records);

  it('two men who share only "Mohammed" and 1990 (held by 42 records) are not compared', () => {
    expect(pairs.has('m0|m1')).toBe(false);
    expect(pairs.has('m3|m17')).toBe(false);
    expect(pairs.has('m5|same-a')).toBe(false);
  });

  it('two records that also share the family name are compared', () => {
    expect(pairs.has('same-a|same-b')).toBe(true);
  });

  it('the same records are compared when the name word and year are held by few records', () => {
    const few = [...crowd.slice(0, 10), ...twice];
    const small = candidatePairs(few);
    expect(small.has('m0|m1')).toBe(true);
    expect(small.has('m5|same-a')).toBe(true);
  });

  it('the intake (MatchContext.candidatesOf) offers the same candidates', () => {
    const ctx = new MatchContext(records, { uSampleSize: 100 });
    const ids = (i: number): string[] => ctx.candidatesOf(i).map((j) => records[j]!.recordId);
    expect(ids(0)).not.toContain('m1');
    expect(ids(records.length - 2)).toEqual(['same-b']);
  });
});

describe('isCandidate', () => {
  const limit = DEFAULT_BLOCKING.maxSingleNameBlock;
  const sizes: Record<string, number> = {
    'nMHMT|1990': limit + 1,
    'nHMT|1990': limit + 5,
    'nKRM|1990': 3,
    'pHMT|MHMT': DEFAULT_BLOCKING.maxPairBlock + 1,
    'd1990-4-12': 2,
  };
  const sizeOf = (k: string): number => sizes[k]!;

  it.each([
    [['nMHMT|1990'], false],
    [['nKRM|1990'], true],
    [['nMHMT|1990', 'nHMT|1990'], true],
    [['nMHMT|1990', 'pHMT|MHMT'], false],
    [['nMHMT|1990', 'd1990-4-12'], true],
  ])('shared keys %j: candidate %s', (keys, expected) => {
    expect(isCandidate(keys, sizeOf)).toBe(expected);
  });
});

/**
 * Spellings of one name (issue 16, item 2): "Mohammed, Muhammad, Mohamad … are one frequent name",
 * and nothing more. Expected values are written from the issue and from the names themselves:
 * Omar and Amir are two names, even though Omar ~ Amar and Amar ~ Amir are each one spelling apart.
 */
import { MatchContext } from './matcher.js';
import { nameParts } from './normalise.js';
import { TokenTable } from './similarity.js';
import { spellingNeighbours } from './spelling.js';
import type { PersonRecord } from './types.js';

function neighbours(words: readonly string[]): (a: string) => string[] {
  const table = new TokenTable();
  const ids = words.map((w) => table.intern(nameParts(w)[0]!));
  const n = spellingNeighbours(table);
  return (a) => n[ids[words.indexOf(a)]!]!.map((id) => words[ids.indexOf(id)]!).sort();
}

describe('spellingNeighbours', () => {
  it('counts Mohammed, Muhammad, Mohamad and Mohamed as one name, and not Mahmoud', () => {
    const of = neighbours(['Mohammed', 'Muhammad', 'Mohamad', 'Mohamed', 'Mahmoud']);
    expect(of('Mohammed')).toEqual(['Mohamad', 'Mohamed', 'Mohammed', 'Muhammad']);
    expect(of('Mahmoud')).toEqual(['Mahmoud']);
  });

  it('does not chain: Omar ~ Amar and Amar ~ Amir do not make Omar a spelling of Amir', () => {
    const of = neighbours(['Omar', 'Amar', 'Amir']);
    expect(of('Amar')).toEqual(['Amar', 'Amir', 'Omar']);
    expect(of('Omar')).not.toContain('Amir');
    expect(of('Amir')).not.toContain('Omar');
  });
});

describe('name frequency counts the spellings of the name only', () => {
  let serial = 0;
  const rec = (givenNames: string): PersonRecord => ({
    recordId: `sp-${++serial}`,
    sourceAgency: 'abh',
    givenNames,
    familyName: `Family${serial}`,
    birthDatePrecision: 'unknown',
    sex: 'male',
  });

  it('a rare Omar stays rare beside fifty Amirs (one Amar between them)', () => {
    const records = [rec('Omar'), rec('Amar'), ...Array.from({ length: 50 }, () => rec('Amir'))];
    const ctx = new MatchContext(records, { uSampleSize: 100 });
    const word = (w: string): number => ctx.table.intern(nameParts(w)[0]!);
    expect(ctx.nameRecords(word('Omar'))).toBe(2); // Omar and Amar
    expect(ctx.nameRecords(word('Amir'))).toBe(51); // fifty Amirs and Amar
    expect(ctx.nameRecords(word('Amar'))).toBe(52);
  });
});

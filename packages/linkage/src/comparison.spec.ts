import fc from 'fast-check';
import { birthLevel, compareRecords, FIELD_LEVELS, prepareRecord } from './comparison.js';
import { parseBirthDate } from './normalise.js';
import { fieldSimilarity, TokenTable } from './similarity.js';
import type { PersonRecord } from './types.js';

const level = (
  a: string,
  pa: PersonRecord['birthDatePrecision'],
  b: string,
  pb: PersonRecord['birthDatePrecision'],
): string => FIELD_LEVELS.birthDate[birthLevel(parseBirthDate(a, pa), parseBirthDate(b, pb))] ?? 'missing';

describe('birth dates are compared with their precision', () => {
  it('a 01.01. placeholder is never a full match, whatever its flag', () => {
    expect(level('1990-01-01', 'placeholder', '1990-01-01', 'placeholder')).toBe('yearAgree');
    expect(level('1990-01-01', 'exact', '1990-01-01', 'exact')).toBe('yearAgree');
    expect(level('1990-01-01', 'placeholder', '1990-05-17', 'exact')).toBe('yearAgree');
    expect(level('1990', 'year-only', '1991-05-17', 'exact')).toBe('yearNear');
  });

  it('recognises exact, transposed and mistyped full dates', () => {
    expect(level('1990-05-17', 'exact', '1990-05-17', 'exact')).toBe('exact');
    expect(level('1990-03-05', 'exact', '1990-05-03', 'exact')).toBe('transposed');
    expect(level('1990-05-17', 'exact', '1990-05-18', 'exact')).toBe('typo');
    expect(level('1990-05-17', 'exact', '1960-11-02', 'exact')).toBe('farYear');
  });

  it('compares nothing when a date is unknown', () => {
    expect(level('', 'unknown', '1990-05-17', 'exact')).toBe('missing');
  });
});

describe('compareRecords', () => {
  const base: PersonRecord = {
    recordId: 'a',
    sourceAgency: 'x',
    givenNames: '',
    familyName: '',
    birthDatePrecision: 'unknown',
    sex: 'unknown',
  };
  const compare = (a: Partial<PersonRecord>, b: Partial<PersonRecord>) => {
    const table = new TokenTable();
    return compareRecords(
      table,
      prepareRecord({ ...base, ...a }, 0, table),
      prepareRecord({ ...base, ...b, recordId: 'b' }, 1, table),
      () => 0.001,
    );
  };

  it('ignores the order of given and family name', () => {
    const v = compare(
      { givenNames: 'Oksana', familyName: 'Shevchenko' },
      { givenNames: 'Schewtschenko', familyName: 'Oksana' },
    );
    expect(v.swapped).toBe(true);
    expect(FIELD_LEVELS.given[v.levels[0]!]).toBe('exact');
    expect(FIELD_LEVELS.family[v.levels[1]!]).toBe('exact');
  });

  it('counts a dropped middle name as a partial agreement only with the first given name', () => {
    const kept = compare(
      { givenNames: 'Bilal Ali', familyName: 'Suleiman' },
      { givenNames: 'Bilal', familyName: 'Suleiman' },
    );
    expect(FIELD_LEVELS.given[kept.levels[0]!]).toBe('partial');
    // "Leena Firas" against "Firas": the father's name carried as a middle name, not the person.
    const father = compare(
      { givenNames: 'Leena Firas', familyName: 'Haddad' },
      { givenNames: 'Firas', familyName: 'Haddad' },
    );
    expect(FIELD_LEVELS.given[father.levels[0]!]).not.toBe('partial');
  });

  it('counts the last given name as the personal name of a Vietnamese name, and only there', () => {
    // Nguyễn Đức Hiếu is Hiếu: Đức is a middle name, dropped by one agency.
    const dropped = compare(
      { givenNames: 'Duc Hieu', familyName: 'Nguyen', nationality: 'VNM' },
      { givenNames: 'Hieu', familyName: 'Nguyen', nationality: 'VNM' },
    );
    expect(FIELD_LEVELS.given[dropped.levels[0]!]).toBe('partial');
    // One record without a nationality: still the Vietnamese name of the other.
    const oneSide = compare(
      { givenNames: 'Thanh Khoa', familyName: 'Ly', nationality: 'VNM' },
      { givenNames: 'Khoa', familyName: 'Ly' },
    );
    expect(FIELD_LEVELS.given[oneSide.levels[0]!]).toBe('partial');
    // Sisters share the middle name Thị: "Thi Hang" against "Thi" is no agreement on the person.
    const sisters = compare(
      { givenNames: 'Thi Hang', familyName: 'Nguyen', nationality: 'VNM' },
      { givenNames: 'Thi', familyName: 'Nguyen', nationality: 'VNM' },
    );
    expect(FIELD_LEVELS.given[sisters.levels[0]!]).not.toBe('partial');
    // Elsewhere the first given name stays the personal one (the father's name comes later).
    const syrian = compare(
      { givenNames: 'Leena Firas', familyName: 'Haddad', nationality: 'SYR' },
      { givenNames: 'Firas', familyName: 'Haddad', nationality: 'SYR' },
    );
    expect(FIELD_LEVELS.given[syrian.levels[0]!]).not.toBe('partial');
    // Different recorded nationalities: no Vietnamese reading.
    const mixed = compare(
      { givenNames: 'Duc Hieu', familyName: 'Nguyen', nationality: 'VNM' },
      { givenNames: 'Hieu', familyName: 'Nguyen', nationality: 'DEU' },
    );
    expect(FIELD_LEVELS.given[mixed.levels[0]!]).not.toBe('partial');
  });

  it('reads names straight when the first given names agree, even if crosswise scores a little higher', () => {
    // Saba, daughter of Yonas, grandfather Tesfay: one agency files Saba Yonas | Tesfay, another
    // Saba | Yonas. Straight, Saba agrees (a dropped second name); crosswise only Yonas would.
    const v = compare({ givenNames: 'Saba Yonas', familyName: 'Tesfay' }, { givenNames: 'Saba', familyName: 'Yonas' });
    expect(v.swapped).toBe(false);
    expect(FIELD_LEVELS.given[v.levels[0]!]).toBe('partial');
  });

  it('lets an identical original script explain Latin spelling differences away', () => {
    const v = compare(
      { givenNames: 'Walid', familyName: 'Hamoud', nameOriginalScript: 'وليد حمود' },
      { givenNames: 'Ualid', familyName: 'Hamoud', nameOriginalScript: 'وليد حمود' },
    );
    expect(FIELD_LEVELS.given[v.levels[0]!]).toBe('strong');
  });
});

describe('names read crosswise', () => {
  // The rule, computed here from the four field similarities: the names are read crosswise when
  // given↔family and family↔given together agree better than the straight reading, unless the
  // first given name agrees straight (similarity ≥ 0.94, and in a subset it is among the matched
  // words) or both straight fields agree strongly (≥ 0.94 each). compareRecords skips comparisons
  // that cannot change this; the reading must come out the same.
  const words = ['amina', 'amira', 'yusuf', 'yousef', 'hassan', 'hasan', 'ali', 'alia', 'omar', 'umar', 'said'];
  const name = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
  const record = (id: string, given: string, family: string): PersonRecord => ({
    recordId: id,
    sourceAgency: 'a',
    givenNames: given,
    familyName: family,
    birthDatePrecision: 'unknown',
    sex: 'unknown',
  });
  // One table for all runs (a table holds a large similarity cache).
  const table = new TokenTable();
  const frequency = (): number => 0.01;

  it('are read crosswise exactly when that reading agrees better and the straight one has no strong hold', () => {
    fc.assert(
      fc.property(name, name, name, name, (g1, f1, g2, f2) => {
        const a = prepareRecord(record('a', g1, f1), 0, table);
        const b = prepareRecord(record('b', g2, f2), 1, table);
        const sim = (x: readonly number[], y: readonly number[], jx: number, jy: number): number =>
          x.length && y.length ? fieldSimilarity(table, x, y, jx, jy, frequency).similarity : 0;
        const gg = fieldSimilarity(table, a.given, b.given, a.givenJoined, b.givenJoined, frequency);
        const ff = sim(a.family, b.family, a.familyJoined, b.familyJoined);
        const gf = sim(a.given, b.family, a.givenJoined, b.familyJoined);
        const fg = sim(a.family, b.given, a.familyJoined, b.givenJoined);
        const firstGivenAgrees = gg.similarity >= 0.94 && (!gg.subset || gg.firstMatched);
        const bothStrong = gg.similarity >= 0.94 && ff >= 0.94;
        const expected = !firstGivenAgrees && !bothStrong && gf + fg > gg.similarity + ff + 1e-9;
        expect(compareRecords(table, a, b, frequency).swapped).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });
});

import { FIELD_LEVELS } from './comparison.js';
import { linkGuard, rareNameRecords, REASONS } from './rules.js';

const level = <F extends keyof typeof FIELD_LEVELS>(field: F, name: (typeof FIELD_LEVELS)[F][number]): number =>
  (FIELD_LEVELS[field] as readonly string[]).indexOf(name);

/** Levels in FIELD_NAMES order: given, family, script, birth, sex, nationality, municipality, identifier. */
function levels(given: (typeof FIELD_LEVELS)['given'][number]): Int8Array {
  return Int8Array.from([
    level('given', given),
    level('family', 'exact'),
    -1,
    level('birthDate', 'exact'),
    level('sex', 'agree'),
    level('nationality', 'agree'),
    level('municipality', 'agree'),
    level('identifier', 'otherAgency'),
  ]);
}

describe('linkGuard: merely similar given names', () => {
  it('takes the rare-name bound from the population: 3 records, or one in a thousand', () => {
    expect(rareNameRecords(2_000)).toBe(3);
    expect(rareNameRecords(32_000)).toBe(32);
  });

  it('lets a merely similar given name vouch only when one side is rare in the population', () => {
    const facts = { crowd: 0, crowdLimit: 2, givenNameRecords: [20, 40] as const };
    // Kawthar / Kausar with the same real date and family name: 20 records of the rarer spelling.
    expect(linkGuard(levels('medium'), 0, facts)).toBe(REASONS.givenNamesDiffer);
    expect(linkGuard(levels('medium'), 0, { ...facts, rareNameRecords: 32 })).toBeUndefined();
    // Two common names (Sofiia, Solomiia: hundreds of records each) are two names.
    expect(linkGuard(levels('medium'), 0, { ...facts, givenNameRecords: [300, 500], rareNameRecords: 32 })).toBe(
      REASONS.givenNamesDiffer,
    );
    // Known names of the name table that differ are never a variant.
    expect(linkGuard(levels('medium'), 0, { ...facts, givenKnownDistinct: true, rareNameRecords: 32 })).toBe(
      REASONS.givenNamesDiffer,
    );
  });
});

describe('linkGuard: family names (the guard alone, levels written by hand)', () => {
  const facts = { crowd: 0, crowdLimit: 2, givenNameRecords: [20, 40] as const };
  const pair = (
    given: (typeof FIELD_LEVELS)['given'][number],
    family: (typeof FIELD_LEVELS)['family'][number],
    birth: (typeof FIELD_LEVELS)['birthDate'][number],
  ): Int8Array => {
    const l = levels(given);
    l[1] = level('family', family);
    l[3] = level('birthDate', birth);
    return l;
  };

  it('takes merely similar (weak) family names for different ones unless the real date is the same', () => {
    expect(linkGuard(pair('exact', 'weak', 'yearAgree'), 0, facts)).toBe(REASONS.familyNamesDiffer);
    expect(linkGuard(pair('exact', 'weak', 'typo'), 0, facts)).toBe(REASONS.familyNamesDiffer);
    expect(linkGuard(pair('exact', 'weak', 'exact'), 0, facts)).toBeUndefined();
    // A medium family name is still a possible spelling.
    expect(linkGuard(pair('exact', 'medium', 'yearAgree'), 0, facts)).toBeUndefined();
  });

  it('lets the same date vouch for unrelated family names only beside the same given name as written', () => {
    expect(linkGuard(pair('strong', 'disagree', 'exact'), 0, facts)).toBe(REASONS.familyNamesDiffer);
    expect(linkGuard(pair('exact', 'disagree', 'exact'), 0, facts)).toBeUndefined();
    expect(linkGuard(pair('partial', 'disagree', 'exact'), 0, facts)).toBeUndefined();
  });

  it('sends names that agree only through a later given name to review, whichever field it was in', () => {
    expect(linkGuard(pair('strong', 'exact', 'exact'), 0, { ...facts, firstGivenNameUnmatched: true })).toBe(
      REASONS.givenNamesDiffer,
    );
    expect(
      linkGuard(pair('strong', 'exact', 'exact'), 0, { ...facts, firstGivenNameUnmatched: false }),
    ).toBeUndefined();
  });
});

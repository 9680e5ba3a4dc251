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

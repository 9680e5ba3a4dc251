/**
 * Rules over a compared pair that the score cannot express. Fellegi–Sunter adds evidence as if
 * fields were independent; families and namesakes break that (twins share family name, birth
 * date, nationality and town; a father and his son share all names). A false link puts one
 * person's case in front of another person's case manager, a missed one costs a review: so these
 * rules only ever turn a link into a review, never the other way round.
 *
 *  - `clearMismatch`: the two records cannot be one person (different real birth dates other than
 *    a day/month swap or a one-digit slip, different recorded sex, conflicting person-level
 *    identifiers of one issuer, jun. against sen.). Never linked, and never in one person.
 *  - `keepApart`: a clear mismatch, or given names that share nothing, or birth years far apart:
 *    two records that one person must not hold through links between other records.
 *  - `linkGuard`: why a pair scoring above the link threshold still goes to a person.
 */
import { FIELD_LEVELS, ID_AZR_DIFFERS, ID_NUMBER_DIFFERS, MISSING, type PreparedRecord } from './comparison.js';

const F_GIVEN = 0;
const F_BIRTH = 3;
const F_SEX = 4;
const F_IDENTIFIER = 7;

const GIVEN = FIELD_LEVELS.given;
const GIVEN_PARTIAL = GIVEN.indexOf('partial');
const GIVEN_STRONG = GIVEN.indexOf('strong');
const GIVEN_WEAK = GIVEN.indexOf('weak');
const GIVEN_MIDDLE = GIVEN.indexOf('middle');
const FAMILY_DISAGREE = FIELD_LEVELS.family.indexOf('disagree');
const FAMILY_WEAK = FIELD_LEVELS.family.indexOf('weak');
const GIVEN_DISAGREE = GIVEN.indexOf('disagree');
const F_FAMILY = 1;
const BIRTH = FIELD_LEVELS.birthDate;
const EXACT_DATE = BIRTH.indexOf('exact');
const SAME_YEAR = BIRTH.indexOf('sameYear');
const NEAR_YEAR = BIRTH.indexOf('nearYear');
const FAR_YEAR = BIRTH.indexOf('farYear');
const YEAR_AGREE = BIRTH.indexOf('yearAgree');
const YEAR_NEAR = BIRTH.indexOf('yearNear');
const YEAR_FAR = BIRTH.indexOf('yearFar');
const SEX_DISAGREE = FIELD_LEVELS.sex.indexOf('disagree');

export const REASONS = {
  differentBirthDates: 'different birth dates',
  differentSex: 'different sex',
  differentAzr: 'different AZR numbers',
  differentCustomerNumbers: 'different customer numbers of one agency',
  generations: 'jun. and sen.',
  noGivenName: 'no given name to compare',
  givenNamesDiffer: 'given names differ',
  noBirthDate: 'no birth date to compare',
  yearsFarApart: 'birth years far apart',
  crowd: 'name and birth year shared by many persons',
  familyNamesDiffer: 'family names differ and the real birth date does not confirm',
  wouldJoin: 'would join records that cannot be one person',
  severalPersons: 'several persons match',
} as const;

/** Different real dates (not a swap or a one-digit slip) are different persons. */
export function differentRealDates(birthLevel: number): boolean {
  return birthLevel === SAME_YEAR || birthLevel === NEAR_YEAR || birthLevel === FAR_YEAR;
}

/** Why two records cannot be one person, or undefined. `levels` at `offset`, FIELD_NAMES order. */
export function clearMismatch(
  levels: Int8Array,
  offset: number,
  a: Pick<PreparedRecord, 'generation'>,
  b: Pick<PreparedRecord, 'generation'>,
): string | undefined {
  if (differentRealDates(levels[offset + F_BIRTH]!)) return REASONS.differentBirthDates;
  if (levels[offset + F_SEX] === SEX_DISAGREE) return REASONS.differentSex;
  const id = levels[offset + F_IDENTIFIER]!;
  if (id === ID_AZR_DIFFERS) return REASONS.differentAzr;
  if (id === ID_NUMBER_DIFFERS) return REASONS.differentCustomerNumbers;
  if (a.generation !== undefined && b.generation !== undefined && a.generation !== b.generation)
    return REASONS.generations;
  return undefined;
}

/** Records one person must not hold together, even through links between other records. */
export function keepApart(
  levels: Int8Array,
  offset: number,
  a: Pick<PreparedRecord, 'generation'>,
  b: Pick<PreparedRecord, 'generation'>,
  shareNameWord: () => boolean = () => false,
): string | undefined {
  const mismatch = clearMismatch(levels, offset, a, b);
  if (mismatch) return mismatch;
  // Given names that share nothing, unless the names were filed in other fields (the father's
  // name as family name, Selam Yonas | Samuel and SELAM | YONAS): some word of the full names agrees.
  if (levels[offset + F_GIVEN] === GIVEN_DISAGREE && !shareNameWord()) return REASONS.givenNamesDiffer;
  if (levels[offset + F_BIRTH] === YEAR_FAR) return REASONS.yearsFarApart;
  return undefined;
}

/** What the guard needs beyond the levels. */
export interface GuardFacts {
  /** Persons known to share the pair's name (spelling classes) and birth year: a crowd of namesakes. */
  readonly crowd: number;
  /** Crowd size from which agreement on name and year alone is review only. */
  readonly crowdLimit: number;
  /**
   * Records whose names fall in the spelling class of each given name compared (a, b). Two
   * merely similar given names that are both common are two different names (Oleksii, Oleksandr).
   */
  readonly givenNameRecords: readonly [number, number];
  /** The two given names are known names of the name table, and different ones (Oleksii, Oleksandr). */
  readonly givenKnownDistinct?: boolean;
  /** Records from which a name is no longer rare (`rareNameRecords` of the population); default RARE_NAME_RECORDS. */
  readonly rareNameRecords?: number;
  /**
   * The first given name of one record is no spelling of any word of the other's names: what
   * agreed is only a later given name (the father's name siblings and twins share), read
   * crosswise. False for names whose personal name comes last (Vietnamese).
   */
  readonly firstGivenNameUnmatched?: boolean;
}

/**
 * A merely similar given name counts as a variant only if one side is rare: held by at most this
 * many records, or by one record in RARE_NAME_SHARE of a larger population. Two common names that
 * are merely similar (Sofiia, Solomiia) are two names; a rare spelling is a variant.
 */
export const RARE_NAME_RECORDS = 3;
export const RARE_NAME_SHARE = 1 / 1000;

/** The rare-name bound of a population of `records` records. */
export function rareNameRecords(records: number): number {
  return Math.max(RARE_NAME_RECORDS, Math.floor(records * RARE_NAME_SHARE));
}

/**
 * Why a pair above the link threshold goes to review instead, or undefined. Given names must
 * agree (exactly, as a variant, or as a subset that includes the first given name): twins and
 * siblings share everything else. Given names that are merely similar (a keying or OCR error, a
 * transliteration the folds miss: one of them rare, and not two different names of the name
 * table) are enough only together with the same real birth date and an agreeing family name. A birth date must be compared: namesakes without dates are
 * indistinguishable. Birth years far apart are a parent and a child with the same names. A name
 * and a year shared by a crowd (placeholder dates of a common name) single out nobody.
 */
export function linkGuard(levels: Int8Array, offset: number, facts?: GuardFacts): string | undefined {
  const given = levels[offset + F_GIVEN]!;
  if (given === MISSING) return REASONS.noGivenName;
  const birth = levels[offset + F_BIRTH]!;
  const family = levels[offset + F_FAMILY]!;
  if (given > GIVEN_PARTIAL) {
    // Agreement only through a later given name (middle) never vouches: siblings and twins carry
    // their father's name as a middle name.
    const variant =
      given !== GIVEN_MIDDLE &&
      facts !== undefined &&
      facts.givenKnownDistinct !== true &&
      Math.min(facts.givenNameRecords[0], facts.givenNameRecords[1]) <= (facts.rareNameRecords ?? RARE_NAME_RECORDS);
    const vouched =
      given <= GIVEN_WEAK && variant && birth === EXACT_DATE && family !== MISSING && family <= GIVEN_PARTIAL;
    if (!vouched) return REASONS.givenNamesDiffer;
  }
  // Twins read crosswise (Mustafa Muhamed | Qasim against Qasm | Muhamed): the names agree only
  // through the father's name that twins share, whichever field it was filed in.
  if (facts?.firstGivenNameUnmatched === true) return REASONS.givenNamesDiffer;
  if (birth === MISSING) return REASONS.noBirthDate;
  if (birth === YEAR_FAR || birth === FAR_YEAR) return REASONS.yearsFarApart;
  if (facts && (birth === YEAR_AGREE || birth === YEAR_NEAR) && facts.crowd >= facts.crowdLimit) return REASONS.crowd;
  // Unrelated family names with the same given name and a date only close (Samira Susepemi,
  // 12.11.2000 / Samira Botuneba, 15.11.2000): only the same real birth date can vouch for them.
  // Merely similar family names (weak: Göktas, Kotas) are unrelated ones.
  if (family >= FAMILY_WEAK && birth !== EXACT_DATE) return REASONS.familyNamesDiffer;
  // With unrelated family names the given name is the only name left: a spelling variant of it
  // and the same date is what two men of one common name born that day share (Sergey Kushniruk,
  // Serhii Semskyi, 03.07.1986, one town); the name must be the same as written.
  if (family === FAMILY_DISAGREE && given === GIVEN_STRONG) return REASONS.familyNamesDiffer;
  return undefined;
}

/** Given names agree outright or as a variant (used for identifier links, which skip the score). */
export function givenNamesCompatible(levels: Int8Array, offset: number): boolean {
  const given = levels[offset + F_GIVEN]!;
  return given !== GIVEN_DISAGREE;
}

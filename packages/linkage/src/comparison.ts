/**
 * Field comparators. Each turns a pair of prepared records into a comparison level per field
 * (the "gamma" vector of Fellegi–Sunter); weights are applied separately in weights.ts.
 */
import {
  generationMarker,
  nameParts,
  normaliseMunicipality,
  normaliseNationality,
  originalScriptTokens,
  parseBirthDate,
  type Generation,
  type ParsedBirthDate,
} from './normalise.js';
import {
  fieldSimilarity,
  jaroWinkler,
  NO_FIELD_SIMILARITY,
  type FieldSimilarity,
  type TokenTable,
} from './similarity.js';
import { recordIdentifier, type ExternalIdentifier } from './identifiers.js';
import type { PersonRecord, Sex } from './types.js';

/**
 * Name levels. `partial`: one field's words are contained in the other's, including the first
 * given name (a dropped second name). `middle`: contained, but only through a later word (the
 * father's name carried as a middle name: siblings share it, so it is not a variant of the name).
 */
export const NAME_LEVELS = ['exact', 'strong', 'partial', 'middle', 'medium', 'weak', 'disagree'] as const;
export type NameLevel = (typeof NAME_LEVELS)[number];

/**
 * Birth-date levels in two classes: both dates full (first six) or at least one only a year
 * (last three). A year-class comparison can never reach `exact`: a placeholder is not a birthday.
 */
export const BIRTH_LEVELS = [
  'exact',
  'transposed',
  'typo',
  'sameYear',
  'nearYear',
  'farYear',
  'yearAgree',
  'yearNear',
  'yearFar',
] as const;
export const BIRTH_LEVEL_CLASS = [0, 0, 0, 0, 0, 0, 1, 1, 1] as const;
/** Years apart that still count as near: estimated ages of refugees are often one or two off. */
export const NEAR_YEARS = 2;

export const FIELD_LEVELS = {
  given: NAME_LEVELS,
  family: NAME_LEVELS,
  originalScript: ['exact', 'similar', 'disagree'],
  birthDate: BIRTH_LEVELS,
  sex: ['agree', 'disagree'],
  nationality: ['agree', 'disagree'],
  municipality: ['agree', 'disagree'],
  /**
   * What the identifiers say: the same person-level number of one issuer (links), AZR numbers one
   * keying error apart, AZR numbers that differ, one agency's two different customer numbers (both
   * conflicts), the same household number (a family, not a person: no weight), the same agency
   * without person numbers to compare, different agencies.
   */
  identifier: ['same', 'azrTypo', 'azrDiffers', 'numberDiffers', 'sameHousehold', 'sameAgency', 'otherAgency'],
} as const;

export type FieldName = keyof typeof FIELD_LEVELS;
export const FIELD_NAMES = Object.keys(FIELD_LEVELS) as FieldName[];
/** Level index meaning "not comparable" (a value missing on either side): weight 0. */
export const MISSING = -1;

/** A record with everything matching needs precomputed once. */
export interface PreparedRecord {
  readonly index: number;
  readonly record: PersonRecord;
  readonly given: readonly number[];
  readonly family: readonly number[];
  /** Interned id of all tokens of the field joined, or -1 when the field is empty. */
  readonly givenJoined: number;
  readonly familyJoined: number;
  readonly script: readonly string[];
  readonly scriptKey: string;
  readonly birth: ParsedBirthDate;
  readonly sex: Sex;
  readonly nationality: string;
  readonly municipality: string;
  readonly agency: string;
  readonly identifier: ExternalIdentifier | undefined;
  /** jun./sen. written with the name, if any. */
  readonly generation: Generation | undefined;
}

/** A name field as written, read once per table: its words, interned, and their joined form. */
interface NameField {
  readonly text: string;
  readonly ids: readonly number[];
  readonly joined: number;
  readonly generation: Generation | undefined;
}

const EMPTY_FIELD: NameField = { text: '', ids: [], joined: -1, generation: undefined };

/**
 * Name fields and municipalities already read, per token table: a population repeats its common
 * names thousands of times, and reading one (splitting, folding, interning) is the costly part of
 * preparing a record. Held only as long as the table is.
 */
interface FieldCaches {
  readonly names: Map<string, NameField>;
  readonly places: Map<string, string>;
  /** One string per agency, so that comparing two records' agencies is comparing references. */
  readonly agencies: Map<string, string>;
}

const fieldCaches = new WeakMap<TokenTable, FieldCaches>();

function cachesOf(table: TokenTable): FieldCaches {
  let caches = fieldCaches.get(table);
  if (!caches) fieldCaches.set(table, (caches = { names: new Map(), places: new Map(), agencies: new Map() }));
  return caches;
}

function nameField(raw: string, table: TokenTable, names: Map<string, NameField>): NameField {
  let field = names.get(raw);
  if (field) return field;
  const tokens = nameParts(raw);
  field =
    tokens.length === 0
      ? { ...EMPTY_FIELD, generation: generationMarker(raw) }
      : {
          text: tokens.join(' '),
          ids: tokens.map((t) => table.intern(t)),
          joined: table.intern(tokens.join('')),
          generation: generationMarker(raw),
        };
  names.set(raw, field);
  return field;
}

export function prepareRecord(record: PersonRecord, index: number, table: TokenTable): PreparedRecord {
  const caches = cachesOf(table);
  const given = nameField(record.givenNames, table, caches.names);
  let family = nameField(record.familyName, table, caches.names);
  // A single name written into both fields (Farid Farid) is one name, not a family name.
  if (family.ids.length > 0 && family.text === given.text) family = EMPTY_FIELD;
  const script = originalScriptTokens(record.nameOriginalScript);
  const place = record.municipality ?? '';
  let municipality = caches.places.get(place);
  if (municipality === undefined) caches.places.set(place, (municipality = normaliseMunicipality(record.municipality)));
  let agency = caches.agencies.get(record.sourceAgency);
  if (agency === undefined)
    caches.agencies.set(record.sourceAgency, (agency = record.sourceAgency.trim().toLowerCase()));
  return {
    index,
    record,
    given: given.ids,
    family: family.ids,
    givenJoined: given.joined,
    familyJoined: family.joined,
    script,
    scriptKey: script.join(' '),
    birth: parseBirthDate(record.birthDate, record.birthDatePrecision),
    sex: record.sex,
    nationality: normaliseNationality(record.nationality),
    municipality,
    agency,
    identifier: recordIdentifier(record),
    generation: given.generation ?? nameField(record.familyName, table, caches.names).generation,
  };
}

export const ID_SAME = 0;
export const ID_AZR_TYPO = 1;
export const ID_AZR_DIFFERS = 2;
export const ID_NUMBER_DIFFERS = 3;
export const ID_SAME_HOUSEHOLD = 4;

export function identifierLevel(a: PreparedRecord, b: PreparedRecord): number {
  const ia = a.identifier;
  const ib = b.identifier;
  if (ia && ib && ia.kind === ib.kind && ia.issuer === ib.issuer) {
    if (ia.kind === 'azr') {
      if (ia.value === ib.value) return ID_SAME;
      return oneKeyingErrorApart(ia.value, ib.value) ? ID_AZR_TYPO : ID_AZR_DIFFERS;
    }
    if (ia.kind === 'household-number' || ia.kind === 'case-file-number') {
      // Different household numbers of one agency say nothing about persons (people move), nor
      // do different file numbers (a child has a file per case); a shared one says family.
      if (ia.value === ib.value) return ID_SAME_HOUSEHOLD;
    } else return ia.value === ib.value ? ID_SAME : ID_NUMBER_DIFFERS;
  }
  return a.agency === b.agency ? 5 : 6;
}

/** Same length and one character changed, or two neighbours swapped. */
function oneKeyingErrorApart(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diffs: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && diffs.push(i) > 2) return false;
  if (diffs.length === 1) return true;
  return (
    diffs.length === 2 && diffs[1] === diffs[0]! + 1 && a[diffs[0]!] === b[diffs[1]] && a[diffs[1]] === b[diffs[0]!]
  );
}

/** Comparison levels of one pair plus what term-frequency weighting needs. */
export interface ComparisonVector {
  /** Level index per field in FIELD_NAMES order; MISSING when not comparable. */
  readonly levels: Int8Array;
  /** True when given and family names matched crosswise (swapped by an agency). */
  readonly swapped: boolean;
  readonly givenSimilarity: number;
  readonly familySimilarity: number;
  /** Frequency share of the rarest agreeing token, for term-frequency weighting (0 when none). */
  readonly givenFrequency: number;
  readonly familyFrequency: number;
  /** Word ids (of records a and b) behind the given and family agreement, -1 when none. */
  readonly givenWord: number;
  readonly familyWord: number;
  readonly givenWordB: number;
  readonly familyWordB: number;
}

/**
 * Nationalities whose given names end with the personal name: Vietnamese names are family name,
 * middle name(s), personal name (Nguyễn Thị Hương is Hương; Thị, Văn, Đức are middle names that
 * agencies drop or file with the family name).
 */
export const PERSONAL_NAME_LAST: ReadonlySet<string> = new Set(['VNM']);

/** Both records are of such a nationality, or one is and the other has none recorded. */
function personalNameLast(a: string, b: string): boolean {
  return (PERSONAL_NAME_LAST.has(a) && (b === '' || b === a)) || (PERSONAL_NAME_LAST.has(b) && a === '');
}

export function nameLevel(f: FieldSimilarity | null): number {
  if (f === null) return MISSING;
  const s = f.similarity;
  if (s >= 1 && !f.subset) return 0;
  if (s >= 0.94) return f.subset ? (f.firstMatched ? 2 : 3) : 1;
  if (s >= 0.88) return 4;
  if (s >= 0.8) return 5;
  return 6;
}

export function birthLevel(a: ParsedBirthDate, b: ParsedBirthDate): number {
  if (a.precision === 'unknown' || b.precision === 'unknown') return MISSING;
  const dy = Math.abs(a.year - b.year);
  if (a.precision === 'full' && b.precision === 'full') {
    if (dy === 0 && a.month === b.month && a.day === b.day) return 0;
    if (dy === 0 && a.month === b.day && a.day === b.month) return 1;
    if (oneDigitApart(a, b)) return 2;
    if (dy === 0) return 3;
    return dy <= NEAR_YEARS ? 4 : 5;
  }
  if (dy === 0) return 6;
  return dy <= NEAR_YEARS ? 7 : 8;
}

/** Dates whose 8-digit forms (YYYYMMDD) differ in exactly one digit (a keying error). */
function oneDigitApart(a: ParsedBirthDate, b: ParsedBirthDate): boolean {
  let x = a.year * 10000 + a.month * 100 + a.day;
  let y = b.year * 10000 + b.month * 100 + b.day;
  // One digit k apart means the numbers differ by c·10^k (c from 1 to 9): most pairs are not.
  let gap = Math.abs(x - y);
  while (gap >= 10 && gap % 10 === 0) gap /= 10;
  if (gap > 9) return false;
  let diff = 0;
  for (let i = 0; i < 8; i++) {
    if (x % 10 !== y % 10 && ++diff > 1) return false;
    x = Math.floor(x / 10);
    y = Math.floor(y / 10);
  }
  return diff === 1;
}

export function scriptLevel(a: PreparedRecord, b: PreparedRecord): number {
  if (a.script.length === 0 || b.script.length === 0) return MISSING;
  if (a.scriptKey === b.scriptKey) return 0;
  // Align tokens; a dropped father's name still counts as similar.
  const [short, long] = a.script.length <= b.script.length ? [a.script, b.script] : [b.script, a.script];
  let sum = 0;
  for (const t of short) {
    let best = 0;
    for (const u of long) best = Math.max(best, t === u ? 1 : jaroWinkler(t, u));
    sum += best;
  }
  return sum / short.length >= 0.9 ? 1 : 2;
}

function sexLevel(a: Sex, b: Sex): number {
  if (a === 'unknown' || b === 'unknown') return MISSING;
  return a === b ? 0 : 1;
}

function valueLevel(a: string, b: string): number {
  if (a === '' || b === '') return MISSING;
  return a === b ? 0 : 1;
}

/**
 * The levels of the fields other than the names (birth date, sex, nationality, municipality,
 * identifier) into `out`, as `compareRecords` sets them; the name levels are left alone. For
 * sampling u-probabilities of these fields over many random pairs without the name work.
 */
export function compareOtherFields(a: PreparedRecord, b: PreparedRecord, out: Int8Array): void {
  out[3] = birthLevel(a.birth, b.birth);
  out[4] = sexLevel(a.sex, b.sex);
  out[5] = valueLevel(a.nationality, b.nationality);
  out[6] = valueLevel(a.municipality, b.municipality);
  out[7] = identifierLevel(a, b);
}

/**
 * Compares two prepared records. Names are compared straight and crosswise (given ↔ family);
 * the orientation with the higher total similarity wins, so swapped names cost nothing.
 */
export function compareRecords(
  table: TokenTable,
  a: PreparedRecord,
  b: PreparedRecord,
  frequency: (id: number, nationality: string) => number,
  memoise = true,
  out?: Int8Array,
): ComparisonVector {
  // Names are weighed by their frequency within the shared nationality where there is one:
  // "Sofiia" is rare in the whole population but common among Ukrainians, and nationality
  // agreement is already counted on its own.
  const nat = a.nationality !== '' && a.nationality === b.nationality ? a.nationality : '';
  const gg =
    a.given.length && b.given.length
      ? fieldSimilarity(
          table,
          a.given,
          b.given,
          a.givenJoined,
          b.givenJoined,
          frequency,
          memoise,
          nat,
          personalNameLast(a.nationality, b.nationality),
        )
      : null;
  const ff =
    a.family.length && b.family.length
      ? fieldSimilarity(table, a.family, b.family, a.familyJoined, b.familyJoined, frequency, memoise, nat)
      : null;
  // Given names that agree straight on the first given name are read straight: the crosswise
  // reading may score a little higher on the rest (Saba Yonas | Tesfay against Saba | Yonas).
  const firstGivenAgrees = gg !== null && gg.similarity >= 0.94 && (!gg.subset || gg.firstMatched);
  // Crosswise only when the straight comparison leaves room: two strong agreements cannot be
  // beaten, and a first given name that agrees straight is read straight whatever crosswise says.
  const straightGood = gg !== null && ff !== null && gg.similarity >= 0.94 && ff.similarity >= 0.94;
  const straight = (gg ?? NO_FIELD_SIMILARITY).similarity + (ff ?? NO_FIELD_SIMILARITY).similarity;
  const cross = !straightGood && !firstGivenAgrees;
  const gf =
    cross && a.given.length && b.family.length
      ? fieldSimilarity(table, a.given, b.family, a.givenJoined, b.familyJoined, frequency, memoise, nat)
      : null;
  // The second crosswise field can add at most 1: if that cannot beat the straight reading, it is not asked.
  const fg =
    cross && a.family.length && b.given.length && (gf ?? NO_FIELD_SIMILARITY).similarity + 1 > straight + 1e-9
      ? fieldSimilarity(table, a.family, b.given, a.familyJoined, b.givenJoined, frequency, memoise, nat)
      : null;
  const crossed = (gf ?? NO_FIELD_SIMILARITY).similarity + (fg ?? NO_FIELD_SIMILARITY).similarity;
  const swapped = crossed > straight + 1e-9 && !firstGivenAgrees;
  let given = swapped ? gf : gg;
  let family = swapped ? fg : ff;
  // Crosswise we cannot tell which record swapped, so which comparison is given-to-given; the
  // weaker one counts as the given names, so a shared family name cannot pass for a given name.
  if (swapped && gf !== null && fg !== null && fg.similarity < gf.similarity) [given, family] = [fg, gf];
  // A record with one name field only (single-name persons, FNU): whatever name was compared
  // is the given name for the purpose of the decision.
  if (given === null && family !== null) [given, family] = [family, null];
  const levels = out ?? new Int8Array(FIELD_NAMES.length);
  levels[0] = nameLevel(given);
  levels[1] = nameLevel(family);
  levels[2] = scriptLevel(a, b);
  // The original script is the same name in another writing, not independent evidence: when it
  // agrees exactly, Latin differences are transliteration noise, so the names count as strong.
  if (levels[2] === 0) {
    if (levels[0] > 1) levels[0] = 1;
    if (levels[1] > 1) levels[1] = 1;
  }
  compareOtherFields(a, b, levels);
  return {
    levels,
    swapped,
    givenSimilarity: given?.similarity ?? 0,
    familySimilarity: family?.similarity ?? 0,
    givenFrequency: given ? Math.max(frequency(given.tfTokenA, nat), frequency(given.tfTokenB, nat)) : 0,
    familyFrequency: family ? Math.max(frequency(family.tfTokenA, nat), frequency(family.tfTokenB, nat)) : 0,
    givenWord: given?.tfTokenA ?? -1,
    familyWord: family?.tfTokenA ?? -1,
    givenWordB: given?.tfTokenB ?? -1,
    familyWordB: family?.tfTokenB ?? -1,
  };
}

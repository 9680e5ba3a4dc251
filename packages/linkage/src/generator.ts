/**
 * Seeded generator of synthetic populations with known truth, for evaluation. Persons live in
 * households (spouses, siblings, twins share family name, municipality, nationality, sometimes
 * birth dates), and each person is known to one or more agencies, each of which records the
 * person its own way: transliteration variants, German re-spelling, dropped diacritics, swapped or
 * missing name parts, typos, placeholder birth dates, stale municipalities, missing fields.
 * Same seed, same population, bit for bit.
 */
import {
  AFGHAN_FAMILY,
  AFGHAN_FEMALE,
  AFGHAN_MALE,
  ALIKE_TWIN_NAMES,
  ARABIC_FEMALE,
  ARABIC_MALE,
  ERITREAN_FEMALE,
  ERITREAN_MALE,
  IRANIAN_FAMILY,
  IRANIAN_FEMALE,
  IRANIAN_MALE,
  IRAQI_FAMILY,
  IRAQI_MALE_EXTRA,
  KURDISH_FAMILY,
  KURDISH_FEMALE,
  KURDISH_MALE,
  MUNICIPALITIES,
  SOMALI_FEMALE,
  SOMALI_MALE,
  SYRIAN_FAMILY,
  TURKISH_FAMILY,
  TURKISH_FEMALE,
  TURKISH_MALE,
  UKRAINIAN_FAMILY,
  UKRAINIAN_FEMALE,
  UKRAINIAN_MALE,
  type NameEntry,
} from './generator/names.js';
import { arabicFamily, eritreanCompound, persianFamily, turkishFamily, ukrainianFamily } from './generator/longtail.js';
import { createRng, type Rng } from './prng.js';
import type { BirthDatePrecision, PersonRecord, Sex } from './types.js';

export interface GeneratorOptions {
  readonly persons: number;
  readonly seed: number;
  /** Reference year for ages. */
  readonly year?: number;
}

export interface GeneratedPopulation {
  readonly records: PersonRecord[];
  /** True person id of each record, by record index. */
  readonly personOf: string[];
  readonly persons: number;
  readonly households: number;
}

type NamePool = readonly (readonly [readonly NameEntry[], number])[];

interface Tradition {
  /** Weight of this tradition within the nationality. */
  readonly weight: number;
  readonly male: NamePool;
  readonly female: NamePool;
  readonly family: readonly NameEntry[];
}

interface Culture {
  readonly nationality: string;
  readonly share: number;
  readonly traditions: readonly Tradition[];
  /** `family`: inherited family name; `patronymic`: father's given name in the family field. */
  readonly naming: 'family' | 'patronymic';
  /** Share of persons without any family name (Afghanistan): agencies improvise. */
  readonly noFamilyName: number;
  /** Share of persons whose real birth date is on record; the rest carry 01.01. placeholders. */
  readonly knownBirthDate: number;
  /** Documents carry the name in this script; `latin` means the diacritic Latin form (Turkish). */
  readonly script: 'arabic' | 'cyrillic' | 'latin' | 'none';
  /** Agencies sometimes add the father's name to the given names. */
  readonly fatherInGiven: number;
  /** Married women keep their own family name (Arabic and Persian tradition). */
  readonly wifeKeepsName: number;
  /** Nationality an agency may record by mistake (Kurds from Syria as Iraqi, Afghans born in Iran). */
  readonly confusedWith?: string;
  readonly secondGivenName: number;
  /** Share of family names (and male given names) drawn from the long tail instead of the lists. */
  readonly longTailFamily?: readonly [number, (rng: Rng) => NameEntry];
  readonly longTailMale?: readonly [number, (rng: Rng) => NameEntry];
}

const only = (entries: readonly NameEntry[]): NamePool => [[entries, 1]];

const CULTURES: readonly Culture[] = [
  {
    nationality: 'SYR',
    share: 0.27,
    naming: 'family',
    noFamilyName: 0,
    knownBirthDate: 0.88,
    script: 'arabic',
    fatherInGiven: 0.1,
    wifeKeepsName: 0.6,
    confusedWith: 'IRQ',
    secondGivenName: 0.12,
    longTailFamily: [0.5, arabicFamily],
    traditions: [
      { weight: 0.8, male: only(ARABIC_MALE), female: only(ARABIC_FEMALE), family: SYRIAN_FAMILY },
      {
        weight: 0.2,
        male: [
          [KURDISH_MALE, 0.5],
          [ARABIC_MALE, 0.5],
        ],
        female: [
          [KURDISH_FEMALE, 0.6],
          [ARABIC_FEMALE, 0.4],
        ],
        family: KURDISH_FAMILY,
      },
    ],
  },
  {
    nationality: 'UKR',
    share: 0.2,
    naming: 'family',
    noFamilyName: 0,
    knownBirthDate: 0.99,
    script: 'cyrillic',
    fatherInGiven: 0,
    wifeKeepsName: 0.05,
    secondGivenName: 0,
    longTailFamily: [0.6, ukrainianFamily],
    traditions: [{ weight: 1, male: only(UKRAINIAN_MALE), female: only(UKRAINIAN_FEMALE), family: UKRAINIAN_FAMILY }],
  },
  {
    nationality: 'AFG',
    share: 0.13,
    naming: 'family',
    noFamilyName: 0.3,
    knownBirthDate: 0.45,
    script: 'arabic',
    fatherInGiven: 0.1,
    wifeKeepsName: 0.5,
    confusedWith: 'IRN',
    secondGivenName: 0.1,
    longTailFamily: [0.45, (rng) => persianFamily(rng, true)],
    traditions: [{ weight: 1, male: only(AFGHAN_MALE), female: only(AFGHAN_FEMALE), family: AFGHAN_FAMILY }],
  },
  {
    nationality: 'IRQ',
    share: 0.11,
    naming: 'family',
    noFamilyName: 0,
    knownBirthDate: 0.8,
    script: 'arabic',
    fatherInGiven: 0.15,
    wifeKeepsName: 0.6,
    confusedWith: 'SYR',
    secondGivenName: 0.1,
    longTailFamily: [0.45, arabicFamily],
    traditions: [
      {
        weight: 0.75,
        male: [
          [ARABIC_MALE, 0.65],
          [IRAQI_MALE_EXTRA, 0.35],
        ],
        female: only(ARABIC_FEMALE),
        family: IRAQI_FAMILY,
      },
      {
        weight: 0.25,
        male: [
          [KURDISH_MALE, 0.5],
          [ARABIC_MALE, 0.5],
        ],
        female: [
          [KURDISH_FEMALE, 0.6],
          [ARABIC_FEMALE, 0.4],
        ],
        family: KURDISH_FAMILY,
      },
    ],
  },
  {
    nationality: 'TUR',
    share: 0.1,
    naming: 'family',
    noFamilyName: 0,
    knownBirthDate: 0.97,
    script: 'latin',
    fatherInGiven: 0,
    wifeKeepsName: 0.1,
    secondGivenName: 0.1,
    longTailFamily: [0.55, turkishFamily],
    traditions: [{ weight: 1, male: only(TURKISH_MALE), female: only(TURKISH_FEMALE), family: TURKISH_FAMILY }],
  },
  {
    nationality: 'ERI',
    share: 0.06,
    naming: 'patronymic',
    noFamilyName: 0,
    knownBirthDate: 0.55,
    script: 'none',
    fatherInGiven: 0,
    wifeKeepsName: 1,
    secondGivenName: 0,
    longTailMale: [0.35, eritreanCompound],
    traditions: [{ weight: 1, male: only(ERITREAN_MALE), female: only(ERITREAN_FEMALE), family: ERITREAN_MALE }],
  },
  {
    nationality: 'IRN',
    share: 0.05,
    naming: 'family',
    noFamilyName: 0,
    knownBirthDate: 0.93,
    script: 'arabic',
    fatherInGiven: 0,
    wifeKeepsName: 0.8,
    confusedWith: 'AFG',
    secondGivenName: 0.05,
    longTailFamily: [0.55, (rng) => persianFamily(rng, false)],
    traditions: [{ weight: 1, male: only(IRANIAN_MALE), female: only(IRANIAN_FEMALE), family: IRANIAN_FAMILY }],
  },
  {
    nationality: 'SOM',
    share: 0.04,
    naming: 'patronymic',
    noFamilyName: 0,
    knownBirthDate: 0.45,
    script: 'none',
    fatherInGiven: 0.05,
    wifeKeepsName: 1,
    secondGivenName: 0,
    traditions: [{ weight: 1, male: only(SOMALI_MALE), female: only(SOMALI_FEMALE), family: SOMALI_MALE }],
  },
];

/** Agencies as they appear in `source_agency`; the kind decides how the record is kept. */
interface Agency {
  readonly id: string;
  readonly kind: AgencyKind;
}
type AgencyKind =
  | 'foreigners-authority'
  | 'jobcenter'
  | 'employment-agency'
  | 'asylum-benefits'
  | 'youth-office'
  | 'social-welfare'
  | 'language-course-provider'
  | 'migration-counselling'
  | 'welfare-organisation'
  | 'volunteer-group'
  | 'integration-centre';

/** How an agency keeps records: from documents or by ear, and what its software can store. */
interface AgencyStyle {
  /** Probability that the name is copied from the passport spelling. */
  readonly fromDocument: number;
  /** Probability that a clerk re-spells the name the German way. */
  readonly germanise: number;
  /** Software without diacritics (ü → ue or u). */
  readonly asciiOnly: boolean;
  readonly originalScript: number;
  readonly upperCase: number;
  /** Probability that the record carries the AZR number instead of the agency's own number. */
  readonly azr: number;
  /** Probability that no identifier is recorded at all. */
  readonly noIdentifier: number;
  readonly adult: number;
  readonly child: number;
}

const STYLES: Readonly<Record<AgencyKind, AgencyStyle>> = {
  'foreigners-authority': {
    fromDocument: 0.92,
    germanise: 0.02,
    asciiOnly: false,
    originalScript: 0.7,
    upperCase: 0.25,
    azr: 1,
    noIdentifier: 0,
    adult: 0.72,
    child: 0.55,
  },
  jobcenter: {
    fromDocument: 0.65,
    germanise: 0.08,
    asciiOnly: true,
    originalScript: 0.03,
    upperCase: 0.05,
    azr: 0,
    noIdentifier: 0,
    adult: 0.5,
    child: 0,
  },
  'employment-agency': {
    fromDocument: 0.65,
    germanise: 0.08,
    asciiOnly: true,
    originalScript: 0,
    upperCase: 0.05,
    azr: 0,
    noIdentifier: 0,
    adult: 0.12,
    child: 0,
  },
  'asylum-benefits': {
    fromDocument: 0.8,
    germanise: 0.05,
    asciiOnly: false,
    originalScript: 0.35,
    upperCase: 0.1,
    azr: 0.5,
    noIdentifier: 0,
    adult: 0.15,
    child: 0.1,
  },
  'youth-office': {
    fromDocument: 0.6,
    germanise: 0.1,
    asciiOnly: false,
    originalScript: 0.02,
    upperCase: 0,
    azr: 0,
    noIdentifier: 0.1,
    adult: 0,
    child: 0.25,
  },
  'social-welfare': {
    fromDocument: 0.6,
    germanise: 0.1,
    asciiOnly: true,
    originalScript: 0,
    upperCase: 0,
    azr: 0,
    noIdentifier: 0.05,
    adult: 0.05,
    child: 0,
  },
  'language-course-provider': {
    fromDocument: 0.8,
    germanise: 0.05,
    asciiOnly: false,
    originalScript: 0.15,
    upperCase: 0.05,
    azr: 0.35,
    noIdentifier: 0.05,
    adult: 0.35,
    child: 0.03,
  },
  'migration-counselling': {
    fromDocument: 0.5,
    germanise: 0.12,
    asciiOnly: false,
    originalScript: 0.05,
    upperCase: 0,
    azr: 0.1,
    noIdentifier: 0.2,
    adult: 0.25,
    child: 0.08,
  },
  'welfare-organisation': {
    fromDocument: 0.45,
    germanise: 0.15,
    asciiOnly: false,
    originalScript: 0.03,
    upperCase: 0,
    azr: 0,
    noIdentifier: 0.3,
    adult: 0.2,
    child: 0.1,
  },
  'volunteer-group': {
    fromDocument: 0.3,
    germanise: 0.25,
    asciiOnly: false,
    originalScript: 0,
    upperCase: 0,
    azr: 0,
    noIdentifier: 0.6,
    adult: 0.08,
    child: 0.03,
  },
  'integration-centre': {
    fromDocument: 0.6,
    germanise: 0.08,
    asciiOnly: false,
    originalScript: 0.05,
    upperCase: 0,
    azr: 0.1,
    noIdentifier: 0.1,
    adult: 0.05,
    child: 0.02,
  },
};

const AGENCY_KINDS = Object.keys(STYLES) as AgencyKind[];

/** Some kinds have several agencies in the Kreis; the person's municipality decides which. */
function agencyFor(kind: AgencyKind, municipality: string, rng: Rng): Agency {
  switch (kind) {
    case 'foreigners-authority':
      // Rheine runs its own foreigners' office; the Kreis serves everyone else.
      return {
        id: municipality === 'Rheine' ? 'auslaenderbehoerde-rheine' : 'auslaenderbehoerde-kreis-steinfurt',
        kind,
      };
    case 'language-course-provider':
      return { id: rng.pick(['vhs-rheine', 'vhs-ibbenbueren', 'sprachschule-emsdetten']), kind };
    case 'welfare-organisation':
      return { id: rng.pick(['caritas-rheine', 'diakonie-steinfurt']), kind };
    default:
      return { id: `${kind}-steinfurt`, kind };
  }
}

interface Person {
  readonly id: string;
  readonly culture: Culture;
  readonly sex: 'male' | 'female';
  readonly given: NameEntry;
  readonly secondGiven?: NameEntry;
  /** The family name in use; undefined when the person has none (or patronymic naming). */
  readonly family?: NameEntry;
  /** Maiden name of a married woman who took her husband's name. */
  readonly maiden?: NameEntry;
  readonly father: NameEntry;
  readonly grandfather: NameEntry;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly dateKnown: boolean;
  /** Year shown on documents when the date is unknown (an estimate, sometimes off by one). */
  readonly documentYear: number;
  /** A full date some agencies adopted later for a person with an unknown date. */
  readonly adoptedDate: string;
  readonly municipality: string;
  /** Spelling on the passport: index into variants, fixed per person. */
  readonly docGiven: number;
  readonly docFamily: number;
  readonly docArticle: number;
  readonly azr: string;
  readonly household: number;
}

const VARIANT_WEIGHTS = [0.5, 0.22, 0.12, 0.08, 0.05, 0.03, 0.02];
const ARTICLE_STYLES = ['Al-', 'Al ', 'Al', 'El-', 'al-', ''] as const;
const ARTICLE_WEIGHTS = [0.35, 0.1, 0.15, 0.08, 0.07, 0.25];

function pickEntry(pool: NamePool | readonly NameEntry[], rng: Rng): NameEntry {
  const lists: NamePool = isPool(pool) ? pool : [[pool, 1]];
  const list = rng.weighted(
    lists.map((l) => l[0]),
    lists.map((l) => l[1]),
  );
  return rng.weighted(
    list,
    list.map((e) => e.weight),
  );
}

function isPool(p: NamePool | readonly NameEntry[]): p is NamePool {
  return Array.isArray(p[0]);
}

function variantIndex(entry: NameEntry, rng: Rng): number {
  const n = entry.variants.length;
  return rng.weighted(
    entry.variants.map((_, i) => i),
    VARIANT_WEIGHTS.slice(0, n).concat(Array(Math.max(0, n - VARIANT_WEIGHTS.length)).fill(0.02)),
  );
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function randomDay(year: number, rng: Rng): [number, number] {
  const month = rng.range(1, 12);
  return [month, rng.range(1, daysIn(year, month))];
}

export function generatePopulation(options: GeneratorOptions): GeneratedPopulation {
  const rng = createRng(options.seed);
  const now = options.year ?? 2024;
  const persons: Person[] = [];
  let household = 0;
  let azrCounter = 0;
  const newAzr = (): string => {
    azrCounter++;
    // 12 digits, not sequential: a scrambled counter.
    const n = (azrCounter * 7919 + rng.int(997)) % 1_000_000;
    return `${rng.range(100000, 999999)}${String(n).padStart(6, '0')}`;
  };

  const hrng = rng.fork('households');
  while (persons.length < options.persons) {
    household++;
    const culture = hrng.weighted(
      CULTURES,
      CULTURES.map((c) => c.share),
    );
    const tradition = hrng.weighted(
      culture.traditions,
      culture.traditions.map((t) => t.weight),
    );
    const municipality = hrng.weighted(
      MUNICIPALITIES.map((m) => m[0]),
      MUNICIPALITIES.map((m) => m[1]),
    );
    const size = hrng.weighted([1, 2, 3, 4, 5, 6, 7, 8], [0.34, 0.12, 0.13, 0.15, 0.12, 0.08, 0.04, 0.02]);
    const members = makeHousehold(hrng, culture, tradition, municipality, size, household, now, newAzr, persons.length);
    for (const m of members) {
      if (persons.length < options.persons) persons.push(m);
    }
  }

  const records: PersonRecord[] = [];
  const personOf: string[] = [];
  const rrng = rng.fork('records');
  const byHousehold = new Map<number, Person[]>();
  for (const p of persons) {
    const list = byHousehold.get(p.household) ?? [];
    list.push(p);
    byHousehold.set(p.household, list);
  }
  let recordCounter = 0;
  const customerNumbers = new Map<string, string>();
  for (const p of persons) {
    const adult = now - p.year >= 18;
    const kinds = AGENCY_KINDS.filter((k) => rrng.chance(adult ? STYLES[k].adult : STYLES[k].child));
    if (kinds.length === 0) kinds.push(adult ? 'jobcenter' : 'foreigners-authority');
    const agencies = kinds.map((k) => agencyFor(k, p.municipality, rrng));
    // Some agencies hold the same person twice: re-registration with the old number, or a new one.
    const duplicates: [Agency, boolean][] = agencies.map((a) => [a, false]);
    if (rrng.chance(0.04)) duplicates.push([rrng.pick(agencies), true]);
    for (const [agency, duplicate] of duplicates) {
      recordCounter++;
      const recordId = `R${String(recordCounter).padStart(7, '0')}`;
      const family = byHousehold.get(p.household)!;
      records.push(renderRecord(p, agency, recordId, duplicate, rrng, family, customerNumbers));
      personOf.push(p.id);
    }
  }
  // Agencies deliver in their own order; shuffle so record order carries no truth.
  const order = records.map((_, i) => i);
  const srng = rng.fork('shuffle');
  for (let i = order.length - 1; i > 0; i--) {
    const j = srng.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return {
    records: order.map((i) => records[i]!),
    personOf: order.map((i) => personOf[i]!),
    persons: persons.length,
    households: household,
  };
}

function makeHousehold(
  rng: Rng,
  culture: Culture,
  tradition: Tradition,
  municipality: string,
  size: number,
  household: number,
  now: number,
  newAzr: () => string,
  offset: number,
): Person[] {
  const members: Person[] = [];
  let n = offset;
  const make = (
    sex: 'male' | 'female',
    year: number,
    given: NameEntry,
    family: NameEntry | undefined,
    father: NameEntry,
    fixedDate?: [number, number, boolean],
    maiden?: NameEntry,
  ): Person => {
    n++;
    const dateKnown = fixedDate ? fixedDate[2] : rng.chance(culture.knownBirthDate);
    const [month, day] = fixedDate ? [fixedDate[0], fixedDate[1]] : randomDay(year, rng);
    const familyEntry = culture.naming === 'patronymic' ? undefined : family;
    const [am, ad] = randomDay(year, rng);
    const person: Person = {
      id: `P${String(n).padStart(6, '0')}`,
      culture,
      sex,
      given,
      ...(rng.chance(culture.secondGivenName)
        ? { secondGiven: pickEntry(sex === 'male' ? tradition.male : tradition.female, rng) }
        : {}),
      ...(familyEntry ? { family: familyEntry } : {}),
      ...(maiden ? { maiden } : {}),
      father,
      grandfather: pickMale(),
      year,
      month,
      day,
      dateKnown,
      documentYear: dateKnown ? year : year + (rng.chance(0.2) ? rng.pick([-1, 1]) : 0),
      adoptedDate: `${year + (rng.chance(0.3) ? rng.pick([-1, 1]) : 0)}-${pad(am)}-${pad(ad)}`,
      municipality,
      docGiven: 0,
      docFamily: 0,
      docArticle: rng.weighted([0, 1, 2, 3, 4, 5], ARTICLE_WEIGHTS),
      azr: newAzr(),
      household,
    };
    return {
      ...person,
      docGiven: variantIndex(given, rng),
      docFamily: familyEntry ? variantIndex(familyEntry, rng) : 0,
    };
  };
  const pickMale = (): NameEntry =>
    culture.longTailMale && rng.chance(culture.longTailMale[0])
      ? culture.longTailMale[1](rng)
      : pickEntry(tradition.male, rng);
  const pickGiven = (sex: 'male' | 'female', avoid: readonly NameEntry[]): NameEntry => {
    for (let tries = 0; ; tries++) {
      const e = sex === 'male' ? pickMale() : pickEntry(tradition.female, rng);
      if (!avoid.includes(e) || tries > 20) return e;
    }
  };
  const pickFamily = (): NameEntry =>
    culture.longTailFamily && rng.chance(culture.longTailFamily[0])
      ? culture.longTailFamily[1](rng)
      : rng.weighted(
          tradition.family,
          tradition.family.map((e) => e.weight),
        );
  const hasFamilyName = !rng.chance(culture.noFamilyName);
  const householdFamily = hasFamilyName ? pickFamily() : undefined;

  if (size === 1) {
    // Singles are mostly young adults; a few unaccompanied minors.
    const sex = rng.chance(0.65) ? 'male' : 'female';
    const age = rng.chance(0.05) ? rng.range(15, 17) : Math.min(70, 18 + Math.floor(Math.abs(rng.normal()) * 12));
    const own = hasFamilyName ? householdFamily : undefined;
    members.push(make(sex, now - age, pickGiven(sex, []), own, pickMale()));
    return members;
  }
  const headSex = rng.chance(0.8) ? 'male' : 'female';
  const headAge = Math.min(68, 24 + Math.floor(Math.abs(rng.normal()) * 12));
  const headYear = now - headAge;
  const head = make(headSex, headYear, pickGiven(headSex, []), householdFamily, pickMale());
  members.push(head);
  const withPartner = rng.chance(0.75);
  if (withPartner && members.length < size) {
    const sex = headSex === 'male' ? 'female' : 'male';
    const year = headYear + Math.round(rng.normal() * 4) + (sex === 'female' ? 3 : -3);
    // The wife keeps her own family name or takes her husband's, by tradition.
    const ownFamily = hasFamilyName ? pickFamily() : undefined;
    const keeps = rng.chance(culture.wifeKeepsName);
    const family = sex === 'female' && !keeps ? householdFamily : ownFamily;
    const maiden = sex === 'female' && !keeps ? ownFamily : undefined;
    members.push(make(sex, year, pickGiven(sex, []), family, pickMale(), undefined, maiden));
  }
  // Children: the father's given name is their patronymic; the family name is inherited.
  const father = headSex === 'male' ? head.given : pickMale();
  const childFamily = headSex === 'male' || !withPartner ? householdFamily : (members[1]?.family ?? householdFamily);
  let year = headYear + rng.range(19, 27);
  // Children are not named exactly like a parent or a sibling.
  const used: NameEntry[] = members.map((m) => m.given);
  while (members.length < size && year <= now) {
    const twins = members.length + 1 < size && rng.chance(0.04);
    const sexA = rng.chance(0.5) ? 'male' : 'female';
    const [month, day] = randomDay(year, rng);
    const dateKnown = rng.chance(culture.knownBirthDate);
    if (twins) {
      const sexB = rng.chance(0.5) ? 'male' : 'female';
      let [ga, gb] = [pickGiven(sexA, used), pickGiven(sexB, used)];
      // Twins often get names that sound alike (Hassan and Hussein).
      if (sexA === sexB && rng.chance(0.4)) {
        const pair = rng.pick(ALIKE_TWIN_NAMES[sexA]);
        const pool = sexA === 'male' ? tradition.male : tradition.female;
        const a = findEntry(pool, pair[0]);
        const b = findEntry(pool, pair[1]);
        if (a && b) [ga, gb] = [a, b];
      }
      if (ga === gb) gb = pickGiven(sexB, [...used, ga]);
      used.push(ga, gb);
      members.push(make(sexA, year, ga, childFamily, father, [month, day, dateKnown]));
      members.push(make(sexB, year, gb, childFamily, father, [month, day, dateKnown]));
    } else {
      const g = pickGiven(sexA, used);
      used.push(g);
      members.push(make(sexA, year, g, childFamily, father));
    }
    year += rng.range(1, 4);
  }
  return members;
}

function findEntry(pool: NamePool, firstVariant: string): NameEntry | undefined {
  for (const [list] of pool) {
    const e = list.find((x) => x.variants[0] === firstVariant);
    if (e) return e;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Rendering one agency's record of a person.

function renderRecord(
  p: Person,
  agency: Agency,
  recordId: string,
  duplicate: boolean,
  rng: Rng,
  household: readonly Person[],
  customerNumbers: Map<string, string>,
): PersonRecord {
  const style = STYLES[agency.kind];
  const germanise = rng.chance(style.germanise);
  const spell = (entry: NameEntry, docIndex: number, female = false): string => {
    const variants = female && entry.femaleVariants ? entry.femaleVariants : entry.variants;
    const i = rng.chance(style.fromDocument)
      ? Math.min(docIndex, variants.length - 1)
      : variantIndex(entry, rng) % variants.length;
    let v = variants[i]!;
    if (germanise) v = germanSpelling(v, p.culture);
    if (style.asciiOnly) v = asciiFold(v, rng);
    return v;
  };

  // Given names: first name, perhaps a second one, perhaps the father's name.
  let given = spell(p.given, p.docGiven);
  if (p.secondGiven && !rng.chance(0.3)) given += ` ${spell(p.secondGiven, 0)}`;
  if (rng.chance(p.culture.fatherInGiven)) given += ` ${spell(p.father, 0)}`;

  // Family name by naming tradition.
  let family = '';
  if (p.culture.naming === 'patronymic') {
    family = spell(p.father, 0);
    if (rng.chance(0.1)) family += ` ${spell(p.grandfather, 0)}`;
  } else if (p.family) {
    // A married woman's maiden name survives in some agencies' records.
    const entry = p.maiden && rng.chance(0.1) ? p.maiden : p.family;
    family = renderFamily(entry, entry === p.family ? p.docFamily : 0, p, style, rng, spell);
  } else {
    // No family name (common in Afghanistan): each agency improvises.
    const r = rng.next();
    if (r < 0.45) family = spell(p.father, 0);
    else if (r < 0.7) family = rng.chance(0.5) ? '' : rng.pick(['NN', 'FNU', '-']);
    else if (r < 0.85) {
      family = given.split(' ')[0]!;
      given = '';
    } else family = given.split(' ')[0]!;
  }

  // Typing errors, then field mix-ups.
  if (given && rng.chance(0.03)) given = typo(given, rng);
  if (family && rng.chance(0.03)) family = typo(family, rng);
  if (rng.chance(0.01)) given = given.split(' ')[0]!; // only the first given name kept
  if (rng.chance(0.035)) [given, family] = [family, given];
  if (rng.chance(style.upperCase)) {
    given = given.toUpperCase();
    family = family.toUpperCase();
  }

  const [birthDate, precision] = renderBirthDate(p, rng);
  const record: PersonRecord = {
    recordId,
    sourceAgency: agency.id,
    givenNames: given,
    familyName: family,
    ...optional(
      'nameOriginalScript',
      p.culture.script !== 'none' && rng.chance(style.originalScript) ? originalScript(p, rng) : undefined,
    ),
    ...(birthDate ? { birthDate } : {}),
    birthDatePrecision: precision,
    sex: renderSex(p, rng),
    ...optional('nationality', renderNationality(p, rng)),
    ...optional('municipality', renderMunicipality(p, rng, style.asciiOnly)),
    ...optional('agencyIdentifier', renderIdentifier(p, agency, style, duplicate, rng, household, customerNumbers)),
  };
  return record;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value ? { [key]: value } : {}) as { [P in K]?: string };
}

function renderFamily(
  entry: NameEntry,
  docIndex: number,
  p: Person,
  style: AgencyStyle,
  rng: Rng,
  spell: (e: NameEntry, i: number, female?: boolean) => string,
): string {
  const name = spell(entry, docIndex, p.sex === 'female');
  if (!entry.article) return name;
  const styleIndex = rng.chance(style.fromDocument) ? p.docArticle : rng.weighted([0, 1, 2, 3, 4, 5], ARTICLE_WEIGHTS);
  const article = ARTICLE_STYLES[styleIndex]!;
  // Attached article lower-cases the name: Alhassan.
  return article === 'Al' ? `Al${name.toLowerCase()}` : `${article}${name}`;
}

/** German clerks write what they hear (Duden transcription): sh→sch, j→dsch, y→j, kh→ch, v→w. */
function germanSpelling(v: string, culture: Culture): string {
  let s = v;
  if (culture.nationality === 'UKR') {
    s = s
      .replace(/shch/gi, 'schtsch')
      .replace(/zh/gi, 'sch')
      .replace(/ch/g, 'tsch')
      .replace(/kh/gi, 'ch')
      .replace(/v/g, 'w');
    s = s
      .replace(/^Y/, 'J')
      .replace(/([aeiou])y/g, '$1j')
      .replace(/^V/, 'W');
  } else if (culture.nationality !== 'TUR') {
    s = s.replace(/sh/g, 'sch').replace(/^Sh/, 'Sch').replace(/kh/g, 'ch').replace(/^Kh/, 'Ch');
    s = s.replace(/^J/, 'Dsch').replace(/^Y/, 'J').replace(/ou/g, 'u').replace(/z/g, 's').replace(/^Z/, 'S');
  } else {
    s = s.replace(/ş/g, 'sch').replace(/Ş/g, 'Sch').replace(/ç/g, 'tsch').replace(/Ç/g, 'Tsch');
  }
  return s;
}

/** ASCII-only software: ü → ue or u, ş → s, ı → i, ğ dropped or g. */
function asciiFold(v: string, rng: Rng): string {
  const umlautAsE = rng.chance(0.5);
  return v
    .replace(/ü/g, umlautAsE ? 'ue' : 'u')
    .replace(/Ü/g, umlautAsE ? 'Ue' : 'U')
    .replace(/ö/g, umlautAsE ? 'oe' : 'o')
    .replace(/Ö/g, umlautAsE ? 'Oe' : 'O')
    .replace(/ä/g, 'ae')
    .replace(/ğ/g, rng.chance(0.5) ? 'g' : '')
    .replace(/ş/g, 's')
    .replace(/Ş/g, 'S')
    .replace(/ç/g, 'c')
    .replace(/Ç/g, 'C')
    .replace(/ı/g, 'i')
    .replace(/İ/g, 'I')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}

const KEYBOARD_NEIGHBOURS: Readonly<Record<string, string>> = {
  a: 'sq',
  b: 'vn',
  c: 'xv',
  d: 'sf',
  e: 'wr',
  f: 'dg',
  g: 'fh',
  h: 'gj',
  i: 'uo',
  j: 'hk',
  k: 'jl',
  l: 'k',
  m: 'n',
  n: 'bm',
  o: 'ip',
  p: 'o',
  q: 'wa',
  r: 'et',
  s: 'ad',
  t: 'rz',
  u: 'zi',
  v: 'cb',
  w: 'qe',
  x: 'yc',
  y: 'x',
  z: 'tu',
};

/** One keying error: neighbour key, dropped, doubled or transposed letter. */
function typo(v: string, rng: Rng): string {
  const letters = [...v].map((c, i) => [c, i] as const).filter(([c]) => /\p{L}/u.test(c));
  if (letters.length < 3) return v;
  const [, pos] = letters[rng.range(1, letters.length - 1)]!;
  const chars = [...v];
  const kind = rng.int(4);
  const c = chars[pos]!;
  if (kind === 0) {
    const lower = c.toLowerCase();
    const options = KEYBOARD_NEIGHBOURS[lower];
    if (options) {
      const r = options[rng.int(options.length)]!;
      chars[pos] = c === lower ? r : r.toUpperCase();
    }
  } else if (kind === 1) chars.splice(pos, 1);
  else if (kind === 2) chars.splice(pos, 0, c);
  else if (pos + 1 < chars.length && /\p{L}/u.test(chars[pos + 1]!))
    [chars[pos], chars[pos + 1]] = [chars[pos + 1]!, chars[pos]!];
  return chars.join('');
}

function renderBirthDate(p: Person, rng: Rng): [string | undefined, BirthDatePrecision] {
  const r = rng.next();
  if (p.dateKnown) {
    const exact = `${p.year}-${pad(p.month)}-${pad(p.day)}`;
    if (r < 0.9) return [exact, 'exact'];
    if (r < 0.93) return [dateTypo(p, rng), 'exact'];
    if (r < 0.95) {
      if (p.day <= 12 && p.day !== p.month) return [`${p.year}-${pad(p.day)}-${pad(p.month)}`, 'exact'];
      return [exact, 'exact'];
    }
    if (r < 0.965) return [`${p.year}-01-01`, rng.chance(0.6) ? 'placeholder' : 'exact'];
    if (r < 0.98) return [String(p.year), 'year-only'];
    if (r < 0.985) return [`${p.year + rng.pick([-1, 1])}-${pad(p.month)}-${pad(p.day)}`, 'exact'];
    return [undefined, 'unknown'];
  }
  // Unknown real date: documents carry 01.01. of an estimated year.
  if (r < 0.72) return [`${p.documentYear}-01-01`, rng.chance(0.65) ? 'placeholder' : 'exact'];
  if (r < 0.84) return [String(p.documentYear), 'year-only'];
  if (r < 0.92) return [p.adoptedDate, 'exact'];
  if (r < 0.96) return [`${p.documentYear + rng.pick([-1, 1])}-01-01`, 'placeholder'];
  return [undefined, 'unknown'];
}

function dateTypo(p: Person, rng: Rng): string {
  for (let tries = 0; tries < 10; tries++) {
    const digits = [...`${p.year}${pad(p.month)}${pad(p.day)}`];
    const pos = rng.range(2, 7);
    digits[pos] = String((Number(digits[pos]) + rng.range(1, 9)) % 10);
    const y = Number(digits.slice(0, 4).join(''));
    const m = Number(digits.slice(4, 6).join(''));
    const d = Number(digits.slice(6, 8).join(''));
    if (m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m) && !(m === 1 && d === 1) && y <= 2024) {
      return `${y}-${pad(m)}-${pad(d)}`;
    }
  }
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

function renderSex(p: Person, rng: Rng): Sex {
  const r = rng.next();
  if (r < 0.025) return 'unknown';
  if (r < 0.03) return p.sex === 'male' ? 'female' : 'male';
  return p.sex;
}

function renderNationality(p: Person, rng: Rng): string | undefined {
  const r = rng.next();
  if (r < 0.03) return undefined;
  if (r < 0.04) return 'XXX';
  if (r < 0.05 && p.culture.confusedWith) return p.culture.confusedWith;
  if (r < 0.055 && p.culture.nationality === 'SYR') return 'XXA';
  return p.culture.nationality;
}

function renderMunicipality(p: Person, rng: Rng, asciiOnly: boolean): string | undefined {
  const r = rng.next();
  if (r < 0.02) return undefined;
  let m = p.municipality;
  // The person moved within the Kreis and this agency has the old or the new address.
  if (r < 0.1)
    m = rng.weighted(
      MUNICIPALITIES.map((x) => x[0]),
      MUNICIPALITIES.map((x) => x[1]),
    );
  if (asciiOnly) m = m.replace(/ü/g, 'ue').replace(/ö/g, 'oe').replace(/ä/g, 'ae');
  if (rng.chance(0.05)) m = m.toUpperCase();
  return m;
}

function renderIdentifier(
  p: Person,
  agency: Agency,
  style: AgencyStyle,
  duplicate: boolean,
  rng: Rng,
  household: readonly Person[],
  customerNumbers: Map<string, string>,
): string | undefined {
  if (rng.chance(style.noIdentifier)) return undefined;
  if (rng.chance(style.azr)) {
    let azr = p.azr;
    // Rare errors: a mistyped number, or a family member's number copied from the wrong file.
    if (agency.kind !== 'foreigners-authority') {
      const r = rng.next();
      if (r < 0.01) azr = azr.slice(0, 6) + String((Number(azr[6]) + 1) % 10) + azr.slice(7);
      else if (r < 0.013 && household.length > 1) azr = rng.pick(household).azr;
    }
    return `${rng.pick(['AZR:', 'AZR-', 'azr:', 'AZR '])}${azr}`;
  }
  const key = `${agency.id}|${p.id}`;
  let number = customerNumbers.get(key);
  // A duplicate record gets a new number half of the time (a second registration).
  if (!number || (duplicate && rng.chance(0.5))) {
    // Agencies never issue one number twice: a running number, scrambled, per agency.
    const serial = customerNumbers.size + 1;
    const scrambled = (serial * 7_368_787 + 1_234_567) % 9_000_000;
    number =
      agency.kind === 'jobcenter'
        ? `36104//${String(scrambled).padStart(7, '0')}`
        : `${agency.kind.slice(0, 3).toUpperCase()}-${1_000_000 + scrambled}`;
    if (!customerNumbers.has(key)) customerNumbers.set(key, number);
    else customerNumbers.set(`${key}|${serial}`, number);
  }
  return number;
}

function originalScript(p: Person, rng: Rng): string | undefined {
  const female = p.sex === 'female';
  if (p.culture.script === 'latin') {
    // Turkish: the original script is the Turkish spelling with its letters.
    return p.family?.script ? `${p.given.script ?? p.given.variants[0]} ${p.family.script}` : undefined;
  }
  const familyScript = p.family ? (female && p.family.femaleScript) || p.family.script : p.father.script;
  // Names built without a written form (part of the long tail) get no original script.
  if (!p.given.script || !familyScript) return undefined;
  const parts: string[] = [p.given.script];
  if (p.secondGiven?.script && rng.chance(0.7)) parts.push(p.secondGiven.script);
  if (p.culture.script === 'arabic' && p.father.script && rng.chance(0.25)) parts.push(p.father.script);
  parts.push(familyScript);
  return parts.join(' ');
}

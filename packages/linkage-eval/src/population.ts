/**
 * Persons and households: who lives with whom, their names in source form, their birth dates and
 * what the agencies know of them. Designed look-alikes (crowds of one common name, fathers and
 * sons of one name, persons sharing a given name with close dates, undated namesakes, twins,
 * same-year siblings) are built here as households of their own.
 */
import { CULTURES, culture, type Culture, type CultureId, type HouseholdType } from './cultures.js';
import { word, type NameWord, type StyleSet } from './names.js';
import { Random, type Weighted } from './random.js';
import { patronymic } from './tables/slavic.js';

export type Sex = 'female' | 'male';
export type Role = 'head' | 'spouse' | 'child' | 'grandparent';

/** Day 0 of the population: the generator is dated, not clocked (30 June 2025). */
export const REFERENCE_DAY = Date.UTC(2025, 5, 30) / 86_400_000;
export const REFERENCE_YEAR = 2025;

export interface BirthTruth {
  /** The real date (always known to the generator, the truth behind every record). */
  readonly y: number;
  readonly m: number;
  readonly d: number;
  /** Whether the person's papers carry the real date. */
  readonly known: boolean;
  /** Year on the papers when the date is not known: estimated, often heaped on a round year. */
  readonly estYear: number;
  /** What stands for an unknown date: 01.01., 31.12. or the year alone. */
  readonly placeholder: '0101' | '3112' | 'year';
}

export interface Household {
  readonly index: number;
  readonly culture: Culture;
  readonly type: HouseholdType | 'designed';
  municipality: string;
  previousMunicipality?: string;
  readonly members: Person[];
  readonly sgb2: boolean;
  /** Writer conventions of the papers issued to this household (one registry, one spelling). */
  readonly docStyles: StyleSet;
  readonly docSeed: number;
}

export interface Person {
  index: number;
  id: string;
  readonly culture: Culture;
  readonly sex: Sex;
  given: NameWord[];
  /** Inherited family name; empty where the culture has none (patronymic naming, many Afghans). */
  family: NameWord[];
  /** Father's and grandfather's given names (patronymic naming, father's name on records). */
  readonly father: NameWord[];
  readonly grandfather: NameWord[];
  patronymic?: NameWord;
  birth: BirthTruth;
  /** No agency has a birth date for this person. */
  undated: boolean;
  household: Household;
  readonly role: Role;
  suffix?: 'jun.' | 'sen.';
  readonly azr: string;
  readonly stateless: boolean;
}

/** The 24 municipalities of Kreis Steinfurt, weighted by population (thousands, 2023). */
export const MUNICIPALITIES: Weighted<string> = [
  ['Rheine', 77],
  ['Ibbenbüren', 52],
  ['Greven', 38],
  ['Emsdetten', 36],
  ['Steinfurt', 34],
  ['Lengerich', 23],
  ['Ochtrup', 20],
  ['Hörstel', 20],
  ['Neuenkirchen', 14],
  ['Lotte', 14],
  ['Mettingen', 12],
  ['Westerkappeln', 11],
  ['Recke', 11],
  ['Altenberge', 10],
  ['Nordwalde', 9.6],
  ['Tecklenburg', 9],
  ['Lienen', 8.6],
  ['Wettringen', 8.3],
  ['Hopsten', 7.7],
  ['Saerbeck', 7.2],
  ['Laer', 6.6],
  ['Horstmar', 6.6],
  ['Ladbergen', 6.5],
  ['Metelen', 6.4],
];

export function dayToDate(day: number): { y: number; m: number; d: number } {
  const dt = new Date(day * 86_400_000);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

export function dateToDay(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

export interface HeadSpec {
  readonly sex?: Sex;
  readonly given?: NameWord[];
  readonly family?: NameWord[];
  readonly father?: NameWord[];
  readonly birth?: BirthTruth;
  /** Age range of the head in years. */
  readonly age?: readonly [number, number];
}

export interface HouseholdSpec {
  readonly head?: HeadSpec;
  readonly municipality?: string;
  /** An adult child carrying the parent's given names (jun./sen.). */
  readonly junsen?: 'father-son' | 'mother-daughter';
  readonly forceTwins?: boolean;
  readonly sameYearSiblings?: boolean;
}

/** Builds persons; indices and ids are assigned when the population is complete. */
export class PopulationBuilder {
  readonly households: Household[] = [];
  readonly persons: Person[] = [];
  private readonly azrs = new Set<string>();
  /** Designed pairs recorded while building: [parent, child, kind]. */
  readonly junsenPairs: [Person, Person, 'father-son' | 'mother-daughter'][] = [];

  constructor(private readonly rng: Random) {}

  pickCulture(): Culture {
    return this.rng.weighted(CULTURES.map((c) => [c, c.share] as const));
  }

  private newAzr(): string {
    for (;;) {
      let s = String(1 + this.rng.int(9));
      for (let i = 0; i < 11; i++) s += String(this.rng.int(10));
      if (!this.azrs.has(s)) {
        this.azrs.add(s);
        return s;
      }
    }
  }

  /** A birth on a given day, with what the papers say about it. */
  birthOn(c: Culture, day: number, adult: boolean, knownBoost = 0): BirthTruth {
    const { y, m, d } = dayToDate(day);
    const known = this.rng.chance(Math.min(1, c.knownDate + knownBoost));
    let estYear =
      y +
      (adult
        ? this.rng.weighted<number>([
            [-2, 0.1],
            [-1, 0.2],
            [0, 0.4],
            [1, 0.2],
            [2, 0.1],
          ])
        : this.rng.weighted<number>([
            [-1, 0.2],
            [0, 0.6],
            [1, 0.2],
          ]));
    // Estimated adult ages heap on round numbers: the year on the papers ends in 0 or 5.
    if (adult && this.rng.chance(0.35)) estYear = Math.round(estYear / 5) * 5;
    estYear = Math.min(estYear, REFERENCE_YEAR);
    const placeholder = this.rng.weighted<BirthTruth['placeholder']>([
      ['0101', 0.8],
      ['3112', 0.1],
      ['year', 0.1],
    ]);
    return { y, m, d, known, estYear, placeholder };
  }

  birthAtAge(c: Culture, age: number, knownBoost = 0): BirthTruth {
    const day = REFERENCE_DAY - Math.floor(age * 365.25) - this.rng.int(365);
    return this.birthOn(c, day, age >= 18, knownBoost);
  }

  private ageBetween(lo: number, hi: number): number {
    // Sum of two uniforms: most people in the middle of the range.
    const span = hi - lo;
    return lo + this.rng.int(Math.floor(span / 2) + 1) + this.rng.int(Math.ceil(span / 2) + 1);
  }

  private familyFor(c: Culture, sex: Sex, family: readonly NameWord[]): NameWord[] {
    if (sex === 'female' && c.feminine) return c.feminine(family);
    return [...family];
  }

  private maleGiven(c: Culture): NameWord[] {
    return c.male(this.rng);
  }

  private person(
    c: Culture,
    hh: Household,
    role: Role,
    sex: Sex,
    given: NameWord[],
    family: NameWord[],
    father: NameWord[],
    grandfather: NameWord[],
    birth: BirthTruth,
  ): Person {
    const p: Person = {
      index: this.persons.length,
      id: '',
      culture: c,
      sex,
      given,
      family,
      father,
      grandfather,
      birth,
      undated: false,
      household: hh,
      role,
      azr: this.newAzr(),
      stateless: c.stateless !== undefined && this.rng.chance(c.stateless),
    };
    if (c.slavic && father.length > 0) {
      p.patronymic = word(c.slavic, patronymic(father[0]!.text, sex === 'female', c.slavic === 'ru'));
    }
    hh.members.push(p);
    this.persons.push(p);
    return p;
  }

  /** Builds one household of a culture; returns it. */
  household(c: Culture, type: HouseholdType, spec: HouseholdSpec = {}): Household {
    const rng = this.rng;
    const hh: Household = {
      index: this.households.length,
      culture: c,
      type: spec.junsen || spec.forceTwins || spec.sameYearSiblings || spec.head ? 'designed' : type,
      municipality: spec.municipality ?? rng.weighted(MUNICIPALITIES),
      members: [],
      sgb2: rng.chance(c.sgb2),
      docStyles: rng.weighted(c.docStyles),
      docSeed: rng.next(),
    };
    if (rng.chance(0.06)) {
      let prev = rng.weighted(MUNICIPALITIES);
      if (prev === hh.municipality) prev = rng.weighted(MUNICIPALITIES);
      if (prev !== hh.municipality) hh.previousMunicipality = prev;
    }
    this.households.push(hh);

    const hs = spec.head ?? {};
    const headSex: Sex =
      hs.sex ??
      (type === 'single-parent' ? 'female' : type === 'single' ? (rng.chance(0.72) ? 'male' : 'female') : 'male');
    const headAgeRange = hs.age ?? (type === 'single' ? [18, 45] : type === 'extended' ? [25, 55] : [21, 60]);
    const headBirth = hs.birth ?? this.birthAtAge(c, this.ageBetween(headAgeRange[0], headAgeRange[1]));
    const headGiven = hs.given ?? (headSex === 'male' ? c.male(rng) : c.female(rng));
    const headFather = hs.father ?? this.maleGiven(c);
    const headGrandfather = this.maleGiven(c);
    const hasFamily = c.naming !== 'patronymic' && (c.naming !== 'afghan' || rng.chance(0.5));
    const baseFamily = hs.family ?? (hasFamily && c.family ? c.family(rng) : []);
    const head = this.person(
      c,
      hh,
      'head',
      headSex,
      headGiven,
      this.familyFor(c, headSex, baseFamily),
      headFather,
      headGrandfather,
      headBirth,
    );
    const headDay = dateToDay(headBirth.y, headBirth.m, headBirth.d);

    // The children's father: the head, a partner in the household, or one who stayed behind.
    let fatherGiven = head.given;
    let fatherFather = head.father;
    let childFamily = baseFamily;
    let mother: Person | undefined = headSex === 'female' ? head : undefined;

    if (type === 'couple' || type === 'family' || type === 'extended') {
      const partnerSex: Sex = headSex === 'male' ? 'female' : 'male';
      const partnerDay = headDay + (partnerSex === 'female' ? 1 : -1) * rng.int(8 * 365);
      const partnerAge = (REFERENCE_DAY - partnerDay) / 365.25;
      const partnerBirth = this.birthOn(c, Math.min(partnerDay, REFERENCE_DAY - 18 * 365), partnerAge >= 18);
      const partnerGiven = partnerSex === 'male' ? c.male(rng) : c.female(rng);
      const ownFamily =
        c.naming !== 'patronymic' && c.family && (c.naming !== 'afghan' || rng.chance(0.5)) ? c.family(rng) : [];
      const partnerFamily =
        c.wifeTakesName && baseFamily.length > 0
          ? this.familyFor(c, partnerSex, baseFamily)
          : this.familyFor(c, partnerSex, ownFamily);
      const partner = this.person(
        c,
        hh,
        'spouse',
        partnerSex,
        partnerGiven,
        partnerFamily,
        this.maleGiven(c),
        this.maleGiven(c),
        partnerBirth,
      );
      if (partnerSex === 'female') mother = partner;
      else {
        mother = head;
        fatherGiven = partner.given;
        fatherFather = partner.father;
        childFamily = ownFamily;
      }
    } else if (type === 'single-parent' && headSex === 'female') {
      // The father is absent (stayed behind, separated): the children still carry his names.
      fatherGiven = c.male(rng);
      fatherFather = this.maleGiven(c);
      if (c.naming !== 'patronymic' && c.family) childFamily = c.wifeTakesName ? baseFamily : c.family(rng);
    }

    if (type === 'family' || type === 'single-parent' || type === 'extended' || spec.junsen) {
      const m = mother ?? head;
      const motherDay = dateToDay(m.birth.y, m.birth.m, m.birth.d);
      const [lo, hi] = c.children;
      const count = spec.junsen ? 1 + rng.int(2) : Math.max(spec.sameYearSiblings ? 2 : 1, rng.between(lo, hi));
      let day = motherDay + (18 + rng.int(11)) * 365 + rng.int(365);
      if (spec.junsen) {
        // The namesake child is 15–45 years younger than the parent carrying the same name.
        const parent = spec.junsen === 'father-son' ? (headSex === 'male' ? head : undefined) : m;
        const pDay = parent ? dateToDay(parent.birth.y, parent.birth.m, parent.birth.d) : motherDay;
        day = pDay + (15 + rng.int(31)) * 365 + rng.int(365);
        if (day > REFERENCE_DAY - 16 * 365) day = REFERENCE_DAY - 16 * 365 - rng.int(365 * 4);
      }
      if (spec.sameYearSiblings) {
        const { y } = dayToDate(day);
        day = dateToDay(y, 1, 1) + rng.int(45);
      }
      let twinsLeft = spec.forceTwins ? 1 : 0;
      for (let k = 0; k < count && day <= REFERENCE_DAY - 30; k++) {
        let twins = rng.chance(0.02);
        if (twinsLeft > 0) {
          twins = true;
          twinsLeft--;
        }
        const ageYears = (REFERENCE_DAY - day) / 365.25;
        const bornHere = ageYears < 4;
        const birth = this.birthOn(c, day, ageYears >= 18, bornHere ? 0.6 : 0.3);
        const sexes: Sex[] = [rng.chance(0.51) ? 'male' : 'female'];
        if (twins) sexes.push(rng.chance(0.45) ? sexes[0]! : sexes[0] === 'male' ? 'female' : 'male');
        const givens: NameWord[][] = [];
        for (const [ti, sex] of sexes.entries()) {
          let given = sex === 'male' ? c.male(rng) : c.female(rng);
          if (k === 0 && ti === 0 && spec.junsen) {
            const parent = spec.junsen === 'father-son' ? head : m;
            given = [...parent.given];
          }
          // Siblings are not given the same name (twins least of all).
          for (let tries = 0; tries < 6 && givens.some((g) => sameWords(g, given)); tries++)
            given = sex === 'male' ? c.male(rng) : c.female(rng);
          if (givens.some((g) => sameWords(g, given))) continue;
          givens.push(given);
          const childSex =
            k === 0 && ti === 0 && spec.junsen ? (spec.junsen === 'father-son' ? 'male' : 'female') : sex;
          const child = this.person(
            c,
            hh,
            'child',
            childSex,
            given,
            this.familyFor(c, childSex, childFamily),
            fatherGiven,
            fatherFather,
            birth,
          );
          if (k === 0 && ti === 0 && spec.junsen) {
            const parent = spec.junsen === 'father-son' ? head : m;
            parent.suffix = 'sen.';
            child.suffix = 'jun.';
            this.junsenPairs.push([parent, child, spec.junsen]);
          }
        }
        const short = spec.sameYearSiblings && k === 0;
        day += short ? 300 + rng.int(30) : rng.chance(0.06) ? 270 + rng.int(60) : 365 + rng.int(3 * 365);
      }
    }

    if (type === 'extended') {
      const gpSex: Sex = rng.chance(0.7) ? 'female' : 'male';
      const gpDay = headDay - (20 + rng.int(16)) * 365;
      const gpBirth = this.birthOn(c, Math.max(gpDay, REFERENCE_DAY - 92 * 365), true);
      const gpFamily =
        gpSex === 'female' && c.wifeTakesName
          ? this.familyFor(c, 'female', baseFamily)
          : gpSex === 'male'
            ? [...baseFamily]
            : c.family && c.naming !== 'patronymic'
              ? c.family(rng)
              : [];
      this.person(
        c,
        hh,
        'grandparent',
        gpSex,
        gpSex === 'male' ? headFather : c.female(rng),
        gpFamily,
        headGrandfather,
        this.maleGiven(c),
        gpBirth,
      );
    }
    return hh;
  }

  /**
   * Moves a grown-up child into a household of their own in the same town (a son who lives apart
   * from his father). Papers came from the same registry, so the spelling habits are kept.
   */
  moveToOwnHousehold(p: Person): Household {
    const old = p.household;
    const hh: Household = {
      index: this.households.length,
      culture: old.culture,
      type: 'designed',
      municipality: old.municipality,
      members: [p],
      sgb2: this.rng.chance(old.culture.sgb2),
      docStyles: old.docStyles,
      docSeed: old.docSeed,
    };
    this.households.push(hh);
    old.members.splice(old.members.indexOf(p), 1);
    p.household = hh;
    return hh;
  }

  /** A normal household of a random culture and type. */
  randomHousehold(): Household {
    const c = this.pickCulture();
    return this.household(c, this.rng.weighted(c.households));
  }

  cultureById(id: CultureId): Culture {
    return culture(id);
  }
}

export function sameWords(a: readonly NameWord[], b: readonly NameWord[]): boolean {
  return a.length === b.length && a.every((w, i) => w.sys === b[i]!.sys && w.text === b[i]!.text);
}

/**
 * The independent evaluation population: N persons (default 15,000) of a Kreis, their records at
 * the agencies, the truth (record → person) and the designed look-alike pairs. Deterministic by
 * seed. Written apart from the hub's matcher and its generator: its own tables, its own rules.
 */
import type { PersonRecord } from '@kim/linkage';
import { culture, type Culture, type CultureId } from './cultures.js';
import { LookalikeSet, labelParentChildNamesakes, labelSiblings, type LookalikePair } from './lookalikes.js';
import { word, type NameWord } from './names.js';
import {
  dateToDay,
  dayToDate,
  PopulationBuilder,
  sameWords,
  type BirthTruth,
  type Person,
  type Sex,
} from './population.js';
import { Random } from './random.js';
import { RecordWriter, type DraftWithTruth } from './records.js';
import { FULA_FAMILY, FULA_FEMALE, FULA_MALE, SOMALI_MALE, TIGRINYA_MALE } from './tables/africa.js';

export const DEFAULT_PERSONS = 15_000;

export interface EvalPopulationOptions {
  readonly seed: number;
  readonly persons?: number;
}

export interface EvalPopulation {
  readonly generator: 'independent';
  readonly seed: number;
  readonly persons: number;
  readonly records: PersonRecord[];
  /** Person id of each record, in record order. */
  readonly personOf: string[];
  readonly lookalikes: LookalikePair[];
  /** Culture of each person (by person id), for proportions. */
  readonly cultureOf: ReadonlyMap<string, CultureId>;
  readonly households: number;
}

interface CrowdSpec {
  readonly culture: CultureId;
  readonly sex: Sex;
  readonly given: NameWord[];
  readonly family: NameWord[];
  readonly father?: NameWord[];
}

function fulaWord(
  list: readonly { french: string; english?: string; portuguese?: string }[],
  french: string,
): NameWord {
  const n = list.find((x) => x.french === french);
  if (!n) throw new Error(`no Fula name ${french}`);
  return word(
    'ff',
    n.french,
    [n.english ?? '', n.portuguese ?? ''].filter((x) => x !== ''),
  );
}

function somaliWord(official: string): NameWord {
  const n = SOMALI_MALE.find((x) => x[0] === official);
  if (!n) throw new Error(`no Somali name ${official}`);
  const [o, ...alt] = n;
  return word('so', o, alt);
}

function tigrinya(text: (typeof TIGRINYA_MALE)[number]): NameWord {
  return word('eth', text);
}

/** Crowds of one very common name: many different persons, heaped placeholder dates. */
const CROWDS: readonly CrowdSpec[] = [
  { culture: 'syria-arab', sex: 'male', given: [word('ar', 'muḥammad')], family: [word('ar', 'al-ḥasan')] },
  {
    culture: 'guinea',
    sex: 'male',
    given: [fulaWord(FULA_MALE, 'Mamadou')],
    family: [fulaWord(FULA_FAMILY, 'Diallo')],
  },
  { culture: 'ukraine', sex: 'male', given: [word('uk', 'Олександр')], family: [word('uk', 'Коваленко')] },
  { culture: 'afghanistan', sex: 'male', given: [word('ar', 'muḥammad')], family: [word('ar', 'aḥmadī')] },
  { culture: 'syria-arab', sex: 'male', given: [word('ar', 'aḥmad')], family: [word('ar', 'al-ʿalī')] },
  { culture: 'iraq-arab', sex: 'male', given: [word('ar', 'ʿalī')], family: [word('ar', 'al-ǧubūrī')] },
  { culture: 'turkey', sex: 'male', given: [word('tr', 'Mehmet')], family: [word('tr', 'Yılmaz')] },
  { culture: 'somalia', sex: 'male', given: [somaliWord('Maxamed')], family: [], father: [somaliWord('Cali')] },
  { culture: 'eritrea', sex: 'male', given: [tigrinya('yonas')], family: [], father: [tigrinya('täsfay')] },
  { culture: 'iran', sex: 'male', given: [word('ar', 'ʿalī')], family: [word('ar', 'muḥammadī')] },
  { culture: 'afghanistan', sex: 'female', given: [word('ar', 'fāṭima')], family: [word('ar', 'ḥusainī')] },
  { culture: 'syria-arab', sex: 'female', given: [word('ar', 'fāṭima')], family: [word('ar', 'al-ḥasan')] },
  { culture: 'ukraine', sex: 'female', given: [word('uk', 'Олена')], family: [word('uk', 'Шевченко')] },
  { culture: 'ukraine', sex: 'female', given: [word('uk', 'Софія')], family: [word('uk', 'Мельник')] },
  { culture: 'russia', sex: 'male', given: [word('ru', 'Александр')], family: [word('ru', 'Иванов')] },
  { culture: 'syria-kurd', sex: 'male', given: [word('ar', 'muḥammad')], family: [word('kur', 'Şêxo')] },
  {
    culture: 'guinea',
    sex: 'female',
    given: [fulaWord(FULA_FEMALE, 'Fatoumata')],
    family: [fulaWord(FULA_FAMILY, 'Bah')],
  },
  {
    culture: 'vietnam',
    sex: 'female',
    given: [word('vi', 'Thị'), word('vi', 'Hương')],
    family: [word('vi', 'Nguyễn')],
  },
  { culture: 'turkey', sex: 'female', given: [word('tr', 'Fatma')], family: [word('tr', 'Kaya')] },
  { culture: 'afghanistan', sex: 'male', given: [word('ar', 'ʿabd al-raḥmān')], family: [] },
];

const ROUND_YEARS = [1980, 1985, 1990, 1995, 2000] as const;

/** Numbers of designed constructs in a population of 15,000 (scaled, with a floor). */
export const DESIGN = {
  crowds: 20,
  crowdSize: [4, 10] as const,
  junsen: 120,
  sameGiven: 150,
  namesakes: 100,
  twins: 40,
  sameYearSiblings: 60,
} as const;

const scaled = (n: number, scale: number, floor: number): number => Math.max(floor, Math.round(n * scale));

function crowdBirth(rng: Random, y0: number): BirthTruth {
  const trueDay = dateToDay(y0 - 2 + rng.int(5), 1, 1) + rng.int(365);
  const { y, m, d } = dayToDate(trueDay);
  const r = rng.float();
  if (r < 0.45) return { y, m, d, known: false, estYear: y0, placeholder: '0101' };
  if (r < 0.55) return { y, m, d, known: false, estYear: y0, placeholder: '3112' };
  if (r < 0.65) return { y, m, d, known: false, estYear: y0 + (rng.chance(0.5) ? 5 : -5), placeholder: '0101' };
  if (r < 0.75) return { y, m, d, known: false, estYear: y0, placeholder: 'year' };
  // A real date in the crowd's year: different exact dates, same name, same year.
  const exact = dayToDate(dateToDay(y0, 1, 1) + rng.int(365));
  return { ...exact, known: true, estYear: y0, placeholder: '0101' };
}

function weightedCulture(rng: Random, ids: readonly (readonly [CultureId, number])[]): Culture {
  return culture(rng.weighted(ids));
}

export function generateEvalPopulation(options: EvalPopulationOptions): EvalPopulation {
  const n = options.persons ?? DEFAULT_PERSONS;
  if (!Number.isInteger(n) || n < 50) throw new Error('persons must be an integer of at least 50');
  const seed = options.seed >>> 0;
  const scale = n / DEFAULT_PERSONS;
  const rng = Random.derive(seed, 'population');
  const b = new PopulationBuilder(rng);
  const set = new LookalikeSet();

  // Crowds of one common name.
  const crowdCount = Math.min(CROWDS.length, scaled(DESIGN.crowds, scale, 6));
  for (let ci = 0; ci < crowdCount; ci++) {
    const spec = CROWDS[ci]!;
    const c = culture(spec.culture);
    const y0 = rng.pick(ROUND_YEARS);
    const size = rng.between(DESIGN.crowdSize[0], DESIGN.crowdSize[1]);
    const members: Person[] = [];
    for (let k = 0; k < size; k++) {
      const type =
        spec.sex === 'male' ? (rng.chance(0.5) ? 'single' : 'family') : rng.chance(0.5) ? 'single' : 'single-parent';
      const hh = b.household(c, type, {
        head: {
          sex: spec.sex,
          given: spec.given,
          family: spec.family,
          ...(spec.father ? { father: spec.father } : {}),
          birth: crowdBirth(rng, y0),
        },
      });
      members.push(hh.members[0]!);
    }
    for (let i = 0; i < members.length; i++)
      for (let j = i + 1; j < members.length; j++) set.add(members[i]!, members[j]!, 'common-name');
  }

  // Fathers and sons, mothers and daughters of one name.
  const junsenCount = scaled(DESIGN.junsen, scale, 4);
  for (let k = 0; k < junsenCount; k++) {
    const fatherSon = rng.chance(0.6);
    const c = fatherSon
      ? weightedCulture(rng, [
          ['ukraine', 0.3],
          ['syria-arab', 0.2],
          ['turkey', 0.15],
          ['russia', 0.1],
          ['iraq-arab', 0.1],
          ['balkan-romani', 0.1],
          ['georgia', 0.05],
        ])
      : weightedCulture(rng, [
          ['ukraine', 0.45],
          ['turkey', 0.2],
          ['russia', 0.15],
          ['balkan-romani', 0.1],
          ['georgia', 0.1],
        ]);
    const hh = fatherSon
      ? b.household(c, 'family', { junsen: 'father-son', head: { sex: 'male', age: [52, 78] } })
      : b.household(c, 'single-parent', { junsen: 'mother-daughter', head: { sex: 'female', age: [48, 75] } });
    const pair = b.junsenPairs[b.junsenPairs.length - 1];
    if (pair && pair[0].household === hh && rng.chance(0.5)) b.moveToOwnHousehold(pair[1]);
  }
  for (const [parent, child, kind] of b.junsenPairs) set.add(parent, child, kind);

  // Same given name, nationality and town, dates days apart, unrelated family names.
  const sameGivenCount = scaled(DESIGN.sameGiven, scale, 5);
  for (let k = 0; k < sameGivenCount; k++) {
    const c = b.pickCulture();
    const first = b.household(c, rng.weighted(c.households), { head: { age: [18, 60] } }).members[0]!;
    first.birth = { ...first.birth, known: true };
    const day = dateToDay(first.birth.y, first.birth.m, first.birth.d);
    let other = day + (rng.chance(0.5) ? 1 : -1) * (1 + rng.int(10));
    if (dayToDate(other).y !== first.birth.y) other = day - (other - day);
    let family: NameWord[] = c.family && first.family.length > 0 ? c.family(rng) : [];
    for (let t = 0; t < 8 && family.length > 0 && sameWords(family, first.family); t++) family = c.family!(rng);
    let father = c.male(rng);
    for (let t = 0; t < 8 && sameWords(father, first.father); t++) father = c.male(rng);
    const birth: BirthTruth = { ...dayToDate(other), known: true, estYear: first.birth.estYear, placeholder: '0101' };
    const second = b.household(c, 'single', {
      head: { sex: first.sex, given: first.given, family, father, birth },
      municipality: first.household.municipality,
    }).members[0]!;
    if (!sameWords(first.family, second.family) || first.family.length === 0) set.add(first, second, 'same-given-name');
  }

  // Namesakes without a birth date.
  const namesakeCount = scaled(DESIGN.namesakes, scale, 4);
  for (let k = 0; k < namesakeCount; k++) {
    const c = b.pickCulture();
    const first = b.household(c, rng.weighted(c.households), { head: { age: [18, 70] } }).members[0]!;
    const second = b.household(c, 'single', {
      head: { sex: first.sex, given: first.given, family: first.family, father: first.father, age: [18, 70] },
      ...(rng.chance(0.5) ? { municipality: first.household.municipality } : {}),
    }).members[0]!;
    second.undated = true;
    first.undated = rng.chance(0.5);
    set.add(first, second, 'namesake-undated');
  }

  // Twins and same-year siblings (beyond those that households bring by chance).
  for (let k = 0; k < scaled(DESIGN.twins, scale, 2); k++)
    b.household(b.pickCulture(), 'family', { forceTwins: true, head: { age: [28, 50] } });
  for (let k = 0; k < scaled(DESIGN.sameYearSiblings, scale, 2); k++)
    b.household(b.pickCulture(), 'family', { sameYearSiblings: true, head: { age: [28, 50] } });

  // The rest of the population.
  while (b.persons.length < n) b.randomHousehold();
  for (const p of b.persons.splice(n)) {
    const m = p.household.members;
    m.splice(m.indexOf(p), 1);
    p.index = -1;
  }
  b.persons.forEach((p, i) => {
    p.index = i;
    p.id = `P${String(i + 1).padStart(6, '0')}`;
  });

  for (const hh of b.households) {
    labelSiblings(
      hh.members.filter((m) => m.role === 'child'),
      set,
    );
    labelParentChildNamesakes(hh.members, set);
  }

  const writer = new RecordWriter(Random.derive(seed, 'records'));
  const drafts: DraftWithTruth[] = [];
  for (const p of b.persons) drafts.push(...writer.recordsOf(p));
  Random.derive(seed, 'order').shuffle(drafts);

  const records: PersonRecord[] = drafts.map((d, i) => ({
    recordId: `R${String(i + 1).padStart(7, '0')}`,
    ...d.draft,
  }));
  const personOf = drafts.map((d) => d.person.id);

  // Household members whose Jobcenter records share the Bedarfsgemeinschaft number.
  const byBg = new Map<string, Set<Person>>();
  for (const d of drafts) {
    const id = d.draft.agencyIdentifier;
    if (d.draft.sourceAgency === 'jobcenter-kreis-steinfurt' && id && id.includes('BG')) {
      let s = byBg.get(id);
      if (!s) {
        s = new Set();
        byBg.set(id, s);
      }
      s.add(d.person);
    }
  }
  for (const members of byBg.values()) {
    const list = [...members];
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) set.add(list[i]!, list[j]!, 'shared-household-id');
  }

  return {
    generator: 'independent',
    seed,
    persons: b.persons.length,
    records,
    personOf,
    lookalikes: set.list(),
    cultureOf: new Map(b.persons.map((p) => [p.id, p.culture.id])),
    households: new Set(b.persons.map((p) => p.household)).size,
  };
}

/**
 * The cultures of the population: nationality, share, naming customs, how many birth dates are
 * known, who writes the names how. Shares follow the origins of newcomers in an NRW Kreis since
 * 2022 (Ukraine first, then Syria, Afghanistan, Turkey, Iraq, …) and deliberately include
 * cultures outside the hub matcher's design (Guinea, Russia, Georgia, the Balkans, Vietnam,
 * China, Sri Lanka, Ethiopia).
 */
import { word, type NameWord, type StyleSet } from './names.js';
import type { Random, Weighted } from './random.js';
import {
  AFGHAN_FAMILY,
  AFGHAN_FEMALE,
  AFGHAN_MALE,
  ARAB_FEMALE,
  ARAB_MALE,
  IRAN_FAMILY,
  IRAN_FEMALE,
  IRAN_MALE,
  IRAQI_FAMILY,
  PATTERNS,
  PERSIAN_SUFFIXES,
  ROOTS,
  SYRIAN_FAMILY,
} from './tables/arabic-persian.js';
import {
  AMHARIC_FEMALE,
  AMHARIC_MALE,
  FULA_FAMILY,
  FULA_FEMALE,
  FULA_MALE,
  SOMALI_FEMALE,
  SOMALI_MALE,
  TIGRINYA_FEMALE,
  TIGRINYA_MALE,
} from './tables/africa.js';
import {
  KURDISH_FAMILY,
  KURDISH_FEMALE,
  KURDISH_MALE,
  TURKISH_FAMILY,
  TURKISH_FEMALE,
  TURKISH_MALE,
  TURKISH_SURNAME_HEADS,
  TURKISH_SURNAME_TAILS,
} from './tables/kurdish-turkish.js';
import {
  BALKAN_MUSLIM_STEMS,
  BALKAN_SLAVIC_STEMS,
  KA_SUFFIXES,
  BALKAN_FAMILY,
  BALKAN_FEMALE,
  BALKAN_MALE,
  KA_FAMILY,
  KA_FEMALE,
  KA_MALE,
  TAMIL_FEMALE,
  TAMIL_MALE,
  VI_FAMILY,
  VI_FEMALE,
  VI_MALE,
  VI_MIDDLE_FEMALE,
  VI_MIDDLE_MALE,
  ZH_FAMILY,
  ZH_GIVEN_FEMALE,
  ZH_GIVEN_MALE,
} from './tables/outside.js';
import {
  feminineSlavic,
  RU_FAMILY,
  RU_FEMALE,
  RU_MALE,
  UK_FAMILY,
  UK_FEMALE,
  UK_MALE,
  UK_STEMS,
  UK_SUFFIXES,
  ukrainianTailName,
} from './tables/slavic.js';

export type CultureId =
  | 'ukraine'
  | 'syria-arab'
  | 'syria-kurd'
  | 'afghanistan'
  | 'iraq-arab'
  | 'iraq-kurd'
  | 'turkey'
  | 'turkey-kurd'
  | 'iran'
  | 'russia'
  | 'eritrea'
  | 'somalia'
  | 'guinea'
  | 'georgia'
  | 'balkan-romani'
  | 'vietnam'
  | 'china'
  | 'sri-lanka-tamil'
  | 'ethiopia';

/**
 * How the family name is formed: inherited (`family`), the father's given name (`patronymic`:
 * Somali, Eritrean, Ethiopian, Tamil), often none at all (`afghan`), Vietnamese (family, middle,
 * given) or Chinese (family first).
 */
export type Naming = 'family' | 'patronymic' | 'afghan' | 'vietnamese' | 'chinese';

export type HouseholdType = 'single' | 'couple' | 'family' | 'single-parent' | 'extended';

export interface Culture {
  readonly id: CultureId;
  readonly nationality: string;
  readonly share: number;
  readonly naming: Naming;
  /** Share of persons whose real birth date is known to the agencies. */
  readonly knownDate: number;
  readonly male: (rng: Random) => NameWord[];
  readonly female: (rng: Random) => NameWord[];
  /** Inherited family name (naming `family`, `afghan` tribe names, `vietnamese`, `chinese`). */
  readonly family?: (rng: Random) => NameWord[];
  /** Feminine form of a family name (Russian -ova, Ukrainian -ska). */
  readonly feminine?: (family: readonly NameWord[]) => NameWord[];
  readonly wifeTakesName: boolean;
  /** Slavic patronymic as a middle name. */
  readonly slavic?: 'uk' | 'ru';
  readonly docStyles: Weighted<StyleSet>;
  readonly earStyles: Weighted<StyleSet>;
  readonly script?: 'arabic' | 'persian' | 'cyrillic' | 'georgian';
  readonly households: Weighted<HouseholdType>;
  /** Children of a family household: inclusive range, drawn uniformly. */
  readonly children: readonly [number, number];
  /** Share of households living on SGB II (Jobcenter, with a Bedarfsgemeinschaft number). */
  readonly sgb2: number;
  /** Share of persons recorded as stateless (XXA) by some agencies. */
  readonly stateless?: number;
  /** Rate of given/family fields swapped on a record (order conventions). */
  readonly swap: number;
}

const zipfPick = <T>(rng: Random, list: readonly T[], offset = 1.5): T => list[rng.zipf(list.length, offset)]!;

function arabicTailFamily(rng: Random): string {
  const root = rng.pick(ROOTS);
  const pattern = rng.pick(PATTERNS);
  const chars = [...root];
  let stem = '';
  for (const ch of pattern) stem += ch === '1' ? chars[0] : ch === '2' ? chars[1] : ch === '3' ? chars[2] : ch;
  const r = rng.float();
  if (r < 0.4) return `al-${stem}ī`;
  if (r < 0.65) return `al-${stem}`;
  return stem;
}

const arabFamily =
  (head: readonly string[]) =>
  (rng: Random): NameWord[] =>
    rng.chance(0.45) ? [word('ar', zipfPick(rng, head, 10))] : [word('ar', arabicTailFamily(rng))];

const arMale = (rng: Random): NameWord[] => [word('ar', zipfPick(rng, ARAB_MALE, 2))];
const arFemale = (rng: Random): NameWord[] => [word('ar', zipfPick(rng, ARAB_FEMALE, 2))];

function persianTailFamily(rng: Random): string {
  const stem = zipfPick(rng, IRAN_MALE, 3).replace(/-/g, '');
  const suffix = rng.pick(PERSIAN_SUFFIXES);
  return suffix === 'ī' ? stem.replace(/ī$/, '') + suffix : stem + suffix;
}

/** Afghan family names from a given name: -ī (Karimi), -zai and -ḫēl (tribe: son of, people of). */
function afghanTailFamily(rng: Random): string {
  const stem = zipfPick(rng, AFGHAN_MALE, 3).replace(/ /g, '');
  const suffix = rng.pick(['ī', 'zai', 'ī', 'ḫēl']);
  return suffix === 'ī' ? stem.replace(/ī$/, '') + suffix : stem + suffix;
}

/** Georgian family names from a given name: Giorgadze, Davitashvili, Levanidze. */
function georgianTailFamily(rng: Random): string {
  const stem = rng.pick(KA_MALE).replace(/[იეა]$/, '');
  return stem + rng.pick(KA_SUFFIXES);
}

/** Balkan family names from a given name: Bajramović, Jovanović, Hasani. */
function balkanTailFamily(rng: Random): string {
  if (rng.chance(0.6)) {
    const stem = rng.pick(BALKAN_MUSLIM_STEMS);
    return rng.chance(0.6) ? `${stem}ović` : `${stem}i`;
  }
  return `${rng.pick(BALKAN_SLAVIC_STEMS)}${rng.chance(0.7) ? 'ović' : 'ić'}`;
}

function turkishTailFamily(rng: Random): string {
  const head = rng.pick(TURKISH_SURNAME_HEADS);
  const tail = rng.pick(TURKISH_SURNAME_TAILS);
  return head + tail;
}

function ukrainianFamily(rng: Random): string {
  if (rng.chance(0.4)) return zipfPick(rng, UK_FAMILY, 15);
  return ukrainianTailName(rng.pick(UK_STEMS), rng.pick(UK_SUFFIXES));
}

function kurdishGiven(rng: Random, female: boolean): NameWord[] {
  if (rng.chance(0.5)) return [word('kur', zipfPick(rng, female ? KURDISH_FEMALE : KURDISH_MALE, 3))];
  return female ? arFemale(rng) : arMale(rng);
}

function kurdishFamily(rng: Random): NameWord[] {
  if (rng.chance(0.5)) return [word('kur', zipfPick(rng, KURDISH_FAMILY, 5))];
  return arabFamily(SYRIAN_FAMILY)(rng);
}

function somali(list: readonly (readonly [string, ...string[]])[]) {
  return (rng: Random): NameWord[] => {
    const [official, ...alt] = zipfPick(rng, list, 2);
    return [word('so', official, alt)];
  };
}

function fula(list: readonly { french: string; english?: string; portuguese?: string }[]) {
  return (rng: Random): NameWord[] => {
    const n = zipfPick(rng, list, 1.2);
    return [
      word(
        'ff',
        n.french,
        [n.english ?? '', n.portuguese ?? ''].filter((x) => x !== ''),
      ),
    ];
  };
}

function chineseGiven(list: readonly string[]) {
  return (rng: Random): NameWord[] => {
    const first = rng.pick(list);
    return [word('zh', rng.chance(0.7) ? `${first}|${rng.pick(list)}` : first)];
  };
}

const fem =
  (form: (s: string) => string) =>
  (family: readonly NameWord[]): NameWord[] =>
    family.map((w) => ({ ...w, text: form(w.text) }));

const HH_REFUGEE: Weighted<HouseholdType> = [
  ['single', 0.34],
  ['couple', 0.08],
  ['family', 0.42],
  ['single-parent', 0.08],
  ['extended', 0.08],
];
const HH_UKRAINE: Weighted<HouseholdType> = [
  ['single', 0.22],
  ['couple', 0.12],
  ['family', 0.18],
  ['single-parent', 0.33],
  ['extended', 0.15],
];
const HH_YOUNG_SINGLES: Weighted<HouseholdType> = [
  ['single', 0.62],
  ['couple', 0.08],
  ['family', 0.22],
  ['single-parent', 0.06],
  ['extended', 0.02],
];
const HH_LABOUR: Weighted<HouseholdType> = [
  ['single', 0.4],
  ['couple', 0.2],
  ['family', 0.32],
  ['single-parent', 0.05],
  ['extended', 0.03],
];

const w = <T>(...items: [T, number][]): Weighted<T> => items;

export const CULTURES: readonly Culture[] = [
  {
    id: 'ukraine',
    nationality: 'UKR',
    share: 0.3,
    naming: 'family',
    knownDate: 0.99,
    male: (rng) => [word('uk', zipfPick(rng, UK_MALE, 3))],
    female: (rng) => [word('uk', zipfPick(rng, UK_FEMALE, 3))],
    family: (rng) => [word('uk', ukrainianFamily(rng))],
    feminine: fem(feminineSlavic),
    wifeTakesName: true,
    slavic: 'uk',
    docStyles: w([{ uk: 'kmu2010' }, 0.75], [{ uk: 'bgn' }, 0.15], [{ uk: 'icao' }, 0.1]),
    earStyles: w(
      [{ uk: 'duden' }, 0.35],
      [{ uk: 'kmu2010' }, 0.3],
      [{ uk: 'bgn' }, 0.1],
      [{ uk: 'ru-duden' }, 0.05],
      [{ uk: 'ru-bgn' }, 0.05],
      [{ uk: 'ru-icao' }, 0.04],
      [{ uk: 'german-name' }, 0.06],
      [{ uk: 'icao' }, 0.05],
    ),
    script: 'cyrillic',
    households: HH_UKRAINE,
    children: [1, 3],
    sgb2: 0.75,
    swap: 0.03,
  },
  {
    id: 'syria-arab',
    nationality: 'SYR',
    share: 0.16,
    naming: 'family',
    knownDate: 0.9,
    male: arMale,
    female: arFemale,
    family: arabFamily(SYRIAN_FAMILY),
    wifeTakesName: false,
    docStyles: w([{ ar: 'english' }, 0.55], [{ ar: 'french' }, 0.3], [{ ar: 'levantine' }, 0.15]),
    earStyles: w(
      [{ ar: 'german' }, 0.35],
      [{ ar: 'english' }, 0.35],
      [{ ar: 'levantine' }, 0.15],
      [{ ar: 'french' }, 0.08],
      [{ ar: 'ala-lc-ascii' }, 0.03],
      [{ ar: 'ala-lc' }, 0.01],
      [{ ar: 'dmg' }, 0.03],
    ),
    script: 'arabic',
    households: HH_REFUGEE,
    children: [1, 6],
    sgb2: 0.65,
    stateless: 0.03,
    swap: 0.04,
  },
  {
    id: 'syria-kurd',
    nationality: 'SYR',
    share: 0.05,
    naming: 'family',
    knownDate: 0.85,
    male: (rng) => kurdishGiven(rng, false),
    female: (rng) => kurdishGiven(rng, true),
    family: kurdishFamily,
    wifeTakesName: false,
    docStyles: w([{ ar: 'english', kur: 'via-arabic' }, 0.7], [{ ar: 'french', kur: 'via-arabic' }, 0.3]),
    earStyles: w(
      [{ ar: 'kurmanji', kur: 'hawar' }, 0.25],
      [{ ar: 'german', kur: 'german' }, 0.3],
      [{ ar: 'english', kur: 'hawar-ascii' }, 0.3],
      [{ ar: 'english', kur: 'via-arabic' }, 0.15],
    ),
    script: 'arabic',
    households: HH_REFUGEE,
    children: [1, 6],
    sgb2: 0.65,
    stateless: 0.15,
    swap: 0.04,
  },
  {
    id: 'afghanistan',
    nationality: 'AFG',
    share: 0.1,
    naming: 'afghan',
    knownDate: 0.35,
    male: (rng) => [word('ar', zipfPick(rng, AFGHAN_MALE, 2))],
    female: (rng) => [word('ar', zipfPick(rng, AFGHAN_FEMALE, 2))],
    family: (rng) =>
      rng.chance(0.5) ? [word('ar', zipfPick(rng, AFGHAN_FAMILY, 6))] : [word('ar', afghanTailFamily(rng))],
    wifeTakesName: false,
    docStyles: w([{ ar: 'dari' }, 1]),
    earStyles: w([{ ar: 'dari' }, 0.5], [{ ar: 'german' }, 0.3], [{ ar: 'iran' }, 0.1], [{ ar: 'english' }, 0.1]),
    script: 'persian',
    households: HH_REFUGEE,
    children: [1, 6],
    sgb2: 0.45,
    swap: 0.06,
  },
  {
    id: 'iraq-arab',
    nationality: 'IRQ',
    share: 0.04,
    naming: 'family',
    knownDate: 0.85,
    male: arMale,
    female: arFemale,
    family: arabFamily(IRAQI_FAMILY),
    wifeTakesName: false,
    docStyles: w([{ ar: 'english' }, 0.9], [{ ar: 'ala-lc-ascii' }, 0.1]),
    earStyles: w(
      [{ ar: 'german' }, 0.35],
      [{ ar: 'english' }, 0.5],
      [{ ar: 'ala-lc-ascii' }, 0.07],
      [{ ar: 'ala-lc' }, 0.03],
      [{ ar: 'dmg' }, 0.05],
    ),
    script: 'arabic',
    households: HH_REFUGEE,
    children: [1, 5],
    sgb2: 0.6,
    swap: 0.05,
  },
  {
    id: 'iraq-kurd',
    nationality: 'IRQ',
    share: 0.03,
    naming: 'family',
    knownDate: 0.8,
    male: (rng) => kurdishGiven(rng, false),
    female: (rng) => kurdishGiven(rng, true),
    family: kurdishFamily,
    wifeTakesName: false,
    docStyles: w([{ ar: 'english', kur: 'via-arabic' }, 0.8], [{ ar: 'english', kur: 'hawar-ascii' }, 0.2]),
    earStyles: w(
      [{ ar: 'english', kur: 'hawar-ascii' }, 0.4],
      [{ ar: 'german', kur: 'german' }, 0.3],
      [{ ar: 'kurmanji', kur: 'hawar' }, 0.3],
    ),
    script: 'arabic',
    households: HH_REFUGEE,
    children: [1, 5],
    sgb2: 0.6,
    swap: 0.05,
  },
  {
    id: 'turkey',
    nationality: 'TUR',
    share: 0.075,
    naming: 'family',
    knownDate: 0.97,
    male: (rng) =>
      rng.chance(0.12)
        ? [word('tr', zipfPick(rng, TURKISH_MALE, 2)), word('tr', rng.pick(TURKISH_MALE))]
        : [word('tr', zipfPick(rng, TURKISH_MALE, 2))],
    female: (rng) =>
      rng.chance(0.12)
        ? [word('tr', zipfPick(rng, TURKISH_FEMALE, 2)), word('tr', rng.pick(TURKISH_FEMALE))]
        : [word('tr', zipfPick(rng, TURKISH_FEMALE, 2))],
    family: (rng) => [word('tr', rng.chance(0.6) ? zipfPick(rng, TURKISH_FAMILY, 5) : turkishTailFamily(rng))],
    wifeTakesName: true,
    docStyles: w([{ tr: 'turkish' }, 1]),
    earStyles: w(
      [{ tr: 'turkish' }, 0.4],
      [{ tr: 'german' }, 0.35],
      [{ tr: 'ascii' }, 0.15],
      [{ tr: 'german-ascii' }, 0.1],
    ),
    households: HH_LABOUR,
    children: [1, 4],
    sgb2: 0.3,
    swap: 0.03,
  },
  {
    id: 'turkey-kurd',
    nationality: 'TUR',
    share: 0.03,
    naming: 'family',
    knownDate: 0.93,
    male: (rng) =>
      rng.chance(0.6) ? [word('kur', zipfPick(rng, KURDISH_MALE, 3))] : [word('tr', zipfPick(rng, TURKISH_MALE, 2))],
    female: (rng) =>
      rng.chance(0.6)
        ? [word('kur', zipfPick(rng, KURDISH_FEMALE, 3))]
        : [word('tr', zipfPick(rng, TURKISH_FEMALE, 2))],
    family: (rng) => [word('tr', rng.chance(0.5) ? zipfPick(rng, TURKISH_FAMILY, 5) : turkishTailFamily(rng))],
    wifeTakesName: true,
    docStyles: w([{ tr: 'turkish', kur: 'turkish-registry' }, 1]),
    earStyles: w(
      [{ tr: 'turkish', kur: 'hawar' }, 0.3],
      [{ tr: 'german', kur: 'german' }, 0.3],
      [{ tr: 'turkish', kur: 'turkish-registry' }, 0.4],
    ),
    households: HH_REFUGEE,
    children: [1, 5],
    sgb2: 0.45,
    swap: 0.03,
  },
  {
    id: 'iran',
    nationality: 'IRN',
    share: 0.03,
    naming: 'family',
    knownDate: 0.97,
    male: (rng) => [word('ar', zipfPick(rng, IRAN_MALE, 2))],
    female: (rng) => [word('ar', zipfPick(rng, IRAN_FEMALE, 2))],
    family: (rng) => [word('ar', rng.chance(0.4) ? zipfPick(rng, IRAN_FAMILY, 6) : persianTailFamily(rng))],
    wifeTakesName: false,
    docStyles: w([{ ar: 'iran' }, 1]),
    earStyles: w([{ ar: 'iran' }, 0.6], [{ ar: 'german' }, 0.25], [{ ar: 'english' }, 0.15]),
    script: 'persian',
    households: HH_LABOUR,
    children: [1, 3],
    sgb2: 0.4,
    swap: 0.03,
  },
  {
    id: 'russia',
    nationality: 'RUS',
    share: 0.03,
    naming: 'family',
    knownDate: 0.99,
    male: (rng) => [word('ru', zipfPick(rng, RU_MALE, 2))],
    female: (rng) => [word('ru', zipfPick(rng, RU_FEMALE, 2))],
    family: (rng) => [word('ru', zipfPick(rng, RU_FAMILY, 12))],
    feminine: fem(feminineSlavic),
    wifeTakesName: true,
    slavic: 'ru',
    docStyles: w([{ ru: 'icao' }, 0.6], [{ ru: 'bgn' }, 0.2], [{ ru: 'french' }, 0.2]),
    earStyles: w([{ ru: 'duden' }, 0.45], [{ ru: 'icao' }, 0.25], [{ ru: 'bgn' }, 0.2], [{ ru: 'german-name' }, 0.1]),
    script: 'cyrillic',
    households: HH_LABOUR,
    children: [1, 3],
    sgb2: 0.4,
    swap: 0.03,
  },
  {
    id: 'eritrea',
    nationality: 'ERI',
    share: 0.03,
    naming: 'patronymic',
    knownDate: 0.6,
    male: (rng) => [word('eth', zipfPick(rng, TIGRINYA_MALE, 2))],
    female: (rng) => [word('eth', zipfPick(rng, TIGRINYA_FEMALE, 2))],
    wifeTakesName: false,
    docStyles: w([{ eth: 'eritrean' }, 0.8], [{ eth: 'italian' }, 0.2]),
    earStyles: w([{ eth: 'eritrean' }, 0.6], [{ eth: 'german' }, 0.25], [{ eth: 'italian' }, 0.15]),
    households: HH_YOUNG_SINGLES,
    children: [1, 4],
    sgb2: 0.55,
    swap: 0.06,
  },
  {
    id: 'somalia',
    nationality: 'SOM',
    share: 0.02,
    naming: 'patronymic',
    knownDate: 0.4,
    male: somali(SOMALI_MALE),
    female: somali(SOMALI_FEMALE),
    wifeTakesName: false,
    docStyles: w([{ so: 'anglicised' }, 0.85], [{ so: 'official' }, 0.15]),
    earStyles: w([{ so: 'anglicised' }, 0.6], [{ so: 'official' }, 0.25], [{ so: 'german' }, 0.15]),
    households: HH_YOUNG_SINGLES,
    children: [1, 6],
    sgb2: 0.55,
    swap: 0.06,
  },
  {
    id: 'guinea',
    nationality: 'GIN',
    share: 0.025,
    naming: 'family',
    knownDate: 0.6,
    male: fula(FULA_MALE),
    female: fula(FULA_FEMALE),
    family: fula(FULA_FAMILY),
    wifeTakesName: false,
    docStyles: w([{ ff: 'french' }, 0.85], [{ ff: 'english' }, 0.1], [{ ff: 'portuguese' }, 0.05]),
    earStyles: w([{ ff: 'french' }, 0.6], [{ ff: 'german' }, 0.3], [{ ff: 'english' }, 0.1]),
    households: HH_YOUNG_SINGLES,
    children: [1, 4],
    sgb2: 0.3,
    swap: 0.05,
  },
  {
    id: 'georgia',
    nationality: 'GEO',
    share: 0.02,
    naming: 'family',
    knownDate: 0.99,
    male: (rng) => [word('ka', zipfPick(rng, KA_MALE, 2))],
    female: (rng) => [word('ka', zipfPick(rng, KA_FEMALE, 2))],
    family: (rng) => [word('ka', rng.chance(0.4) ? zipfPick(rng, KA_FAMILY, 6) : georgianTailFamily(rng))],
    wifeTakesName: true,
    docStyles: w([{ ka: 'national' }, 0.8], [{ ka: 'soviet' }, 0.2]),
    earStyles: w([{ ka: 'national' }, 0.5], [{ ka: 'duden' }, 0.35], [{ ka: 'soviet' }, 0.15]),
    script: 'georgian',
    households: HH_LABOUR,
    children: [1, 3],
    sgb2: 0.2,
    swap: 0.03,
  },
  {
    id: 'balkan-romani',
    nationality: 'SRB',
    share: 0.02,
    naming: 'family',
    knownDate: 0.95,
    male: (rng) => [word('bal', zipfPick(rng, BALKAN_MALE, 2))],
    female: (rng) => [word('bal', zipfPick(rng, BALKAN_FEMALE, 2))],
    family: (rng) => [word('bal', rng.chance(0.5) ? zipfPick(rng, BALKAN_FAMILY, 5) : balkanTailFamily(rng))],
    wifeTakesName: true,
    docStyles: w([{ bal: 'native' }, 0.7], [{ bal: 'ascii' }, 0.3]),
    earStyles: w(
      [{ bal: 'ascii' }, 0.4],
      [{ bal: 'german' }, 0.3],
      [{ bal: 'native' }, 0.2],
      [{ bal: 'english' }, 0.1],
    ),
    households: HH_REFUGEE,
    children: [1, 6],
    sgb2: 0.5,
    swap: 0.03,
  },
  {
    id: 'vietnam',
    nationality: 'VNM',
    share: 0.01,
    naming: 'vietnamese',
    knownDate: 0.99,
    male: (rng) => [word('vi', rng.pick(VI_MIDDLE_MALE)), word('vi', rng.pick(VI_MALE))],
    female: (rng) => [word('vi', rng.pick(VI_MIDDLE_FEMALE)), word('vi', rng.pick(VI_FEMALE))],
    family: (rng) => [word('vi', zipfPick(rng, VI_FAMILY, 0.8))],
    wifeTakesName: false,
    docStyles: w([{ vi: 'ascii' }, 0.8], [{ vi: 'native' }, 0.2]),
    earStyles: w([{ vi: 'ascii' }, 0.7], [{ vi: 'native' }, 0.3]),
    households: HH_LABOUR,
    children: [1, 3],
    sgb2: 0.2,
    swap: 0.2,
  },
  {
    id: 'china',
    nationality: 'CHN',
    share: 0.01,
    naming: 'chinese',
    knownDate: 0.99,
    male: chineseGiven(ZH_GIVEN_MALE),
    female: chineseGiven(ZH_GIVEN_FEMALE),
    family: (rng) => [word('zh', zipfPick(rng, ZH_FAMILY, 1.5))],
    wifeTakesName: false,
    docStyles: w([{ zh: 'pinyin' }, 0.85], [{ zh: 'wade-giles' }, 0.15]),
    earStyles: w([{ zh: 'pinyin' }, 0.5], [{ zh: 'pinyin-spaced' }, 0.3], [{ zh: 'pinyin-hyphen' }, 0.2]),
    households: HH_LABOUR,
    children: [1, 2],
    sgb2: 0.15,
    swap: 0.25,
  },
  {
    id: 'sri-lanka-tamil',
    nationality: 'LKA',
    share: 0.01,
    naming: 'patronymic',
    knownDate: 0.95,
    male: (rng) => [word('ta', zipfPick(rng, TAMIL_MALE, 2))],
    female: (rng) => [word('ta', zipfPick(rng, TAMIL_FEMALE, 2))],
    wifeTakesName: false,
    docStyles: w([{ ta: 'sri-lankan' }, 1]),
    earStyles: w([{ ta: 'sri-lankan' }, 0.5], [{ ta: 'indian' }, 0.25], [{ ta: 'german' }, 0.25]),
    households: HH_LABOUR,
    children: [1, 3],
    sgb2: 0.3,
    swap: 0.08,
  },
  {
    id: 'ethiopia',
    nationality: 'ETH',
    share: 0.01,
    naming: 'patronymic',
    knownDate: 0.6,
    male: (rng) => [word('eth', zipfPick(rng, AMHARIC_MALE, 2))],
    female: (rng) => [word('eth', zipfPick(rng, AMHARIC_FEMALE, 2))],
    wifeTakesName: false,
    docStyles: w([{ eth: 'ethiopian' }, 1]),
    earStyles: w([{ eth: 'ethiopian' }, 0.6], [{ eth: 'german' }, 0.2], [{ eth: 'eritrean' }, 0.2]),
    households: HH_YOUNG_SINGLES,
    children: [1, 4],
    sgb2: 0.4,
    swap: 0.06,
  },
];

export const CULTURE_BY_ID: ReadonlyMap<CultureId, Culture> = new Map(CULTURES.map((c) => [c.id, c]));

export function culture(id: CultureId): Culture {
  const c = CULTURE_BY_ID.get(id);
  if (!c) throw new Error(`unknown culture ${id}`);
  return c;
}

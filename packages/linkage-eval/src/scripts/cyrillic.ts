/**
 * Ukrainian and Russian names are kept in Cyrillic and romanised by the systems agencies meet:
 * - Ukrainian national system (Cabinet of Ministers resolution 55 of 27.01.2010, "KMU 2010";
 *   also BGN/PCGN 2019 and UNGEGN 2012): Г h, И y, І i, Х kh, Ц ts, Щ shch; Є Ї Й Ю Я as
 *   ye yi y yu ya at the start of a word and ie i i iu ia inside; Ь and ' dropped; зг → zgh.
 *   Ukrainian biometric passports since 2010.
 * - ICAO Doc 9303 (part 3, transliteration of Cyrillic, in force since 2013): Є IE, Ї I, Й I,
 *   Ю IU, Я IA in every position, Ъ IE, Ь dropped (Ukrainian Г H, И Y). Russian passports since
 *   2013 (IULIIA, DMITRII, ANDREI).
 * - BGN/PCGN: Ukrainian 1965 (Є ye, Ї yi, Й y, Ю yu, Я ya; Serhiy, Andriy, Yuliya, Nataliya) and
 *   Russian 1947 (Е ye at the start and after vowels, Й y, Ы y, Ю yu, Я ya; Dmitriy, Sergey);
 *   the prime marks for Ь/Ъ are left out as agencies do.
 * - German after Duden: В w, Ж sch, З s, Х ch, Ц z, Ч tsch, Ш sch, Щ schtsch, Й j, Ю ju, Я ja,
 *   Е je at the start (Russian); Ukrainian Г h, И y, Є je, Ї ji (Kowalenko, Schewtschenko, Julija).
 * - French, of Soviet and early Russian international passports before 1997: У ou, Ш ch, Ж j,
 *   Ч tch, Ю iou, Я ia, Х kh, Г gu before e/i (Iouri, Serguei, Tatiana).
 * Ukrainians also appear under the Russian form of their given name (Soviet documents, Russian
 * speakers: Олександр / Александр) and sometimes under a German one (Alexander).
 */
import type { Random } from '../random.js';
import { titleCase } from '../text.js';

type Map1 = Readonly<Record<string, string>>;

const VOWELS_CYR = new Set([...'аеєиіїоуюяыэё']);

function lowerCyr(word: string): string {
  return word.toLowerCase().replace(/[’ʼ`]/g, "'");
}

/** Romanises one word with a table and optional word-initial forms. */
function romanise(
  word: string,
  table: Map1,
  initial: Map1 = {},
  context?: (ch: string, prev: string, next: string, i: number, w: string) => string | undefined,
): string {
  const w = lowerCyr(word);
  let out = '';
  for (let i = 0; i < w.length; i++) {
    const ch = w[i]!;
    const prev = w[i - 1] ?? '';
    const next = w[i + 1] ?? '';
    const special = context?.(ch, prev, next, i, w);
    if (special !== undefined) {
      out += special;
      continue;
    }
    const atStart = i === 0 || prev === '-' || prev === ' ';
    out += (atStart ? initial[ch] : undefined) ?? table[ch] ?? ch;
  }
  return out;
}

const UK_KMU: Map1 = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'h',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: 'ie',
  ж: 'zh',
  з: 'z',
  и: 'y',
  і: 'i',
  ї: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ь: '',
  ю: 'iu',
  я: 'ia',
  "'": '',
};
const UK_KMU_INITIAL: Map1 = { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' };

const UK_ICAO: Map1 = { ...UK_KMU, ї: 'i', й: 'i' };

const UK_BGN_1965: Map1 = { ...UK_KMU, є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' };

const UK_DUDEN: Map1 = {
  ...UK_KMU,
  в: 'w',
  є: 'je',
  ж: 'sch',
  з: 's',
  ї: 'ji',
  й: 'j',
  х: 'ch',
  ц: 'z',
  ч: 'tsch',
  ш: 'sch',
  щ: 'schtsch',
  ю: 'ju',
  я: 'ja',
};

const RU_ICAO: Map1 = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: 'ie',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
};

const RU_BGN: Map1 = { ...RU_ICAO, й: 'y', ъ: '', ю: 'yu', я: 'ya', ё: 'yo' };

const RU_DUDEN: Map1 = {
  ...RU_ICAO,
  в: 'w',
  ё: 'jo',
  ж: 'sch',
  з: 's',
  й: 'j',
  х: 'ch',
  ц: 'z',
  ч: 'tsch',
  ш: 'sch',
  щ: 'schtsch',
  ъ: '',
  ю: 'ju',
  я: 'ja',
};

const RU_FRENCH: Map1 = {
  ...RU_ICAO,
  ё: 'io',
  ж: 'j',
  й: 'i',
  у: 'ou',
  ч: 'tch',
  ш: 'ch',
  щ: 'chtch',
  ъ: '',
  ю: 'iou',
  я: 'ia',
};

const afterVowelOrSign = (prev: string): boolean =>
  prev === '' || VOWELS_CYR.has(prev) || prev === 'ь' || prev === 'ъ' || prev === 'й';

export type UkrainianSystem = 'kmu2010' | 'icao' | 'bgn' | 'duden';
export type RussianSystem = 'icao' | 'bgn' | 'duden' | 'french';

export function romaniseUkrainian(word: string, system: UkrainianSystem, rng?: Random): string {
  let out: string;
  switch (system) {
    case 'kmu2010':
      // зг is written zgh so it is not read as the digraph zh.
      out = romanise(word, UK_KMU, UK_KMU_INITIAL, (ch, _p, next) => (ch === 'з' && next === 'г' ? 'zg' : undefined));
      break;
    case 'icao':
      out = romanise(word, UK_ICAO);
      break;
    case 'bgn':
      out = romanise(word, UK_BGN_1965);
      break;
    case 'duden': {
      const x = rng?.chance(0.3) ?? false;
      out = romanise(word, UK_DUDEN, {}, (ch, _p, next) =>
        x && ch === 'к' && next === 'с' ? 'x' : ch === 'с' && _p === 'к' && x ? '' : undefined,
      );
      break;
    }
  }
  return titleCase(out);
}

export function romaniseRussian(word: string, system: RussianSystem, rng?: Random): string {
  let out: string;
  switch (system) {
    case 'icao':
      out = romanise(word, RU_ICAO);
      break;
    case 'bgn':
      out = romanise(word, RU_BGN, {}, (ch, prev) => {
        if (ch === 'е') return afterVowelOrSign(prev) ? 'ye' : 'e';
        if (ch === 'ё') return afterVowelOrSign(prev) ? 'yo' : 'e';
        return undefined;
      });
      break;
    case 'duden': {
      const x = rng?.chance(0.8) ?? true;
      const iEnding = rng?.chance(0.5) ?? true;
      out = romanise(word, RU_DUDEN, {}, (ch, prev, next, i, w) => {
        if (ch === 'е') return afterVowelOrSign(prev) ? 'je' : 'e';
        if (x && ch === 'к' && next === 'с') return 'x';
        if (x && ch === 'с' && prev === 'к') return '';
        if (ch === 'й' && prev === 'и' && i === w.length - 1) return iEnding ? '' : 'j';
        if (ch === 'ь' && next === 'о') return 'j';
        if (ch === 'с' && VOWELS_CYR.has(prev) && VOWELS_CYR.has(next)) return 'ss';
        return undefined;
      });
      break;
    }
    case 'french':
      out = romanise(word, RU_FRENCH, {}, (ch, prev, next, i, w) => {
        if (ch === 'г' && (next === 'е' || next === 'и' || next === 'ы')) return 'gu';
        if (ch === 'с' && VOWELS_CYR.has(prev) && VOWELS_CYR.has(next)) return 'ss';
        if (ch === 'й' && prev === 'и' && i === w.length - 1) return '';
        if (ch === 'й' && prev === 'е') return 'i';
        return undefined;
      });
      break;
  }
  return titleCase(out);
}

/** Ukrainian given names and the Russian form the same person may be registered under. */
export const UK_TO_RU_GIVEN: Readonly<Record<string, string>> = {
  Олександр: 'Александр',
  Андрій: 'Андрей',
  Сергій: 'Сергей',
  Дмитро: 'Дмитрий',
  Микола: 'Николай',
  Олексій: 'Алексей',
  Юрій: 'Юрий',
  Володимир: 'Владимир',
  Віктор: 'Виктор',
  Іван: 'Иван',
  Василь: 'Василий',
  Євген: 'Евгений',
  Ігор: 'Игорь',
  Петро: 'Пётр',
  Михайло: 'Михаил',
  Григорій: 'Григорий',
  Павло: 'Павел',
  Кирило: 'Кирилл',
  Данило: 'Даниил',
  Віталій: 'Виталий',
  Анатолій: 'Анатолий',
  Валерій: 'Валерий',
  Костянтин: 'Константин',
  Олена: 'Елена',
  Ірина: 'Ирина',
  Наталія: 'Наталья',
  Тетяна: 'Татьяна',
  Ганна: 'Анна',
  Катерина: 'Екатерина',
  Світлана: 'Светлана',
  Ольга: 'Ольга',
  Юлія: 'Юлия',
  Марія: 'Мария',
  Софія: 'София',
  Вікторія: 'Виктория',
  Анастасія: 'Анастасия',
  Галина: 'Галина',
  Надія: 'Надежда',
  Людмила: 'Людмила',
  Дарина: 'Дарья',
  Любов: 'Любовь',
  Лідія: 'Лидия',
  Поліна: 'Полина',
};

/** German forms a few Ukrainian and Russian given names are registered under. */
export const GERMAN_GIVEN: Readonly<Record<string, string>> = {
  Олександр: 'Alexander',
  Александр: 'Alexander',
  Олексій: 'Alexej',
  Алексей: 'Alexej',
  Катерина: 'Katharina',
  Екатерина: 'Katharina',
  Софія: 'Sophia',
  Михайло: 'Michael',
  Михаил: 'Michael',
  Марія: 'Maria',
  Мария: 'Maria',
  Євген: 'Eugen',
  Евгений: 'Eugen',
};

/** The Russian spelling of a Ukrainian word: letters Russian lacks replaced. */
export function ukrainianToRussianLetters(word: string): string {
  const given = UK_TO_RU_GIVEN[word];
  if (given) return given;
  return word
    .replace(/і/g, 'и')
    .replace(/І/g, 'И')
    .replace(/ї/g, 'и')
    .replace(/Ї/g, 'И')
    .replace(/є/g, 'е')
    .replace(/Є/g, 'Е')
    .replace(/ґ/g, 'г')
    .replace(/Ґ/g, 'Г')
    .replace(/'/g, 'ь');
}

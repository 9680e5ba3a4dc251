/**
 * Name, date and place normalisation. Pure string functions; no I/O.
 *
 * Three layers, from faithful to lossy:
 *  1. `foldLatin`: DIN SPEC 91379 letters folded to their base form (é→e, ß→ss, ø→o, ł→l),
 *     case kept. This is the "search form" used for display-independent comparison.
 *  2. `nameTokens`: lower-case tokens with Arabic articles, `Abd…`/`…ullah`/`…uddin` compounds
 *     and filler values handled, each folded by `foldTransliteration` so that the spelling
 *     conventions of different transliteration systems (English, French, German, ICAO) meet.
 *  3. `vowelSkeleton`: consonants with every vowel run reduced to one marker, because Arabic
 *     short vowels are not written and every system guesses them differently
 *     (Mohammed / Muhammad / Mohamad all become m*h*m*d, Mahmoud stays m*hm*d).
 */
import type { BirthDatePrecision } from './types.js';

/** Latin letters of DIN SPEC 91379 that Unicode decomposition does not reduce to a base letter. */
const SPECIAL_LATIN: Readonly<Record<string, string>> = {
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'AE',
  ø: 'o',
  Ø: 'O',
  œ: 'oe',
  Œ: 'OE',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'TH',
  ħ: 'h',
  Ħ: 'H',
  ı: 'i',
  ĸ: 'k',
  ŀ: 'l',
  Ŀ: 'L',
  ŉ: 'n',
  ŋ: 'n',
  Ŋ: 'N',
  ŧ: 't',
  Ŧ: 'T',
  ſ: 's',
  ƒ: 'f',
  ǥ: 'g',
  Ǥ: 'G',
  ʒ: 'z',
  Ʒ: 'Z',
  ə: 'e',
  Ə: 'E',
  ɛ: 'e',
  Ɛ: 'E',
  ɔ: 'o',
  Ɔ: 'O',
  ĳ: 'ij',
  Ĳ: 'IJ',
};

/** Marks for ʿayn, hamza and apostrophes: dropped without splitting the word (Ma'mun → Mamun). */
const APOSTROPHES = /['’‘`´ʿʾʻʼ′]/g;

/** Folds diacritics and special Latin letters (DIN SPEC 91379) to base letters; keeps case. */
export function foldLatin(value: string): string {
  const decomposed = value.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  let out = '';
  for (const ch of decomposed) out += SPECIAL_LATIN[ch] ?? ch;
  return out.normalize('NFC');
}

/**
 * Romanises Cyrillic (Ukrainian and Russian letters) in a simple phonetic way, so that a name
 * typed in Cyrillic into a Latin field can still be compared. Precision is not the aim here:
 * the transliteration fold below erases the differences between systems anyway.
 */
const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'h',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: 'ye',
  ё: 'yo',
  ж: 'zh',
  з: 'z',
  и: 'y',
  і: 'i',
  ї: 'yi',
  й: 'y',
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
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

export function romaniseCyrillic(lower: string): string {
  if (!/[\u0400-\u04ff]/.test(lower)) return lower;
  let out = '';
  for (const ch of lower) out += CYRILLIC[ch] ?? ch;
  return out;
}

/** Whole-field values that mean "no name" (FNU = first name unknown, N.N. = nomen nescio). */
const FILLER_VALUE =
  /^(?:n\.?\s*n\.?|nn|-+|\?+|x+|fnu|lnu|unk|unbekannt|unknown|ohne(?:\s+namen?)?|keine?\s+angabe|o\.\s*a\.?)$/i;

/** Arabic article written as its own token (al Hassan, El-Khatib, Abd ar-Rahman). */
const ARTICLE_TOKENS = new Set([
  'al',
  'el',
  'ul',
  'il',
  'ad',
  'ar',
  'as',
  'at',
  'az',
  'ash',
  'ed',
  'ud',
  'ur',
  'us',
  'an',
  'ad',
]);
/**
 * Generation markers written with a name (jun./sen., Jr./Sr.): they are not name words, but they
 * tell father from son (or mother from daughter) when both carry the same names.
 */
const GENERATION_TOKENS: ReadonlyMap<string, Generation> = new Map([
  ['jun', 'junior'],
  ['junior', 'junior'],
  ['jr', 'junior'],
  ['sen', 'senior'],
  ['senior', 'senior'],
  ['sr', 'senior'],
]);
export type Generation = 'junior' | 'senior';

/** The generation marker of a name field (jun./sen.), if one is written. */
export function generationMarker(raw: string | undefined): Generation | undefined {
  for (const w of nameWords(raw)) {
    const g = GENERATION_TOKENS.get(w);
    if (g) return g;
  }
  return undefined;
}
/** Filiation particles ("son/daughter of") that agencies keep or drop at will. */
const FILIATION_TOKENS = new Set(['bin', 'ibn', 'bint', 'ben', 'binti', 'walad', 'ould']);
/** Tokens that start a compound with the next token: Abdul Rahman = Abdulrahman, Abu Zaid = Abuzaid. */
const COMPOUND_HEADS = new Set(['abd', 'abdul', 'abdel', 'abdal', 'abdoul', 'abdol', 'abdur', 'abu', 'abou', 'abo']);
/** Tokens that end a compound with the previous token: Rahmat Ullah = Rahmatullah, Nur ad-Din = Nuruddin. */
const COMPOUND_TAILS = new Set([
  'ullah',
  'ulla',
  'allah',
  'alla',
  'ollah',
  'olla',
  'din',
  'deen',
  'uddin',
  'eddin',
  'addin',
  'aldin',
  'eldin',
  'uldin',
]);
/** Given names that begin with al/el but are not Arabic articles. */
const NOT_AN_ARTICLE = new Set([
  'alexander',
  'aleksandr',
  'aleksander',
  'alexandr',
  'alexandra',
  'aleksandra',
  'alexej',
  'aleksei',
  'aleksey',
  'alexei',
  'alexey',
  'alena',
  'alina',
  'alisa',
  'alissa',
  'alice',
  'albert',
  'alberto',
  'alfred',
  'albina',
  'almaz',
  'almas',
  'alper',
  'alperen',
  'alparslan',
  'altan',
  'elena',
  'elias',
  'elif',
  'elisa',
  'eliza',
  'elizabeth',
  'elisabeth',
  'elmira',
  'elvira',
  'elham',
  'elsa',
  'elza',
  'elina',
  'elnur',
  'elmas',
  'elvan',
  'elcin',
  'elyas',
  'eliyas',
  'elmar',
  'elvis',
  'eldar',
  'elmira',
  'alessandro',
  'alessia',
  'elisha',
  'elijah',
  'eleni',
  'elene',
  'alemayehu',
  'alganesh',
  'alem',
  'alpha',
]);

/**
 * Folds spelling conventions of transliteration systems onto one form. Each rule is a
 * known alternation: German sch/tsch/dsch vs English sh/ch/j, kh/ch/h for خ, gh/g for غ,
 * q/k for ق, w/v, ou/oo/u, ee/i, ii/iy/ij/i (Ukrainian -ii/-iy/-ij), y/j, ai/ei/ay/ey/ae,
 * oe/ue for ö/ü, final -h after a vowel (Fatimah), doubled letters. `th` and `dh` are folded
 * to their Levantine sounds s and d here; `alternativeFolds` adds the other readings.
 */
export function foldTransliteration(token: string): string {
  return foldWith(token, 's', 'd', 'h');
}

function foldWith(token: string, th: string, dh: string, ch: string): string {
  // Я, Ю, Є, Ї at the start of a word: Ye/Yu/Ya/Yi in the Ukrainian national system and BGN/PCGN,
  // Ie/Iu/Ia/I in ICAO 9303 (passports since 2013): Iuliia / Yuliia, Iana / Yana, Ievhen / Yevhen.
  let t = token.replace(/^i(?=[aeou])/, 'y');
  t = t.replace(/oe/g, 'o').replace(/ue/g, 'u');
  t = t.replace(/tsch/g, 'C').replace(/dsch/g, 'j').replace(/sch/g, 'sh').replace(/dzh/g, 'j');
  t = t.replace(/tch/g, 'C').replace(/zh/g, 'sh').replace(/dj/g, 'j');
  t = t.replace(/kh/g, 'h').replace(/ch/g, ch).replace(/C/g, 'h').replace(/gh/g, 'g').replace(/ph/g, 'f');
  t = t.replace(/th/g, th).replace(/dh/g, dh).replace(/ck/g, 'k').replace(/q/g, 'k');
  t = t.replace(/x/g, 'ks').replace(/w/g, 'v');
  t = t.replace(/ou/g, 'u').replace(/oo/g, 'u').replace(/ee/g, 'i');
  t = t.replace(/ii/g, 'i').replace(/iy/g, 'i').replace(/ij/g, 'i');
  t = t.replace(/j/g, 'y');
  t = t.replace(/ei|ai|ey|ay|ae/g, 'ay').replace(/oi|oy/g, 'oy');
  // y after a consonant is a vowel (Dmytro, Vasyl, Fady, Tetyana).
  t = t.replace(/([^aeiouy])y/g, '$1i');
  t = t.replace(/([aeiou])h$/, '$1');
  t = t.replace(/(.)\1+/g, '$1');
  return t;
}

/**
 * Other readings of ambiguous spellings, compared besides the main fold (best one counts):
 * th as t (Othman / Otman), dh as z (Kadhim / Kazem), ch as k or sh (Christina / Kristina,
 * French Chadi / Shadi), initial g as j (Egyptian Gamal / Jamal), and Somali orthography,
 * where x writes ḥ and c writes ʿayn (Maxamed / Mohamed, Cali / Ali).
 */
export function alternativeFolds(token: string): string[] {
  const main = foldTransliteration(token);
  const out = new Set<string>();
  if (/th|dh|ch/.test(token)) {
    out.add(foldWith(token, 't', 'z', 'k'));
    if (token.includes('ch')) out.add(foldWith(token, 's', 'd', 'sh'));
  }
  if (/^g[aeiou]/.test(token)) out.add(foldTransliteration(`j${token.slice(1)}`));
  const somali = /x|c(?!h)/.test(token) ? token.replace(/x/g, 'h').replace(/c(?!h)/g, '') : undefined;
  if (somali) out.add(foldTransliteration(somali));
  // Kurmanji (Hawar alphabet) writes the Arabic short a as e, and x for kh: Ehmed / Ahmad,
  // Mihemed / Muhammad, Hesen / Hasan, Xelef / Khalaf, Elî / Ali. Read e as a in words without a.
  if (/e/.test(token) && !/a/.test(token)) {
    out.add(foldTransliteration(token.replace(/e/g, 'a')));
    if (/x/.test(token)) out.add(foldTransliteration(token.replace(/x/g, 'kh').replace(/e/g, 'a')));
  }
  // Arabic script has no v: Kurdish and other names with v written in it use fa (ف), which
  // ALA-LC and DMG romanise as f (Berîvan → Barifan, Dilovan → Dlofan, Şivan → Shifan). Read f as v.
  if (/f/.test(token) && !/ph/.test(token)) out.add(foldTransliteration(token.replace(/f/g, 'v')));
  out.delete(main);
  return [...out];
}

/**
 * Equivalent forms of East Slavic given names: Ukrainian and Russian forms of one name (documents
 * of Ukrainians often carry the Russian form), which no spelling rule connects, and the German
 * forms that German registers use for them (a name adjusted under Art. 47 EGBGB: Jewgeni becomes
 * Eugen, Pjotr Peter, Nikolai Nikolaus).
 */
const NAME_EQUIVALENTS: readonly (readonly string[])[] = [
  ['mykola', 'nikolai', 'nikolay', 'mikola', 'nikolaus'],
  ['kateryna', 'ekaterina', 'yekaterina', 'jekaterina', 'katerina', 'katharina'],
  ['olena', 'elena', 'yelena', 'jelena'],
  ['oleksandr', 'aleksandr', 'alexander', 'alexandr', 'olexandr'],
  ['oleksandra', 'aleksandra', 'alexandra'],
  ['oleksii', 'oleksiy', 'aleksei', 'alexei', 'alexey', 'aleksej'],
  ['volodymyr', 'vladimir', 'wladimir'],
  ['serhii', 'sergei', 'sergey', 'sergej'],
  ['dmytro', 'dmitri', 'dmitry', 'dmitrij'],
  ['andrii', 'andrei', 'andrey', 'andrej', 'andreas'],
  ['mykhailo', 'mikhail', 'michail', 'michael'],
  ['hanna', 'ganna', 'anna'],
  ['halyna', 'galina'],
  ['ihor', 'igor'],
  ['oleh', 'oleg'],
  ['vasyl', 'vasily', 'vasilii', 'wassili'],
  ['petro', 'pyotr', 'petr', 'pjotr', 'peter'],
  ['pavlo', 'pavel', 'paul'],
  // German documents give the German form (Eugen) for Yevhen / Jewgeni.
  ['yevhen', 'evgeny', 'evgenii', 'yevgeny', 'yevgenii', 'jewgeni', 'jewgenij', 'ievgen', 'ievhen', 'eugen', 'jewhen'],
  ['kyrylo', 'kirill'],
  ['tetiana', 'tatiana', 'tatjana'],
  ['nataliia', 'natalia', 'natalja'],
  ['mariia', 'maria', 'marija'],
  ['iryna', 'irina'],
  ['liudmyla', 'lyudmila', 'ljudmila', 'ludmila'],
  ['svitlana', 'svetlana', 'swetlana'],
  ['viktoriia', 'viktoria', 'victoria'],
  ['yurii', 'yuri', 'yury', 'jurij'],
  ['anatolii', 'anatoly', 'anatolij'],
  ['valentyna', 'valentina'],
  ['larysa', 'larisa'],
  ['khrystyna', 'kristina', 'christina'],
  ['heorhii', 'georgi', 'georgy', 'georg'],
  ['hryhorii', 'grigory', 'grigori'],
  ['bohdan', 'bogdan'],
  ['yaroslav', 'jaroslaw'],
  ['mykyta', 'nikita'],
  ['tymofii', 'timofei', 'timofej'],
  ['matvii', 'matvei', 'matwej'],
  ['danylo', 'daniil', 'danila'],
  ['vira', 'vera'],
  ['nadiia', 'nadezhda', 'nadeschda'],
  ['liubov', 'lyubov', 'ljubow'],
  ['yelyzaveta', 'elizaveta', 'jelisaweta'],
];

const EQUIVALENT_CLASS: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>();
  NAME_EQUIVALENTS.forEach((group, i) => {
    for (const name of group) map.set(foldTransliteration(name), i);
  });
  return map;
})();

/** Index of the equivalence class of a folded name, or -1. */
export function equivalenceClass(folded: string): number {
  return EQUIVALENT_CLASS.get(folded) ?? -1;
}

/**
 * Consonant skeleton with each vowel run replaced by `*`; `y` counts as a consonant. Voicing
 * differences that transliterations do not agree on are merged: s/z (Zainab / Sainab) and a
 * final d/t (Mehmed / Mehmet, Murad / Murat).
 */
export function vowelSkeleton(folded: string): string {
  return folded
    .replace(/[aeiou]+/g, '*')
    .replace(/z/g, 's')
    .replace(/d$/, 't');
}

/** The skeleton without vowel markers: coarse, used only to find candidates (blocking). */
export function consonantKey(folded: string): string {
  const k = vowelSkeleton(folded).replace(/\*/g, '');
  // Names made of vowels and one consonant (Aya, Ali) keep their first letter to stay specific.
  return k.length >= 2 ? k : folded.slice(0, 3);
}

/** Strips an attached Arabic article (Alhassan → hassan, Elkhatib → khatib). */
function stripAttachedArticle(token: string): string {
  if (token.length < 5 || NOT_AN_ARTICLE.has(token)) return token;
  const m = /^(?:al|el)(.+)$/.exec(token);
  if (!m) return token;
  const rest = m[1]!;
  // The rest must itself look like a name: at least 3 letters and a vowel.
  return rest.length >= 3 && /[aeiouy]/.test(rest) ? rest : token;
}

/** Normalises Abd-compounds (Abdul-, Abdel-, Abdur-, Abdi-) to `abd` + name. */
function normaliseAbd(token: string): string {
  const m = /^abd[aeiou]{0,2}l?(.+)$/.exec(token);
  if (!m) return token;
  const rest = m[1]!;
  return rest.length >= 2 ? `abd${stripAttachedArticle(rest)}` : token;
}

/** Normalises …uddin / …aldin endings to …din (Nuruddin, Nouraldin, Nour-ed-Din). */
function normaliseDin(token: string): string {
  return token.replace(/(?:[aeiu]l|[aeiu]d|u|e)?d{1,2}(?:i|ee)n$/, (m, offset: number) => (offset >= 3 ? 'din' : m));
}

/**
 * Digits inside a word are OCR misreadings of the letters they resemble (T0oba, A1i, Mu5tafa): a
 * name has no digits. Digits standing alone stay separators.
 */
const OCR_DIGITS: Readonly<Record<string, string>> = { '0': 'o', '1': 'l', '5': 's', '8': 'b' };

function readOcrDigits(lower: string): string {
  return lower.replace(/(?<=[a-z])[0158]|[0158](?=[a-z])/g, (d) => OCR_DIGITS[d]!);
}

/**
 * Lower-case base-letter words of a name field, before transliteration folding.
 * Returns [] for empty and filler values.
 */
export function nameWords(raw: string | undefined): string[] {
  if (!raw) return [];
  const trimmed = raw.trim();
  if (trimmed === '' || FILLER_VALUE.test(trimmed)) return [];
  const lower = readOcrDigits(romaniseCyrillic(foldLatin(trimmed).toLowerCase()).replace(APOSTROPHES, ''));
  return lower.split(/[^a-z]+/).filter((w) => w.length > 1 && !FILLER_VALUE.test(w));
}

/**
 * Words of a name field with particles resolved and compounds joined, not yet folded: the form in
 * which keying errors are judged (a neighbouring key is a neighbour before folding, not after).
 */
export function nameParts(raw: string | undefined): string[] {
  const all = nameWords(raw);
  // A generation marker is not a name word (unless it is the only word).
  const words = all.length > 1 ? all.filter((w) => !GENERATION_TOKENS.has(w)) : all;
  const merged: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const hasNext = i + 1 < words.length;
    if (hasNext && (ARTICLE_TOKENS.has(w) || FILIATION_TOKENS.has(w))) continue;
    if (COMPOUND_TAILS.has(w) && merged.length > 0) {
      merged[merged.length - 1] += w;
      continue;
    }
    if (COMPOUND_HEADS.has(w) && hasNext) {
      // Skip an article between head and name: Abd al-Karim.
      let j = i + 1;
      if (ARTICLE_TOKENS.has(words[j]!) && j + 1 < words.length) j++;
      merged.push((w.startsWith('abd') ? 'abd' : 'abu') + words[j]!);
      i = j;
      continue;
    }
    merged.push(w);
  }
  return merged.map((w) => normaliseDin(normaliseAbd(stripAttachedArticle(w)))).filter((w) => w.length > 0);
}

/** Comparable tokens of a name field: `nameParts` folded by `foldTransliteration`. */
export function nameTokens(raw: string | undefined): string[] {
  return nameParts(raw)
    .map(foldTransliteration)
    .filter((t) => t.length > 0);
}

/** Script-specific normalisation of a name in its original script, as sorted tokens. */
export function originalScriptTokens(raw: string | undefined): string[] {
  if (!raw) return [];
  let s = raw.normalize('NFC').toLowerCase();
  // Arabic and Persian: drop vowel signs and tatweel, unify alef, yeh, kaf, teh marbuta, hamza seats.
  s = s
    .replace(/[\u064b-\u065f\u0670\u0640]/g, '')
    .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627')
    .replace(/[\u0649\u06cc\u064a\u0626]/g, '\u064a')
    .replace(/\u06a9/g, '\u0643')
    .replace(/\u0629/g, '\u0647')
    .replace(/\u0624/g, '\u0648');
  // Arabic article written attached or apart: compare without it.
  s = s.replace(/(^|\s)\u0627\u0644(?=\S{2,})/g, '$1');
  // Cyrillic: ё/е and Ukrainian/Russian і/и/ї are spelled either way on documents.
  s = s.replace(/ё/g, 'е').replace(/[іїй]/g, 'и').replace(/ъ|ь/g, '');
  s = foldLatin(s);
  return s
    .split(/[\s\-‐,.'’]+/u)
    .map((t) => t.trim())
    .filter((t) => t.length > 0)
    .sort();
}

/** Municipality names: base letters, lower case, umlaut transcriptions folded. */
export function normaliseMunicipality(raw: string | undefined): string {
  if (!raw) return '';
  return foldLatin(raw)
    .toLowerCase()
    .replace(/ae/g, 'a')
    .replace(/oe/g, 'o')
    .replace(/ue/g, 'u')
    .replace(/[^a-z]+/g, ' ')
    .trim();
}

/** ICAO/ISO user-assigned codes that carry no nationality: stateless, refugee, unspecified. */
const NO_NATIONALITY = new Set(['XXA', 'XXB', 'XXC', 'XXX', 'XXD']);

export function normaliseNationality(raw: string | undefined): string {
  if (!raw) return '';
  const code = raw.trim().toUpperCase();
  return NO_NATIONALITY.has(code) ? '' : code;
}

/** Days that registers use for an unknown day of birth. */
export function isPlaceholderDay(month: number, day: number): boolean {
  return (month === 1 && day === 1) || (month === 12 && day === 31);
}

/** A birth date reduced to what it actually tells. */
export interface ParsedBirthDate {
  /** `full` only for a real day; placeholders and year-only values are `year`. */
  readonly precision: 'full' | 'year' | 'unknown';
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export const UNKNOWN_BIRTH_DATE: ParsedBirthDate = { precision: 'unknown', year: 0, month: 0, day: 0 };

/**
 * Interprets a birth date with its stated precision. 01.01. and 31.12. are treated as year-only
 * even when flagged exact: German registers set unknown days to 01.01. (some to 31.12.) and many
 * agencies do not flag it, so the day cannot be trusted as evidence (the cost, losing real New
 * Year's Day and New Year's Eve birthdays, is small).
 */
export function parseBirthDate(value: string | undefined, precision: BirthDatePrecision): ParsedBirthDate {
  if (!value || precision === 'unknown') return UNKNOWN_BIRTH_DATE;
  const m = /^(\d{4})(?:-(\d{2})-(\d{2}))?$/.exec(value.trim());
  if (!m) return UNKNOWN_BIRTH_DATE;
  const year = Number(m[1]);
  if (!m[2] || precision === 'year-only' || precision === 'placeholder') {
    return { precision: 'year', year, month: 0, day: 0 };
  }
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (isPlaceholderDay(month, day)) return { precision: 'year', year, month: 0, day: 0 };
  return { precision: 'full', year, month, day };
}

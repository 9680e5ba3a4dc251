/**
 * Names of Arabic script (Arabic, Persian/Dari) are written in the tables in the transliteration
 * of the Deutsche Morgenländische Gesellschaft (DMG, 1935): one letter per phoneme, long vowels
 * with a macron (ā ī ū), ṯ ǧ ḥ ḫ ḏ š ṣ ḍ ṭ ẓ ġ q, ʿ for ʿayn, ʾ for hamza, diphthongs ai/au,
 * gemination by doubling. Persian adds p č ž g v, and Dari the majhūl vowels ē ō. The article is
 * written unassimilated (`al-raḥmān`); each convention decides on assimilation itself.
 *
 * From that one form every convention below writes the name afresh:
 * - `dmg`: DMG itself (assimilated article `ar-Raḥmān`, tāʾ marbūṭa as -a).
 * - `ala-lc`: ALA-LC romanisation (Library of Congress): th j kh dh sh gh, ʻ for ʿayn, ʼ for
 *   hamza, ay/aw, tāʾ marbūṭa -ah, article `al-` never assimilated; `ala-lc-ascii` without marks.
 * - `english`: the common English practice of Syrian and Iraqi passports and UNHCR registration
 *   (Mohammad/Mohammed/Muhammad, Hussein/Husain, Youssef/Yusuf, Al-/Al /Al-joined/El-/no article).
 * - `french`: French practice of the Levant and the Maghreb (ou for u, ch for š, dj for ǧ,
 *   Oussama, Chadi, Youssef, El-, Abdel-).
 * - `german`: German press spelling after Duden (sch, dsch, ch for ḫ, j for y, s for z,
 *   ei for ai, ss after short vowels: Dschamal, Chalid, Jussuf, Hussein, Seinab).
 * - `levantine`: spoken Syrian Arabic written down (q as glottal stop or k, ṯ as t or s, ḏ as d or
 *   z, final -a raised to -e: Kassem, Osman, Fatme), English or French letters.
 * - `iran`: Iranian passport practice (Persian vowels e/o, ey, v for w, gh for q, z for ḍ/ẓ/ḏ,
 *   -eh for final -a: Hossein, Reza, Ghasemi, Fatemeh, Rezaei).
 * - `dari`: Afghan English practice (o for u, oo for ū, ullah, q kept: Mohammad, Noor, Zabihullah).
 * - `kurmanji`: Arabic names as Kurmanji writes them in the Hawar alphabet (short a → e,
 *   short u → i, ḫ → x, ǧ → c, š → ş, ī → î, ai → ê: Mihemed, Ehmed, Hesen, Xelîl, Silêman).
 */
import type { Random, Weighted } from '../random.js';
import { titleCase } from '../text.js';

interface CTok {
  readonly c: string;
  readonly gem: boolean;
}
interface VTok {
  readonly v: string;
}
type Tok = CTok | VTok;

interface Part {
  /** Separator before this part: a space, a hyphen inside a compound, or none for the first. */
  readonly sep: '' | ' ' | '-';
  readonly article: boolean;
  readonly toks: readonly Tok[];
  /** `ullāh`/`allāh` at the end of the word, split off (Rahmatullah, Abdallah). */
  readonly allah?: 'u' | 'a';
}

const VOWELS = new Set(['a', 'i', 'u', 'ā', 'ī', 'ū', 'ē', 'ō']);
const SUN = new Set(['t', 'ṯ', 'd', 'ḏ', 'r', 'z', 's', 'š', 'ṣ', 'ḍ', 'ṭ', 'ẓ', 'l', 'n']);

function tokenize(word: string): Tok[] {
  const toks: Tok[] = [];
  const chars = [...word];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (VOWELS.has(ch)) {
      // In Arabic a vowel never follows a vowel directly: a + i/u is the diphthong.
      const next = chars[i + 1];
      if (ch === 'a' && (next === 'i' || next === 'u')) {
        toks.push({ v: ch + next });
        i++;
      } else toks.push({ v: ch });
      continue;
    }
    const gem = chars[i + 1] === ch;
    toks.push({ c: ch, gem });
    if (gem) i++;
  }
  return toks;
}

const parsed = new Map<string, readonly Part[]>();

/** Splits a DMG name into parts (words and compound members), article and -ullāh marked. */
export function parseDmg(dmg: string): readonly Part[] {
  const cached = parsed.get(dmg);
  if (cached) return cached;
  const parts: Part[] = [];
  for (const [wi, word] of dmg.trim().split(/\s+/).entries()) {
    let rest = word;
    let article = false;
    if (rest.startsWith('al-')) {
      article = true;
      rest = rest.slice(3);
    }
    const members = rest.split('-');
    for (const [mi, m0] of members.entries()) {
      let m = m0;
      let allah: 'u' | 'a' | undefined;
      if (m.length > 5 && m.endsWith('ullāh')) {
        allah = 'u';
        m = m.slice(0, -5);
      } else if (m.length > 5 && m.endsWith('allāh')) {
        allah = 'a';
        m = m.slice(0, -5);
      }
      parts.push({
        sep: wi === 0 && mi === 0 ? '' : mi === 0 ? ' ' : '-',
        article: mi === 0 && article,
        toks: tokenize(m),
        ...(allah ? { allah } : {}),
      });
    }
  }
  parsed.set(dmg, parts);
  return parts;
}

interface ArticleForm {
  /** Text before the name, e.g. `al-`, `Al `, `al`, `el-`; empty drops the article. */
  readonly text: string;
  /** Sun letters assimilate the l (ar-Raḥmān). */
  readonly assimilate: boolean;
}

interface Convention {
  readonly cons: Readonly<Record<string, Weighted<string>>>;
  /** Keys: the vowel, or vowel + `^` (first vowel of a word) or `$` (last vowel, in a closed syllable). */
  readonly vowels: Readonly<Record<string, Weighted<string>>>;
  /** Probability that a doubled consonant is written double. */
  readonly geminate: number;
  /** Probability that a single s between a short vowel and a vowel is written ss (Hassan). */
  readonly doubleS: number;
  readonly finalA: Weighted<string>;
  /** ʿayn at the start of a word: only scholarly systems write it. */
  readonly aynInitial: Weighted<string>;
  /** ʿayn after a vowel and before a consonant: '' drops it, '=' repeats the vowel (Saad, Jaafar). */
  readonly aynBeforeConsonant: Weighted<string>;
  readonly aynBetweenVowels: Weighted<string>;
  readonly hamzaMedial: Weighted<string>;
  readonly hamzaFinal: Weighted<string>;
  readonly article: Weighted<ArticleForm>;
  /** How `ʿabd` + article + name is written: `Abdul ` + Name, `Abdel` + name, `Abdu*` assimilated … */
  readonly abd: Weighted<string>;
  readonly allah: Weighted<string>;
  /** How members of a compound given name are joined (Ali-Reza, Alireza, Ali Reza). */
  readonly compound: Weighted<string>;
  /** Lower-case article (al-Ḥasan) as scholarly systems write it. */
  readonly lowerArticle: boolean;
}

const one = <T>(s: T): Weighted<T> => [[s, 1]];

const ENGLISH: Convention = {
  cons: {
    ʾ: one(''),
    ʿ: one(''),
    b: one('b'),
    t: one('t'),
    ṯ: [
      ['th', 0.7],
      ['s', 0.15],
      ['t', 0.15],
    ],
    ǧ: [
      ['j', 0.9],
      ['g', 0.05],
      ['dj', 0.05],
    ],
    ḥ: one('h'),
    ḫ: [
      ['kh', 0.9],
      ['k', 0.05],
      ['h', 0.05],
    ],
    d: one('d'),
    ḏ: [
      ['dh', 0.5],
      ['z', 0.3],
      ['th', 0.2],
    ],
    r: one('r'),
    z: one('z'),
    s: one('s'),
    š: one('sh'),
    ṣ: one('s'),
    ḍ: [
      ['d', 0.7],
      ['dh', 0.3],
    ],
    ṭ: one('t'),
    ẓ: [
      ['z', 0.5],
      ['dh', 0.3],
      ['th', 0.2],
    ],
    ġ: one('gh'),
    f: one('f'),
    q: [
      ['q', 0.6],
      ['k', 0.4],
    ],
    k: one('k'),
    l: one('l'),
    m: one('m'),
    n: one('n'),
    h: one('h'),
    w: one('w'),
    y: one('y'),
    p: one('p'),
    č: one('ch'),
    ž: one('zh'),
    g: one('g'),
    v: one('v'),
  },
  vowels: {
    a: one('a'),
    a$: [
      ['a', 0.65],
      ['e', 0.35],
    ],
    i: [
      ['i', 0.8],
      ['e', 0.2],
    ],
    i$: [
      ['i', 0.5],
      ['e', 0.5],
    ],
    u: [
      ['u', 0.6],
      ['o', 0.4],
    ],
    'u^': [
      ['o', 0.6],
      ['u', 0.4],
    ],
    ā: [
      ['a', 0.92],
      ['aa', 0.08],
    ],
    ī: [
      ['i', 0.55],
      ['ee', 0.35],
      ['ie', 0.1],
    ],
    ū: [
      ['u', 0.4],
      ['ou', 0.35],
      ['oo', 0.25],
    ],
    ai: [
      ['ai', 0.2],
      ['ei', 0.35],
      ['ay', 0.3],
      ['ey', 0.15],
    ],
    au: [
      ['aw', 0.6],
      ['ou', 0.2],
      ['ow', 0.2],
    ],
    ē: one('e'),
    ō: one('o'),
  },
  geminate: 0.65,
  doubleS: 0.55,
  finalA: [
    ['a', 0.7],
    ['ah', 0.25],
    ['eh', 0.05],
  ],
  aynInitial: one(''),
  aynBeforeConsonant: [
    ['=', 0.6],
    ['', 0.3],
    ["'", 0.1],
  ],
  aynBetweenVowels: [
    ['', 0.85],
    ["'", 0.15],
  ],
  hamzaMedial: [
    ['', 0.7],
    ["'", 0.1],
    ['e', 0.2],
  ],
  hamzaFinal: [
    ['', 0.5],
    ['a', 0.5],
  ],
  article: [
    [{ text: 'Al-', assimilate: false }, 0.35],
    [{ text: 'Al ', assimilate: false }, 0.2],
    [{ text: 'Al', assimilate: false }, 0.25],
    [{ text: 'El-', assimilate: false }, 0.05],
    [{ text: '', assimilate: false }, 0.15],
  ],
  abd: [
    ['Abdul ', 0.3],
    ['Abdul', 0.3],
    ['Abd Al-', 0.1],
    ['Abdel ', 0.1],
    ['Abdel', 0.05],
    ['Abdu*', 0.1],
    ['Abd ', 0.05],
  ],
  allah: [
    ['ullah', 0.5],
    ['allah', 0.3],
    ['ulla', 0.1],
    [' Allah', 0.1],
  ],
  compound: [
    ['', 0.5],
    [' ', 0.35],
    ['-', 0.15],
  ],
  lowerArticle: false,
};

const FRENCH: Convention = {
  ...ENGLISH,
  cons: {
    ...ENGLISH.cons,
    ǧ: [
      ['dj', 0.5],
      ['j', 0.5],
    ],
    š: one('ch'),
    ḫ: one('kh'),
    ḏ: [
      ['dh', 0.4],
      ['z', 0.6],
    ],
    ṯ: [
      ['th', 0.4],
      ['t', 0.6],
    ],
    q: [
      ['k', 0.6],
      ['q', 0.4],
    ],
    w: [
      ['w', 0.5],
      ['ou', 0.5],
    ],
    ẓ: one('z'),
  },
  vowels: {
    ...ENGLISH.vowels,
    ā: one('a'),
    u: [
      ['ou', 0.5],
      ['o', 0.5],
    ],
    'u^': [
      ['ou', 0.5],
      ['o', 0.5],
    ],
    ū: one('ou'),
    ī: one('i'),
    i$: [
      ['i', 0.4],
      ['e', 0.6],
    ],
    ai: [
      ['ai', 0.4],
      ['ei', 0.3],
      ['ay', 0.3],
    ],
    au: [
      ['aw', 0.5],
      ['ou', 0.5],
    ],
  },
  geminate: 0.8,
  doubleS: 0.85,
  finalA: [
    ['a', 0.8],
    ['e', 0.2],
  ],
  article: [
    [{ text: 'El ', assimilate: false }, 0.3],
    [{ text: 'El-', assimilate: false }, 0.2],
    [{ text: 'Al-', assimilate: false }, 0.2],
    [{ text: '', assimilate: false }, 0.3],
  ],
  abd: [
    ['Abdel ', 0.35],
    ['Abdel', 0.3],
    ['Abd El ', 0.15],
    ['Abdou*', 0.2],
  ],
  allah: [
    ['allah', 0.6],
    ['ellah', 0.2],
    ['alla', 0.2],
  ],
};

const GERMAN: Convention = {
  ...ENGLISH,
  cons: {
    ...ENGLISH.cons,
    ǧ: [
      ['dsch', 0.6],
      ['dj', 0.1],
      ['j', 0.2],
      ['g', 0.1],
    ],
    ḫ: [
      ['ch', 0.7],
      ['kh', 0.3],
    ],
    š: one('sch'),
    ġ: [
      ['gh', 0.6],
      ['g', 0.4],
    ],
    y: one('j'),
    z: [
      ['s', 0.6],
      ['z', 0.4],
    ],
    ṯ: [
      ['s', 0.5],
      ['th', 0.5],
    ],
    ḏ: [
      ['s', 0.4],
      ['d', 0.3],
      ['dh', 0.3],
    ],
    ẓ: one('s'),
    q: [
      ['k', 0.8],
      ['q', 0.2],
    ],
    č: one('tsch'),
    ž: one('sch'),
  },
  vowels: {
    ...ENGLISH.vowels,
    u: one('u'),
    a$: [
      ['a', 0.6],
      ['e', 0.4],
    ],
    ī: [
      ['i', 0.7],
      ['ie', 0.3],
    ],
    ā: one('a'),
    ū: one('u'),
    ai: [
      ['ei', 0.8],
      ['ai', 0.2],
    ],
    au: one('au'),
  },
  geminate: 0.8,
  doubleS: 0.9,
  finalA: one('a'),
  aynBeforeConsonant: [
    ['', 0.6],
    ['=', 0.4],
  ],
  hamzaFinal: one(''),
  article: [
    [{ text: 'al-', assimilate: false }, 0.3],
    [{ text: 'Al-', assimilate: false }, 0.3],
    [{ text: 'el-', assimilate: false }, 0.1],
    [{ text: '', assimilate: false }, 0.3],
  ],
  abd: [
    ['Abd al-', 0.3],
    ['Abdul ', 0.3],
    ['Abdel ', 0.2],
    ['Abdu*', 0.2],
  ],
  allah: [
    ['allah', 0.6],
    ['ullah', 0.4],
  ],
};

const LEVANTINE: Convention = {
  ...ENGLISH,
  cons: {
    ...ENGLISH.cons,
    q: [
      ['', 0.35],
      ['k', 0.45],
      ['q', 0.2],
    ],
    ṯ: [
      ['t', 0.5],
      ['s', 0.5],
    ],
    ḏ: [
      ['d', 0.5],
      ['z', 0.5],
    ],
    ẓ: [
      ['z', 0.7],
      ['d', 0.3],
    ],
    ǧ: one('j'),
  },
  vowels: {
    ...ENGLISH.vowels,
    a$: [
      ['e', 0.6],
      ['a', 0.4],
    ],
    i$: one('e'),
  },
  finalA: [
    ['e', 0.6],
    ['eh', 0.2],
    ['a', 0.2],
  ],
};

const IRAN: Convention = {
  ...ENGLISH,
  cons: {
    ...ENGLISH.cons,
    ṯ: one('s'),
    ḏ: one('z'),
    ḍ: one('z'),
    ẓ: one('z'),
    ṣ: one('s'),
    q: [
      ['gh', 0.8],
      ['gh', 0.1],
      ['q', 0.1],
    ],
    w: one('v'),
    ḫ: one('kh'),
    ʿ: one(''),
  },
  vowels: {
    a: one('a'),
    a$: one('a'),
    i: one('e'),
    i$: one('e'),
    u: one('o'),
    'u^': one('o'),
    ā: one('a'),
    ī: [
      ['i', 0.85],
      ['ee', 0.15],
    ],
    ū: [
      ['u', 0.45],
      ['ou', 0.4],
      ['oo', 0.15],
    ],
    ai: [
      ['ey', 0.5],
      ['ei', 0.5],
    ],
    au: [
      ['ow', 0.6],
      ['o', 0.4],
    ],
    ē: one('e'),
    ō: one('o'),
  },
  geminate: 0.8,
  doubleS: 0.7,
  finalA: [
    ['eh', 0.75],
    ['e', 0.2],
    ['ah', 0.05],
  ],
  hamzaMedial: [
    ['e', 0.6],
    ['', 0.3],
    ["'", 0.1],
  ],
  hamzaFinal: one(''),
  article: [
    [{ text: '', assimilate: false }, 0.9],
    [{ text: 'Al-', assimilate: false }, 0.1],
  ],
  abd: [
    ['Abdol', 0.4],
    ['Abdol ', 0.2],
    ['Abdul', 0.4],
  ],
  allah: [
    ['ollah', 0.6],
    ['allah', 0.3],
    ['olah', 0.1],
  ],
  compound: [
    ['', 0.7],
    [' ', 0.2],
    ['-', 0.1],
  ],
};

const DARI: Convention = {
  ...IRAN,
  cons: {
    ...IRAN.cons,
    q: [
      ['q', 0.8],
      ['gh', 0.2],
    ],
    w: [
      ['w', 0.8],
      ['v', 0.2],
    ],
  },
  vowels: {
    ...IRAN.vowels,
    i: [
      ['i', 0.7],
      ['e', 0.3],
    ],
    i$: [
      ['i', 0.6],
      ['e', 0.4],
    ],
    u: [
      ['u', 0.5],
      ['o', 0.5],
    ],
    'u^': [
      ['o', 0.7],
      ['u', 0.3],
    ],
    ū: [
      ['oo', 0.5],
      ['u', 0.4],
      ['o', 0.1],
    ],
    ī: [
      ['i', 0.8],
      ['ee', 0.2],
    ],
    ai: [
      ['ai', 0.5],
      ['ay', 0.3],
      ['ei', 0.2],
    ],
  },
  geminate: 0.6,
  doubleS: 0.2,
  finalA: [
    ['a', 0.8],
    ['ah', 0.2],
  ],
  hamzaMedial: [
    ['', 0.6],
    ['e', 0.4],
  ],
  abd: [
    ['Abdul ', 0.45],
    ['Abdul', 0.45],
    ['Abdu*', 0.1],
  ],
  allah: [
    ['ullah', 0.6],
    [' Ullah', 0.15],
    ['ulla', 0.15],
    ['ulah', 0.1],
  ],
  compound: [
    [' ', 0.6],
    ['', 0.4],
  ],
};

const KURMANJI: Convention = {
  ...ENGLISH,
  cons: {
    ...ENGLISH.cons,
    ṯ: one('s'),
    ǧ: one('c'),
    ḫ: one('x'),
    ḏ: one('z'),
    š: one('ş'),
    ḍ: one('d'),
    ẓ: one('z'),
    ġ: one('x'),
    q: one('q'),
    č: one('ç'),
    ž: one('j'),
  },
  vowels: {
    a: one('e'),
    a$: one('e'),
    i: one('i'),
    i$: one('i'),
    u: one('i'),
    'u^': [
      ['i', 0.6],
      ['o', 0.4],
    ],
    ā: one('a'),
    ī: one('î'),
    ū: one('û'),
    ai: one('ê'),
    au: one('o'),
    ē: one('ê'),
    ō: one('o'),
  },
  geminate: 0,
  doubleS: 0,
  finalA: one('e'),
  aynBeforeConsonant: one(''),
  aynBetweenVowels: one(''),
  hamzaMedial: one(''),
  hamzaFinal: one(''),
  article: one({ text: '', assimilate: false }),
  abd: [
    ['Evdil', 0.5],
    ['Ebdul', 0.5],
  ],
  allah: one('ullah'),
  compound: one(''),
  lowerArticle: false,
};

const ALA_LC: Convention = {
  cons: {
    ʾ: one('ʼ'),
    ʿ: one('ʻ'),
    b: one('b'),
    t: one('t'),
    ṯ: one('th'),
    ǧ: one('j'),
    ḥ: one('ḥ'),
    ḫ: one('kh'),
    d: one('d'),
    ḏ: one('dh'),
    r: one('r'),
    z: one('z'),
    s: one('s'),
    š: one('sh'),
    ṣ: one('ṣ'),
    ḍ: one('ḍ'),
    ṭ: one('ṭ'),
    ẓ: one('ẓ'),
    ġ: one('gh'),
    f: one('f'),
    q: one('q'),
    k: one('k'),
    l: one('l'),
    m: one('m'),
    n: one('n'),
    h: one('h'),
    w: one('w'),
    y: one('y'),
    p: one('p'),
    č: one('ch'),
    ž: one('zh'),
    g: one('g'),
    v: one('v'),
  },
  vowels: {
    a: one('a'),
    i: one('i'),
    u: one('u'),
    ā: one('ā'),
    ī: one('ī'),
    ū: one('ū'),
    ai: one('ay'),
    au: one('aw'),
    ē: one('ē'),
    ō: one('ō'),
  },
  geminate: 1,
  doubleS: 0,
  finalA: one('ah'),
  aynInitial: one('ʻ'),
  aynBeforeConsonant: one('ʻ'),
  aynBetweenVowels: one('ʻ'),
  hamzaMedial: one('ʼ'),
  hamzaFinal: one('ʼ'),
  article: one({ text: 'al-', assimilate: false }),
  abd: one('ʻAbd al-'),
  allah: one(' Allāh'),
  compound: one('-'),
  lowerArticle: true,
};

const DMG: Convention = {
  ...ALA_LC,
  cons: Object.fromEntries([...'ʾʿbtṯǧḥḫdḏrzsšṣḍṭẓġfqklmnhwypčžgv'].map((c) => [c, one(c)] as const)),
  vowels: {
    a: one('a'),
    i: one('i'),
    u: one('u'),
    ā: one('ā'),
    ī: one('ī'),
    ū: one('ū'),
    ai: one('ai'),
    au: one('au'),
    ē: one('ē'),
    ō: one('ō'),
  },
  finalA: one('a'),
  aynInitial: one('ʿ'),
  aynBeforeConsonant: one('ʿ'),
  aynBetweenVowels: one('ʿ'),
  hamzaMedial: one('ʾ'),
  hamzaFinal: one('ʾ'),
  article: one({ text: 'al-', assimilate: true }),
  abd: one('ʿAbd al-'),
  allah: one('allāh'),
  compound: one('-'),
};

const stripMarks = (c: Convention): Convention => ({
  ...c,
  cons: { ...c.cons, ʾ: one(''), ʿ: one(''), ḥ: one('h'), ṣ: one('s'), ḍ: one('d'), ṭ: one('t'), ẓ: one('z') },
  vowels: { ...c.vowels, ā: one('a'), ī: one('i'), ū: one('u'), ē: one('e'), ō: one('o') },
  aynInitial: one(''),
  aynBeforeConsonant: [
    ['', 0.5],
    ["'", 0.5],
  ],
  aynBetweenVowels: [
    ['', 0.5],
    ["'", 0.5],
  ],
  hamzaMedial: [
    ['', 0.5],
    ["'", 0.5],
  ],
  hamzaFinal: one(''),
  abd: one('Abd al-'),
  allah: one(' Allah'),
});

export const ARABIC_CONVENTIONS = {
  dmg: DMG,
  'ala-lc': ALA_LC,
  'ala-lc-ascii': stripMarks(ALA_LC),
  english: ENGLISH,
  french: FRENCH,
  german: GERMAN,
  levantine: LEVANTINE,
  iran: IRAN,
  dari: DARI,
  kurmanji: KURMANJI,
} as const satisfies Record<string, Convention>;

export type ArabicConvention = keyof typeof ARABIC_CONVENTIONS;

/** A choice per key, made once per rendering: one name spells one sound one way. */
class Choices {
  private readonly made = new Map<string, string>();
  constructor(private readonly rng: Random) {}
  get(key: string, options: Weighted<string>): string {
    if (options.length === 1) return options[0]![0];
    let v = this.made.get(key);
    if (v === undefined) {
      v = this.rng.weighted(options);
      this.made.set(key, v);
    }
    return v;
  }
  fresh<T>(options: Weighted<T>): T {
    return options.length === 1 ? options[0]![0] : this.rng.weighted(options);
  }
}

function isVowel(t: Tok | undefined): t is VTok {
  return t !== undefined && 'v' in t;
}
const SHORT = new Set(['a', 'i', 'u']);

/** `open`: more follows the word (ʿAbd|allāh), so its last syllable is not word-final. */
function renderToks(toks: readonly Tok[], conv: Convention, ch: Choices, open = false): string {
  let firstVowel = -1;
  let lastVowel = -1;
  toks.forEach((t, i) => {
    if (isVowel(t)) {
      if (firstVowel < 0) firstVowel = i;
      lastVowel = i;
    }
  });
  let out = '';
  let prevVowelText = '';
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const prev = toks[i - 1];
    const next = toks[i + 1];
    if (isVowel(t)) {
      let key = t.v;
      const closedFinal = !open && i === lastVowel && i < toks.length - 1;
      if (i === lastVowel && i === toks.length - 1 && t.v === 'a') {
        out += ch.get('final-a', conv.finalA);
        prevVowelText = '';
        continue;
      }
      if (closedFinal && conv.vowels[`${t.v}$`]) key = `${t.v}$`;
      else if (i === firstVowel && i !== lastVowel && conv.vowels[`${t.v}^`]) key = `${t.v}^`;
      const text = ch.get(key, conv.vowels[key] ?? conv.vowels[t.v] ?? one(t.v));
      out += text;
      prevVowelText = text;
      continue;
    }
    const c = t.c;
    if (c === 'ʿ') {
      if (i === 0) {
        out += ch.get('ayn-initial', conv.aynInitial);
        continue;
      }
      if (isVowel(prev) && isVowel(next)) out += ch.get('ayn-vv', conv.aynBetweenVowels);
      else if (isVowel(prev)) {
        const how = ch.get('ayn-vc', conv.aynBeforeConsonant);
        out += how === '=' ? prevVowelText.slice(-1) : how;
      } else out += ch.get('ayn-vv', conv.aynBetweenVowels);
      continue;
    }
    if (c === 'ʾ') {
      if (i === 0) continue;
      if (i === toks.length - 1) out += ch.get('hamza-final', conv.hamzaFinal);
      else out += ch.get('hamza', conv.hamzaMedial);
      continue;
    }
    let text = ch.get(`c:${c}`, conv.cons[c] ?? one(c));
    if (
      t.gem &&
      ch.get('gem', [
        ['2', conv.geminate],
        ['1', 1 - conv.geminate],
      ]) === '2'
    ) {
      // Digraphs double their first letter only where writers do (Hassan, but never shsh).
      text = text.length === 1 ? text + text : text;
    } else if (
      c === 's' &&
      !t.gem &&
      isVowel(prev) &&
      SHORT.has(prev.v) &&
      isVowel(next) &&
      ch.get('ss', [
        ['ss', conv.doubleS],
        ['s', 1 - conv.doubleS],
      ]) === 'ss'
    ) {
      text = text + text;
    }
    out += text;
  }
  return out;
}

function firstConsonant(toks: readonly Tok[]): string | undefined {
  const t = toks[0];
  return t && 'c' in t ? t.c : undefined;
}

/** Writes a DMG name in one convention; `rng` makes the choices a writer of that convention makes. */
export function renderArabic(dmg: string, convention: ArabicConvention, rng: Random): string {
  const conv = ARABIC_CONVENTIONS[convention];
  const ch = new Choices(rng);
  const parts = parseDmg(dmg);
  let out = '';
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p]!;
    const abdWord =
      part.toks.length === 4 &&
      'c' in part.toks[0]! &&
      part.toks[0].c === 'ʿ' &&
      isVowel(part.toks[1]) &&
      part.toks[1].v === 'a' &&
      'c' in part.toks[2]! &&
      part.toks[2].c === 'b' &&
      'c' in part.toks[3]! &&
      part.toks[3].c === 'd';
    const nextPart = parts[p + 1];
    if (abdWord && !part.allah && nextPart?.article) {
      // ʿAbd al-Raḥmān: the servant-of compound, written as one given name.
      let form = ch.fresh(conv.abd);
      const sun = firstConsonant(nextPart.toks);
      if (form.endsWith('al-') && conv.article[0]![0].assimilate && sun && SUN.has(sun))
        form = `${form.slice(0, -3)}a${sun}-`;
      const rest = renderToks(nextPart.toks, conv, ch);
      if (form.endsWith('*')) {
        const lead = form.slice(0, -1);
        if (sun && SUN.has(sun)) out += `${part.sep}${lead}${rest.slice(0, 1)}${rest}`;
        else out += `${part.sep}${lead}l${rest}`;
      } else if (form.endsWith(' ') || form.endsWith('-')) out += `${part.sep}${form}${capital(rest)}`;
      else out += `${part.sep}${form}${rest}`;
      p++;
      continue;
    }
    let word = renderToks(part.toks, conv, ch, part.allah !== undefined);
    if (part.allah) word += conv === DMG ? `${part.allah}llāh` : ch.fresh(conv.allah);
    let prefix = '';
    if (part.article) {
      const art = ch.fresh(conv.article);
      const sun = firstConsonant(part.toks);
      if (art.text && art.assimilate && sun && SUN.has(sun)) {
        prefix = `a${word.slice(0, 1)}-`;
        if (/^[A-Z]/.test(art.text)) prefix = capital(prefix);
      } else prefix = art.text;
    }
    const sep = part.sep === '-' ? ch.get('compound', conv.compound) : part.sep;
    out += sep + prefix + (prefix.endsWith('-') || prefix.endsWith(' ') || prefix === '' ? word : word.toLowerCase());
  }
  // A hamza written e before an ī written ee would give eee (Rezaeee): nobody writes that.
  return titleCase(out.replace(/eee/g, 'ee').replace(/\s+/g, ' ').trim(), conv.lowerArticle);
}

function capital(s: string): string {
  return titleCase(s);
}

const ARABIC_LETTERS: Readonly<Record<string, string>> = {
  b: 'ب',
  t: 'ت',
  ṯ: 'ث',
  ǧ: 'ج',
  ḥ: 'ح',
  ḫ: 'خ',
  d: 'د',
  ḏ: 'ذ',
  r: 'ر',
  z: 'ز',
  s: 'س',
  š: 'ش',
  ṣ: 'ص',
  ḍ: 'ض',
  ṭ: 'ط',
  ẓ: 'ظ',
  ʿ: 'ع',
  ġ: 'غ',
  f: 'ف',
  q: 'ق',
  k: 'ك',
  l: 'ل',
  m: 'م',
  n: 'ن',
  h: 'ه',
  w: 'و',
  y: 'ي',
  p: 'پ',
  č: 'چ',
  ž: 'ژ',
  g: 'گ',
  v: 'و',
};

/**
 * The name in Arabic script (Persian letters for `persian`), as a register writes it: short
 * vowels and shadda left out, the article joined to its noun, tāʾ marbūṭa for a final -a.
 */
export function toArabicScript(dmg: string, persian = false): string {
  const words: string[] = [];
  for (const part of parseDmg(dmg)) {
    let w = part.article ? 'ال' : '';
    const toks = part.toks;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      if (isVowel(t)) {
        const initial = i === 0;
        const final = i === toks.length - 1;
        if (initial) {
          w += t.v === 'i' || t.v === 'ī' ? 'إ' : t.v === 'ā' ? 'آ' : 'أ';
          if (t.v === 'ī' || t.v === 'ai' || t.v === 'ē') w += persian ? 'ی' : 'ي';
          else if (t.v === 'ū' || t.v === 'au' || t.v === 'ō') w += 'و';
          continue;
        }
        if (t.v === 'ā') w += 'ا';
        else if (t.v === 'ī' || t.v === 'ai' || t.v === 'ē') w += persian ? 'ی' : 'ي';
        else if (t.v === 'ū' || t.v === 'au' || t.v === 'ō') w += 'و';
        else if (final && t.v === 'a') w += persian ? 'ه' : 'ة';
        continue;
      }
      if (t.c === 'ʾ') {
        const prev = toks[i - 1];
        const next = toks[i + 1];
        if (i === 0) w += 'أ';
        else if (!next) w += 'ء';
        else if ((isVowel(next) && (next.v === 'i' || next.v === 'ī')) || (isVowel(prev) && prev.v === 'i')) w += 'ئ';
        else if (isVowel(next) && (next.v === 'u' || next.v === 'ū')) w += 'ؤ';
        else w += 'أ';
        continue;
      }
      let letter = ARABIC_LETTERS[t.c] ?? '';
      if (persian && t.c === 'k') letter = 'ک';
      if (persian && t.c === 'y') letter = 'ی';
      w += letter;
    }
    if (part.allah) w += ' الله';
    words.push(w);
  }
  return words.join(' ');
}

/**
 * Token and field similarity for names. Tokens are interned to integers so the quadratic part of
 * matching (many record pairs, few distinct names) only computes each token pair once.
 */
import cologne from 'talisman/phonetics/german/cologne.js';
import { alternativeFolds, consonantKey, equivalenceClass, foldTransliteration, vowelSkeleton } from './normalise.js';

/** Similarity given to tokens whose vowel skeletons agree (Mohammed / Muhammad). */
export const SKELETON_SIMILARITY = 0.95;
/** Similarity given to tokens one keying error apart (neighbouring key, swapped letters). */
export const TYPO_SIMILARITY = 0.94;
/** Kölner Phonetik agreement lifts German-style spellings (Schewtschenko / Shevchenko) to this. */
export const PHONETIC_SIMILARITY = 0.9;
/** Similarity of two forms of one name (Ukrainian Mykola / Russian Nikolai). */
export const EQUIVALENT_SIMILARITY = 0.95;

/** Keys next to each other on German (QWERTZ) and English (QWERTY) keyboards. */
const NEIGHBOURS: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const map = new Map<string, Set<string>>();
  for (const rows of [
    ['qwertzuiop', 'asdfghjkl', 'yxcvbnm'],
    ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'],
  ]) {
    rows.forEach((row, r) => {
      [...row].forEach((key, c) => {
        const set = map.get(key) ?? new Set<string>();
        // Staggered rows: a key touches c±1 in its row, c and c+1 above, c-1 and c below.
        const near: [number, number][] = [
          [r, c - 1],
          [r, c + 1],
          [r - 1, c],
          [r - 1, c + 1],
          [r + 1, c - 1],
          [r + 1, c],
        ];
        for (const [rr, cc] of near) {
          const k = rows[rr]?.[cc];
          if (k) set.add(k);
        }
        map.set(key, set);
      });
    });
  }
  return map;
})();

/**
 * True when two words are one keying error apart: a neighbouring key, two adjacent letters
 * swapped, or one letter dropped or added inside the word. Vowel changes between different names
 * (Samer / Samir) are not keying errors and stay dissimilar, and neither is a letter added at the
 * end: that is how many languages form the female name (Amir / Amira, Yaroslav / Yaroslava).
 */
export function oneTypoApart(a: string, b: string): boolean {
  if (a.length === b.length) {
    let first = -1;
    let diffs = 0;
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) {
        if (++diffs > 2) return false;
        if (first < 0) first = i;
      }
    }
    if (diffs === 1) return NEIGHBOURS.get(a[first]!)?.has(b[first]!) ?? false;
    return diffs === 2 && a[first] === b[first + 1] && a[first + 1] === b[first];
  }
  const [s, l] = a.length < b.length ? [a, b] : [b, a];
  if (l.length - s.length !== 1 || s.length < 3) return false;
  let i = 0;
  while (i < s.length && s[i] === l[i]) i++;
  // i === s.length: the longer word only adds a last letter.
  return i > 0 && i < s.length && s.slice(i) === l.slice(i + 1);
}

/**
 * Letter shapes that optical character recognition confuses (rn read as m, cl as d, li as h, vv as
 * w; single letters c/e, l/i, u/v): an OCR error is a typo of its own kind, one such confusion.
 */
const OCR_CONFUSIONS: readonly (readonly [string, string])[] = [
  ['rn', 'm'],
  ['cl', 'd'],
  ['li', 'h'],
  ['vv', 'w'],
  ['c', 'e'],
  ['l', 'i'],
  ['u', 'v'],
];

/** True when replacing one OCR confusion in one word yields the other. */
export function oneOcrApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  // One confusion replaces at most two letters of a word and keeps everything before and after
  // it: words that differ in more than that (most pairs asked) need no search.
  const shorter = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < shorter && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shorter && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  if (prefix + suffix < Math.max(a.length, b.length) - 2) return false;
  for (const [x, y] of OCR_CONFUSIONS) {
    for (const [from, to, word, other] of [
      [x, y, a, b],
      [y, x, a, b],
    ] as const) {
      for (let at = word.indexOf(from); at >= 0; at = word.indexOf(from, at + 1)) {
        if (word.slice(0, at) + to + word.slice(at + from.length) === other) return true;
      }
    }
  }
  return false;
}

/** Scratch of jaroWinkler: per letter of the shorter word its match, per letter of the longer one whether matched. */
let JARO_INDEXES = new Int32Array(64);
let JARO_FLAGS = new Uint8Array(64);

/**
 * Jaro–Winkler similarity (prefix scale 0.1 over at most four letters, applied from a Jaro score
 * of 0.7), computed as talisman's `metrics/jaro-winkler` computes it — the same matching order and
 * the same arithmetic, so the same number — without allocating: it is asked for hundreds of
 * thousands of word pairs per run. Letters are UTF-16 code units.
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const max = a.length > b.length ? a : b;
  const min = a.length > b.length ? b : a;
  if (min.length > JARO_INDEXES.length) JARO_INDEXES = new Int32Array(min.length * 2);
  if (max.length > JARO_FLAGS.length) JARO_FLAGS = new Uint8Array(max.length * 2);
  const indexes = JARO_INDEXES.fill(-1, 0, min.length);
  const flags = JARO_FLAGS.fill(0, 0, max.length);
  const range = Math.max(((max.length / 2) | 0) - 1, 0);
  let matches = 0;
  for (let i = 0; i < min.length; i++) {
    const c = min.charCodeAt(i);
    const end = Math.min(i + range + 1, max.length);
    for (let j = Math.max(i - range, 0); j < end; j++) {
      if (flags[j] === 0 && c === max.charCodeAt(j)) {
        indexes[i] = j;
        flags[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  // Matched letters of each word in their own order; a transposition is a position where they differ.
  let transpositions = 0;
  let q = 0;
  for (let i = 0; i < min.length; i++) {
    if (indexes[i] === -1) continue;
    while (flags[q] === 0) q++;
    if (min.charCodeAt(i) !== max.charCodeAt(q)) transpositions++;
    q++;
  }
  const t = (transpositions / 2) | 0;
  const m = matches;
  const dj = (m / a.length + m / b.length + (m - t) / m) / 3;
  if (dj < 0.7) return dj;
  const p = 0.1;
  let l = 0;
  const prefixLimit = Math.min(a.length, b.length, 4);
  for (let i = 0; i < prefixLimit; i++) {
    if (a.charCodeAt(i) === b.charCodeAt(i)) l++;
    else break;
  }
  return dj + l * p * (1 - dj);
}

/**
 * Similarity of two folded forms in [0, 1]: 1 when equal; 0.95 when the vowel skeletons agree and
 * Jaro–Winkler is at least 0.75 (the guard keeps Omar / Amir apart); otherwise Jaro–Winkler,
 * raised to 0.9 when the Kölner Phonetik codes agree and Jaro–Winkler is already at least 0.85.
 */
export function foldSimilarity(a: string, b: string, skA = vowelSkeleton(a), skB = vowelSkeleton(b)): number {
  if (a === b) return 1;
  const jw = jaroWinkler(a, b);
  if (jw >= 0.75 && skA === skB && /[^*].*[^*]/.test(skA)) return Math.max(jw, SKELETON_SIMILARITY);
  if (jw >= 0.85 && jw < PHONETIC_SIMILARITY && cologne(a) === cologne(b)) return PHONETIC_SIMILARITY;
  return jw;
}

/** A name word with everything similarity needs, computed once. */
export interface NameWord {
  readonly raw: string;
  /** Main transliteration fold first, then alternative readings. */
  readonly folds: readonly string[];
  /** Vowel skeleton of each fold. */
  readonly skeletons: readonly string[];
  readonly equivalence: number;
}

export function nameWord(raw: string): NameWord {
  const main = foldTransliteration(raw);
  const folds = [main, ...alternativeFolds(raw)];
  return { raw, folds, skeletons: folds.map(vowelSkeleton), equivalence: equivalenceClass(main) };
}

/**
 * Similarity of two name words (raw, as typed after base-letter folding): the best over their
 * transliteration folds, at least 0.95 for equivalent forms of one name and 0.94 for words one
 * keying error apart.
 */
export function wordSimilarity(a: NameWord, b: NameWord): number {
  let best = 0;
  for (let i = 0; i < a.folds.length; i++) {
    for (let j = 0; j < b.folds.length; j++) {
      best = Math.max(best, foldSimilarity(a.folds[i]!, b.folds[j]!, a.skeletons[i], b.skeletons[j]));
      if (best === 1) return 1;
    }
  }
  if (a.equivalence >= 0 && a.equivalence === b.equivalence) best = Math.max(best, EQUIVALENT_SIMILARITY);
  if (best < TYPO_SIMILARITY && (oneTypoApart(a.raw, b.raw) || oneOcrApart(a.raw, b.raw))) best = TYPO_SIMILARITY;
  return best;
}

export function tokenSimilarity(rawA: string, rawB: string): number {
  return wordSimilarity(nameWord(rawA), nameWord(rawB));
}

/** Interned name words with their folded forms and memoised pairwise similarity. */
export class TokenTable {
  private readonly ids = new Map<string, number>();
  readonly strings: string[] = [];
  readonly words: NameWord[] = [];
  readonly folds: string[] = [];
  readonly skeletons: string[] = [];
  /** Coarse key for blocking. */
  readonly keys: string[] = [];
  // Direct-mapped cache of pair similarities: a fixed 2^21 slots, a colliding pair just
  // overwrites. Far cheaper than a growing Map, and memory stays bounded for any input size.
  // Key and value of a slot sit side by side (2·slot, 2·slot + 1): one memory access per look-up.
  private readonly cache = new Float64Array(2 << 21).fill(-1);

  intern(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.strings.length;
      const w = nameWord(word);
      const fold = w.folds[0]!;
      this.ids.set(word, id);
      this.strings.push(word);
      this.words.push(w);
      this.folds.push(fold);
      this.skeletons.push(w.skeletons[0]!);
      this.keys.push(consonantKey(fold));
    }
    return id;
  }

  /** Similarity of two interned words; `memoise` false for one-off pairs (random sampling). */
  similarity(a: number, b: number, memoise = true): number {
    if (a === b) return 1;
    if (!memoise) return this.folds[a] === this.folds[b] ? 1 : wordSimilarity(this.words[a]!, this.words[b]!);
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    const key = lo * 4194304 + hi; // 2^22 words is far above any realistic vocabulary
    const slot = ((Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi, 0x85ebca77)) >>> 11) << 1;
    if (this.cache[slot] === key) return this.cache[slot + 1]!;
    const s = this.folds[lo] === this.folds[hi] ? 1 : wordSimilarity(this.words[lo]!, this.words[hi]!);
    this.cache[slot] = key;
    this.cache[slot + 1] = s;
    return s;
  }
}

/** Result of comparing two multi-token name fields. */
export interface FieldSimilarity {
  /** Best of token alignment and whole-string comparison, in [0, 1]. */
  readonly similarity: number;
  /** True when the fields have different token counts and the shorter one is contained. */
  readonly subset: boolean;
  /** For a subset: whether the first token of the longer field is among the matched ones. */
  readonly firstMatched: boolean;
  /** Token ids (one per side) of the least frequent well-matched pair, for term-frequency weighting. */
  readonly tfTokenA: number;
  readonly tfTokenB: number;
}

const SCRATCH_SIM = new Float64Array(64);
const SCRATCH_A = new Uint8Array(8);
const SCRATCH_B = new Uint8Array(8);

/** Fields with more than eight tokens (pathological input): compare the first eight. */
function fieldSimilarityLarge(
  table: TokenTable,
  a: readonly number[],
  b: readonly number[],
  joinedA: number,
  joinedB: number,
  frequency: (id: number, nationality: string) => number,
  memoise: boolean,
  nationality: string,
  personalNameLast: boolean,
): FieldSimilarity {
  return fieldSimilarity(
    table,
    a.slice(0, 8),
    b.slice(0, 8),
    joinedA,
    joinedB,
    frequency,
    memoise,
    nationality,
    personalNameLast,
  );
}

export const NO_FIELD_SIMILARITY: FieldSimilarity = {
  similarity: 0,
  subset: false,
  firstMatched: false,
  tfTokenA: -1,
  tfTokenB: -1,
};

/**
 * Compares two token lists ignoring order. Tokens are aligned greedily by similarity; the score is
 * the mean similarity of the aligned pairs. When counts differ, `subset` says the shorter list
 * was fully matched (a dropped middle name or father's name), which is weaker than full agreement.
 * The joined strings are compared too, so split and unsplit compounds (Gul Ahmad / Gulahmad,
 * Ghebre Medhin / Ghebremedhin) agree.
 * `frequency(id)` lets the evidence token be the rarest agreeing one. A subset counts as such
 * only when it includes the first token of the longer list (see `firstMatched`), or the last
 * with `personalNameLast` (given names of a culture that puts the personal name last).
 */
export function fieldSimilarity(
  table: TokenTable,
  a: readonly number[],
  b: readonly number[],
  joinedA: number,
  joinedB: number,
  frequency: (id: number, nationality: string) => number,
  memoise = true,
  nationality = '',
  personalNameLast = false,
): FieldSimilarity {
  const na = a.length;
  const nb = b.length;
  if (na === 0 || nb === 0) return NO_FIELD_SIMILARITY;
  if (na === 1 && nb === 1) {
    return {
      similarity: table.similarity(a[0]!, b[0]!, memoise),
      subset: false,
      firstMatched: true,
      tfTokenA: a[0]!,
      tfTokenB: b[0]!,
    };
  }
  // Greedy alignment on the similarity matrix: lists are short (rarely more than 4 tokens).
  // Scratch buffers are reused across calls (single-threaded), saving allocations in the hot loop.
  if (na * nb > SCRATCH_SIM.length || na > SCRATCH_A.length || nb > SCRATCH_B.length) {
    return fieldSimilarityLarge(table, a, b, joinedA, joinedB, frequency, memoise, nationality, personalNameLast);
  }
  const sim = SCRATCH_SIM;
  for (let i = 0; i < na; i++) for (let j = 0; j < nb; j++) sim[i * nb + j] = table.similarity(a[i]!, b[j]!, memoise);
  const usedA = SCRATCH_A.fill(0, 0, na);
  const usedB = SCRATCH_B.fill(0, 0, nb);
  const pairs = Math.min(na, nb);
  let sum = 0;
  let tfA = -1;
  let tfB = -1;
  let tfFreq = Infinity;
  for (let k = 0; k < pairs; k++) {
    let best = -1;
    let bi = 0;
    let bj = 0;
    for (let i = 0; i < na; i++) {
      if (usedA[i]) continue;
      for (let j = 0; j < nb; j++) {
        if (usedB[j]) continue;
        const s = sim[i * nb + j]!;
        if (s > best) {
          best = s;
          bi = i;
          bj = j;
        }
      }
    }
    usedA[bi] = 1;
    usedB[bj] = 1;
    sum += best;
    if (best >= 0.9) {
      const f = Math.max(frequency(a[bi]!, nationality), frequency(b[bj]!, nationality));
      if (f < tfFreq) {
        tfFreq = f;
        tfA = a[bi]!;
        tfB = b[bj]!;
      }
    }
  }
  const aligned = sum / pairs;
  const joined = joinedA >= 0 && joinedB >= 0 ? table.similarity(joinedA, joinedB, memoise) : 0;
  if (tfA < 0) {
    tfA = a[0]!;
    tfB = b[0]!;
  }
  if (joined > aligned && joined >= 0.9) {
    return { similarity: joined, subset: false, firstMatched: true, tfTokenA: tfA, tfTokenB: tfB };
  }
  // In a subset, was the first token of the longer list matched? "Leena Firas" against "Firas"
  // matches only the father's name carried as a middle name: a daughter, not the same person.
  // Where the personal name comes last (Vietnamese: family, middle, personal name; "Duc Hieu" is
  // Hieu, and agencies drop the middle name or file it with the family name), that one counts.
  const personal = personalNameLast ? (na > nb ? na - 1 : nb - 1) : 0;
  const firstMatched = na === nb || (na > nb ? usedA[personal] === 1 : usedB[personal] === 1);
  return { similarity: aligned, subset: na !== nb, firstMatched, tfTokenA: tfA, tfTokenB: tfB };
}

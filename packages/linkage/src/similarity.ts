/**
 * Token and field similarity for names. Tokens are interned to integers so the quadratic part of
 * matching (many record pairs, few distinct names) only computes each token pair once.
 */
import jaroWinkler from 'talisman/metrics/jaro-winkler.js';
import cologne from 'talisman/phonetics/german/cologne.js';
import { vowelSkeleton } from './normalise.js';

/** Similarity given to tokens whose vowel skeletons agree (Mohammed / Muhammad). */
export const SKELETON_SIMILARITY = 0.95;
/** Kölner Phonetik agreement lifts German-style spellings (Schewtschenko / Shevchenko) to this. */
export const PHONETIC_SIMILARITY = 0.9;

/**
 * Similarity of two folded name tokens in [0, 1]:
 * 1 when equal; 0.95 when the vowel skeletons agree and Jaro–Winkler is at least 0.75 (the guard
 * keeps Omar / Amir apart); otherwise Jaro–Winkler, raised to 0.9 when the Kölner Phonetik codes
 * agree and Jaro–Winkler is already at least 0.85.
 */
export function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const jw = jaroWinkler(a, b);
  if (jw >= 0.75 && vowelSkeleton(a) === vowelSkeleton(b) && /[^*].*[^*]/.test(vowelSkeleton(a))) {
    return Math.max(jw, SKELETON_SIMILARITY);
  }
  if (jw >= 0.85 && jw < PHONETIC_SIMILARITY && cologne(a) === cologne(b)) return PHONETIC_SIMILARITY;
  return jw;
}

/** Interned name tokens with memoised pairwise similarity. */
export class TokenTable {
  private readonly ids = new Map<string, number>();
  readonly strings: string[] = [];
  readonly skeletons: string[] = [];
  private readonly memo = new Map<number, number>();

  intern(token: string): number {
    let id = this.ids.get(token);
    if (id === undefined) {
      id = this.strings.length;
      this.ids.set(token, id);
      this.strings.push(token);
      this.skeletons.push(vowelSkeleton(token));
    }
    return id;
  }

  similarity(a: number, b: number): number {
    if (a === b) return 1;
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    const key = lo * 4194304 + hi; // 2^22 tokens is far above any realistic vocabulary
    let s = this.memo.get(key);
    if (s === undefined) {
      s = tokenSimilarity(this.strings[lo]!, this.strings[hi]!);
      this.memo.set(key, s);
    }
    return s;
  }
}

/** Result of comparing two multi-token name fields. */
export interface FieldSimilarity {
  /** Best of token alignment and whole-string comparison, in [0, 1]. */
  readonly similarity: number;
  /** True when the fields have different token counts and the shorter one is contained. */
  readonly subset: boolean;
  /** Token ids (one per side) of the least frequent well-matched pair, for term-frequency weighting. */
  readonly tfTokenA: number;
  readonly tfTokenB: number;
}

export const NO_FIELD_SIMILARITY: FieldSimilarity = { similarity: 0, subset: false, tfTokenA: -1, tfTokenB: -1 };

/**
 * Compares two token lists ignoring order. Tokens are aligned greedily by similarity; the score is
 * the mean similarity of the aligned pairs. When counts differ, `subset` says the shorter list
 * was fully matched (a dropped middle name or father's name), which is weaker than full agreement.
 * The joined strings are compared too, so split and unsplit compounds (Gul Ahmad / Gulahmad,
 * Ghebre Medhin / Ghebremedhin) agree.
 * `rarity(id)` orders tokens by frequency so the evidence token is the rarest agreeing one.
 */
export function fieldSimilarity(
  table: TokenTable,
  a: readonly number[],
  b: readonly number[],
  joinedA: number,
  joinedB: number,
  frequency: (id: number) => number,
): FieldSimilarity {
  const na = a.length;
  const nb = b.length;
  if (na === 0 || nb === 0) return NO_FIELD_SIMILARITY;
  if (na === 1 && nb === 1) {
    return { similarity: table.similarity(a[0]!, b[0]!), subset: false, tfTokenA: a[0]!, tfTokenB: b[0]! };
  }
  // Greedy alignment: small lists (rarely more than 4 tokens), so an all-pairs scan is cheapest.
  const usedA = new Uint8Array(na);
  const usedB = new Uint8Array(nb);
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
        const s = table.similarity(a[i]!, b[j]!);
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
      const f = Math.max(frequency(a[bi]!), frequency(b[bj]!));
      if (f < tfFreq) {
        tfFreq = f;
        tfA = a[bi]!;
        tfB = b[bj]!;
      }
    }
  }
  const aligned = sum / pairs;
  const joined = joinedA >= 0 && joinedB >= 0 ? table.similarity(joinedA, joinedB) : 0;
  if (tfA < 0) {
    tfA = a[0]!;
    tfB = b[0]!;
  }
  if (joined > aligned && joined >= 0.9) {
    return { similarity: joined, subset: false, tfTokenA: tfA, tfTokenB: tfB };
  }
  return { similarity: aligned, subset: na !== nb, tfTokenA: tfA, tfTokenB: tfB };
}

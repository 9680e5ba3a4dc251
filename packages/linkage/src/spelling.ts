/**
 * Spelling classes: all spellings of one name counted as one name. Term-frequency weighting must
 * know that Mohammed, Muhammad, Mohamad and Mohamed are one very common name, not four rarer
 * ones; counted apart, each spelling would look rare and make agreement look strong.
 *
 * Two words are in one class when they are at least as similar as a transliteration variant
 * (`STRONG_SIMILARITY`); classes are closed under that relation (union–find). Only words that
 * share a consonant key are compared (variants share it; that is what blocking relies on too),
 * so the cost is the sum of squared key-group sizes, not the square of the vocabulary.
 */
import { consonantKey } from './normalise.js';
import type { TokenTable } from './similarity.js';

/** Word similarity from which two spellings count as one name (the `strong` name level). */
export const STRONG_SIMILARITY = 0.94;

/** Class id per interned word of `table` (ids are word ids of one member of the class). */
export function spellingClasses(table: TokenTable): Int32Array {
  const n = table.strings.length;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const groups = new Map<string, number[]>();
  for (let id = 0; id < n; id++) {
    // The key of every reading of the word (Othman read as Osman, Maxamed as Mohamed).
    for (const fold of new Set(table.words[id]!.folds.map(consonantKey))) {
      const g = groups.get(fold);
      if (g) g.push(id);
      else groups.set(fold, [id]);
    }
  }
  for (const members of groups.values()) {
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const a = members[x]!;
        const b = members[y]!;
        if (find(a) === find(b)) continue;
        if (table.similarity(a, b) >= STRONG_SIMILARITY) parent[find(a)] = find(b);
      }
    }
  }
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = find(i);
  return out;
}

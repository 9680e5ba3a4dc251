/**
 * Spellings of one name: term-frequency weighting must know that Mohammed, Muhammad, Mohamad and
 * Mohamed are one very common name, not four rarer ones; counted apart, each spelling would look
 * rare and make agreement look strong.
 *
 * A word's spellings are the words at least as similar to it as a transliteration variant
 * (`STRONG_SIMILARITY`): its direct neighbours, **not** a class closed under that relation.
 * Closure chains: Omar ~ Omer ~ Amer ~ Amir ~ Amira ~ Maria joined 60-odd different names into
 * one "name", which made every one of them look frequent, weakened their agreement and made
 * namesake crowds of unrelated persons. A neighbourhood is what the issue means by "all spellings
 * of one name": the words a reader would take for this name.
 *
 * Only words that share a consonant key are compared (variants share it; that is what blocking
 * relies on too), so the cost is the sum of squared key-group sizes, not the square of the
 * vocabulary.
 */
import { consonantKey } from './normalise.js';
import type { TokenTable } from './similarity.js';

/** Word similarity from which two spellings count as one name (the `strong` name level). */
export const STRONG_SIMILARITY = 0.94;

/**
 * For every interned word of `table`, the ids of its spellings (itself included, ascending).
 * Symmetric, not transitive: b may be a spelling of a and c of b without c being one of a.
 */
export function spellingNeighbours(table: TokenTable): readonly (readonly number[])[] {
  const n = table.strings.length;
  const out: number[][] = [];
  for (let i = 0; i < n; i++) out.push([i]);
  const groups = new Map<string, number[]>();
  for (let id = 0; id < n; id++) {
    // The key of every reading of the word (Othman read as Osman, Maxamed as Mohamed).
    for (const fold of new Set(table.words[id]!.folds.map(consonantKey))) {
      const g = groups.get(fold);
      if (g) g.push(id);
      else groups.set(fold, [id]);
    }
  }
  const seen = new Set<number>();
  for (const members of groups.values()) {
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const a = members[x]!;
        const b = members[y]!;
        // Two words can share several keys (several readings): decide each pair once.
        const key = a < b ? a * 4194304 + b : b * 4194304 + a;
        if (seen.has(key)) continue;
        seen.add(key);
        if (table.similarity(a, b) >= STRONG_SIMILARITY) {
          out[a]!.push(b);
          out[b]!.push(a);
        }
      }
    }
  }
  for (const list of out) list.sort((x, y) => x - y);
  return out;
}

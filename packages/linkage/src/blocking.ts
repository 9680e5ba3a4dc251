/**
 * Blocking: only records that share at least one key are compared. Keys are built from the
 * consonant keys of name tokens (vowels dropped, so transliteration variants share them) and
 * from birth dates:
 *
 *  - `n` name-token key + birth year; every token of given and family name, so swapped names
 *    block together. A year that is only an estimate (placeholder, year only) is also filed
 *    under the years before and after, since estimates are often one off;
 *  - `m` name-token key + day and month of a full birth date, for a mistyped year;
 *  - `p` pair of name-token keys without year, for missing and wrong birth years;
 *  - `d` a full birth date (never a placeholder), for names misspelt beyond recognition;
 *  - `s` the name in original script, which survives any Latin spelling.
 *
 * Pairs are enumerated once each without materialising a set of pairs: a per-record mark array
 * remembers the last record a candidate was visited for.
 */
import type { PreparedRecord } from './comparison.js';
import type { TokenTable } from './similarity.js';

export interface BlockingOptions {
  /**
   * Blocks larger than this are skipped for year-free pair keys; such a block means a name pair
   * so common (Mohammad Ahmadi) that without a year it cannot single anyone out.
   */
  readonly maxPairBlock: number;
  /** Hard limit for any block; a safety valve against degenerate input (all names empty). */
  readonly maxBlock: number;
  /**
   * A pair that shares nothing but one name word and a birth year (one `n` key, no other key) is
   * a candidate only if that word and year are held by at most this many records: a common name
   * word (Mohammed, 1990) shared with nothing else singles nobody out. Such a pair still meets
   * through a second name word, the day and month, the full date or the original script.
   */
  readonly maxSingleNameBlock: number;
}

export const DEFAULT_BLOCKING: BlockingOptions = { maxPairBlock: 400, maxBlock: 5000, maxSingleNameBlock: 30 };

/** A key that joins records by one name word and a birth year. */
function isNameYearKey(key: string): boolean {
  return key.startsWith('n');
}

export function blockingKeys(p: PreparedRecord, table: TokenTable): string[] {
  const skeletons = new Set<string>();
  for (const id of p.given) skeletons.add(table.keys[id]!);
  for (const id of p.family) skeletons.add(table.keys[id]!);
  const keys: string[] = [];
  const year = p.birth.precision === 'unknown' ? 0 : p.birth.year;
  const sorted = [...skeletons].sort();
  const estimated = p.birth.precision === 'year';
  for (const s of sorted) {
    if (!year) continue;
    keys.push(`n${s}|${year}`);
    if (estimated) keys.push(`n${s}|${year - 1}`, `n${s}|${year + 1}`);
    else keys.push(`m${s}|${p.birth.month}-${p.birth.day}`);
  }
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) keys.push(`p${sorted[i]}|${sorted[j]}`);
  }
  if (p.birth.precision === 'full') keys.push(`d${p.birth.year}-${p.birth.month}-${p.birth.day}`);
  if (p.scriptKey) keys.push(`s${p.scriptKey}`);
  return keys;
}

export interface BlockingStats {
  readonly blocks: number;
  readonly skippedBlocks: number;
  readonly candidatePairs: number;
}

/** Calls `visit(i, j)` (i < j) once for every pair of records sharing a usable key. */
export function forEachCandidatePair(
  prepared: readonly PreparedRecord[],
  table: TokenTable,
  visit: (i: number, j: number) => void,
  options: BlockingOptions = DEFAULT_BLOCKING,
): BlockingStats {
  const blocks = new Map<string, number[]>();
  const keysOf: number[][] = [];
  for (const p of prepared) {
    const ids: number[] = [];
    for (const k of blockingKeys(p, table)) {
      let b = blocks.get(k);
      if (!b) {
        b = [];
        blocks.set(k, b);
      }
      b.push(p.index);
    }
    keysOf.push(ids);
  }
  // Index the usable blocks by number so each record lists its blocks once.
  const usable: number[][] = [];
  /** Per usable block: 1 when it alone does not make a candidate (a large name-and-year block). */
  const weak: number[] = [];
  let skipped = 0;
  for (const [key, members] of blocks) {
    if (members.length < 2) continue;
    const limit = key.startsWith('p') ? options.maxPairBlock : options.maxBlock;
    if (members.length > limit) {
      skipped++;
      continue;
    }
    const id = usable.length;
    usable.push(members);
    weak.push(isNameYearKey(key) && members.length > options.maxSingleNameBlock ? 1 : 0);
    for (const r of members) keysOf[r]!.push(id);
  }
  const mark = new Int32Array(prepared.length).fill(-1);
  // Per record j met from record i: blocks shared, and whether one of them is not weak.
  const shared = new Int32Array(prepared.length);
  const strong = new Uint8Array(prepared.length);
  const met: number[] = [];
  let candidates = 0;
  for (let i = 0; i < prepared.length; i++) {
    met.length = 0;
    for (const blockId of keysOf[i]!) {
      const members = usable[blockId]!;
      const isWeak = weak[blockId] === 1;
      // Members are in ascending order: start after i.
      let k = lowerBound(members, i + 1);
      for (; k < members.length; k++) {
        const j = members[k]!;
        if (mark[j] !== i) {
          mark[j] = i;
          shared[j] = 0;
          strong[j] = 0;
          met.push(j);
        }
        shared[j] = shared[j]! + 1;
        if (!isWeak) strong[j] = 1;
      }
    }
    for (const j of met) {
      if (strong[j] === 0 && shared[j]! < 2) continue;
      candidates++;
      visit(i, j);
    }
  }
  return { blocks: usable.length, skippedBlocks: skipped, candidatePairs: candidates };
}

/**
 * Whether records that share the given keys are candidates: some key is usable and not a large
 * name-and-year block, or they share two usable keys. `sizeOf` gives a key's block size.
 */
export function isCandidate(
  sharedKeys: readonly string[],
  sizeOf: (key: string) => number,
  options: BlockingOptions = DEFAULT_BLOCKING,
): boolean {
  let usableKeys = 0;
  for (const key of sharedKeys) {
    const size = sizeOf(key);
    if (size > (key.startsWith('p') ? options.maxPairBlock : options.maxBlock)) continue;
    if (!isNameYearKey(key) || size <= options.maxSingleNameBlock) return true;
    usableKeys++;
  }
  return usableKeys >= 2;
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

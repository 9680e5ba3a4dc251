/**
 * Evaluation of pairwise decisions against known truth. Pure: the CLI times and prints.
 */
import type { PairDecision } from './matcher.js';

export interface EvaluationMetrics {
  /** Share of automatic links that join records of the same person. */
  readonly precision: number;
  /** Share of true pairs (records of the same person) that were linked automatically. */
  readonly recall: number;
  readonly f1: number;
  /** Share of true pairs sent to the review queue instead of being linked. */
  readonly reviewShare: number;
  readonly truePairs: number;
  readonly links: number;
  readonly falseLinks: number;
  readonly reviewPairs: number;
  readonly trueReviewPairs: number;
}

/** Number of record pairs that belong to the same person. */
export function countTruePairs(personOf: readonly string[]): number {
  const sizes = new Map<string, number>();
  for (const p of personOf) sizes.set(p, (sizes.get(p) ?? 0) + 1);
  let pairs = 0;
  for (const k of sizes.values()) pairs += (k * (k - 1)) / 2;
  return pairs;
}

export function evaluateDecisions(
  pairs: readonly PairDecision[],
  personOfRecord: ReadonlyMap<string, string>,
  truePairs: number,
): EvaluationMetrics {
  let links = 0;
  let trueLinks = 0;
  let reviews = 0;
  let trueReviews = 0;
  for (const p of pairs) {
    const same = personOfRecord.get(p.a) === personOfRecord.get(p.b);
    if (p.decision === 'link') {
      links++;
      if (same) trueLinks++;
    } else if (p.decision === 'review') {
      reviews++;
      if (same) trueReviews++;
    }
  }
  const precision = links === 0 ? 1 : trueLinks / links;
  const recall = truePairs === 0 ? 1 : trueLinks / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    precision,
    recall,
    f1,
    reviewShare: truePairs === 0 ? 0 : trueReviews / truePairs,
    truePairs,
    links,
    falseLinks: links - trueLinks,
    reviewPairs: reviews,
    trueReviewPairs: trueReviews,
  };
}

/**
 * Scores a matcher's pair decisions against the truth. Only the decisions as given count: a pair
 * is linked when the matcher says `link` for exactly that pair. No transitive closure is taken,
 * so records linked only through a third record count as linked only if the matcher reports that
 * pair itself (the hub's matcher reports such pairs with basis `cluster`, and they count then,
 * because the hub merges them).
 */
import { LOOKALIKE_KINDS, type LookalikeKind, type LookalikePair } from './lookalikes.js';

export type DecisionKind = 'link' | 'review' | 'new';

export interface PairDecisionInput {
  readonly a: string;
  readonly b: string;
  readonly decision: DecisionKind;
  /** Why the matcher linked (e.g. `score`, `identifier`, `cluster`), if it says. */
  readonly basis?: string;
  /** Why the matcher sent a pair to review (a rule, or a score between its thresholds), if it says. */
  readonly reason?: string;
}

export interface TruthInput {
  /** Record ids, in the order of `personOf`. */
  readonly recordIds: readonly string[];
  readonly personOf: readonly string[];
  readonly lookalikes?: readonly LookalikePair[];
}

export interface KindScore {
  readonly pairs: number;
  readonly linked: number;
  readonly share: number;
}

export interface LookalikeScore {
  /** Designed look-alike person pairs. */
  readonly pairs: number;
  /** Of those, pairs with at least one direct `link` between a record of each person. */
  readonly linked: number;
  readonly share: number;
  /** Pairs with a `review` between their records and no link. */
  readonly reviewed: number;
  /** Record pairs decided `link` that join two persons of a designed pair. */
  readonly linkedRecordPairs: number;
  readonly byKind: Readonly<Record<LookalikeKind, KindScore>>;
}

export interface ReviewItems {
  /** Pairs of link groups with at least one review between their records. */
  readonly items: number;
  /** Of those, items with a reviewed pair of records of one person: the review work true pairs cause. */
  readonly trueItems: number;
  /** True items / true record pairs (the same denominator as `reviewShare`). */
  readonly share: number | null;
  /** True items by the most frequent reason among their true reviewed pairs (ties: alphabetical). */
  readonly trueByReason: Readonly<Record<string, number>>;
}

export interface Evaluation {
  readonly records: number;
  readonly persons: number;
  /** Record pairs of the same person. */
  readonly truePairs: number;
  readonly links: number;
  readonly trueLinks: number;
  readonly falseLinks: number;
  readonly reviews: number;
  readonly trueReviews: number;
  readonly falseReviews: number;
  /** True links / links; null when nothing was linked. */
  readonly precision: number | null;
  /** (True links + true reviews) / true pairs: the pairs a person will ever see. */
  readonly recall: number | null;
  /** True links / true pairs. */
  readonly linkRecall: number | null;
  /** True reviews / true pairs: the review work the true pairs cause. */
  readonly reviewShare: number | null;
  /** Harmonic mean of precision and link recall. */
  readonly f1: number | null;
  /** Links and false links per basis the matcher gave. */
  readonly linksByBasis: Readonly<Record<string, { readonly links: number; readonly falseLinks: number }>>;
  /** True reviews per reason the matcher gave (`unspecified` when it gave none). */
  readonly trueReviewsByReason: Readonly<Record<string, number>>;
  /**
   * Reviews counted per pair of persons instead of per pair of records, as a reviewer meets them:
   * the persons are the groups the direct links form (the hub merges each link, so its persons are
   * these groups); several reviewed record pairs between the same two groups are one item, and a
   * review inside one group is none (the records are already one person).
   */
  readonly reviewItems: ReviewItems;
  /** Pairs the matcher reported more than once (the strongest decision counts). */
  readonly duplicateDecisions: number;
  readonly lookalike?: LookalikeScore;
}

const STRENGTH: Readonly<Record<DecisionKind, number>> = { new: 0, review: 1, link: 2 };

const ratio = (num: number, den: number): number | null => (den === 0 ? null : num / den);

export function evaluateDecisions(decisions: Iterable<PairDecisionInput>, truth: TruthInput): Evaluation {
  if (truth.recordIds.length !== truth.personOf.length) throw new Error('recordIds and personOf differ in length');
  const indexOf = new Map<string, number>();
  truth.recordIds.forEach((id, i) => {
    if (indexOf.has(id)) throw new Error(`record id ${id} twice in the truth`);
    indexOf.set(id, i);
  });
  const sizes = new Map<string, number>();
  for (const p of truth.personOf) sizes.set(p, (sizes.get(p) ?? 0) + 1);
  let truePairs = 0;
  for (const n of sizes.values()) truePairs += (n * (n - 1)) / 2;

  // One decision per unordered record pair; the strongest wins if the matcher repeats a pair.
  const byPair = new Map<string, { i: number; j: number; decision: DecisionKind; basis: string; reason: string }>();
  let duplicateDecisions = 0;
  for (const d of decisions) {
    const i = indexOf.get(d.a);
    const j = indexOf.get(d.b);
    if (i === undefined || j === undefined)
      throw new Error(`decision names an unknown record: ${i === undefined ? d.a : d.b}`);
    if (i === j) throw new Error(`decision pairs record ${d.a} with itself`);
    const key = i < j ? `${i}|${j}` : `${j}|${i}`;
    const prev = byPair.get(key);
    if (prev) {
      duplicateDecisions++;
      if (STRENGTH[d.decision] <= STRENGTH[prev.decision]) continue;
    }
    byPair.set(key, {
      i: Math.min(i, j),
      j: Math.max(i, j),
      decision: d.decision,
      basis: d.basis ?? 'unspecified',
      reason: d.reason ?? 'unspecified',
    });
  }

  const lookalikeKinds = new Map<string, readonly LookalikeKind[]>();
  for (const l of truth.lookalikes ?? []) {
    const key = l.a < l.b ? `${l.a}|${l.b}` : `${l.b}|${l.a}`;
    lookalikeKinds.set(key, l.kinds);
  }
  const linkedLookalikes = new Set<string>();
  const reviewedLookalikes = new Set<string>();
  let linkedRecordPairs = 0;

  let links = 0;
  let trueLinks = 0;
  let reviews = 0;
  let trueReviews = 0;
  const linksByBasis: Record<string, { links: number; falseLinks: number }> = {};
  const trueReviewsByReason: Record<string, number> = {};
  for (const { i, j, decision, basis, reason } of byPair.values()) {
    if (decision === 'new') continue;
    const pa = truth.personOf[i]!;
    const pb = truth.personOf[j]!;
    const same = pa === pb;
    if (decision === 'link') {
      links++;
      if (same) trueLinks++;
      const entry = (linksByBasis[basis] ??= { links: 0, falseLinks: 0 });
      entry.links++;
      if (!same) entry.falseLinks++;
    } else {
      reviews++;
      if (same) {
        trueReviews++;
        trueReviewsByReason[reason] = (trueReviewsByReason[reason] ?? 0) + 1;
      }
    }
    if (!same && lookalikeKinds.size > 0) {
      const key = pa < pb ? `${pa}|${pb}` : `${pb}|${pa}`;
      if (lookalikeKinds.has(key)) {
        if (decision === 'link') {
          linkedLookalikes.add(key);
          linkedRecordPairs++;
        } else reviewedLookalikes.add(key);
      }
    }
  }

  const precision = ratio(trueLinks, links);
  const linkRecall = ratio(trueLinks, truePairs);
  const f1 =
    precision === null || linkRecall === null || precision + linkRecall === 0
      ? null
      : (2 * precision * linkRecall) / (precision + linkRecall);

  let lookalike: LookalikeScore | undefined;
  if (truth.lookalikes) {
    const byKind = Object.fromEntries(LOOKALIKE_KINDS.map((k) => [k, { pairs: 0, linked: 0, share: 0 }])) as Record<
      LookalikeKind,
      { pairs: number; linked: number; share: number }
    >;
    for (const [key, kinds] of lookalikeKinds) {
      const linked = linkedLookalikes.has(key);
      for (const k of kinds) {
        byKind[k].pairs++;
        if (linked) byKind[k].linked++;
      }
    }
    for (const k of LOOKALIKE_KINDS) byKind[k].share = byKind[k].pairs === 0 ? 0 : byKind[k].linked / byKind[k].pairs;
    let reviewed = 0;
    for (const key of reviewedLookalikes) if (!linkedLookalikes.has(key)) reviewed++;
    lookalike = {
      pairs: lookalikeKinds.size,
      linked: linkedLookalikes.size,
      share: lookalikeKinds.size === 0 ? 0 : linkedLookalikes.size / lookalikeKinds.size,
      reviewed,
      linkedRecordPairs,
      byKind,
    };
  }

  return {
    records: truth.recordIds.length,
    persons: sizes.size,
    truePairs,
    links,
    trueLinks,
    falseLinks: links - trueLinks,
    reviews,
    trueReviews,
    falseReviews: reviews - trueReviews,
    precision,
    recall: ratio(trueLinks + trueReviews, truePairs),
    linkRecall,
    reviewShare: ratio(trueReviews, truePairs),
    f1,
    linksByBasis,
    trueReviewsByReason,
    reviewItems: reviewItems(byPair.values(), truth.personOf, truePairs),
    duplicateDecisions,
    ...(lookalike ? { lookalike } : {}),
  };
}

/** Reviews per pair of link groups (see `Evaluation.reviewItems`). */
function reviewItems(
  pairs: Iterable<{ i: number; j: number; decision: DecisionKind; reason: string }>,
  personOf: readonly string[],
  truePairs: number,
): ReviewItems {
  const list = [...pairs];
  const parent = Int32Array.from(personOf, (_, k) => k);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (const p of list) if (p.decision === 'link') parent[find(p.i)] = find(p.j);
  const items = new Map<string, Map<string, number>>();
  for (const p of list) {
    if (p.decision !== 'review') continue;
    const gi = find(p.i);
    const gj = find(p.j);
    if (gi === gj) continue;
    const key = gi < gj ? `${gi}|${gj}` : `${gj}|${gi}`;
    let reasons = items.get(key);
    if (!reasons) items.set(key, (reasons = new Map<string, number>()));
    if (personOf[p.i] === personOf[p.j]) reasons.set(p.reason, (reasons.get(p.reason) ?? 0) + 1);
  }
  let trueItems = 0;
  const trueByReason: Record<string, number> = {};
  for (const reasons of items.values()) {
    if (reasons.size === 0) continue;
    trueItems++;
    const [reason] = [...reasons].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0]!;
    trueByReason[reason] = (trueByReason[reason] ?? 0) + 1;
  }
  return { items: items.size, trueItems, share: ratio(trueItems, truePairs), trueByReason };
}

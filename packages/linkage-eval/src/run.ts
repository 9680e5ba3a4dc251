/**
 * One evaluation run: generate a population, match it with the hub's public `matchRecords` (as
 * its `linkage:eval` CLI does), score the direct pair decisions. The only module of this package
 * that calls into @kim/linkage; the generator and the evaluator share nothing with it but the
 * record type.
 */
import { performance } from 'node:perf_hooks';
import {
  countTruePairs as kimCountTruePairs,
  evaluateDecisions as kimEvaluateDecisions,
  generatePopulation as kimGeneratePopulation,
  matchRecords,
  type PersonRecord,
} from '@kim/linkage';
import { evaluateDecisions, type Evaluation } from './evaluate.js';
import { generateEvalPopulation } from './generate.js';
import type { LookalikePair } from './lookalikes.js';
import { seedRole, type SeedRole } from './seeds.js';

export type GeneratorName = 'kim' | 'independent';

/** The goals of issue 16 for every population of 15,000 persons. */
export const GOALS = {
  precision: 0.995,
  recall: 0.95,
  lookalikeShare: 0.005,
  reviewShare: 0.05,
  seconds: 10,
} as const;

export interface EvaluationLine {
  readonly generator: GeneratorName;
  readonly seed: number;
  readonly role: SeedRole;
  readonly persons: number;
  readonly records: number;
  readonly truePairs: number;
  readonly precision: number | null;
  readonly recall: number | null;
  readonly linkRecall: number | null;
  readonly f1: number | null;
  readonly reviewShare: number | null;
  readonly links: number;
  readonly falseLinks: number;
  readonly reviewPairs: number;
  readonly falseReviews: number;
  readonly linksByBasis: Evaluation['linksByBasis'];
  /** True reviews (record pairs) per reason the matcher gave, largest first. */
  readonly reviewReasons: Evaluation['trueReviewsByReason'];
  /**
   * Reviews per pair of persons (groups formed by the direct links), as a reviewer meets them: the
   * true items, their share of the true record pairs, and the items per reason.
   */
  readonly reviewItems: {
    readonly items: number;
    readonly trueItems: number;
    readonly share: number | null;
    readonly byReason: Evaluation['trueReviewsByReason'];
  };
  readonly lookalike: {
    readonly pairs: number;
    readonly linked: number;
    readonly share: number;
    /** The kind with the highest share linked: the overall share is dominated by siblings. */
    readonly worstKind: { readonly kind: string; readonly share: number };
    readonly reviewed: number;
    readonly byKind: Readonly<Record<string, { pairs: number; linked: number; share: number }>>;
  } | null;
  /** Each goal of issue 16; `lookalikeEveryKind` applies the look-alike goal to every kind. */
  readonly goalsMet: Readonly<Record<keyof typeof GOALS | 'lookalikeEveryKind', boolean | null>>;
  readonly candidatePairs: number;
  /** Wall time of the matching. */
  readonly seconds: number;
  /** Process CPU time of the matching (equals wall time on an idle machine). */
  readonly cpuSeconds: number;
  readonly generationSeconds: number;
  /** The hub CLI's own metrics (its evaluate.ts), for its own generator only. */
  readonly kimMetrics?: Readonly<Record<string, number>>;
}

/** The reason of a review the matcher gave no rule for. */
export const SCORE_BETWEEN_THRESHOLDS = 'score between the review and link thresholds';

/** Counts largest first, so the printed line reads as a ranking. */
const ranked = (counts: Readonly<Record<string, number>>): Record<string, number> =>
  Object.fromEntries(Object.entries(counts).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)));

const round = (x: number | null, d = 4): number | null => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);

function worstKind(byKind: Readonly<Record<string, { readonly pairs: number; readonly share: number }>>): {
  kind: string;
  share: number;
} {
  let worst = { kind: '', share: 0 };
  for (const [kind, v] of Object.entries(byKind))
    if (v.pairs > 0 && (worst.kind === '' || v.share > worst.share)) worst = { kind, share: v.share };
  return { kind: worst.kind, share: round(worst.share) ?? 0 };
}

interface Population {
  readonly records: readonly PersonRecord[];
  readonly personOf: readonly string[];
  readonly lookalikes?: readonly LookalikePair[];
  readonly persons: number;
}

function generate(generator: GeneratorName, seed: number, persons: number): Population {
  if (generator === 'kim') {
    const pop = kimGeneratePopulation({ persons, seed });
    return { records: pop.records, personOf: pop.personOf, persons: pop.persons };
  }
  const pop = generateEvalPopulation({ persons, seed });
  return { records: pop.records, personOf: pop.personOf, lookalikes: pop.lookalikes, persons: pop.persons };
}

export function evaluatePopulation(generator: GeneratorName, seed: number, persons: number): EvaluationLine {
  const g0 = performance.now();
  const pop = generate(generator, seed, persons);
  const g1 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = matchRecords(pop.records, { evidence: 'none' });
  const cpu = process.cpuUsage(cpu0);
  const g2 = performance.now();

  // A review without a rule behind it is a score between the review and the link threshold.
  const decisions = result.pairs.map((p) => ({
    a: p.a,
    b: p.b,
    decision: p.decision,
    basis: p.basis,
    ...(p.decision === 'review' ? { reason: p.capped ?? SCORE_BETWEEN_THRESHOLDS } : {}),
  }));
  const ev = evaluateDecisions(decisions, {
    recordIds: pop.records.map((r) => r.recordId),
    personOf: pop.personOf,
    ...(pop.lookalikes ? { lookalikes: pop.lookalikes } : {}),
  });
  const seconds = (g2 - g1) / 1000;

  let kimMetrics: Record<string, number> | undefined;
  if (generator === 'kim') {
    const personOf = new Map(pop.records.map((r, i) => [r.recordId, pop.personOf[i]!]));
    const m = kimEvaluateDecisions(result.pairs, personOf, kimCountTruePairs(pop.personOf));
    kimMetrics = Object.fromEntries(
      Object.entries(m).map(([k, v]) => [k, typeof v === 'number' ? (round(v) ?? 0) : v]),
    );
  }

  const lookalike = ev.lookalike
    ? {
        pairs: ev.lookalike.pairs,
        linked: ev.lookalike.linked,
        share: round(ev.lookalike.share, 5) ?? 0,
        worstKind: worstKind(ev.lookalike.byKind),
        reviewed: ev.lookalike.reviewed,
        byKind: Object.fromEntries(
          Object.entries(ev.lookalike.byKind).map(([k, v]) => [
            k,
            { pairs: v.pairs, linked: v.linked, share: round(v.share) ?? 0 },
          ]),
        ),
      }
    : null;

  return {
    generator,
    seed,
    role: seedRole(generator, seed),
    persons: pop.persons,
    records: pop.records.length,
    truePairs: ev.truePairs,
    precision: round(ev.precision),
    recall: round(ev.recall),
    linkRecall: round(ev.linkRecall),
    f1: round(ev.f1),
    reviewShare: round(ev.reviewShare),
    links: ev.links,
    falseLinks: ev.falseLinks,
    reviewPairs: ev.reviews,
    falseReviews: ev.falseReviews,
    linksByBasis: ev.linksByBasis,
    reviewReasons: ranked(ev.trueReviewsByReason),
    reviewItems: {
      items: ev.reviewItems.items,
      trueItems: ev.reviewItems.trueItems,
      share: round(ev.reviewItems.share),
      byReason: ranked(ev.reviewItems.trueByReason),
    },
    lookalike,
    goalsMet: {
      precision: ev.precision === null ? null : ev.precision >= GOALS.precision,
      recall: ev.recall === null ? null : ev.recall >= GOALS.recall,
      lookalikeShare: ev.lookalike ? ev.lookalike.share <= GOALS.lookalikeShare : null,
      lookalikeEveryKind: ev.lookalike ? worstKind(ev.lookalike.byKind).share <= GOALS.lookalikeShare : null,
      reviewShare: ev.reviewShare === null ? null : ev.reviewShare <= GOALS.reviewShare,
      seconds: seconds < GOALS.seconds,
    },
    candidatePairs: result.stats.candidatePairs,
    seconds: round(seconds, 2) ?? 0,
    cpuSeconds: round((cpu.user + cpu.system) / 1e6, 2) ?? 0,
    generationSeconds: round((g1 - g0) / 1000, 2) ?? 0,
    ...(kimMetrics ? { kimMetrics } : {}),
  };
}

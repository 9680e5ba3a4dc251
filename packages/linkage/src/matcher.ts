/**
 * Pairwise matching of a set of records among themselves: prepare, block, compare, weigh, decide.
 * Pure: takes records, returns decisions; the caller does any I/O and timing.
 */
import { forEachCandidatePair, DEFAULT_BLOCKING, type BlockingOptions, type BlockingStats } from './blocking.js';
import {
  compareRecords,
  FIELD_LEVELS,
  FIELD_NAMES,
  MISSING,
  prepareRecord,
  type ComparisonVector,
  type FieldName,
  type PreparedRecord,
} from './comparison.js';
import { identifierKey, recordIdentifier } from './linkmap.js';
import { createRng } from './prng.js';
import { TokenTable } from './similarity.js';
import type { Decision, PersonRecord } from './types.js';
import { buildModel, DEFAULT_M, DEFAULT_TF, fieldWeights, totalScore, uFromCounts, type LevelProbabilities, type MatchModel, type TermFrequencyOptions } from './weights.js';

export interface Thresholds {
  /** Score (bits of posterior log-odds) at or above which a pair links automatically. */
  readonly link: number;
  /** Score at or above which a pair goes to the review queue. */
  readonly review: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { link: 6, review: -4 };

export interface MatchOptions {
  readonly thresholds?: Thresholds;
  readonly m?: LevelProbabilities;
  readonly tf?: TermFrequencyOptions;
  readonly blocking?: BlockingOptions;
  /** Expected number of other records of the same person per record; sets the prior odds. */
  readonly expectedDuplicatesPerRecord?: number;
  /** Random pairs drawn to measure u-probabilities of the name fields. */
  readonly uSampleSize?: number;
  /** Seed of the u sampling, so results are reproducible. */
  readonly seed?: number;
  /** Which decided pairs carry per-field evidence: review pairs only (default), all or none. */
  readonly evidence?: 'review' | 'all' | 'none';
}

/** One field's contribution to a pair's score, as shown to a reviewer. */
export interface FieldEvidence {
  readonly field: FieldName;
  /** Comparison level, or `missing` when a side has no value. */
  readonly level: string;
  readonly valueA: string;
  readonly valueB: string;
  /** Bits of evidence, including term-frequency adjustment. */
  readonly weight: number;
}

export interface PairDecision {
  /** Record ids; `a` comes first in the input. */
  readonly a: string;
  readonly b: string;
  readonly decision: Decision;
  /** Posterior log-odds in bits (prior plus field weights). */
  readonly score: number;
  /** `identifier`: both records carry the same identifier; `score`: probabilistic. */
  readonly basis: 'identifier' | 'score';
  /** Why a pair scoring above the link threshold was only sent to review. */
  readonly capped?: string;
  readonly swappedNames?: boolean;
  readonly evidence?: readonly FieldEvidence[];
}

export interface MatchStats extends BlockingStats {
  readonly records: number;
  readonly links: number;
  readonly reviews: number;
  readonly identifierLinks: number;
}

export interface MatchResult {
  /** Pairs decided `link` or `review`; every other pair is implicitly `new`. */
  readonly pairs: readonly PairDecision[];
  readonly stats: MatchStats;
  readonly model: MatchModel;
}

/** Prepared records with their token table, frequencies and model: everything needed to score. */
export class MatchContext {
  readonly table = new TokenTable();
  readonly prepared: PreparedRecord[];
  readonly model: MatchModel;
  readonly thresholds: Thresholds;
  private readonly municipalityFrequency = new Map<string, number>();
  private readonly weightBuffer = new Float64Array(FIELD_NAMES.length);
  readonly frequency: (id: number) => number;

  constructor(
    readonly records: readonly PersonRecord[],
    options: MatchOptions = {},
  ) {
    this.thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
    this.prepared = records.map((r, i) => prepareRecord(r, i, this.table));
    // Term frequencies over vowel skeletons, pooled across given and family names: names move
    // between the fields (swaps, father's name as family name), and variants share a skeleton.
    const skeletonCount = new Map<string, number>();
    let tokens = 0;
    for (const p of this.prepared) {
      for (const id of [...p.given, ...p.family]) {
        const s = this.table.skeletons[id]!;
        skeletonCount.set(s, (skeletonCount.get(s) ?? 0) + 1);
        tokens++;
      }
    }
    let nameReference = 0;
    for (const c of skeletonCount.values()) nameReference += (c / tokens) ** 2;
    const floor = 1 / Math.max(tokens, 1);
    // Joined tokens are interned after this count, so frequencies are looked up lazily.
    const freqCache = new Map<number, number>();
    this.frequency = (id: number): number => {
      let f = freqCache.get(id);
      if (f === undefined) {
        f = Math.max(floor, (skeletonCount.get(this.table.skeletons[id]!) ?? 0) / Math.max(tokens, 1));
        freqCache.set(id, f);
      }
      return f;
    };
    let municipalityReference = 0;
    let withMunicipality = 0;
    for (const p of this.prepared) {
      if (!p.municipality) continue;
      withMunicipality++;
      this.municipalityFrequency.set(p.municipality, (this.municipalityFrequency.get(p.municipality) ?? 0) + 1);
    }
    for (const [k, c] of this.municipalityFrequency) {
      const share = c / withMunicipality;
      this.municipalityFrequency.set(k, share);
      municipalityReference += share * share;
    }
    const u = this.estimateU(options.uSampleSize ?? 60000, options.seed ?? 20240229);
    const n = Math.max(this.prepared.length, 2);
    const prior = Math.log2((options.expectedDuplicatesPerRecord ?? 1) / (n - 1));
    this.model = buildModel(options.m ?? DEFAULT_M, u, nameReference, municipalityReference, prior, options.tf ?? DEFAULT_TF);
  }

  /** u-probabilities from random record pairs (nearly all of which are different persons). */
  private estimateU(samples: number, seed: number): LevelProbabilities {
    const rng = createRng(seed);
    const counts = {} as Record<FieldName, number[]>;
    for (const f of FIELD_NAMES) counts[f] = FIELD_LEVELS[f].map(() => 0);
    const n = this.prepared.length;
    if (n < 2) return uFromCounts(counts);
    // Cheap fields get many more samples than names: exact birth dates agree rarely.
    const cheapSamples = samples * 10;
    for (let s = 0; s < cheapSamples; s++) {
      const i = rng.int(n);
      let j = rng.int(n - 1);
      if (j >= i) j++;
      const full = s < samples;
      const v = full ? this.compare(i, j) : this.compareCheap(i, j);
      for (let f = full ? 0 : 3; f < FIELD_NAMES.length; f++) {
        const level = v[f]!;
        if (level !== MISSING) counts[FIELD_NAMES[f]!][level]!++;
      }
    }
    return uFromCounts(counts);
  }

  private compareCheap(i: number, j: number): Int8Array {
    return compareRecords(this.table, this.withoutNames(this.prepared[i]!), this.withoutNames(this.prepared[j]!), this.frequency).levels;
  }

  private withoutNames(p: PreparedRecord): PreparedRecord {
    return { ...p, given: [], family: [], script: [], scriptKey: '' };
  }

  private compare(i: number, j: number): Int8Array {
    return compareRecords(this.table, this.prepared[i]!, this.prepared[j]!, this.frequency).levels;
  }

  comparison(i: number, j: number): ComparisonVector {
    return compareRecords(this.table, this.prepared[i]!, this.prepared[j]!, this.frequency);
  }

  /** Field weights of a compared pair; the returned array is reused, copy it to keep it. */
  weights(i: number, v: ComparisonVector, reuse = true): Float64Array {
    const muni = v.levels[6] === 0 ? (this.municipalityFrequency.get(this.prepared[i]!.municipality) ?? 0) : 0;
    return fieldWeights(this.model, v, muni, reuse ? this.weightBuffer : undefined);
  }

  /** Scores and decides one pair of record indices. */
  decide(i: number, j: number): { decision: Decision; score: number; capped?: string; vector: ComparisonVector } {
    const v = this.comparison(i, j);
    const score = totalScore(this.model, this.weights(i, v));
    if (score >= this.thresholds.link) {
      const capped = linkGuard(v);
      return capped ? { decision: 'review', score, capped, vector: v } : { decision: 'link', score, vector: v };
    }
    return { decision: score >= this.thresholds.review ? 'review' : 'new', score, vector: v };
  }

  /** Per-field evidence of a pair, for the review queue. */
  explain(i: number, j: number): FieldEvidence[] {
    const a = this.prepared[i]!.record;
    const b = this.prepared[j]!.record;
    const v = this.comparison(i, j);
    const w = this.weights(i, v, false);
    const values = (r: PersonRecord): Record<FieldName, string> => ({
      given: r.givenNames,
      family: r.familyName,
      originalScript: r.nameOriginalScript ?? '',
      birthDate: r.birthDate ? `${r.birthDate} (${r.birthDatePrecision})` : '',
      sex: r.sex,
      nationality: r.nationality ?? '',
      municipality: r.municipality ?? '',
    });
    const va = values(a);
    const vb = values(b);
    if (v.swapped) {
      // Show what was actually compared: B's names crosswise.
      [vb.given, vb.family] = [vb.family, vb.given];
    }
    return FIELD_NAMES.map((field, f) => ({
      field,
      level: v.levels[f] === MISSING ? 'missing' : FIELD_LEVELS[field][v.levels[f]!]!,
      valueA: va[field],
      valueB: vb[field],
      weight: Math.round(w[f]! * 100) / 100,
    }));
  }
}

/**
 * Conditions for an automatic link beyond the score. Fellegi–Sunter assumes fields are
 * independent given the match status; in families they are not: twins share family name, birth
 * date, nationality, municipality and often the original-script family name, and the sum of those
 * agreements can outweigh a different given name. So a link needs the given names to agree
 * (exactly, as a variant or as a subset); otherwise the pair goes to a person in review.
 */
export function linkGuard(v: ComparisonVector): string | undefined {
  const given = v.levels[0]!;
  if (given === MISSING) return 'no given name to compare';
  if (given > 2) return 'given names differ';
  return undefined;
}

/** Matches records among themselves and returns the pairs to link or review. */
export function matchRecords(records: readonly PersonRecord[], options: MatchOptions = {}): MatchResult {
  const ctx = new MatchContext(records, options);
  const pairs: PairDecision[] = [];
  const evidenceFor = options.evidence ?? 'review';
  let links = 0;
  let reviews = 0;
  let identifierLinks = 0;
  const identifierPairs = new Set<number>();

  // Deterministic links first: records sharing an identifier are one person whatever they say.
  const byIdentifier = new Map<string, number[]>();
  records.forEach((r, i) => {
    const id = recordIdentifier(r);
    if (!id) return;
    const key = identifierKey(id);
    const list = byIdentifier.get(key);
    if (list) list.push(i);
    else byIdentifier.set(key, [i]);
  });
  const n = records.length;
  for (const list of byIdentifier.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const i = list[x]!;
        const j = list[y]!;
        identifierPairs.add(i * n + j);
        const d = ctx.decide(i, j);
        pairs.push({
          a: records[i]!.recordId,
          b: records[j]!.recordId,
          decision: 'link',
          score: round2(d.score),
          basis: 'identifier',
          swappedNames: d.vector.swapped,
          ...(evidenceFor === 'all' ? { evidence: ctx.explain(i, j) } : {}),
        });
        identifierLinks++;
        links++;
      }
    }
  }

  const blockingStats = forEachCandidatePair(
    ctx.prepared,
    ctx.table,
    (i, j) => {
      if (identifierPairs.size > 0 && identifierPairs.has(i * n + j)) return;
      const d = ctx.decide(i, j);
      if (d.decision === 'new') return;
      if (d.decision === 'link') links++;
      else reviews++;
      const withEvidence = evidenceFor === 'all' || (evidenceFor === 'review' && d.decision === 'review');
      pairs.push({
        a: records[i]!.recordId,
        b: records[j]!.recordId,
        decision: d.decision,
        score: round2(d.score),
        basis: 'score',
        ...(d.capped ? { capped: d.capped } : {}),
        swappedNames: d.vector.swapped,
        ...(withEvidence ? { evidence: ctx.explain(i, j) } : {}),
      });
    },
    options.blocking ?? DEFAULT_BLOCKING,
  );
  return {
    pairs,
    stats: { ...blockingStats, records: n, links, reviews, identifierLinks },
    model: ctx.model,
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * Pairwise matching of a set of records among themselves: prepare, block, compare, estimate m,
 * weigh, decide. Pure: takes records, returns decisions; the caller does any I/O and timing.
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
import {
  buildModel,
  DEFAULT_EM,
  DEFAULT_M,
  DEFAULT_SESSIONS,
  DEFAULT_TF,
  estimateM,
  fieldWeights,
  levelWeightSum,
  tfAdjustments,
  uFromCounts,
  withM,
  type EmOptions,
  type LevelProbabilities,
  type MatchModel,
  type TermFrequencyOptions,
} from './weights.js';

export interface Thresholds {
  /** Score (bits of posterior log-odds) at or above which a pair links automatically. */
  readonly link: number;
  /** Score at or above which a pair goes to the review queue. */
  readonly review: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { link: 6, review: -4 };

export interface MatchOptions {
  readonly thresholds?: Thresholds;
  /** Prior m-probabilities (the start and anchor of EM). */
  readonly m?: LevelProbabilities;
  /** Re-estimate m by EM on the candidate pairs (default true); false keeps the prior m. */
  readonly estimateM?: boolean;
  readonly em?: EmOptions;
  readonly tf?: TermFrequencyOptions;
  readonly blocking?: BlockingOptions;
  /**
   * Expected number of other records of the same person per record; sets the prior odds. By
   * default it is estimated from the data (see `estimatePrior`), starting from 1.
   */
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
  readonly emIterations: number;
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
  model: MatchModel;
  readonly thresholds: Thresholds;
  private readonly municipalityFrequency = new Map<string, number>();
  /** Share of name tokens with the token's skeleton, within a nationality when one is given. */
  readonly frequency: (id: number, nationality?: string) => number;

  constructor(
    readonly records: readonly PersonRecord[],
    options: MatchOptions = {},
  ) {
    this.thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
    this.prepared = records.map((r, i) => prepareRecord(r, i, this.table));
    // Term frequencies over vowel skeletons, pooled across given and family names (names move
    // between the fields, and variants share a skeleton), overall and within each nationality.
    const overall = new Map<string, number>();
    const byNationality = new Map<string, { counts: Map<string, number>; tokens: number }>();
    let tokens = 0;
    for (const p of this.prepared) {
      let group = byNationality.get(p.nationality);
      if (!group) {
        group = { counts: new Map(), tokens: 0 };
        byNationality.set(p.nationality, group);
      }
      for (const id of [...p.given, ...p.family]) {
        const s = this.table.skeletons[id]!;
        overall.set(s, (overall.get(s) ?? 0) + 1);
        group.counts.set(s, (group.counts.get(s) ?? 0) + 1);
        group.tokens++;
        tokens++;
      }
    }
    let nameReference = 0;
    for (const c of overall.values()) nameReference += (c / tokens) ** 2;
    const floor = 1 / Math.max(tokens, 1);
    // Small groups say little about their own name distribution: below this, use the overall one.
    const minGroupTokens = 500;
    const groupIndex = new Map<string, number>();
    const groups: { counts: Map<string, number>; tokens: number }[] = [];
    for (const [nat, g] of byNationality) {
      if (nat && g.tokens >= minGroupTokens) {
        groupIndex.set(nat, groups.length + 1);
        groups.push(g);
      }
    }
    const freqCache = new Map<number, number>();
    this.frequency = (id: number, nationality = ''): number => {
      const gi = nationality ? (groupIndex.get(nationality) ?? 0) : 0;
      const key = gi * 4194304 + id;
      let f = freqCache.get(key);
      if (f === undefined) {
        const s = this.table.skeletons[id]!;
        const group = gi > 0 ? groups[gi - 1]! : undefined;
        f = group ? (group.counts.get(s) ?? 0) / group.tokens : (overall.get(s) ?? 0) / Math.max(tokens, 1);
        f = Math.max(floor, f);
        freqCache.set(key, f);
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
    const nameless = this.prepared.map((p) => ({ ...p, given: [], family: [], script: [], scriptKey: '' }));
    for (let s = 0; s < cheapSamples; s++) {
      const i = rng.int(n);
      let j = rng.int(n - 1);
      if (j >= i) j++;
      const full = s < samples;
      // Random pairs rarely repeat: computing without the memo keeps it small for the real work.
      const v = full
        ? compareRecords(this.table, this.prepared[i]!, this.prepared[j]!, this.frequency, false).levels
        : compareRecords(this.table, nameless[i]!, nameless[j]!, this.frequency, false).levels;
      for (let f = full ? 0 : 3; f < FIELD_NAMES.length; f++) {
        const level = v[f]!;
        if (level !== MISSING) counts[FIELD_NAMES[f]!][level]!++;
      }
    }
    return uFromCounts(counts);
  }

  comparison(i: number, j: number): ComparisonVector {
    return compareRecords(this.table, this.prepared[i]!, this.prepared[j]!, this.frequency);
  }

  municipalityShare(i: number): number {
    return this.municipalityFrequency.get(this.prepared[i]!.municipality) ?? 0;
  }

  /** Term-frequency bits of a compared pair: given, family, municipality (fixed while m is estimated). */
  tfBits(i: number, v: ComparisonVector): [number, number, number] {
    return tfAdjustments(this.model, v, this.municipalityShare(i));
  }

  tfOffset(i: number, v: ComparisonVector): number {
    const [g, f, m] = this.tfBits(i, v);
    return g + f + m;
  }

  score(levels: Int8Array, offset: number, tf: number): number {
    return this.model.priorLogOdds + levelWeightSum(this.model, levels, offset) + tf;
  }

  /** Turns a score and comparison levels into a decision. */
  decideScore(score: number, levels: Int8Array, offset = 0): { decision: Decision; capped?: string } {
    if (score >= this.thresholds.link) {
      const capped = linkGuard(levels, offset);
      return capped ? { decision: 'review', capped } : { decision: 'link' };
    }
    return { decision: score >= this.thresholds.review ? 'review' : 'new' };
  }

  /** Scores and decides one pair of record indices with the current model. */
  decide(i: number, j: number): { decision: Decision; score: number; capped?: string; vector: ComparisonVector } {
    const v = this.comparison(i, j);
    const score = this.score(v.levels, 0, this.tfOffset(i, v));
    return { ...this.decideScore(score, v.levels), score, vector: v };
  }

  /** Per-field evidence of a pair, for the review queue. */
  explain(i: number, j: number): FieldEvidence[] {
    const a = this.prepared[i]!.record;
    const b = this.prepared[j]!.record;
    const v = this.comparison(i, j);
    const w = fieldWeights(this.model, v, this.municipalityShare(i));
    const values = (r: PersonRecord): Record<FieldName, string> => ({
      given: r.givenNames,
      family: r.familyName,
      originalScript: r.nameOriginalScript ?? '',
      birthDate: r.birthDate ? `${r.birthDate} (${r.birthDatePrecision})` : '',
      sex: r.sex,
      nationality: r.nationality ?? '',
      municipality: r.municipality ?? '',
      identifier: `${r.sourceAgency} ${r.agencyIdentifier ?? '(none)'}`,
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
 * (exactly, as a variant or as a subset including the first given name), and birth years must
 * not be far apart; otherwise the pair goes to a person in review.
 */
export function linkGuard(levels: Int8Array, offset = 0): string | undefined {
  const given = levels[offset]!;
  if (given === MISSING) return 'no given name to compare';
  if (given > 2) return 'given names differ';
  // Birth years three or more apart: parent and child with the same names look like this.
  const birth = levels[offset + 3]!;
  if (birth === FAR_YEAR || birth === YEAR_FAR) return 'birth years far apart';
  return undefined;
}

const FAR_YEAR = FIELD_LEVELS.birthDate.indexOf('farYear');
const YEAR_FAR = FIELD_LEVELS.birthDate.indexOf('yearFar');

/**
 * Prior log-odds that two records are the same person, estimated from the data: the expected
 * number of matching pairs is the sum of match probabilities over the candidate pairs (pairs
 * outside the blocks contribute next to nothing), which in turn depends on the prior; a few
 * fixed-point iterations settle it. Clamped to a sane range of 0.1 to 10 duplicates per record.
 */
export function estimatePrior(base: Float64Array, known: Uint8Array, records: number, start: number): number {
  const totalPairs = (records * (records - 1)) / 2;
  if (totalPairs <= 0) return start;
  let prior = start;
  for (let it = 0; it < 20; it++) {
    let expected = 0;
    for (let p = 0; p < base.length; p++) expected += known[p] ? 1 : 1 / (1 + 2 ** -(prior + base[p]!));
    const lambda = Math.max(expected, 1) / totalPairs;
    const next = Math.log2(lambda / (1 - lambda));
    const lo = Math.log2((0.1 * records) / 2 / totalPairs);
    const hi = Math.log2((10 * records) / 2 / totalPairs);
    const clamped = Math.min(hi, Math.max(lo, next));
    if (Math.abs(clamped - prior) < 0.01) return clamped;
    prior = clamped;
  }
  return prior;
}

/** Growable store of compared candidate pairs. */
class PairStore {
  size = 0;
  i = new Int32Array(1024);
  j = new Int32Array(1024);
  levels = new Int8Array(1024 * FIELD_NAMES.length);
  nameTf = new Float32Array(1024);
  municipalityTf = new Float32Array(1024);
  known = new Uint8Array(1024);
  swapped = new Uint8Array(1024);

  push(i: number, j: number, v: ComparisonVector, tf: readonly [number, number, number], known: boolean): void {
    if (this.size === this.i.length) this.grow();
    const p = this.size++;
    this.i[p] = i;
    this.j[p] = j;
    this.levels.set(v.levels, p * FIELD_NAMES.length);
    this.nameTf[p] = tf[0] + tf[1];
    this.municipalityTf[p] = tf[2];
    this.known[p] = known ? 1 : 0;
    this.swapped[p] = v.swapped ? 1 : 0;
  }

  private grow(): void {
    const n = this.i.length * 2;
    const grow = <T extends Int32Array | Int8Array | Float32Array | Uint8Array>(a: T, size: number): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.i = grow(this.i, n);
    this.j = grow(this.j, n);
    this.levels = grow(this.levels, n * FIELD_NAMES.length);
    this.nameTf = grow(this.nameTf, n);
    this.municipalityTf = grow(this.municipalityTf, n);
    this.known = grow(this.known, n);
    this.swapped = grow(this.swapped, n);
  }
}

/** Matches records among themselves and returns the pairs to link or review. */
export function matchRecords(records: readonly PersonRecord[], options: MatchOptions = {}): MatchResult {
  const ctx = new MatchContext(records, options);
  const n = records.length;
  const store = new PairStore();

  // Records sharing an identifier are one person whatever else they say (the link map rule).
  const byIdentifier = new Map<string, number[]>();
  records.forEach((r, i) => {
    const id = recordIdentifier(r);
    if (!id) return;
    const key = identifierKey(id);
    const list = byIdentifier.get(key);
    if (list) list.push(i);
    else byIdentifier.set(key, [i]);
  });
  const identifierPairs = new Set<number>();
  for (const list of byIdentifier.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const i = list[x]!;
        const j = list[y]!;
        identifierPairs.add(i * n + j);
        const v = ctx.comparison(i, j);
        store.push(i, j, v, ctx.tfBits(i, v), true);
      }
    }
  }

  const blockingStats = forEachCandidatePair(
    ctx.prepared,
    ctx.table,
    (i, j) => {
      if (identifierPairs.size > 0 && identifierPairs.has(i * n + j)) return;
      const v = ctx.comparison(i, j);
      store.push(i, j, v, ctx.tfBits(i, v), false);
    },
    options.blocking ?? DEFAULT_BLOCKING,
  );

  let emIterations = 0;
  if (options.estimateM !== false && store.size > 0) {
    const em = estimateM(
      ctx.model,
      {
        levels: store.levels.subarray(0, store.size * FIELD_NAMES.length),
        nameTf: store.nameTf.subarray(0, store.size),
        municipalityTf: store.municipalityTf.subarray(0, store.size),
        known: store.known.subarray(0, store.size),
      },
      DEFAULT_SESSIONS,
      options.em ?? DEFAULT_EM,
    );
    ctx.model = withM(ctx.model, em.m);
    emIterations = em.iterations.reduce((a, b) => a + b, 0);
  }

  // Scores without the prior, once; then the prior odds from the data unless given.
  const nf = FIELD_NAMES.length;
  const base = new Float64Array(store.size);
  for (let p = 0; p < store.size; p++) {
    base[p] = levelWeightSum(ctx.model, store.levels, p * nf) + store.nameTf[p]! + store.municipalityTf[p]!;
  }
  if (options.expectedDuplicatesPerRecord === undefined) {
    ctx.model = { ...ctx.model, priorLogOdds: estimatePrior(base, store.known.subarray(0, store.size), n, ctx.model.priorLogOdds) };
  }

  const pairs: PairDecision[] = [];
  const evidenceFor = options.evidence ?? 'review';
  let links = 0;
  let reviews = 0;
  let identifierLinks = 0;
  for (let p = 0; p < store.size; p++) {
    const i = store.i[p]!;
    const j = store.j[p]!;
    const score = ctx.model.priorLogOdds + base[p]!;
    const known = store.known[p] === 1;
    const d = known ? { decision: 'link' as const } : ctx.decideScore(score, store.levels, p * nf);
    if (d.decision === 'new') continue;
    if (d.decision === 'link') links++;
    else reviews++;
    if (known) identifierLinks++;
    const withEvidence = evidenceFor === 'all' || (evidenceFor === 'review' && d.decision === 'review');
    pairs.push({
      a: records[i]!.recordId,
      b: records[j]!.recordId,
      decision: d.decision,
      score: Math.round(score * 100) / 100,
      basis: known ? 'identifier' : 'score',
      ...(d.capped ? { capped: d.capped } : {}),
      swappedNames: store.swapped[p] === 1,
      ...(withEvidence ? { evidence: ctx.explain(i, j) } : {}),
    });
  }
  return {
    pairs,
    stats: { ...blockingStats, records: n, links, reviews, identifierLinks, emIterations },
    model: ctx.model,
  };
}

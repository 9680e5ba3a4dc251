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
  TYPICAL_U,
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
  /**
   * A pair of records scoring below this (or failing the link guard) is in conflict: two clusters
   * containing such a pair are not merged by a link between other members.
   */
  readonly conflict: number;
}

/**
 * Thresholds in bits. The link threshold is low in probability terms because the scores are
 * conservative (term frequencies within nationality, conditional independence) and because every
 * link must also pass the guard and the cluster consistency check; chosen on a tuning seed for
 * precision ≥ 0.99 and validated on other seeds (see README).
 */
export const DEFAULT_THRESHOLDS: Thresholds = { link: -1, review: -4, conflict: -6 };

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
  /** Random pairs drawn to measure u-probabilities of the name fields (ten times as many for the others). */
  readonly uSampleSize?: number;
  /**
   * u-probabilities measured before on (nearly) the same population, e.g. kept by a caller that
   * matches one new record at a time: skips the sampling, which costs the same however few
   * records there are.
   */
  readonly u?: LevelProbabilities;
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
  /**
   * `identifier`: both records carry the same identifier; `score`: the pair's own score;
   * `cluster`: linked through other records of the same person (its own score may be lower).
   */
  readonly basis: 'identifier' | 'score' | 'cluster';
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
  /** Links refused because they would have put conflicting records into one person. */
  readonly refusedMerges: number;
  readonly emIterations: number;
}

export interface MatchResult {
  /** Pairs decided `link` or `review`; every other pair is implicitly `new`. */
  readonly pairs: readonly PairDecision[];
  /** Persons found: record ids of every cluster of two or more linked records. */
  readonly clusters: readonly (readonly string[])[];
  readonly stats: MatchStats;
  readonly model: MatchModel;
}

/** Prepared records with their token table, frequencies and model: everything needed to score. */
export class MatchContext {
  readonly table = new TokenTable();
  readonly prepared: PreparedRecord[];
  model: MatchModel;
  /** The u-probabilities the model was built with (given, or measured on these records). */
  readonly u: LevelProbabilities;
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
    // Term frequencies: the share of records whose names contain a vowel skeleton, pooled across
    // given and family names (names move between the fields, and variants share a skeleton),
    // overall and within each nationality.
    const overall = new Map<string, number>();
    const byNationality = new Map<string, { counts: Map<string, number>; tokens: number }>();
    const recordCount = this.prepared.length;
    for (const p of this.prepared) {
      let group = byNationality.get(p.nationality);
      if (!group) {
        group = { counts: new Map(), tokens: 0 };
        byNationality.set(p.nationality, group);
      }
      group.tokens++; // counts records
      for (const s of new Set([...p.given, ...p.family].map((id) => this.table.skeletons[id]!))) {
        overall.set(s, (overall.get(s) ?? 0) + 1);
        group.counts.set(s, (group.counts.get(s) ?? 0) + 1);
      }
    }
    const tokens = recordCount;
    const floor = 1 / Math.max(recordCount, 1);
    // Frequencies are shrunk towards a typical name's share by this many pseudo-records, so
    // that in a small file a name is not "common" merely for occurring twice.
    const shrinkRecords = 100;
    const typicalShare = TYPICAL_U.given[0]!;
    // Small groups say little about their own name distribution: below this, use the overall one.
    const minGroupTokens = 200;
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
        const count = group ? (group.counts.get(s) ?? 0) : (overall.get(s) ?? 0);
        const total = group ? group.tokens : tokens;
        f = Math.max(floor, (count + shrinkRecords * typicalShare) / (total + shrinkRecords));
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
    const u = options.u ?? this.estimateU(options.uSampleSize ?? 30000, options.seed ?? 20240229);
    this.u = u;
    const n = Math.max(this.prepared.length, 2);
    const prior = Math.log2((options.expectedDuplicatesPerRecord ?? 1) / (n - 1));
    const nameReference: [number, number] = [u.given[0]!, u.family[0]!];
    this.model = buildModel(
      options.m ?? DEFAULT_M,
      u,
      nameReference,
      municipalityReference,
      prior,
      options.tf ?? DEFAULT_TF,
    );
  }

  /** u-probabilities from random record pairs (nearly all of which are different persons). */
  private estimateU(samples: number, seed: number): LevelProbabilities {
    const rng = createRng(seed);
    const counts = {} as Record<FieldName, number[]>;
    for (const f of FIELD_NAMES) counts[f] = FIELD_LEVELS[f].map(() => 0);
    const n = this.prepared.length;
    if (n < 2) return uFromCounts(counts);
    // Cheap fields get more samples than names: exact birth dates agree rarely.
    const cheapSamples = samples * 10;
    const nameless = this.prepared.map((p) => ({ ...p, given: [], family: [], script: [], scriptKey: '' }));
    const scratch = new Int8Array(FIELD_NAMES.length);
    for (let s = 0; s < cheapSamples; s++) {
      const i = rng.int(n);
      let j = rng.int(n - 1);
      if (j >= i) j++;
      const full = s < samples;
      // Random pairs rarely repeat: computing without the memo keeps it small for the real work.
      const v = full
        ? compareRecords(this.table, this.prepared[i]!, this.prepared[j]!, this.frequency, false, scratch).levels
        : compareRecords(this.table, nameless[i]!, nameless[j]!, this.frequency, false, scratch).levels;
      for (let f = full ? 0 : 3; f < FIELD_NAMES.length; f++) {
        const level = v[f]!;
        if (level !== MISSING) counts[FIELD_NAMES[f]!][level]!++;
      }
    }
    // A small file has fewer distinct pairs than draws: count each at most once on average.
    const pairs = (n * (n - 1)) / 2;
    for (const f of FIELD_NAMES) {
      const drawn = f === 'given' || f === 'family' || f === 'originalScript' ? samples : cheapSamples;
      const scale = Math.min(1, pairs / drawn);
      counts[f] = counts[f].map((c) => c * scale);
    }
    return uFromCounts(counts);
  }

  comparison(i: number, j: number, out?: Int8Array): ComparisonVector {
    return compareRecords(this.table, this.prepared[i]!, this.prepared[j]!, this.frequency, true, out);
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
 * (exactly, as a variant or as a subset including the first given name), birth years must not
 * be far apart, and a different sex needs identical given names; otherwise the pair goes to a
 * person in review.
 */
export function linkGuard(levels: Int8Array, offset = 0): string | undefined {
  const given = levels[offset]!;
  if (given === MISSING) return NO_GIVEN_NAME;
  if (given > 2) return 'given names differ';
  // Birth years three or more apart: parent and child with the same names look like this.
  const birth = levels[offset + 3]!;
  if (birth === FAR_YEAR || birth === YEAR_FAR) return 'birth years far apart';
  // A different sex with given names only similar: brother and sister (Amir / Amira).
  if (given > 0 && levels[offset + 4] === SEX_DISAGREE) return 'sex differs and given names are not identical';
  return undefined;
}

const SEX_DISAGREE = FIELD_LEVELS.sex.indexOf('disagree');
const GIVEN_DISAGREE = FIELD_LEVELS.given.indexOf('disagree');

/**
 * Field combinations that rule out one person however the rest scores: given names that share
 * nothing, or birth years far apart. (Merely similar given names are not a conflict: a typo in
 * one record must not keep a person's records apart.)
 */
export function conflictingFields(levels: Int8Array, offset = 0): boolean {
  const birth = levels[offset + 3]!;
  return levels[offset] === GIVEN_DISAGREE || birth === FAR_YEAR || birth === YEAR_FAR;
}
const NO_GIVEN_NAME = 'no given name to compare';

const FAR_YEAR = FIELD_LEVELS.birthDate.indexOf('farYear');
const YEAR_FAR = FIELD_LEVELS.birthDate.indexOf('yearFar');

/**
 * Prior log-odds that two records are the same person, estimated from the data: the expected
 * number of matching pairs is the sum of match probabilities over the candidate pairs (pairs
 * outside the blocks contribute next to nothing), which in turn depends on the prior; a few
 * fixed-point iterations settle it. Clamped to a sane range of 0.1 to 10 duplicates per record
 * and to even odds at most (tiny inputs).
 */
export function estimatePrior(base: Float64Array, known: Uint8Array, records: number, start: number): number {
  const totalPairs = (records * (records - 1)) / 2;
  if (totalPairs <= 0) return start;
  // Pool scores to 0.05 bits: the sum needs no more precision, and iterations get cheap.
  const pooled = new Map<number, number>();
  let knownCount = 0;
  for (let p = 0; p < base.length; p++) {
    if (known[p]) knownCount++;
    else {
      const key = Math.round(base[p]! * 20);
      pooled.set(key, (pooled.get(key) ?? 0) + 1);
    }
  }
  let prior = start;
  for (let it = 0; it < 20; it++) {
    let expected = knownCount;
    for (const [key, count] of pooled) expected += count / (1 + 2 ** -(prior + key / 20));
    const odds = (l: number): number => Math.log2(l / (1 - l));
    const lambda = Math.min(0.5, Math.max(expected, 1) / totalPairs);
    const lo = odds(Math.min(0.5, (0.1 * records) / 2 / totalPairs));
    const hi = odds(Math.min(0.5, (10 * records) / 2 / totalPairs));
    const clamped = Math.min(hi, Math.max(lo, odds(lambda)));
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

  const scratch = new Int8Array(FIELD_NAMES.length);
  const blockingStats = forEachCandidatePair(
    ctx.prepared,
    ctx.table,
    (i, j) => {
      if (identifierPairs.size > 0 && identifierPairs.has(i * n + j)) return;
      const v = ctx.comparison(i, j, scratch);
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
    ctx.model = {
      ...ctx.model,
      priorLogOdds: estimatePrior(base, store.known.subarray(0, store.size), n, ctx.model.priorLogOdds),
    };
  }

  // Decisions: candidate links are applied identifier links first, then by falling score, each
  // merging two clusters only if no pair across them is in conflict (scores below the conflict
  // threshold or fails the guard): a namesake linked to one record of a person is caught by the
  // person's other records. Refused links go to review.
  const th = ctx.thresholds;
  const clusters = new Clusters(n);
  const order: number[] = [];
  const reviewPairs: number[] = [];
  const capped = new Map<number, string>();
  for (let p = 0; p < store.size; p++) {
    const known = store.known[p] === 1;
    const score = ctx.model.priorLogOdds + base[p]!;
    const d = known ? { decision: 'link' as const } : ctx.decideScore(score, store.levels, p * nf);
    if (d.decision === 'link') order.push(p);
    else if (d.decision === 'review') {
      reviewPairs.push(p);
      if (d.capped) capped.set(p, d.capped);
    }
  }
  order.sort((x, y) => store.known[y]! - store.known[x]! || base[y]! - base[x]!);
  let refusedMerges = 0;
  const inConflict = (x: number, y: number): boolean => {
    const v = ctx.comparison(x, y);
    const score = ctx.score(v.levels, 0, ctx.tfOffset(x, v));
    return score < th.conflict || conflictingFields(v.levels);
  };
  for (const p of order) {
    const i = store.i[p]!;
    const j = store.j[p]!;
    const ci = clusters.find(i);
    const cj = clusters.find(j);
    if (ci === cj) continue;
    if (store.known[p] !== 1) {
      let conflict = false;
      for (const x of clusters.members(ci)) {
        for (const y of clusters.members(cj)) {
          if ((x === i && y === j) || !inConflict(x, y)) continue;
          conflict = true;
          break;
        }
        if (conflict) break;
      }
      if (conflict) {
        refusedMerges++;
        reviewPairs.push(p);
        capped.set(p, 'would join records in conflict with each other');
        continue;
      }
    }
    clusters.union(ci, cj);
  }

  const pairs: PairDecision[] = [];
  const evidenceFor = options.evidence ?? 'review';
  const direct = new Map<number, number>();
  for (const p of order) direct.set(Math.min(store.i[p]!, store.j[p]!) * n + Math.max(store.i[p]!, store.j[p]!), p);
  let links = 0;
  let identifierLinks = 0;
  const resultClusters: string[][] = [];
  for (const members of clusters.all()) {
    if (members.length < 2) continue;
    const sorted = [...members].sort((x, y) => x - y);
    resultClusters.push(sorted.map((x) => records[x]!.recordId));
    for (let x = 0; x < sorted.length; x++) {
      for (let y = x + 1; y < sorted.length; y++) {
        const i = sorted[x]!;
        const j = sorted[y]!;
        const p = direct.get(i * n + j);
        let score: number;
        let basis: PairDecision['basis'];
        let swapped: boolean;
        if (p !== undefined && !capped.has(p)) {
          score = ctx.model.priorLogOdds + base[p]!;
          basis = store.known[p] === 1 ? 'identifier' : 'score';
          swapped = store.swapped[p] === 1;
        } else {
          const v = ctx.comparison(i, j);
          score = ctx.score(v.levels, 0, ctx.tfOffset(i, v));
          basis =
            records[i]!.agencyIdentifier !== undefined && sameIdentifier(records[i]!, records[j]!)
              ? 'identifier'
              : 'cluster';
          swapped = v.swapped;
        }
        links++;
        if (basis === 'identifier') identifierLinks++;
        pairs.push({
          a: records[i]!.recordId,
          b: records[j]!.recordId,
          decision: 'link',
          score: Math.round(score * 100) / 100,
          basis,
          swappedNames: swapped,
          ...(evidenceFor === 'all' ? { evidence: ctx.explain(i, j) } : {}),
        });
      }
    }
  }
  let reviews = 0;
  for (const p of reviewPairs) {
    const i = store.i[p]!;
    const j = store.j[p]!;
    // Records that ended up in one person through other links need no review.
    if (clusters.find(i) === clusters.find(j)) continue;
    reviews++;
    const reason = capped.get(p);
    pairs.push({
      a: records[i]!.recordId,
      b: records[j]!.recordId,
      decision: 'review',
      score: Math.round((ctx.model.priorLogOdds + base[p]!) * 100) / 100,
      basis: 'score',
      ...(reason ? { capped: reason } : {}),
      swappedNames: store.swapped[p] === 1,
      ...(evidenceFor !== 'none' ? { evidence: ctx.explain(i, j) } : {}),
    });
  }
  return {
    pairs,
    clusters: resultClusters,
    stats: { ...blockingStats, records: n, links, reviews, identifierLinks, refusedMerges, emIterations },
    model: ctx.model,
  };
}

function sameIdentifier(a: PersonRecord, b: PersonRecord): boolean {
  const ia = recordIdentifier(a);
  const ib = recordIdentifier(b);
  return ia !== undefined && ib !== undefined && identifierKey(ia) === identifierKey(ib);
}

/** Union–find over record indices that also lists members, for the consistency check. */
class Clusters {
  private readonly parent: Int32Array;
  private readonly lists: (number[] | undefined)[];

  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
    this.lists = new Array<number[] | undefined>(n);
  }

  find(x: number): number {
    let r = x;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[x] !== r) {
      const next = this.parent[x]!;
      this.parent[x] = r;
      x = next;
    }
    return r;
  }

  members(root: number): readonly number[] {
    return this.lists[root] ?? [root];
  }

  union(a: number, b: number): void {
    const [big, small] = this.members(a).length >= this.members(b).length ? [a, b] : [b, a];
    this.parent[small] = big;
    this.lists[big] = [...this.members(big), ...this.members(small)];
    this.lists[small] = undefined;
  }

  *all(): Iterable<readonly number[]> {
    for (let i = 0; i < this.parent.length; i++) if (this.parent[i] === i) yield this.members(i);
  }
}

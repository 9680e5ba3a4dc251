/**
 * Fellegi–Sunter weights. For every field and comparison level, m = P(level | same person) and
 * u = P(level | different persons); the evidence of a level is log2(m / u) bits, and a pair's
 * score is the prior log-odds plus the sum over fields.
 *
 *  - u is measured on the data being matched, from random record pairs (nearly all non-matches);
 *  - m starts from documented priors and is re-estimated by expectation–maximisation on the
 *    candidate pairs (pairs linked by a shared identifier count as known matches);
 *  - agreement on a name or municipality is re-weighted by how common the agreeing value is
 *    (term frequency): sharing "Mohammed" is weaker evidence than sharing "Tesfamariam".
 */
import {
  BIRTH_LEVEL_CLASS,
  FIELD_LEVELS,
  FIELD_NAMES,
  MISSING,
  type ComparisonVector,
  type FieldName,
} from './comparison.js';

export type LevelProbabilities = Readonly<Record<FieldName, readonly number[]>>;

/**
 * Prior m-probabilities: how often two records of the same person fall on each level. Within a
 * field they sum to 1 (birth date: per class, both dates full or at least one year-only). They
 * express data quality of agency records: transliteration variants frequent, typos occasional,
 * sex and nationality mostly stable, municipality changes with moves. EM refines them.
 */
export const DEFAULT_M: LevelProbabilities = {
  //       exact strong partial middle medium weak  disagree
  given: [0.55, 0.25, 0.1, 0.01, 0.04, 0.03, 0.02],
  family: [0.6, 0.2, 0.08, 0.01, 0.05, 0.03, 0.03],
  // Agreement carries no weight of its own (it lifts the name levels instead); disagreement does.
  //              exact similar disagree
  originalScript: [0.75, 0.17, 0.08],
  //         exact transp typo sameYr nearYr farYr | yearAgree yearNear yearFar
  birthDate: [0.86, 0.02, 0.05, 0.03, 0.03, 0.01, 0.85, 0.13, 0.02],
  sex: [0.98, 0.02],
  nationality: [0.95, 0.05],
  municipality: [0.85, 0.15],
  //          same  azrTypo azrDiff numDiff household sameAgency other
  identifier: [0.08, 0.005, 0.01, 0.01, 0.01, 0.02, 0.865],
};

/** Level classes within a field: levels of different classes never compete (birth date only). */
export function levelClasses(field: FieldName): readonly number[] {
  return field === 'birthDate' ? BIRTH_LEVEL_CLASS : FIELD_LEVELS[field].map(() => 0);
}

/** Term-frequency adjustment: a common name is weaker evidence, a rare one stronger. */
export interface TermFrequencyOptions {
  /** Bounds of the adjustment in bits; a unique value is more often a typo than a rare name. */
  readonly minAdjust: number;
  readonly maxAdjust: number;
}

export const DEFAULT_TF: TermFrequencyOptions = { minAdjust: -6, maxAdjust: 3 };

export interface MatchModel {
  readonly m: LevelProbabilities;
  readonly u: LevelProbabilities;
  /** Precomputed weight per field and level: log2(m/u), except original-script agreement (0). */
  readonly weights: Readonly<Record<FieldName, readonly number[]>>;
  /**
   * Reference of the name term-frequency adjustment: the measured u of exact agreement of given
   * and family names. Agreement on value v then weighs log2(m / u_v): the level weight
   * log2(m / u_exact) plus log2(u_exact / u_v).
   */
  readonly nameReference: readonly [number, number];
  /** Σ p² of the municipality distribution. */
  readonly municipalityReference: number;
  readonly tf: TermFrequencyOptions;
  /** log2 of the prior odds that a random pair of records is the same person. */
  readonly priorLogOdds: number;
}

const SCRIPT_DISAGREE = FIELD_LEVELS.originalScript.indexOf('disagree');
const SAME_HOUSEHOLD = FIELD_LEVELS.identifier.indexOf('sameHousehold');

export function buildModel(
  m: LevelProbabilities,
  u: LevelProbabilities,
  nameReference: readonly [number, number],
  municipalityReference: number,
  priorLogOdds: number,
  tf: TermFrequencyOptions = DEFAULT_TF,
): MatchModel {
  const weights = {} as Record<FieldName, number[]>;
  for (const f of FIELD_NAMES) weights[f] = m[f].map((mi, l) => Math.log2(mi / u[f][l]!));
  // The original script only speaks against a pair: its agreement is already in the name levels.
  weights.originalScript = weights.originalScript.map((w, l) => (l === SCRIPT_DISAGREE ? w : 0));
  // A shared household number says "same family", which is not evidence of one person: siblings,
  // parents and children share it. It carries no weight (the family guards use it instead).
  weights.identifier = weights.identifier.map((w, l) => (l === SAME_HOUSEHOLD ? 0 : w));
  return { m, u, weights, nameReference, municipalityReference, tf, priorLogOdds };
}

/** The same model with other m-probabilities. */
export function withM(model: MatchModel, m: LevelProbabilities): MatchModel {
  return buildModel(m, model.u, model.nameReference, model.municipalityReference, model.priorLogOdds, model.tf);
}

/**
 * Typical u-probabilities, measured on synthetic newcomer populations of 15,000 persons. They
 * only anchor the estimate from the data (as pseudo-pairs), so that a small input file, whose
 * random pairs say little, still gets sensible weights.
 */
export const TYPICAL_U: LevelProbabilities = {
  given: [0.002, 0.002, 0.0015, 0.001, 0.003, 0.009, 0.9815],
  family: [0.003, 0.0025, 0.0006, 0.0005, 0.005, 0.018, 0.9704],
  originalScript: [0.0002, 0.001, 0.9988],
  birthDate: [0.00012, 0.00002, 0.0018, 0.023, 0.092, 0.88306, 0.024, 0.092, 0.884],
  sex: [0.5, 0.5],
  nationality: [0.2, 0.8],
  municipality: [0.08, 0.92],
  identifier: [0.000005, 0.000001, 0.19, 0.035, 0.0005, 0.011, 0.763494],
};

/** Weight of TYPICAL_U in pseudo-pairs. */
export const TYPICAL_U_PAIRS = 1000;

/**
 * Turns level counts from random pairs into u-probabilities, per level class, shrunk towards
 * TYPICAL_U by TYPICAL_U_PAIRS pseudo-pairs (so that a level never seen among the sampled pairs
 * does not get an infinite weight, and a tiny input does not get wild ones).
 */
export function uFromCounts(counts: Readonly<Record<FieldName, readonly number[]>>): LevelProbabilities {
  const out = {} as Record<FieldName, number[]>;
  for (const f of FIELD_NAMES) {
    const classes = levelClasses(f);
    const typical = TYPICAL_U[f];
    const sums = new Map<number, number>();
    const typicalSums = new Map<number, number>();
    counts[f].forEach((c, l) => {
      sums.set(classes[l]!, (sums.get(classes[l]!) ?? 0) + c);
      typicalSums.set(classes[l]!, (typicalSums.get(classes[l]!) ?? 0) + typical[l]!);
    });
    out[f] = counts[f].map((c, l) => {
      const k = classes[l]!;
      const prior = typical[l]! / typicalSums.get(k)!;
      return (c + TYPICAL_U_PAIRS * prior) / (sums.get(k)! + TYPICAL_U_PAIRS);
    });
  }
  return out;
}

/** Name levels whose agreement is re-weighted by term frequency: exact, strong, partial. */
const TF_NAME_LEVELS = 2;
/** At a contained or merely similar level (middle, medium) a common name still weakens; a rare one does not help. */
const TF_PENALTY_ONLY_LEVEL = 4;

function clampAdjust(model: MatchModel, adj: number): number {
  return Math.min(model.tf.maxAdjust, Math.max(model.tf.minAdjust, adj));
}

export function nameTfAdjustment(model: MatchModel, field: 0 | 1, frequency: number, level: number): number {
  if (frequency <= 0 || level < 0 || level > TF_PENALTY_ONLY_LEVEL) return 0;
  const adj = clampAdjust(model, Math.log2(model.nameReference[field] / frequency));
  return level <= TF_NAME_LEVELS ? adj : Math.min(0, adj);
}

/** Term-frequency adjustment per field (bits), added to the level weights. */
export function tfAdjustments(
  model: MatchModel,
  v: ComparisonVector,
  municipalityFrequency: number,
): [number, number, number] {
  const given = nameTfAdjustment(model, 0, v.givenFrequency, v.levels[0]!);
  const family = nameTfAdjustment(model, 1, v.familyFrequency, v.levels[1]!);
  const municipality =
    v.levels[6] === 0 && municipalityFrequency > 0
      ? clampAdjust(model, Math.log2(model.municipalityReference / municipalityFrequency))
      : 0;
  return [given, family, municipality];
}

/** Weight of each field for one compared pair (0 for missing values), with term frequency. */
export function fieldWeights(model: MatchModel, v: ComparisonVector, municipalityFrequency: number): Float64Array {
  const w = new Float64Array(FIELD_NAMES.length);
  for (let f = 0; f < FIELD_NAMES.length; f++) {
    const level = v.levels[f]!;
    w[f] = level === MISSING ? 0 : model.weights[FIELD_NAMES[f]!][level]!;
  }
  const [g, fam, mu] = tfAdjustments(model, v, municipalityFrequency);
  w[0] = w[0]! + g;
  w[1] = w[1]! + fam;
  w[6] = w[6]! + mu;
  return w;
}

/** Sum of level weights of a pair (levels at `offset` in a flat array), without prior and TF. */
export function levelWeightSum(model: MatchModel, levels: Int8Array, offset = 0): number {
  let s = 0;
  for (let f = 0; f < FIELD_NAMES.length; f++) {
    const level = levels[offset + f]!;
    if (level !== MISSING) s += model.weights[FIELD_NAMES[f]!][level]!;
  }
  return s;
}

export interface EmOptions {
  readonly maxIterations: number;
  /** Weight of the prior m as pseudo-pairs; keeps rare levels from collapsing to 0 or 1. */
  readonly priorStrength: number;
  readonly tolerance: number;
}

export const DEFAULT_EM: EmOptions = { maxIterations: 30, priorStrength: 200, tolerance: 1e-4 };

/** Compared candidate pairs as flat arrays (FIELD_NAMES.length levels per pair). */
export interface PairSample {
  readonly levels: Int8Array;
  /** Term-frequency bits of the name fields, per pair. */
  readonly nameTf: Float32Array;
  /** Term-frequency bits of the municipality, per pair. */
  readonly municipalityTf: Float32Array;
  /** 1 for pairs known to match (shared identifier). */
  readonly known: Uint8Array;
}

/**
 * One EM "session": pairs selected by agreement on some fields, m estimated for the others.
 * Blocking picks pairs by what they agree on, so among candidates those fields no longer tell
 * matches from non-matches the way u (measured on random pairs) says; a session therefore
 * conditions on them and only lets the remaining fields speak (the approach of Splink).
 */
export interface EmSession {
  readonly select: (levels: Int8Array, offset: number) => boolean;
  /** Fields used in the E-step and re-estimated. */
  readonly fields: readonly FieldName[];
}

const NAME_FIELDS: readonly FieldName[] = ['given', 'family', 'originalScript'];

/**
 * Default sessions: names, sex and nationality are learnt among pairs with the same full birth
 * date; birth date among pairs whose given and family names both agree; municipality and
 * identifiers in both. Sex and
 * nationality stay out of the second session: namesakes share them through their culture, so
 * there they would look like evidence of a match.
 */
export const DEFAULT_SESSIONS: readonly EmSession[] = [
  {
    select: (l, o) => l[o + 3] === 0,
    fields: ['given', 'family', 'originalScript', 'sex', 'nationality', 'municipality', 'identifier'],
  },
  {
    select: (l, o) => l[o] !== MISSING && l[o]! <= 1 && l[o + 1] !== MISSING && l[o + 1]! <= 1,
    fields: ['birthDate', 'municipality', 'identifier'],
  },
];

export interface EmResult {
  readonly m: LevelProbabilities;
  /** Iterations per session. */
  readonly iterations: readonly number[];
}

/**
 * Expectation–maximisation of m, u held fixed (it is measured directly), in sessions. A field
 * estimated in several sessions gets the mean of their estimates. Pairs with equal active levels
 * and term-frequency bits (to 0.1) are pooled, so an iteration costs the number of distinct
 * patterns, not of pairs.
 */
export function estimateM(
  model: MatchModel,
  sample: PairSample,
  sessions: readonly EmSession[] = DEFAULT_SESSIONS,
  options: EmOptions = DEFAULT_EM,
): EmResult {
  const sums = {} as Record<FieldName, number[]>;
  const times = {} as Record<FieldName, number>;
  const iterations: number[] = [];
  for (const session of sessions) {
    const result = runSession(model, sample, session, options);
    iterations.push(result.iterations);
    for (const f of session.fields) {
      const prev = sums[f] ?? model.m[f].map(() => 0);
      sums[f] = prev.map((x, l) => x + result.m[f][l]!);
      times[f] = (times[f] ?? 0) + 1;
    }
  }
  const m = {} as Record<FieldName, readonly number[]>;
  for (const f of FIELD_NAMES) m[f] = sums[f] ? sums[f].map((x) => x / times[f]) : model.m[f];
  return { m, iterations };
}

function runSession(
  model: MatchModel,
  sample: PairSample,
  session: EmSession,
  options: EmOptions,
): { m: LevelProbabilities; iterations: number } {
  const nf = FIELD_NAMES.length;
  const active = FIELD_NAMES.map((f) => session.fields.includes(f));
  const usesNames = session.fields.some((f) => NAME_FIELDS.includes(f));
  const usesMunicipality = session.fields.includes('municipality');
  const n = sample.known.length;
  const patternIndex = new Map<number, number>();
  const patternLevels: number[] = [];
  const patternOffset: number[] = [];
  const patternCount: number[] = [];
  const knownCounts = {} as Record<FieldName, number[]>;
  FIELD_NAMES.forEach((f) => {
    knownCounts[f] = model.m[f].map(() => 0);
  });
  let selected = 0;
  for (let p = 0; p < n; p++) {
    const o = p * nf;
    if (!session.select(sample.levels, o)) continue;
    selected++;
    if (sample.known[p]) {
      for (let f = 0; f < nf; f++) {
        const level = sample.levels[o + f]!;
        if (active[f] && level !== MISSING) knownCounts[FIELD_NAMES[f]!][level]!++;
      }
      continue;
    }
    // Pattern key: active levels (base 16, MISSING shifted to 0) and term-frequency bits.
    let key = 0;
    for (let f = 0; f < nf; f++) key = key * 16 + (active[f] ? sample.levels[o + f]! + 1 : 0);
    const bits = Math.round(
      ((usesNames ? sample.nameTf[p]! : 0) + (usesMunicipality ? sample.municipalityTf[p]! : 0)) * 10,
    );
    key = key * 4096 + (bits + 2048);
    let idx = patternIndex.get(key);
    if (idx === undefined) {
      idx = patternCount.length;
      patternIndex.set(key, idx);
      for (let f = 0; f < nf; f++) patternLevels.push(active[f] ? sample.levels[o + f]! : MISSING);
      patternOffset.push(bits / 10);
      patternCount.push(0);
    }
    patternCount[idx]!++;
  }
  const np = patternCount.length;
  if (selected === 0) return { m: model.m, iterations: 0 };
  const posterior = new Float64Array(np);
  const knownInSession = selected - patternCount.reduce((a, b) => a + b, 0);
  let current = model;
  let share = 0.5;
  let iterations = 0;
  for (; iterations < options.maxIterations; iterations++) {
    const priorBits = Math.log2(share / (1 - share));
    let expected = knownInSession;
    for (let q = 0; q < np; q++) {
      let bits = priorBits + patternOffset[q]!;
      for (let f = 0; f < nf; f++) {
        const level = patternLevels[q * nf + f]!;
        if (level !== MISSING) bits += current.weights[FIELD_NAMES[f]!][level]!;
      }
      posterior[q] = 1 / (1 + 2 ** -bits);
      expected += posterior[q]! * patternCount[q]!;
    }
    share = Math.min(0.999, Math.max(1e-6, expected / selected));
    const counts = {} as Record<FieldName, number[]>;
    FIELD_NAMES.forEach((f) => {
      counts[f] = [...knownCounts[f]];
    });
    for (let q = 0; q < np; q++) {
      const weight = posterior[q]! * patternCount[q]!;
      for (let f = 0; f < nf; f++) {
        const level = patternLevels[q * nf + f]!;
        if (level !== MISSING) counts[FIELD_NAMES[f]!][level]! += weight;
      }
    }
    const m = {} as Record<FieldName, readonly number[]>;
    let delta = 0;
    for (const f of FIELD_NAMES) {
      if (!session.fields.includes(f)) {
        m[f] = current.m[f];
        continue;
      }
      const prior = model.m[f]; // the model passed in carries the prior m
      const classes = levelClasses(f);
      const classTotals = new Map<number, number>();
      counts[f].forEach((c, l) => classTotals.set(classes[l]!, (classTotals.get(classes[l]!) ?? 0) + c));
      const next = counts[f].map(
        (c, l) => (c + options.priorStrength * prior[l]!) / (classTotals.get(classes[l]!)! + options.priorStrength),
      );
      next.forEach((x, l) => {
        delta = Math.max(delta, Math.abs(x - current.m[f][l]!));
      });
      m[f] = next;
    }
    current = withM(model, m);
    if (delta < options.tolerance) break;
  }
  return { m: current.m, iterations };
}

/**
 * Fellegi–Sunter weights. For every field and comparison level, m = P(level | same person) and
 * u = P(level | different persons); the evidence of a level is log2(m / u) bits, and a pair's
 * score is the prior log-odds plus the sum over fields. m comes from documented priors (data
 * quality of agency records); u is measured on the data being matched (random record pairs);
 * name and municipality agreements are re-weighted by how common the agreeing value is.
 */
import { BIRTH_LEVEL_CLASS, FIELD_LEVELS, FIELD_NAMES, MISSING, type ComparisonVector, type FieldName } from './comparison.js';

export type LevelProbabilities = Readonly<Record<FieldName, readonly number[]>>;

/**
 * m-probabilities: how often the same person's two records fall on each level. Within one field
 * they sum to 1 (birth date: per class, both-full and year-only). Set from experience with agency
 * data: transliteration variants are frequent, typos occasional, sex and nationality mostly stable,
 * municipality changes with moves.
 */
export const DEFAULT_M: LevelProbabilities = {
  //       exact strong partial medium weak  disagree
  given: [0.55, 0.25, 0.1, 0.04, 0.03, 0.03],
  family: [0.6, 0.2, 0.08, 0.05, 0.03, 0.04],
  // Agreement carries no weight of its own (see fieldWeights); disagreement does.
  //              exact similar disagree
  originalScript: [0.75, 0.17, 0.08],
  //         exact transp typo sameYr adjYr diffYr | yearAgree yearAdj yearDiff
  birthDate: [0.86, 0.03, 0.04, 0.02, 0.025, 0.025, 0.88, 0.08, 0.04],
  sex: [0.98, 0.02],
  nationality: [0.95, 0.05],
  municipality: [0.85, 0.15],
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
  /** Precomputed log2(m/u) per field and level. */
  readonly weights: Readonly<Record<FieldName, readonly number[]>>;
  /** Σ p² of the name-token frequency distribution: the chance two random tokens agree. */
  readonly nameReference: number;
  /** Σ p² of the municipality distribution. */
  readonly municipalityReference: number;
  readonly tf: TermFrequencyOptions;
  /** log2 of the prior odds that a random pair of records is the same person. */
  readonly priorLogOdds: number;
}

export function buildModel(
  m: LevelProbabilities,
  u: LevelProbabilities,
  nameReference: number,
  municipalityReference: number,
  priorLogOdds: number,
  tf: TermFrequencyOptions = DEFAULT_TF,
): MatchModel {
  const weights = {} as Record<FieldName, number[]>;
  for (const f of FIELD_NAMES) weights[f] = m[f].map((mi, l) => Math.log2(mi / u[f][l]!));
  return { m, u, weights, nameReference, municipalityReference, tf, priorLogOdds };
}

/**
 * Turns level counts from random pairs into u-probabilities, per level class, with add-half
 * smoothing so that a level never seen among random pairs does not get infinite weight.
 */
export function uFromCounts(counts: Readonly<Record<FieldName, readonly number[]>>): LevelProbabilities {
  const u = {} as Record<FieldName, number[]>;
  for (const f of FIELD_NAMES) {
    const classes = levelClasses(f);
    const totals = new Map<number, { sum: number; n: number }>();
    counts[f].forEach((c, l) => {
      const t = totals.get(classes[l]!) ?? { sum: 0, n: 0 };
      t.sum += c;
      t.n += 1;
      totals.set(classes[l]!, t);
    });
    u[f] = counts[f].map((c, l) => {
      const t = totals.get(classes[l]!)!;
      return (c + 0.5) / (t.sum + 0.5 * t.n);
    });
  }
  return u;
}

const SCRIPT_DISAGREE = FIELD_LEVELS.originalScript.indexOf('disagree');

/** Name levels whose weight is adjusted by term frequency (agreements, not disagreements). */
const TF_NAME_LEVELS = 3;

export function nameTfAdjustment(model: MatchModel, frequency: number): number {
  if (frequency <= 0) return 0;
  const adj = Math.log2(model.nameReference / frequency);
  return Math.min(model.tf.maxAdjust, Math.max(model.tf.minAdjust, adj));
}

/**
 * Weight of each field for one compared pair (0 for missing values), including term-frequency
 * adjustments. `municipalityFrequency` is the share of records in the agreeing municipality.
 */
export function fieldWeights(model: MatchModel, v: ComparisonVector, municipalityFrequency: number, out?: Float64Array): Float64Array {
  const w = out ?? new Float64Array(FIELD_NAMES.length);
  for (let f = 0; f < FIELD_NAMES.length; f++) {
    const level = v.levels[f]!;
    w[f] = level === MISSING ? 0 : model.weights[FIELD_NAMES[f]!][level]!;
  }
  // Original script only speaks against a pair: its agreement is already in the name levels.
  if (v.levels[2]! < SCRIPT_DISAGREE) w[2] = 0;
  if (v.levels[0]! >= 0 && v.levels[0]! <= TF_NAME_LEVELS) w[0]! += nameTfAdjustment(model, v.givenFrequency);
  if (v.levels[1]! >= 0 && v.levels[1]! <= TF_NAME_LEVELS) w[1]! += nameTfAdjustment(model, v.familyFrequency);
  if (v.levels[6] === 0 && municipalityFrequency > 0) {
    const adj = Math.log2(model.municipalityReference / municipalityFrequency);
    w[6]! += Math.min(model.tf.maxAdjust, Math.max(model.tf.minAdjust, adj));
  }
  return w;
}

export function totalScore(model: MatchModel, w: Float64Array): number {
  let s = model.priorLogOdds;
  for (let i = 0; i < w.length; i++) s += w[i]!;
  return s;
}

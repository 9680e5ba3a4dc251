/**
 * @kim/linkage-eval (dev only): an independent population generator and an evaluator for the
 * identity linkage of @kim/linkage. Written apart from the matcher: it shares only the record
 * format (PersonRecord) with it. No production package depends on this one.
 */
export {
  DEFAULT_PERSONS,
  DESIGN,
  generateEvalPopulation,
  type EvalPopulation,
  type EvalPopulationOptions,
} from './generate.js';
export { LOOKALIKE_KINDS, type LookalikeKind, type LookalikePair } from './lookalikes.js';
export {
  evaluateDecisions,
  type DecisionKind,
  type Evaluation,
  type KindScore,
  type LookalikeScore,
  type PairDecisionInput,
  type TruthInput,
} from './evaluate.js';
export { populationHash, recordFields } from './hash.js';
export { CULTURES, type CultureId } from './cultures.js';
export { AGENCIES } from './agencies.js';
export { Random, hashString } from './random.js';

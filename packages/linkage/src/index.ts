/**
 * @kim/linkage: identity linkage of persons known to many agencies under differing spellings.
 * Pure functions and values; the CLIs in ./cli are the only code that does I/O.
 */
export type { BirthDatePrecision, Decision, PersonRecord, Sex } from './types.js';
export {
  foldLatin,
  foldTransliteration,
  alternativeFolds,
  nameParts,
  nameTokens,
  vowelSkeleton,
  originalScriptTokens,
  normaliseMunicipality,
  normaliseNationality,
  parseBirthDate,
  type ParsedBirthDate,
} from './normalise.js';
export { tokenSimilarity, oneTypoApart, TokenTable, fieldSimilarity, type FieldSimilarity } from './similarity.js';
export {
  FIELD_LEVELS,
  FIELD_NAMES,
  MISSING,
  birthLevel,
  compareRecords,
  prepareRecord,
  type ComparisonVector,
  type FieldName,
  type PreparedRecord,
} from './comparison.js';
export {
  DEFAULT_M,
  DEFAULT_TF,
  DEFAULT_EM,
  DEFAULT_SESSIONS,
  buildModel,
  estimateM,
  fieldWeights,
  type EmOptions,
  type EmSession,
  type LevelProbabilities,
  type MatchModel,
  type TermFrequencyOptions,
} from './weights.js';
export {
  blockingKeys,
  forEachCandidatePair,
  DEFAULT_BLOCKING,
  type BlockingOptions,
  type BlockingStats,
} from './blocking.js';
export {
  DEFAULT_THRESHOLDS,
  MatchContext,
  conflictingFields,
  estimatePrior,
  linkGuard,
  matchRecords,
  type FieldEvidence,
  type MatchOptions,
  type MatchResult,
  type MatchStats,
  type PairDecision,
  type Thresholds,
} from './matcher.js';
export {
  EMPTY_LINK_MAP,
  IdentifierConflictError,
  addIdentifiers,
  identifierKey,
  recordIdentifier,
  removePerson,
  resolveByIdentifier,
  type ExternalIdentifier,
  type IdentifierKind,
  type LinkMap,
} from './linkmap.js';
export {
  addRecord,
  clustersFromGroups,
  createCluster,
  mergeClusters,
  unmergeCluster,
  type MergeRecord,
  type PersonCluster,
  type UnmergeResult,
} from './clusters.js';
export {
  CLIENT_COLUMNS,
  DECISION_COLUMNS,
  checkHeader,
  parseClientRow,
  recordToRow,
  type RowError,
  type RowResult,
} from './csv.js';
export { generatePopulation, type GeneratedPopulation, type GeneratorOptions } from './generator.js';
export { countTruePairs, evaluateDecisions, type EvaluationMetrics } from './evaluate.js';
export { createRng, type Rng } from './prng.js';

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
  estimatePrior,
  matchOne,
  matchOneToPersons,
  matchRecords,
  type DecisionBasis,
  type DirectDecision,
  type FieldEvidence,
  type MatchOptions,
  type MatchResult,
  type MatchStats,
  type PairDecision,
  type PersonDecision,
  type Thresholds,
} from './matcher.js';
export {
  identifierKey,
  recordIdentifier,
  type ExternalIdentifier,
  type IdentifierKind,
  type IdentifierLevel,
} from './identifiers.js';
export { REASONS, clearMismatch, keepApart, linkGuard, type GuardFacts } from './rules.js';
export { spellingNeighbours, STRONG_SIMILARITY } from './spelling.js';
export {
  CLIENT_COLUMNS,
  DECISION_COLUMNS,
  checkHeader,
  parseClientRow,
  recordToRow,
  type RowError,
  type RowResult,
} from './csv.js';
/**
 * @deprecated Development tools live in `@kim/linkage/dev`. These three names stay here only
 * because the frozen independent evaluation (packages/linkage-eval/src/run.ts, frozen at 4248158)
 * imports them from this entry point; once it imports them from `@kim/linkage/dev`, delete them.
 */
export { countTruePairs, evaluateDecisions, generatePopulation } from './dev.js';

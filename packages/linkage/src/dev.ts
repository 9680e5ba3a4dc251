/**
 * @kim/linkage/dev: development-only tools of the linkage package, kept out of the production
 * entry point: the synthetic population generator with known truth (seeded) and the metrics the
 * hub's own evaluation reports. Nothing in production imports this entry point.
 */
export { generatePopulation, type GeneratedPopulation, type GeneratorOptions } from './generator.js';
export { countTruePairs, evaluateDecisions, type EvaluationMetrics } from './evaluate.js';
export { createRng, type Rng } from './prng.js';

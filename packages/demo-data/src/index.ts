// The demo data of a small Kreis (Steinfurt): for `npm start`, the CLI's seed-demo, tests and
// benchmarks. Not part of @kim/core's production entry point; refused when NODE_ENV=production.
export * from './seed-demo.js';
export { Rng } from './random.js';

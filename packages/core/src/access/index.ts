export * from './rules.js';
export * from './grant.js';
export * from './identifiers.js';
export * from './policy.js';
export * from './consent-sql.js';
export * from './reads.js';
export * from './case-order.js';
export * from './request-context.js';
export { accessAblation } from './ablation.js';

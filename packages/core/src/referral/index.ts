/**
 * Referrals: drafting, sending and cancelling them (referrals.ts, with one file per step), the
 * deadline watch, and applying an agency's status (the planner in @kim/referral-workflow, one
 * writer here for the webhook and the status file alike).
 */
export * from './referrals.js';
export * from './cancelling.js';
export * from './deadlines.js';
export * from './status-checks.js';
export * from './status-writer.js';
export * from './status-intake.js';
export * from './agency-identifiers.js';

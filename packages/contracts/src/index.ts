export * from './enums.js';
export * from './domain.js';
export * from './messages.js';
export * from './jobs.js';
export * from './validation.js';
export * from './handoff.js';
export * from './json-schemas.js';
export * from './time-zone.js';

export * from './claims.js';
export * from './sessions.js';

export * from './agencies.js';
export * from './webhook-secrets.js';

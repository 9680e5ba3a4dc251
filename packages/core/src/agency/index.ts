export * from './agencies.js';
export * from './webhook-secrets.js';
export * from './change-feed.js';
export * from './delivery-log.js';
export * from './test-event.js';

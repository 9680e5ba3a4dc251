export * from './queues.js';
export * from './webhooks.js';
export * from './cloud-events.js';

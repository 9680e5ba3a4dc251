export * from './queues.js';
export * from './webhooks.js';
export * from './cloud-events.js';
export * from './delivery-queue.js';
export * from './redis.js';

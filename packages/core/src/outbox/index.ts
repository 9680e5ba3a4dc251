/**
 * The outbox, one module: writing a message in the command's transaction (write.ts), publishing
 * it after the commit (publisher.ts, through the DeliveryQueue port the apps provide), building
 * it at send time with consent checked again (build.ts), the relay books and the reconciliation
 * with the queue (relay.ts), what an attempt came to (outcomes.ts), and dead letters (replay,
 * discard: dead-letters.ts).
 */
export * from './write.js';
export * from './publisher.js';
export * from './build.js';
export { DOSSIER_NOTICE } from './dossier-message.js';
export * from './relay.js';
export * from './outcomes.js';
export * from './dead-letters.js';
export { messageInCoordinationArea } from '@kim/persistence';
export { deliveryJobId } from '@kim/messaging';

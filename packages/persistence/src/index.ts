export * from './entities/index.js';
export * from './data-source.js';
export * from './naming.js';
export { MIGRATIONS, BOARD_VIEW_NAMES } from './migrations/index.js';
export * from './migrate.js';
export * from './tenant-context.js';
export * from './notifications.js';
export * from './prepared.js';
export * from './rows.js';

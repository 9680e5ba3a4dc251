export { assertAdministers } from './authority.js';
export * from './tenants.js';
export * from './areas.js';
export * from './staff.js';
export * from './agencies.js';
export * from './credentials.js';
export * from './names.js';

export * from './commands.js';
export * from './handoff.js';
export * from './admin.js';

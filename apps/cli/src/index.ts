export * from './commands.js';
export * from './handoff.js';

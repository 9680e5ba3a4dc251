export * from './achievements.js';
export * from './facts.js';

export * from './achievements.js';
export * from './facts.js';
export * from './routes/index.js';
export * from './dossier.js';

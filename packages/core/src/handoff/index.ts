export * from './store.js';
export * from './signature.js';
export * from './lines.js';
export * from './import.js';
export * from './export.js';
export * from './runner.js';

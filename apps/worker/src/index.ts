export { createWorkerApp } from './bootstrap.js';
export { checkHandlers } from './jobs/job-handlers.js';

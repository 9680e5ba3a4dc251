export { createWorkerApp } from './bootstrap.js';
export { checkHandlers } from './jobs/job-handlers.js';
export { WorkerHttpServer } from './metrics/worker-http.server.js';

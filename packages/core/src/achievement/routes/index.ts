import { RESIDENCE_ROUTES_DATA } from './routes.data.js';
import { loadResidenceRoutes } from './evaluate.js';

export * from './evaluate.js';
/** The hub's residence routes, validated when the module loads. */
export const RESIDENCE_ROUTES = loadResidenceRoutes(RESIDENCE_ROUTES_DATA);

import { InitialSchema1764100000000 } from './1764100000000-initial-schema.js';
import { Privacy1764200000000 } from './1764200000000-privacy.js';
import { Deadlines1764300000000 } from './1764300000000-deadlines.js';
import { Handoffs1764400000000 } from './1764400000000-handoffs.js';

/** In order. Listed explicitly, like the entities. */
export const MIGRATIONS = [
  InitialSchema1764100000000,
  Privacy1764200000000,
  Deadlines1764300000000,
  Handoffs1764400000000,
];

import { InitialSchema1764100000000 } from './1764100000000-initial-schema.js';
import { Privacy1764200000000 } from './1764200000000-privacy.js';
import { Deadlines1764300000000 } from './1764300000000-deadlines.js';
import { Board1764600000000 } from './1764600000000-board.js';

export { BOARD_VIEW_NAMES } from './1764600000000-board.js';

/** In order. Listed explicitly, like the entities. */
export const MIGRATIONS = [
  InitialSchema1764100000000,
  Privacy1764200000000,
  Deadlines1764300000000,
  Board1764600000000,
];

import { maybeOne, rows, statement, type Db } from './statement.js';

/*
 * The board's write side: refreshing its materialised views, which only the worker does, on the
 * primary. The reads of a board (board.ts) are apart so that they can run on a streaming replica.
 */

const tryLockRefresh = statement<{ ok: boolean }, []>(
  'board-refresh',
  'tryLockRefresh',
  `
  SELECT pg_try_advisory_xact_lock(hashtext('kim-board-refresh')) AS ok`,
);

const refreshWorkMem = statement<never, []>(
  'board-refresh',
  'refreshWorkMem',
  `
  SET LOCAL work_mem = '128MB'`,
);

const refreshViews = statement<never, []>(
  'board-refresh',
  'refreshViews',
  `
  SELECT kim_refresh_board_views()`,
);

/** The refresh of the board's views: the worker's, always on the primary (a replica cannot write). */
export const boardRefreshRepository = {
  /** Take the refresh lock of this transaction; false when another worker holds it. */
  tryLockRefresh: async (db: Db) => (await maybeOne(db, tryLockRefresh, []))?.ok === true,
  /** More memory for sorting and hashing, for this transaction only (the refresh). */
  refreshWorkMem: async (db: Db) => {
    await rows(db, refreshWorkMem, []);
  },
  /** Refresh (and analyse) every board view with the owner's rights. */
  refreshViews: async (db: Db) => {
    await rows(db, refreshViews, []);
  },
};

import type { DataSource } from 'typeorm';
import { boardRefreshRepository } from '@kim/persistence';

/**
 * The board's aggregates: materialised views refreshed together in one transaction, so every
 * figure of a board has the same `asOf`. Concurrent refreshes let readers go on reading.
 */
export class BoardAggregates {
  constructor(private readonly ds: DataSource) {}

  /** Refresh every board view; false when another worker is refreshing right now. */
  async refresh(): Promise<boolean> {
    return this.ds.transaction(async (m) => {
      if (!(await boardRefreshRepository.tryLockRefresh(m))) return false;
      // The views group millions of rows: sort and hash in memory rather than on disk, for this job only.
      await boardRefreshRepository.refreshWorkMem(m);
      // Refreshed (and analysed, so the board's reads plan on what the views now hold) with the
      // owner's rights: the application's role may read the views but not rebuild them.
      await boardRefreshRepository.refreshViews(m);
      return true;
    });
  }
}

import type { DataSource } from 'typeorm';
import { milestonesRepository } from '@kim/persistence';
import type { Principal } from '../common/principal.js';
import { BoardQueries } from './board.js';
import { milestoneFigures, type MilestoneFigures } from './board-milestones.js';
import { parsePeriod } from './period.js';

/**
 * The board's milestones, for the caller's scope exactly as the rest of the board (a coordinator
 * their area, an operator the Kreis). Reads the aggregate view only: counts, never achievements.
 */
export class MilestoneQueries {
  private readonly board: BoardQueries;
  constructor(private readonly ds: DataSource) {
    this.board = new BoardQueries(ds);
  }

  async figures(
    p: Principal,
    areaId: string | null | undefined,
    rawPeriod?: { from?: string | null; to?: string | null } | null,
  ): Promise<MilestoneFigures> {
    const period = parsePeriod(rawPeriod);
    const scope = await this.board.scope(p, areaId);
    const rows = await milestonesRepository.months(
      this.ds,
      scope.tenantId,
      scope.regions.map((r) => r.id),
      `${period.from}-01`,
      `${period.to}-01`,
    );
    return milestoneFigures(period, rows);
  }
}

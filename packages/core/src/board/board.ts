import type { DataSource } from 'typeorm';
import { StaffRole } from '@kim/contracts';
import { boardRepository } from '@kim/persistence';
import { berlinDay } from '../common/calendar.js';
import { DomainError, forbidden, notFound } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { CellSet, SUPPRESSION_THRESHOLD, type Published } from './suppression.js';
import { parsePeriod } from './period.js';
import { caseloadCells, publishCaseload } from './board-caseload.js';
import { funnelCells, funnelRowsOf, publishFunnel, type ReferralMonthRow } from './board-funnel.js';
import { publishTrends, trendCells } from './board-trends.js';
import { publishWaits, waitCells, waitRowsOf } from './board-waits.js';

import type { Barriers, BoardScope, FlagKind, StatusBoard } from './board-model.js';

export * from './board-model.js';

const FLAG_KINDS: FlagKind[] = ['double-funding', 'duplicate-course-certificate', 'duplicate-open-case'];

const num = (v: unknown): number => Number(v ?? 0);

/**
 * The board's read side: only the small aggregate views and a few counts, never a case itself,
 * and nothing written (no ledger entry: every figure is an aggregate with small counts
 * suppressed). It reads from whichever data source it is given: the gateway gives it a streaming
 * replica when REPLICA_DATABASE_URL is set, else the primary (the refresh, BoardAggregates, is
 * the worker's and writes on the primary). Every answer says how far behind its source is.
 */
export class BoardQueries {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Seconds the source of these reads is behind the primary: null when it is the primary (for
   * the metrics; every board answer carries its own).
   */
  sourceLag(): Promise<number | null> {
    return boardRepository.replicaLag(this.ds);
  }

  /**
   * Whose figures: a coordinator sees the area they supervise (asking for another is
   * refused); an operator the whole tenant only. Each caller thus has exactly one scope: an
   * operator who could ask for the Kreis and for one of its areas would get the other area's
   * suppressed counts by subtraction (docs/board.md).
   */
  async scope(p: Principal, areaId: string | null | undefined): Promise<BoardScope> {
    if (p.kind !== 'staff' || (p.role !== StaffRole.COORDINATOR && p.role !== StaffRole.OPERATOR)) {
      throw forbidden('coordinators and operators only');
    }
    let area = areaId ?? null;
    if (p.role === StaffRole.COORDINATOR) {
      if (area && area !== p.coordinationAreaId) throw forbidden('this area is outside your supervision');
      area = p.coordinationAreaId;
    } else if (area) {
      throw forbidden(
        'operators see the whole Kreis only: beside it, one area would give the other areas’ small counts away',
      );
    }
    if (area && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(area)) {
      throw new DomainError('INVALID_INPUT', 'areaId: not an id', {
        problems: [{ path: 'areaId', message: 'not an id' }],
      });
    }
    let areaName: string;
    if (area) {
      const name = await boardRepository.areaName(this.ds, p.tenantId, area);
      if (name === null) throw notFound('coordination area', area);
      areaName = name;
    } else {
      areaName = (await boardRepository.tenantName(this.ds, p.tenantId)) ?? '';
    }
    const regions = await boardRepository.regions(this.ds, p.tenantId, area);
    return {
      tenantId: p.tenantId,
      areaId: area,
      areaName,
      regions: regions.map((r) => ({ ...r, fte: Number(r.fte) })),
    };
  }

  async statusBoard(
    p: Principal,
    areaId: string | null | undefined,
    rawPeriod?: { from?: string | null; to?: string | null } | null,
  ): Promise<StatusBoard> {
    const period = parsePeriod(rawPeriod);
    const scope = await this.scope(p, areaId);
    const t = scope.tenantId;
    const regionIds = scope.regions.map((r) => r.id);
    const from = `${period.from}-01`;
    const to = `${period.to}-01`;
    const area = scope.areaId;
    const [asOf, replicaLagSeconds, caseRows, managers, serviceRows, viewRefRows, overdueNow, waitRowsRaw, caseMonths] =
      await Promise.all([
        boardRepository.asOf(this.ds, t),
        boardRepository.replicaLag(this.ds),
        boardRepository.caseCounts(this.ds, t, regionIds),
        boardRepository.caseManagers(this.ds, t, regionIds),
        boardRepository.services(this.ds, t),
        boardRepository.referralMonths(this.ds, t, area, from, to),
        // Overdue changes with the clock, not only with a write: the deadlines of the refresh, against today.
        boardRepository.overdueMonths(this.ds, t, area, from, to, berlinDay(this.clock())),
        boardRepository.waitMonths(this.ds, t, area, from, to),
        boardRepository.caseMonths(this.ds, t, regionIds, from, to),
      ]);
    const refRows = withOverdue(viewRefRows, overdueNow);
    const { funnelRows, trendRefs } = funnelRowsOf(refRows, serviceRows);
    const { waitRows, monthWaitRows } = waitRowsOf(waitRowsRaw);
    // One set of cells for all figures, added figure by figure, so that no suppressed count
    // comes back from a sum in another figure (the order of adding is part of the result).
    const cells = new CellSet();
    const caseload = caseloadCells(cells, scope, caseRows, managers);
    const funnel = funnelCells(cells, funnelRows);
    const trends = trendCells(cells, period, caseMonths, trendRefs, monthWaitRows, {
      requested: funnel.totalRequested,
      completed: funnel.totalCol.completed,
      rejected: funnel.totalCol.rejected,
    });
    const waits = waitCells(cells, waitRows, funnel.services, funnel.serviceIds);

    const out = cells.solve();
    const pub = (id: number): Published => out[id]!;
    const { funnel: funnelFigure, funnelTotal, rejectionReasons } = publishFunnel(funnel, pub);
    return {
      areaId: scope.areaId,
      areaName: scope.areaName,
      period,
      asOf,
      replicaLagSeconds,
      suppressionThreshold: SUPPRESSION_THRESHOLD,
      ...publishCaseload(caseload, scope, pub),
      funnel: funnelFigure,
      funnelTotal,
      rejectionReasons,
      waitingTimes: publishWaits(waits, funnel.services, pub),
      trends: publishTrends(trends, pub),
    };
  }

  /** Barriers and gaps for the steering group. */
  async barriers(
    p: Principal,
    areaId: string | null | undefined,
    rawPeriod?: { from?: string | null; to?: string | null } | null,
  ): Promise<Barriers> {
    const board = await this.statusBoard(p, areaId, rawPeriod);
    const scope = await this.scope(p, areaId);
    const t = scope.tenantId;
    const regionIds = scope.regions.map((r) => r.id);
    const [needRows, serviceDomains, flagRows] = await Promise.all([
      boardRepository.needs(this.ds, t, regionIds),
      boardRepository.serviceDomains(this.ds, t),
      boardRepository.flags(this.ds, t, regionIds),
    ]);
    const cells = new CellSet();
    const needCells = needRows.map((n) => {
      const needs = cells.add(num(n.needs));
      const referred = cells.add(num(n.referred));
      const notReferred = cells.add(num(n.needs) - num(n.referred));
      cells.relate([referred, notReferred, needs]);
      return { n, needs, referred, notReferred };
    });
    const flagCells = FLAG_KINDS.map((kind) => ({
      kind,
      id: cells.add(flagRows.filter((f) => f.kind === kind).length),
    }));
    const out = cells.solve();
    const domains = new Map(serviceDomains.map((s) => [s.life_domain, num(s.n)]));
    const coordinator = p.kind === 'staff' && p.role === StaffRole.COORDINATOR;
    return {
      areaId: board.areaId,
      areaName: board.areaName,
      period: board.period,
      asOf: board.asOf,
      replicaLagSeconds: board.replicaLagSeconds,
      rejectionReasons: board.rejectionReasons,
      needs: needCells.map((x) => ({
        domain: x.n.domain,
        openNeeds: out[x.needs]!,
        referred: out[x.referred]!,
        notReferred: out[x.notReferred]!,
        servicesInNetwork: domains.get(x.n.domain) ?? 0,
      })),
      flagCounts: flagCells.map((f) => ({ kind: f.kind, cases: out[f.id]! })),
      flaggedCases: coordinator
        ? flagRows.map((f) => ({
            kind: f.kind,
            caseId: f.case_id,
            caseReference: f.reference,
            regionName: f.region_name,
          }))
        : [],
    };
  }
}

/**
 * The view's referral rows with their overdue counts as of today. An overdue referral is one
 * still waiting for its answer ('requested'), so its count joins that row. Both come from the
 * same refresh; the bound by the row's count only guards against a board read between two views
 * of different refreshes (a replica's, say).
 */
function withOverdue(
  rows: readonly Omit<ReferralMonthRow, 'overdue'>[],
  overdue: readonly { month: string; serviceId: string; overdue: number }[],
): ReferralMonthRow[] {
  const now = new Map(overdue.map((o) => [`${o.month}|${o.serviceId}`, o.overdue]));
  return rows.map((r) => ({
    ...r,
    overdue: r.status === 'requested' ? Math.min(now.get(`${r.month}|${r.service_id}`) ?? 0, Number(r.referrals)) : 0,
  }));
}

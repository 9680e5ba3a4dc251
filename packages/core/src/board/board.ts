import type { DataSource } from 'typeorm';
import { StaffRole } from '@kim/contracts';
import { referralRepository } from '@kim/persistence';
import { berlinDay } from '../common/calendar.js';
import { DomainError, forbidden, notFound } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { CellSet, SUPPRESSION_THRESHOLD, type Published } from './suppression.js';
import { parsePeriod } from './period.js';
import { caseloadCells, publishCaseload, type CaseCountRow, type CaseManagerRow } from './board-caseload.js';
import { funnelCells, funnelRowsOf, publishFunnel, type ReferralMonthRow, type ServiceRow } from './board-funnel.js';
import { publishTrends, trendCells, type CaseMonthRow } from './board-trends.js';
import { publishWaits, waitCells, waitRowsOf, type WaitMonthRow } from './board-waits.js';

import type { Barriers, BoardScope, FlagKind, StatusBoard } from './board-model.js';

export * from './board-model.js';

const FLAG_KINDS: FlagKind[] = ['double-funding', 'duplicate-course-certificate', 'duplicate-open-case'];

/**
 * The board's aggregates: materialised views refreshed together in one transaction, so every
 * figure of a board has the same `asOf`. Concurrent refreshes let readers go on reading.
 */
export class BoardAggregates {
  constructor(private readonly ds: DataSource) {}

  /** Refresh every board view; false when another worker is refreshing right now. */
  async refresh(): Promise<boolean> {
    return this.ds.transaction(async (m) => {
      const [lock] = await m.query<{ ok: boolean }[]>(
        `SELECT pg_try_advisory_xact_lock(hashtext('kim-board-refresh')) AS ok`,
      );
      if (!lock?.ok) return false;
      // The views group millions of rows: sort and hash in memory rather than on disk, for this job only.
      await m.query(`SET LOCAL work_mem = '128MB'`);
      // Refreshed (and analysed, so the board's reads plan on what the views now hold) with the
      // owner's rights: the application's role may read the views but not rebuild them.
      await m.query(`SELECT kim_refresh_board_views()`);
      return true;
    });
  }
}

const num = (v: unknown): number => Number(v ?? 0);

/** Reads for the board: only the small aggregate views, never the cases themselves. */
export class BoardQueries {
  constructor(private readonly ds: DataSource) {}

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
      const [a] = await this.ds.query<{ name: string }[]>(
        `SELECT name FROM coordination_areas WHERE tenant_id = $1 AND id = $2`,
        [p.tenantId, area],
      );
      if (!a) throw notFound('coordination area', area);
      areaName = a.name;
    } else {
      const [t] = await this.ds.query<{ name: string }[]>(`SELECT name FROM tenants WHERE id = $1`, [p.tenantId]);
      areaName = t?.name ?? '';
    }
    const regions = await this.ds.query<{ id: string; name: string; fte: string; caseloadKey: number }[]>(
      `SELECT id, name, fte, caseload_key AS "caseloadKey" FROM regions
        WHERE tenant_id = $1 AND ($2::uuid IS NULL OR coordination_area_id = $2) ORDER BY name`,
      [p.tenantId, area],
    );
    return {
      tenantId: p.tenantId,
      areaId: area,
      areaName,
      regions: regions.map((r) => ({ ...r, fte: Number(r.fte) })),
    };
  }

  private async asOf(tenantId: string): Promise<Date | null> {
    const [row] = await this.ds.query<{ as_of: Date }[]>(`SELECT as_of FROM board_as_of WHERE tenant_id = $1`, [
      tenantId,
    ]);
    return row?.as_of ?? null;
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
    const [asOf, caseRows, managers, serviceRows, viewRefRows, overdueNow, waitRowsRaw, caseMonths] = await Promise.all([
      this.asOf(t),
      this.ds.query<CaseCountRow[]>(
        `SELECT region_id, case_manager_id, phase, cases FROM board_case_counts
          WHERE tenant_id = $1 AND region_id = ANY($2::uuid[]) AND phase <> 'closed'`,
        [t, regionIds],
      ),
      this.ds.query<CaseManagerRow[]>(
        `SELECT id, display_name AS name, region_id, fte FROM staff_users
          WHERE tenant_id = $1 AND region_id = ANY($2::uuid[]) AND role = 'case-manager' ORDER BY display_name, id`,
        [t, regionIds],
      ),
      this.ds.query<ServiceRow[]>(
        `SELECT s.id AS service_id, s.name AS service_name, a.id AS agency_id, a.name AS agency_name, s.integration_course
           FROM services s JOIN agencies a ON a.tenant_id = s.tenant_id AND a.id = s.agency_id WHERE s.tenant_id = $1`,
        [t],
      ),
      this.ds.query<Omit<ReferralMonthRow, 'overdue'>[]>(
        `SELECT to_char(month, 'YYYY-MM') AS month, service_id, status, reason, referrals, open_loops FROM board_referrals
          WHERE tenant_id = $1 AND ($2::uuid IS NULL OR coordination_area_id = $2) AND month BETWEEN $3 AND $4`,
        [t, area, from, to],
      ),
      // Overdue changes with the clock, not with a write: counted now, not at the last refresh.
      referralRepository.overdueByMonthAndService(this.ds, t, area, from, to, berlinDay(new Date())),
      this.ds.query<WaitMonthRow[]>(
        `SELECT to_char(month, 'YYYY-MM') AS month, service_id, measure, days, counts FROM board_waits
          WHERE tenant_id = $1 AND ($2::uuid IS NULL OR coordination_area_id = $2) AND month BETWEEN $3 AND $4`,
        [t, area, from, to],
      ),
      this.ds.query<CaseMonthRow[]>(
        `SELECT to_char(month, 'YYYY-MM') AS month, sum(opened) AS opened, sum(closed) AS closed FROM board_case_months
          WHERE tenant_id = $1 AND region_id = ANY($2::uuid[]) AND month BETWEEN $3 AND $4 GROUP BY month`,
        [t, regionIds, from, to],
      ),
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
      this.ds.query<{ domain: string; needs: string; referred: string }[]>(
        `SELECT domain, sum(needs) AS needs, sum(referred) AS referred FROM board_needs
          WHERE tenant_id = $1 AND region_id = ANY($2::uuid[]) GROUP BY domain ORDER BY domain`,
        [t, regionIds],
      ),
      this.ds.query<{ life_domain: string; n: string }[]>(
        `SELECT life_domain, count(*) AS n FROM services WHERE tenant_id = $1 GROUP BY life_domain`,
        [t],
      ),
      this.ds.query<{ kind: FlagKind; case_id: string; reference: string; region_name: string }[]>(
        `SELECT f.kind, f.case_id, c.reference, r.name AS region_name FROM board_flags f
           JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
           JOIN regions r ON r.tenant_id = f.tenant_id AND r.id = f.region_id
          WHERE f.tenant_id = $1 AND f.region_id = ANY($2::uuid[]) ORDER BY f.kind, c.reference LIMIT 1000`,
        [t, regionIds],
      ),
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
 * The view's referral rows with the overdue counts of now. An overdue referral is one still
 * waiting for its answer ('requested'), so its count joins that row; it is bounded by the row's
 * count, since the view may be minutes older than the count (a referral answered since is in
 * neither; one sent since cannot be past its deadline yet).
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

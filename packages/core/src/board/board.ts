import type { DataSource } from 'typeorm';
import { CasePhase, StaffRole } from '@kim/contracts';
import { DomainError, forbidden, notFound } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { CellSet, SUPPRESSION_THRESHOLD, type Published } from './suppression.js';
import { histogramQuantile, type HistogramBar } from './percentiles.js';
import { monthsOf, parsePeriod, type Period } from './period.js';

/** Open phases in their order; closed cases show in the monthly trends. */
export const OPEN_PHASES = [
  CasePhase.INTAKE,
  CasePhase.ASSESSMENT,
  CasePhase.PLANNING,
  CasePhase.LINKING,
  CasePhase.MONITORING,
  CasePhase.REASSESSMENT,
] as const;

/** The funnel's columns: a partition of the referrals sent, by their status now. */
export const FUNNEL_STATUSES = {
  awaitingAnswer: ['requested'],
  accepted: ['accepted'],
  inProgress: ['in-progress', 'on-hold'],
  completed: ['completed'],
  rejected: ['rejected'],
  failed: ['failed'],
  cancelled: ['cancelled', 'entered-in-error'],
} as const;
export type FunnelColumn = keyof typeof FUNNEL_STATUSES;
const FUNNEL_COLUMNS = Object.keys(FUNNEL_STATUSES) as FunnelColumn[];
const columnOf = (status: string): FunnelColumn | null =>
  FUNNEL_COLUMNS.find((c) => (FUNNEL_STATUSES[c] as readonly string[]).includes(status)) ?? null;

export interface BoardScope {
  tenantId: string;
  areaId: string | null;
  areaName: string;
  regions: { id: string; name: string; fte: number; caseloadKey: number }[];
}

export interface PhaseCount {
  phase: string;
  cases: Published;
}
export interface RegionLoad {
  regionId: string;
  name: string;
  posts: number;
  caseloadKey: number;
  capacity: number;
  openCases: Published;
  utilisation: number | null;
  byPhase: PhaseCount[];
}
export interface CaseManagerLoad {
  staffId: string;
  name: string;
  regionId: string;
  regionName: string;
  fte: number;
  capacity: number;
  openCases: Published;
  utilisation: number | null;
}
export type FunnelCounts = Record<FunnelColumn, Published> & {
  requested: Published;
  overdue: Published;
  openLoops: Published;
};
export interface FunnelRow extends FunnelCounts {
  agencyId: string;
  agencyName: string;
  serviceId: string;
  serviceName: string;
  integrationCourse: boolean;
}
export interface ReasonCount {
  agencyId: string;
  agencyName: string;
  serviceId: string;
  serviceName: string;
  status: string;
  reason: string;
  referrals: Published;
}
export type WaitScope = 'all' | 'integration-courses' | 'other-services' | 'service';
export type WaitMeasure = 'acceptance' | 'start';
export interface WaitingTime {
  scope: WaitScope;
  serviceId: string | null;
  serviceName: string | null;
  measure: WaitMeasure;
  referrals: Published;
  medianDays: number | null;
  p90Days: number | null;
}
export interface MonthTrend {
  month: string;
  casesOpened: Published;
  casesClosed: Published;
  referralsRequested: Published;
  referralsCompleted: Published;
  referralsRejected: Published;
  medianDaysToAcceptance: number | null;
}
export interface StatusBoard {
  areaId: string | null;
  areaName: string;
  period: Period;
  asOf: Date | null;
  suppressionThreshold: number;
  openCases: Published;
  phases: PhaseCount[];
  regions: RegionLoad[];
  caseManagers: CaseManagerLoad[];
  funnel: FunnelRow[];
  funnelTotal: FunnelCounts;
  rejectionReasons: ReasonCount[];
  waitingTimes: WaitingTime[];
  trends: MonthTrend[];
}

export interface NeedGap {
  domain: string;
  openNeeds: Published;
  referred: Published;
  notReferred: Published;
  servicesInNetwork: number;
}
export type FlagKind = 'double-funding' | 'duplicate-course-certificate' | 'duplicate-open-case';
export interface FlaggedCase {
  kind: FlagKind;
  caseId: string;
  caseReference: string;
  regionName: string;
}
export interface Barriers {
  areaId: string | null;
  areaName: string;
  period: Period;
  asOf: Date | null;
  rejectionReasons: ReasonCount[];
  needs: NeedGap[];
  flagCounts: { kind: FlagKind; cases: Published }[];
  /** Case detail within the coordinator's supervision; empty for operators. */
  flaggedCases: FlaggedCase[];
}

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
    const [asOf, caseRows, managers, serviceRows, refRows, waitRowsRaw, caseMonths] = await Promise.all([
      this.asOf(t),
      this.ds.query<{ region_id: string; case_manager_id: string; phase: string; cases: number }[]>(
        `SELECT region_id, case_manager_id, phase, cases FROM board_case_counts
          WHERE tenant_id = $1 AND region_id = ANY($2::uuid[]) AND phase <> 'closed'`,
        [t, regionIds],
      ),
      this.ds.query<{ id: string; name: string; region_id: string; fte: string | null }[]>(
        `SELECT id, display_name AS name, region_id, fte FROM staff_users
          WHERE tenant_id = $1 AND region_id = ANY($2::uuid[]) AND role = 'case-manager' ORDER BY display_name, id`,
        [t, regionIds],
      ),
      this.ds.query<
        {
          service_id: string;
          service_name: string;
          agency_id: string;
          agency_name: string;
          integration_course: boolean;
        }[]
      >(
        `SELECT s.id AS service_id, s.name AS service_name, a.id AS agency_id, a.name AS agency_name, s.integration_course
           FROM services s JOIN agencies a ON a.tenant_id = s.tenant_id AND a.id = s.agency_id WHERE s.tenant_id = $1`,
        [t],
      ),
      this.ds.query<
        {
          month: string;
          service_id: string;
          status: string;
          reason: string;
          referrals: number;
          overdue: number;
          open_loops: number;
        }[]
      >(
        `SELECT to_char(month, 'YYYY-MM') AS month, service_id, status, reason, referrals, overdue, open_loops FROM board_referrals
          WHERE tenant_id = $1 AND ($2::uuid IS NULL OR coordination_area_id = $2) AND month BETWEEN $3 AND $4`,
        [t, area, from, to],
      ),
      this.ds.query<{ month: string; service_id: string; measure: WaitMeasure; days: number[]; counts: number[] }[]>(
        `SELECT to_char(month, 'YYYY-MM') AS month, service_id, measure, days, counts FROM board_waits
          WHERE tenant_id = $1 AND ($2::uuid IS NULL OR coordination_area_id = $2) AND month BETWEEN $3 AND $4`,
        [t, area, from, to],
      ),
      this.ds.query<{ month: string; opened: string; closed: string }[]>(
        `SELECT to_char(month, 'YYYY-MM') AS month, sum(opened) AS opened, sum(closed) AS closed FROM board_case_months
          WHERE tenant_id = $1 AND region_id = ANY($2::uuid[]) AND month BETWEEN $3 AND $4 GROUP BY month`,
        [t, regionIds, from, to],
      ),
    ]);
    const serviceInfo = new Map(serviceRows.map((s) => [s.service_id, s]));
    // One line per service, status and reason over the period (the view keeps one per month).
    const funnelMap = new Map<
      string,
      { service_id: string; status: string; reason: string; referrals: number; overdue: number; open_loops: number }
    >();
    const trendRefs: { month: string; status: string; referrals: number }[] = [];
    for (const r of refRows) {
      const key = `${r.service_id}|${r.status}|${r.reason}`;
      const e = funnelMap.get(key) ?? {
        service_id: r.service_id,
        status: r.status,
        reason: r.reason,
        referrals: 0,
        overdue: 0,
        open_loops: 0,
      };
      e.referrals += num(r.referrals);
      e.overdue += num(r.overdue);
      e.open_loops += num(r.open_loops);
      funnelMap.set(key, e);
      trendRefs.push({ month: r.month, status: r.status, referrals: num(r.referrals) });
    }
    const funnelRows = [...funnelMap.values()]
      .filter((r) => serviceInfo.has(r.service_id))
      .map((r) => {
        const s = serviceInfo.get(r.service_id)!;
        return {
          ...r,
          agency_id: s.agency_id,
          agency_name: s.agency_name,
          service_name: s.service_name,
          integration_course: s.integration_course,
        };
      });
    // Histograms summed over the period: per service and measure, and per month for acceptance.
    const waitMap = new Map<string, Map<number, number>>();
    const monthAcceptance = new Map<string, Map<number, number>>();
    const addTo = (m: Map<string, Map<number, number>>, key: string, days: number[], counts: number[]) => {
      const h = m.get(key) ?? new Map<number, number>();
      days.forEach((d, i) => h.set(d, (h.get(d) ?? 0) + num(counts[i])));
      m.set(key, h);
    };
    for (const w of waitRowsRaw) {
      addTo(waitMap, `${w.service_id}|${w.measure}`, w.days, w.counts);
      if (w.measure === 'acceptance') addTo(monthAcceptance, w.month, w.days, w.counts);
    }
    const waitRows = [...waitMap].flatMap(([key, h]) => {
      const [service_id, measure] = key.split('|') as [string, WaitMeasure];
      return [...h].map(([days, referrals]) => ({ service_id, measure, days, referrals }));
    });
    const monthWaitRows = [...monthAcceptance].flatMap(([month, h]) =>
      [...h].map(([days, referrals]) => ({ month, days, referrals })),
    );

    const cells = new CellSet();

    // Caseload: case managers × open phases, region subtotals, the area's total.
    const cmCount = new Map<string, number>();
    for (const r of caseRows)
      cmCount.set(
        `${r.case_manager_id}|${r.phase}`,
        (cmCount.get(`${r.case_manager_id}|${r.phase}`) ?? 0) + num(r.cases),
      );
    const regionName = new Map(scope.regions.map((r) => [r.id, r.name]));
    const cmIds = managers.map((m) => {
      const byPhase = OPEN_PHASES.map((ph) => cells.add(cmCount.get(`${m.id}|${ph}`) ?? 0));
      const total = cells.add(OPEN_PHASES.reduce((a, ph) => a + (cmCount.get(`${m.id}|${ph}`) ?? 0), 0));
      cells.relate([...byPhase, total]);
      return { m, byPhase, total };
    });
    // Cases of a case manager who left the area still count for the region.
    const regionPhase = (regionId: string, phase: string) =>
      caseRows.filter((r) => r.region_id === regionId && r.phase === phase).reduce((a, r) => a + num(r.cases), 0);
    const regionIdsCells = scope.regions.map((r) => {
      const byPhase = OPEN_PHASES.map((ph) => cells.add(regionPhase(r.id, ph)));
      const total = cells.add(OPEN_PHASES.reduce((a, ph) => a + regionPhase(r.id, ph), 0));
      cells.relate([...byPhase, total]);
      const mine = cmIds.filter((c) => c.m.region_id === r.id);
      const knownAll =
        mine.length > 0 &&
        caseRows.every((c) => c.region_id !== r.id || managers.some((m) => m.id === c.case_manager_id));
      if (knownAll) {
        cells.relate([...mine.map((c) => c.total), total]);
        OPEN_PHASES.forEach((_, i) => cells.relate([...mine.map((c) => c.byPhase[i]!), byPhase[i]!]));
      }
      return { r, byPhase, total };
    });
    const areaPhase = OPEN_PHASES.map((_, i) =>
      cells.add(scope.regions.reduce((a, r) => a + regionPhase(r.id, OPEN_PHASES[i]!), 0)),
    );
    const areaTotal = cells.add(caseRows.reduce((a, r) => a + num(r.cases), 0));
    cells.relate([...areaPhase, areaTotal]);
    cells.relate([...regionIdsCells.map((x) => x.total), areaTotal]);
    OPEN_PHASES.forEach((_, i) => cells.relate([...regionIdsCells.map((x) => x.byPhase[i]!), areaPhase[i]!]));

    // Funnel: services × status partition, with totals; reasons add up to rejected and failed.
    const services = new Map<
      string,
      { agencyId: string; agencyName: string; serviceName: string; integrationCourse: boolean }
    >();
    for (const r of funnelRows)
      services.set(r.service_id, {
        agencyId: r.agency_id,
        agencyName: r.agency_name,
        serviceName: r.service_name,
        integrationCourse: r.integration_course,
      });
    const serviceIds = [...services.keys()].sort((a, b) => {
      const x = services.get(a)!;
      const y = services.get(b)!;
      return x.agencyName.localeCompare(y.agencyName, 'de') || x.serviceName.localeCompare(y.serviceName, 'de');
    });
    const sumWhere = (
      pred: (r: (typeof funnelRows)[number]) => boolean,
      field: 'referrals' | 'overdue' | 'open_loops' = 'referrals',
    ) => funnelRows.filter(pred).reduce((a, r) => a + num(r[field]), 0);
    const funnelCells = serviceIds.map((sid) => {
      const col = Object.fromEntries(
        FUNNEL_COLUMNS.map((c) => [c, cells.add(sumWhere((r) => r.service_id === sid && columnOf(r.status) === c))]),
      ) as Record<FunnelColumn, number>;
      const requested = cells.add(sumWhere((r) => r.service_id === sid));
      cells.relate([...FUNNEL_COLUMNS.map((c) => col[c]), requested]);
      const overdue = cells.add(sumWhere((r) => r.service_id === sid, 'overdue'));
      const openLoops = cells.add(sumWhere((r) => r.service_id === sid, 'open_loops'));
      return { sid, col, requested, overdue, openLoops };
    });
    const totalCol = Object.fromEntries(
      FUNNEL_COLUMNS.map((c) => [c, cells.add(sumWhere((r) => columnOf(r.status) === c))]),
    ) as Record<FunnelColumn, number>;
    const totalRequested = cells.add(sumWhere(() => true));
    const totalOverdue = cells.add(sumWhere(() => true, 'overdue'));
    const totalLoops = cells.add(sumWhere(() => true, 'open_loops'));
    cells.relate([...FUNNEL_COLUMNS.map((c) => totalCol[c]), totalRequested]);
    for (const c of FUNNEL_COLUMNS) cells.relate([...funnelCells.map((f) => f.col[c]), totalCol[c]]);
    cells.relate([...funnelCells.map((f) => f.requested), totalRequested]);
    cells.relate([...funnelCells.map((f) => f.overdue), totalOverdue]);
    cells.relate([...funnelCells.map((f) => f.openLoops), totalLoops]);

    const reasonRows = funnelRows
      .filter((r) => r.status === 'rejected' || r.status === 'failed')
      .sort((a, b) => num(b.referrals) - num(a.referrals) || a.reason.localeCompare(b.reason));
    const reasonCells = reasonRows.map((r) => ({ r, id: cells.add(num(r.referrals)) }));
    for (const f of funnelCells) {
      for (const status of ['rejected', 'failed'] as const) {
        const mine = reasonCells.filter((x) => x.r.service_id === f.sid && x.r.status === status);
        if (mine.length) cells.relate([...mine.map((x) => x.id), f.col[status]]);
      }
    }

    // Trends: months; requested, completed and rejected per month add up to the funnel totals.
    const months = monthsOf(period);
    const trendCells = months.map((month) => {
      const cm = caseMonths.find((c) => c.month === month);
      const refs = (status?: string) =>
        trendRefs
          .filter((r) => r.month === month && (!status || r.status === status))
          .reduce((a, r) => a + num(r.referrals), 0);
      return {
        month,
        opened: cells.add(num(cm?.opened)),
        closed: cells.add(num(cm?.closed)),
        requested: cells.add(refs()),
        completed: cells.add(refs('completed')),
        rejected: cells.add(refs('rejected')),
        acceptance: monthWaitRows
          .filter((w) => w.month === month)
          .map((w) => ({ days: w.days, count: num(w.referrals) })),
      };
    });
    cells.relate([...trendCells.map((x) => x.requested), totalRequested]);
    cells.relate([...trendCells.map((x) => x.completed), totalCol.completed]);
    cells.relate([...trendCells.map((x) => x.rejected), totalCol.rejected]);

    // Waiting times: per service, integration courses, other services, all.
    const bars = (measure: WaitMeasure, pred: (sid: string) => boolean): HistogramBar[] => {
      const byDay = new Map<number, number>();
      for (const w of waitRows)
        if (w.measure === measure && pred(w.service_id)) byDay.set(w.days, (byDay.get(w.days) ?? 0) + num(w.referrals));
      return [...byDay].map(([days, count]) => ({ days, count }));
    };
    const isCourse = (sid: string) => services.get(sid)?.integrationCourse ?? false;
    const waitCells: {
      scope: WaitScope;
      sid: string | null;
      measure: WaitMeasure;
      bars: HistogramBar[];
      id: number;
    }[] = [];
    for (const measure of ['acceptance', 'start'] as WaitMeasure[]) {
      const mk = (scope: WaitScope, sid: string | null, pred: (s: string) => boolean) => {
        const b = bars(measure, pred);
        const entry = { scope, sid, measure, bars: b, id: cells.add(b.reduce((a, x) => a + x.count, 0)) };
        waitCells.push(entry);
        return entry;
      };
      const all = mk('all', null, () => true);
      const courses = mk('integration-courses', null, isCourse);
      const others = mk('other-services', null, (s) => !isCourse(s));
      const per = serviceIds.map((sid) => mk('service', sid, (s) => s === sid));
      cells.relate([courses.id, others.id, all.id]);
      cells.relate([...per.filter((x) => isCourse(x.sid!)).map((x) => x.id), courses.id]);
      cells.relate([...per.filter((x) => !isCourse(x.sid!)).map((x) => x.id), others.id]);
    }

    const out = cells.solve();
    const pub = (id: number): Published => out[id]!;
    const ratio = (id: number, capacity: number) => {
      const v = pub(id);
      return v === null || capacity === 0 ? null : Math.round((v / capacity) * 1000) / 1000;
    };

    return {
      areaId: scope.areaId,
      areaName: scope.areaName,
      period,
      asOf,
      suppressionThreshold: SUPPRESSION_THRESHOLD,
      openCases: pub(areaTotal),
      phases: OPEN_PHASES.map((phase, i) => ({ phase, cases: pub(areaPhase[i]!) })),
      regions: regionIdsCells.map(({ r, byPhase, total }) => {
        const capacity = Math.round(r.fte * r.caseloadKey);
        return {
          regionId: r.id,
          name: r.name,
          posts: r.fte,
          caseloadKey: r.caseloadKey,
          capacity,
          openCases: pub(total),
          utilisation: ratio(total, capacity),
          byPhase: OPEN_PHASES.map((phase, i) => ({ phase, cases: pub(byPhase[i]!) })),
        };
      }),
      caseManagers: cmIds.map(({ m, total }) => {
        const fte = Number(m.fte ?? 0);
        const key = scope.regions.find((r) => r.id === m.region_id)?.caseloadKey ?? 100;
        const capacity = Math.round(fte * key);
        return {
          staffId: m.id,
          name: m.name,
          regionId: m.region_id,
          regionName: regionName.get(m.region_id) ?? '',
          fte,
          capacity,
          openCases: pub(total),
          utilisation: ratio(total, capacity),
        };
      }),
      funnel: funnelCells.map((f) => {
        const s = services.get(f.sid)!;
        return {
          agencyId: s.agencyId,
          agencyName: s.agencyName,
          serviceId: f.sid,
          serviceName: s.serviceName,
          integrationCourse: s.integrationCourse,
          requested: pub(f.requested),
          overdue: pub(f.overdue),
          openLoops: pub(f.openLoops),
          ...(Object.fromEntries(FUNNEL_COLUMNS.map((c) => [c, pub(f.col[c])])) as Record<FunnelColumn, Published>),
        };
      }),
      funnelTotal: {
        requested: pub(totalRequested),
        overdue: pub(totalOverdue),
        openLoops: pub(totalLoops),
        ...(Object.fromEntries(FUNNEL_COLUMNS.map((c) => [c, pub(totalCol[c])])) as Record<FunnelColumn, Published>),
      },
      rejectionReasons: reasonCells.map(({ r, id }) => ({
        agencyId: r.agency_id,
        agencyName: r.agency_name,
        serviceId: r.service_id,
        serviceName: r.service_name,
        status: r.status,
        reason: pub(id) === null ? '' : r.reason,
        referrals: pub(id),
      })),
      waitingTimes: waitCells.map((w) => {
        const shown = pub(w.id) !== null && pub(w.id)! > 0;
        return {
          scope: w.scope,
          serviceId: w.sid,
          serviceName: w.sid ? services.get(w.sid)!.serviceName : null,
          measure: w.measure,
          referrals: pub(w.id),
          medianDays: shown ? histogramQuantile(w.bars, 0.5) : null,
          p90Days: shown ? histogramQuantile(w.bars, 0.9) : null,
        };
      }),
      trends: trendCells.map((x) => {
        const n = x.acceptance.reduce((a, b) => a + b.count, 0);
        return {
          month: x.month,
          casesOpened: pub(x.opened),
          casesClosed: pub(x.closed),
          referralsRequested: pub(x.requested),
          referralsCompleted: pub(x.completed),
          referralsRejected: pub(x.rejected),
          medianDaysToAcceptance: n >= SUPPRESSION_THRESHOLD ? histogramQuantile(x.acceptance, 0.5) : null,
        };
      }),
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

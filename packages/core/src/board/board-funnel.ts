// The funnel figure: services × the status partition, with totals; the reasons of rejected and
// failed referrals add up to their columns.
import { FUNNEL_COLUMNS, columnOf, type FunnelColumn, type StatusBoard } from './board-model.js';
import type { CellSet, Published } from './suppression.js';

export interface ServiceRow {
  service_id: string;
  service_name: string;
  agency_id: string;
  agency_name: string;
  integration_course: boolean;
}
export interface ReferralMonthRow {
  month: string;
  service_id: string;
  status: string;
  reason: string;
  referrals: number;
  overdue: number;
  open_loops: number;
}
export interface ServiceInfo {
  agencyId: string;
  agencyName: string;
  serviceName: string;
  integrationCourse: boolean;
}

const num = (v: unknown): number => Number(v ?? 0);

/**
 * One line per service, status and reason over the period (the view keeps one per month), of
 * the services that exist; and the monthly referral counts for the trends.
 */
export function funnelRowsOf(refRows: readonly ReferralMonthRow[], serviceRows: readonly ServiceRow[]) {
  const serviceInfo = new Map(serviceRows.map((s) => [s.service_id, s]));
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
  return { funnelRows, trendRefs };
}

type FunnelRow = ReturnType<typeof funnelRowsOf>['funnelRows'][number];

/** Adds the funnel's and the reasons' cells and their sums (in this order). */
export function funnelCells(cells: CellSet, funnelRows: readonly FunnelRow[]) {
  const services = new Map<string, ServiceInfo>();
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
  const sumWhere = (pred: (r: FunnelRow) => boolean, field: 'referrals' | 'overdue' | 'open_loops' = 'referrals') =>
    funnelRows.filter(pred).reduce((a, r) => a + num(r[field]), 0);
  const perService = serviceIds.map((sid) => {
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
  for (const c of FUNNEL_COLUMNS) cells.relate([...perService.map((f) => f.col[c]), totalCol[c]]);
  cells.relate([...perService.map((f) => f.requested), totalRequested]);
  cells.relate([...perService.map((f) => f.overdue), totalOverdue]);
  cells.relate([...perService.map((f) => f.openLoops), totalLoops]);

  const reasonRows = funnelRows
    .filter((r) => r.status === 'rejected' || r.status === 'failed')
    .sort((a, b) => num(b.referrals) - num(a.referrals) || a.reason.localeCompare(b.reason));
  const reasonCells = reasonRows.map((r) => ({ r, id: cells.add(num(r.referrals)) }));
  for (const f of perService) {
    for (const status of ['rejected', 'failed'] as const) {
      const mine = reasonCells.filter((x) => x.r.service_id === f.sid && x.r.status === status);
      if (mine.length) cells.relate([...mine.map((x) => x.id), f.col[status]]);
    }
  }
  return { services, serviceIds, perService, totalCol, totalRequested, totalOverdue, totalLoops, reasonCells };
}

/** The funnel and the reasons as published; a suppressed reason's text is withheld too. */
export function publishFunnel(
  f: ReturnType<typeof funnelCells>,
  pub: (id: number) => Published,
): Pick<StatusBoard, 'funnel' | 'funnelTotal' | 'rejectionReasons'> {
  const columns = (col: Record<FunnelColumn, number>) =>
    Object.fromEntries(FUNNEL_COLUMNS.map((c) => [c, pub(col[c])])) as Record<FunnelColumn, Published>;
  return {
    funnel: f.perService.map((x) => {
      const s = f.services.get(x.sid)!;
      return {
        agencyId: s.agencyId,
        agencyName: s.agencyName,
        serviceId: x.sid,
        serviceName: s.serviceName,
        integrationCourse: s.integrationCourse,
        requested: pub(x.requested),
        overdue: pub(x.overdue),
        openLoops: pub(x.openLoops),
        ...columns(x.col),
      };
    }),
    funnelTotal: {
      requested: pub(f.totalRequested),
      overdue: pub(f.totalOverdue),
      openLoops: pub(f.totalLoops),
      ...columns(f.totalCol),
    },
    rejectionReasons: f.reasonCells.map(({ r, id }) => ({
      agencyId: r.agency_id,
      agencyName: r.agency_name,
      serviceId: r.service_id,
      serviceName: r.service_name,
      status: r.status,
      reason: pub(id) === null ? '' : r.reason,
      referrals: pub(id),
    })),
  };
}

import { maybeOne, rows, statement, type Db } from './statement.js';

/** Open cases per region, case manager and phase (view board_case_counts). */
export interface BoardCaseCountRow {
  region_id: string;
  case_manager_id: string;
  phase: string;
  cases: number;
}

/** A case manager of a region, with their full-time equivalent. */
export interface BoardCaseManagerRow {
  id: string;
  name: string;
  region_id: string;
  fte: string | null;
}

/** A service of the network with its agency. */
export interface BoardServiceRow {
  service_id: string;
  service_name: string;
  agency_id: string;
  agency_name: string;
  integration_course: boolean;
}

/** Referrals per month, service, status and reason (view board_referrals). */
export interface BoardReferralMonthRow {
  month: string;
  service_id: string;
  status: string;
  reason: string;
  referrals: number;
  open_loops: number;
}

/** Waiting-time histograms per month, service and measure (view board_waits). */
export interface BoardWaitMonthRow {
  month: string;
  service_id: string;
  measure: 'acceptance' | 'start';
  days: number[];
  counts: number[];
}

/** Cases opened and closed per month (view board_case_months). */
export interface BoardCaseMonthRow {
  month: string;
  opened: string;
  closed: string;
}

export type BoardFlagKind = 'double-funding' | 'duplicate-course-certificate' | 'duplicate-open-case';

/** A flagged case (view board_flags). */
export interface BoardFlagRow {
  kind: BoardFlagKind;
  case_id: string;
  reference: string;
  region_name: string;
}

const areaName = statement<{ name: string }, [string, string]>(
  'board',
  'areaName',
  `
  SELECT name FROM coordination_areas WHERE tenant_id = $1 AND id = $2`,
);

const tenantName = statement<{ name: string }, [string]>(
  'board',
  'tenantName',
  `
  SELECT name FROM tenants WHERE id = $1`,
);

const regions = statement<{ id: string; name: string; fte: string; caseloadKey: number }, [string, string | null]>(
  'board',
  'regions',
  `
  SELECT id, name, fte, caseload_key AS "caseloadKey" FROM regions
   WHERE tenant_id = $1 AND ($2::uuid IS NULL OR coordination_area_id = $2) ORDER BY name`,
);

const asOf = statement<{ as_of: Date }, [string]>(
  'board',
  'asOf',
  `
  SELECT as_of FROM board_as_of WHERE tenant_id = $1`,
);

const caseCounts = statement<BoardCaseCountRow, [string, string[]]>(
  'board',
  'caseCounts',
  `
  SELECT region_id, case_manager_id, phase, cases FROM board_case_counts
   WHERE tenant_id = $1 AND region_id = ANY($2::uuid[]) AND phase <> 'closed'`,
);

const caseManagers = statement<BoardCaseManagerRow, [string, string[]]>(
  'board',
  'caseManagers',
  `
  SELECT id, display_name AS name, region_id, fte FROM staff_users
   WHERE tenant_id = $1 AND region_id = ANY($2::uuid[]) AND role = 'case-manager' ORDER BY display_name, id`,
);

const services = statement<BoardServiceRow, [string]>(
  'board',
  'services',
  `
  SELECT s.id AS service_id, s.name AS service_name, a.id AS agency_id, a.name AS agency_name, s.integration_course
    FROM services s JOIN agencies a ON a.tenant_id = s.tenant_id AND a.id = s.agency_id WHERE s.tenant_id = $1`,
);

const referralMonths = statement<BoardReferralMonthRow, [string, string | null, string, string]>(
  'board',
  'referralMonths',
  `
  SELECT to_char(month, 'YYYY-MM') AS month, service_id, status, reason, referrals, open_loops FROM board_referrals
   WHERE tenant_id = $1 AND ($2::uuid IS NULL OR coordination_area_id = $2) AND month BETWEEN $3 AND $4`,
);

/**
 * Overdue referrals by the month they were sent and their service (the board's funnel): of those
 * waiting for their answer at the last refresh, the ones whose deadline ($5, the Berlin date of
 * the read) has passed. The deadline is compared when read, so it counts from the day after it
 * without a refresh.
 */
const overdueMonths = statement<
  { month: string; serviceId: string; overdue: number },
  [string, string | null, string, string, string]
>(
  'board',
  'overdueMonths',
  `
  SELECT to_char(month, 'YYYY-MM') AS month, service_id AS "serviceId", sum(referrals)::int AS overdue
    FROM board_deadlines
   WHERE tenant_id = $1 AND ($2::uuid IS NULL OR coordination_area_id = $2) AND month BETWEEN $3 AND $4
     AND respond_by < $5::date
   GROUP BY month, service_id`,
);

/**
 * The histograms as JSON (`to_json`), which the driver parses natively, rather than as integer
 * arrays, whose text form it parses element by element in JavaScript: a year of the Kreis at a
 * million cases is some 15,000 elements, 7–9 ms of the gateway's CPU per board as arrays and
 * 2.1–2.4 ms as JSON (issue 20, docs/benchmarks.md).
 */
const waitMonths = statement<BoardWaitMonthRow, [string, string | null, string, string]>(
  'board',
  'waitMonths',
  `
  SELECT to_char(month, 'YYYY-MM') AS month, service_id, measure, to_json(days) AS days, to_json(counts) AS counts
    FROM board_waits
   WHERE tenant_id = $1 AND ($2::uuid IS NULL OR coordination_area_id = $2) AND month BETWEEN $3 AND $4`,
);

const caseMonths = statement<BoardCaseMonthRow, [string, string[], string, string]>(
  'board',
  'caseMonths',
  `
  SELECT to_char(month, 'YYYY-MM') AS month, sum(opened) AS opened, sum(closed) AS closed FROM board_case_months
   WHERE tenant_id = $1 AND region_id = ANY($2::uuid[]) AND month BETWEEN $3 AND $4 GROUP BY month`,
);

const needs = statement<{ domain: string; needs: string; referred: string }, [string, string[]]>(
  'board',
  'needs',
  `
  SELECT domain, sum(needs) AS needs, sum(referred) AS referred FROM board_needs
   WHERE tenant_id = $1 AND region_id = ANY($2::uuid[]) GROUP BY domain ORDER BY domain`,
);

const serviceDomains = statement<{ life_domain: string; n: string }, [string]>(
  'board',
  'serviceDomains',
  `
  SELECT life_domain, count(*) AS n FROM services WHERE tenant_id = $1 GROUP BY life_domain`,
);

const flags = statement<BoardFlagRow, [string, string[]]>(
  'board',
  'flags',
  `
  SELECT f.kind, f.case_id, c.reference, r.name AS region_name FROM board_flags f
    JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
    JOIN regions r ON r.tenant_id = f.tenant_id AND r.id = f.region_id
   WHERE f.tenant_id = $1 AND f.region_id = ANY($2::uuid[]) ORDER BY f.kind, c.reference LIMIT 1000`,
);

/**
 * How far behind its primary the server answering is, in seconds; null on a primary. A replica
 * that is streaming and has replayed all it received is caught up (0): the time since the last
 * replayed commit would grow there while the primary is idle. Otherwise (replay paused or behind,
 * or no connection to the primary) the age of the last replayed commit, as measured by this
 * server's clock; before the first replayed commit, the time since the replica started.
 * pg_stat_wal_receiver shows a row (its pid only, to the application's role) while streaming.
 */
const replicaLag = statement<{ lag_seconds: number | null }, []>(
  'board',
  'replicaLag',
  `
  SELECT CASE
           WHEN NOT pg_is_in_recovery() THEN NULL
           WHEN EXISTS (SELECT 1 FROM pg_stat_wal_receiver)
                AND pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
           ELSE greatest(0, extract(epoch FROM now() - coalesce(pg_last_xact_replay_timestamp(), pg_postmaster_start_time())))
         END::float8 AS lag_seconds`,
);

/**
 * The board's reads: the small reads of a board, which touch only its materialised views and
 * the tenant's structure, never the cases themselves (those views are refreshed by the worker,
 * board-refresh.ts). They run on whatever data source they are given: in the gateway a streaming
 * replica when REPLICA_DATABASE_URL is set, else the primary.
 */
export const boardRepository = {
  /** Seconds the answering server is behind its primary; null when it is the primary. */
  replicaLag: async (db: Db) => (await maybeOne(db, replicaLag, []))?.lag_seconds ?? null,
  areaName: async (db: Db, tenantId: string, areaId: string) =>
    (await maybeOne(db, areaName, [tenantId, areaId]))?.name ?? null,
  tenantName: async (db: Db, tenantId: string) => (await maybeOne(db, tenantName, [tenantId]))?.name ?? null,
  regions: (db: Db, tenantId: string, areaId: string | null) => rows(db, regions, [tenantId, areaId]),
  asOf: async (db: Db, tenantId: string) => (await maybeOne(db, asOf, [tenantId]))?.as_of ?? null,
  caseCounts: (db: Db, tenantId: string, regionIds: string[]) => rows(db, caseCounts, [tenantId, regionIds]),
  caseManagers: (db: Db, tenantId: string, regionIds: string[]) => rows(db, caseManagers, [tenantId, regionIds]),
  services: (db: Db, tenantId: string) => rows(db, services, [tenantId]),
  referralMonths: (db: Db, tenantId: string, areaId: string | null, from: string, to: string) =>
    rows(db, referralMonths, [tenantId, areaId, from, to]),
  /** Months as first days ('YYYY-MM-01'), both included; `today` the Berlin date of the read. */
  overdueMonths: (db: Db, tenantId: string, areaId: string | null, from: string, to: string, today: string) =>
    rows(db, overdueMonths, [tenantId, areaId, from, to, today]),
  waitMonths: (db: Db, tenantId: string, areaId: string | null, from: string, to: string) =>
    rows(db, waitMonths, [tenantId, areaId, from, to]),
  caseMonths: (db: Db, tenantId: string, regionIds: string[], from: string, to: string) =>
    rows(db, caseMonths, [tenantId, regionIds, from, to]),
  needs: (db: Db, tenantId: string, regionIds: string[]) => rows(db, needs, [tenantId, regionIds]),
  serviceDomains: (db: Db, tenantId: string) => rows(db, serviceDomains, [tenantId]),
  flags: (db: Db, tenantId: string, regionIds: string[]) => rows(db, flags, [tenantId, regionIds]),
};

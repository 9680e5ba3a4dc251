import type { BusinessStatus, ReferralStatus } from '@kim/contracts';
import { agencyColumns, serviceColumns, type AgencyRow, type ServiceRow } from './agency.js';
import { caseScopeColumns, type CaseScopeRow } from './case.js';
import type { NewInbound } from './inbound-message.js';
import type { OutboxInsert } from './outbox.js';
import type { TimelineInsert } from './timeline.js';
import { execute, maybeOne, rows, statement, type Db } from './statement.js';

/** A referral row, as the hub's code reads it (the same fields as its entity). */
export interface ReferralRow {
  tenantId: string;
  id: string;
  caseId: string;
  serviceId: string;
  agencyId: string;
  purpose: string;
  categories: string[];
  status: ReferralStatus;
  businessStatus: BusinessStatus | null;
  statusReason: string | null;
  servicesDelivered: string[] | null;
  outcome: string | null;
  note: string | null;
  /** A date without time: 'YYYY-MM-DD'. */
  respondBy: string | null;
  createdBy: string;
  lastAgencyUpdateAt: Date | null;
  lastAgencyEventId: string | null;
  requestedAt: Date | null;
  outcomeAcknowledgedAt: Date | null;
  acceptedAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** The referral's columns as ReferralRow fields, qualified by a table alias (`f.`) where a statement joins. */
export const referralColumns = (
  q: string,
) => `${q}tenant_id AS "tenantId", ${q}id, ${q}case_id AS "caseId", ${q}service_id AS "serviceId",
         ${q}agency_id AS "agencyId", ${q}purpose, ${q}categories, ${q}status, ${q}business_status AS "businessStatus",
         ${q}status_reason AS "statusReason", ${q}services_delivered AS "servicesDelivered", ${q}outcome, ${q}note,
         ${q}respond_by::text AS "respondBy", ${q}created_by AS "createdBy", ${q}last_agency_update_at AS "lastAgencyUpdateAt",
         ${q}last_agency_event_id AS "lastAgencyEventId", ${q}requested_at AS "requestedAt",
         ${q}outcome_acknowledged_at AS "outcomeAcknowledgedAt", ${q}accepted_at AS "acceptedAt",
         ${q}started_at AS "startedAt", ${q}finished_at AS "finishedAt", ${q}created_at AS "createdAt",
         ${q}updated_at AS "updatedAt", ${q}version`;
const COLUMNS = referralColumns('');

const byId = statement<ReferralRow, [string, string]>(
  'referral',
  'byId',
  `
  SELECT ${COLUMNS}
    FROM referrals WHERE tenant_id = $1 AND id = $2`,
  { prepared: true },
);

const ofCase = statement<ReferralRow, [string, string]>(
  'referral',
  'ofCase',
  `
  SELECT ${COLUMNS}
    FROM referrals WHERE tenant_id = $1 AND case_id = $2 ORDER BY created_at`,
  { prepared: true },
);

const lock = statement<ReferralRow, [string, string]>(
  'referral',
  'lock',
  `
  SELECT ${COLUMNS}
    FROM referrals WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
  { prepared: true },
);

/**
 * The referral locked, with its case and the case's area beside it (case fields prefixed `c.`):
 * the lock and what the caller's access check needs in one round trip (issue 20). Only the
 * referral is locked. The case's columns come from the statement's snapshot, so after waiting for
 * the lock they may be older than the referral's; a case's area is never changed (a case that
 * moves closes and opens anew elsewhere), which is what the access check reads.
 */
const lockWithCase = statement<ReferralRow & Record<string, unknown>, [string, string]>(
  'referral',
  'lockWithCase',
  `
  SELECT ${referralColumns('f.')},
         ${caseScopeColumns('c', 'g', 'c.')}
    FROM referrals f
    JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
    JOIN regions g ON g.tenant_id = c.tenant_id AND g.id = c.region_id
   WHERE f.tenant_id = $1 AND f.id = $2
     FOR UPDATE OF f`,
  { prepared: true },
);

const lockOfAgencyOnCases = statement<ReferralRow, [string, string[], string]>(
  'referral',
  'lockOfAgencyOnCases',
  `
  SELECT ${COLUMNS}
    FROM referrals WHERE tenant_id = $1 AND case_id = ANY($2::uuid[]) AND agency_id = $3
   ORDER BY created_at FOR UPDATE`,
);

/** A referral with the service and the agency it names (service and agency fields prefixed `s.` and `a.`). */
export type ReferralWithTargetsRow = ReferralRow & Record<string, unknown>;

const withTargetsOfCases = statement<ReferralWithTargetsRow, [string, string[]]>(
  'referral',
  'withTargetsOfCases',
  `
  SELECT ${referralColumns('f.')},
         ${serviceColumns('s.', 's.')},
         ${agencyColumns('a.', 'a.')}
    FROM referrals f
    JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
    JOIN agencies a ON a.tenant_id = f.tenant_id AND a.id = f.agency_id
   WHERE f.tenant_id = $1 AND f.case_id = ANY($2)
   ORDER BY f.created_at`,
  { prepared: true },
);

/**
 * A joined row's fields by the prefix before their dot (`s.`, `a.`, `c.`), each without it;
 * fields without one (the row's own table) under ''.
 */
function byPrefix(row: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const parts: Record<string, Record<string, unknown>> = { '': {} };
  for (const [key, value] of Object.entries(row)) {
    const dot = key.indexOf('.');
    if (dot < 0) parts['']![key] = value;
    else (parts[key.slice(0, dot)] ??= {})[key.slice(dot + 1)] = value;
  }
  return parts;
}

/** The referral, the service and the agency of a joined row (service and agency fields prefixed `s.` and `a.`). */
export function splitReferralWithTargets(row: ReferralWithTargetsRow): {
  referral: ReferralRow;
  service: ServiceRow;
  agency: AgencyRow;
} {
  const parts = byPrefix(row);
  return {
    referral: parts[''] as unknown as ReferralRow,
    service: (parts.s ?? {}) as unknown as ServiceRow,
    agency: (parts.a ?? {}) as unknown as AgencyRow,
  };
}

const insertDraft = statement<{ createdAt: Date; updatedAt: Date; version: number }, unknown[]>(
  'referral',
  'insertDraft',
  `
  INSERT INTO referrals (tenant_id, id, case_id, service_id, agency_id, purpose, categories, status, note, created_by, version)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1)
  RETURNING created_at AS "createdAt", updated_at AS "updatedAt", version`,
);

const writeState = statement<{ updatedAt: Date; version: number }, unknown[]>(
  'referral',
  'writeState',
  `
  UPDATE referrals SET status = $3, business_status = $4, status_reason = $5, services_delivered = $6, outcome = $7,
         requested_at = $8, respond_by = $9, updated_at = now(), version = version + 1
   WHERE tenant_id = $1 AND id = $2
  RETURNING updated_at AS "updatedAt", version`,
  { prepared: true },
);

// A referral's new workflow state with the outbox message that announces it ($10–$16) and its
// timeline entry ($17–$26), in ONE statement (issue 20: sending wrote three). The two inserts
// touch other tables than the update and read nothing it writes.
const writeStateAnnounced = statement<{ updatedAt: Date; version: number }, unknown[]>(
  'referral',
  'writeStateAnnounced',
  `
  WITH outbox AS (
    INSERT INTO outbox_messages (tenant_id, id, agency_id, referral_id, consent_id, event_type, event_id, delivery_state, trace_id)
    VALUES ($1, $10, $11, $12, $13, $14, $15, 'queued', $16)
  ), timeline AS (
    INSERT INTO timeline_events (tenant_id, case_id, referral_id, kind, occurred_at, actor_role, actor_id, summary,
                                 summary_code, summary_params, data)
    VALUES ($1, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)
  )
  UPDATE referrals SET status = $3, business_status = $4, status_reason = $5, services_delivered = $6, outcome = $7,
         requested_at = $8, respond_by = $9, updated_at = now(), version = version + 1
   WHERE tenant_id = $1 AND id = $2
  RETURNING updated_at AS "updatedAt", version`,
  { prepared: true },
);

/** A referral locked for an agency's status messages, with what their timeline entries and links need. */
export interface ReferralForStatus {
  id: string;
  agencyId: string;
  agencyKind: string;
  caseId: string;
  /** The person of the case (an achievement a message carries is theirs). */
  personId: string;
  caseReference: string;
  status: ReferralStatus;
  businessStatus: BusinessStatus | null;
  lastAgencyUpdateAt: Date | null;
  lastAgencyEventId: string | null;
  requestedAt: Date | null;
  purpose: string;
}

const lockForStatus = statement<ReferralForStatus, [string, string[]]>(
  'referral',
  'lockForStatus',
  `
  SELECT r.id, r.agency_id AS "agencyId", a.kind AS "agencyKind", r.case_id AS "caseId", c.person_id AS "personId",
         c.reference AS "caseReference",
         r.status, r.business_status AS "businessStatus", r.last_agency_update_at AS "lastAgencyUpdateAt",
         r.last_agency_event_id AS "lastAgencyEventId", r.requested_at AS "requestedAt", r.purpose
    FROM referrals r
    JOIN cases c ON c.tenant_id = r.tenant_id AND c.id = r.case_id
    JOIN agencies a ON a.tenant_id = r.tenant_id AND a.id = r.agency_id
   WHERE r.tenant_id = $1 AND r.id = ANY($2::uuid[])
   ORDER BY r.id FOR UPDATE OF r`,
);

/** An agency's status applied to a referral: null fields keep their value (see the planner). */
export interface AgencyStatusUpdate {
  id: string;
  status: ReferralStatus;
  businessStatus: BusinessStatus | null;
  reason: string | null;
  servicesDelivered: string[] | null;
  outcome: string | null;
  lastAgencyUpdateAt: Date;
  lastAgencyEventId: string;
}

/** One `referral.status-changed` entry an agency's message puts on the case timeline. */
export interface AgencyStatusTimelineEntry {
  id: string;
  caseId: string;
  referralId: string;
  occurredAt: Date;
  summary: string;
  summaryCode: string;
  summaryParams: Record<string, string | readonly string[]>;
  data: Record<string, unknown>;
}

// What an agency's status messages change, written in ONE statement (issue 20: it was three): the
// new messages stored with what became of them ($3–$9), the referrals' new statuses ($10–$17) and
// their timeline entries ($18–$24, their ids $25: time-ordered, made by the caller). The three parts touch different tables and none reads what
// another writes, so one statement with data-modifying WITH parts is the same as three in a row;
// an empty list writes nothing. The JSON columns come as one JSON array each ($7, $23, $24), zipped
// with the other lists by ROWS FROM: the messages' bodies are JSON texts already, joined with commas
// they are that array, with no escaping for a text[] literal (the worker's CPU on a large import).
const writeAgencyStatusPlan = statement<never, unknown[]>(
  'referral',
  'writeAgencyStatusPlan',
  `
  WITH stored AS (
    INSERT INTO inbound_messages (tenant_id, agency_id, id, event_id, referral_id, occurred_at, body, state, error)
    SELECT $1, $2, x.id, x.event_id, x.referral_id, x.occurred_at, x.body, x.state, x.error
      FROM ROWS FROM (unnest($3::uuid[]), unnest($4::text[]), unnest($5::uuid[]), unnest($6::timestamptz[]),
                      jsonb_array_elements($7::jsonb), unnest($8::text[]), unnest($9::text[]))
           AS x(id, event_id, referral_id, occurred_at, body, state, error)
  ), applied AS (
    UPDATE referrals r SET status = x.status, business_status = x.business,
           status_reason = coalesce(x.reason, r.status_reason),
           services_delivered = CASE WHEN x.services IS NULL THEN r.services_delivered
                                     ELSE ARRAY(SELECT jsonb_array_elements_text(x.services::jsonb)) END,
           outcome = coalesce(x.outcome, r.outcome),
           last_agency_update_at = x.at, last_agency_event_id = x.event_id,
           updated_at = now(), version = r.version + 1
      FROM unnest($10::uuid[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::timestamptz[], $17::text[])
           AS x(id, status, business, reason, services, outcome, at, event_id)
     WHERE r.tenant_id = $1 AND r.id = x.id
  )
  INSERT INTO timeline_events (tenant_id, id, case_id, referral_id, kind, occurred_at, actor_role, actor_id, summary,
                               summary_code, summary_params, data)
  SELECT $1, x.id, x.case_id, x.referral_id, 'referral.status-changed', x.occurred_at, 'agency', $2, x.summary,
         x.summary_code, x.summary_params, x.data
    FROM ROWS FROM (unnest($25::uuid[]), unnest($18::uuid[]), unnest($19::uuid[]), unnest($20::timestamptz[]),
                    unnest($21::text[]), unnest($22::text[]), jsonb_array_elements($23::jsonb), jsonb_array_elements($24::jsonb))
         AS x(id, case_id, referral_id, occurred_at, summary, summary_code, summary_params, data)`,
  { prepared: true },
);

/** A referral a coordinator should look at: overdue, or finished without anyone taking note. */
export interface WatchItem {
  referralId: string;
  caseId: string;
  caseReference: string;
  agencyName: string;
  serviceName: string;
  status: string;
  requestedAt: Date | null;
  respondBy: string | null;
  caseManagerName: string;
}

const WATCH_SELECT = `SELECT f.id AS "referralId", c.id AS "caseId", c.reference AS "caseReference", a.name AS "agencyName",
         s.name AS "serviceName", f.status, f.requested_at AS "requestedAt", f.respond_by::text AS "respondBy",
         u.display_name AS "caseManagerName"
    FROM referrals f
    JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
    JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
    JOIN agencies a ON a.tenant_id = f.tenant_id AND a.id = f.agency_id
    JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
    JOIN staff_users u ON u.tenant_id = c.tenant_id AND u.id = c.case_manager_id`;

/**
 * Which referrals a watch list holds, in the coordination area $2: overdue ($3 'overdue': sent,
 * not answered, deadline $4 — a Berlin date — before today) or open loops (finished in one of
 * $5, outcome not taken note of); $6 an agency or null for all.
 */
const WATCH_WHERE = `f.tenant_id = $1 AND r.coordination_area_id = $2
     AND CASE WHEN $3 = 'overdue' THEN f.status = 'requested' AND f.respond_by < $4::date
              ELSE f.status = ANY($5::text[]) AND f.outcome_acknowledged_at IS NULL END`;
const AGENCY = `($6::uuid IS NULL OR f.agency_id = $6::uuid)`;
/** The list's order: by deadline (or last change, where none), then id; a stable keyset. */
const WATCH_KEY = `coalesce(f.respond_by, (f.updated_at AT TIME ZONE 'Europe/Berlin')::date)`;

export type WatchKind = 'overdue' | 'open-loop';
export interface WatchFilter {
  tenantId: string;
  areaId: string | null;
  kind: WatchKind;
  today: string;
  finished: readonly string[];
  agencyId: string | null;
}

/** One page after the position (sort key, id), oldest deadline first or newest first ($7). */
const watchPage = statement<
  WatchItem & { sortKey: string },
  [
    string,
    string | null,
    WatchKind,
    string,
    readonly string[],
    string | null,
    boolean,
    string | null,
    string | null,
    number,
  ]
>(
  'referral',
  'watchPage',
  `
  ${WATCH_SELECT.replace('SELECT ', `SELECT ${WATCH_KEY}::text AS "sortKey", `)}
   WHERE ${WATCH_WHERE} AND ${AGENCY}
     AND ($8::date IS NULL
          OR (NOT $7 AND (${WATCH_KEY}, f.id) > ($8::date, $9::uuid))
          OR ($7 AND (${WATCH_KEY}, f.id) < ($8::date, $9::uuid)))
   ORDER BY CASE WHEN $7 THEN ${WATCH_KEY} END DESC, CASE WHEN $7 THEN f.id END DESC, ${WATCH_KEY}, f.id
   LIMIT $10`,
);

/** What a watch list can be sorted by, besides its deadline order (newestFirst). */
export type WatchOrderField = 'deadline' | 'caseReference' | 'agencyName' | 'caseManagerName' | 'serviceName';
export type WatchOrderDirection = 'asc' | 'desc';
// Each key from the referral row `x` alone, so the page's rows and the cursor's referral are
// keyed by the same expression.
const WATCH_ORDER_KEYS: Record<WatchOrderField, (x: string) => string> = {
  deadline: (x) => `coalesce(${x}.respond_by, (${x}.updated_at AT TIME ZONE 'Europe/Berlin')::date)`,
  caseReference: (x) =>
    `(SELECT ${x}c.reference FROM cases ${x}c WHERE ${x}c.tenant_id = ${x}.tenant_id AND ${x}c.id = ${x}.case_id)`,
  agencyName: (x) =>
    `(SELECT lower(${x}a.name) FROM agencies ${x}a WHERE ${x}a.tenant_id = ${x}.tenant_id AND ${x}a.id = ${x}.agency_id)`,
  serviceName: (x) =>
    `(SELECT lower(${x}s.name) FROM services ${x}s WHERE ${x}s.tenant_id = ${x}.tenant_id AND ${x}s.id = ${x}.service_id)`,
  caseManagerName: (x) => `(SELECT lower(${x}u.display_name) FROM cases ${x}c
            JOIN staff_users ${x}u ON ${x}u.tenant_id = ${x}c.tenant_id AND ${x}u.id = ${x}c.case_manager_id
           WHERE ${x}c.tenant_id = ${x}.tenant_id AND ${x}c.id = ${x}.case_id)`,
};

// A watch list page in a chosen order, after the referral $7 (the last of the page before): its
// key is read from it here, and only if its case is in the coordinator's area (a cursor holds
// the id, no key).
function orderedWatchPage(field: WatchOrderField, direction: WatchOrderDirection) {
  const key = WATCH_ORDER_KEYS[field];
  const [cmp, dir] = direction === 'asc' ? ['>', 'ASC'] : ['<', 'DESC'];
  return statement<
    WatchItem,
    [string, string | null, WatchKind, string, readonly string[], string | null, string | null, number]
  >(
    'referral',
    `watchPageBy${field[0]!.toUpperCase()}${field.slice(1)}${direction === 'asc' ? 'Asc' : 'Desc'}`,
    `
  ${WATCH_SELECT}
   WHERE ${WATCH_WHERE} AND ${AGENCY}
     AND ($7::uuid IS NULL OR (${key('f')}, f.id) ${cmp} (
          SELECT ${key('w')}, w.id FROM referrals w
           WHERE w.tenant_id = $1 AND w.id = $7::uuid
             AND EXISTS (SELECT 1 FROM cases wc JOIN regions wr ON wr.tenant_id = wc.tenant_id AND wr.id = wc.region_id
                          WHERE wc.tenant_id = w.tenant_id AND wc.id = w.case_id AND wr.coordination_area_id = $2)))
   ORDER BY ${key('f')} ${dir}, f.id ${dir}
   LIMIT $8`,
  );
}
const orderedWatchPages = Object.fromEntries(
  (Object.keys(WATCH_ORDER_KEYS) as WatchOrderField[]).flatMap((f) =>
    (['asc', 'desc'] as const).map((d) => [`${f} ${d}`, orderedWatchPage(f, d)]),
  ),
) as Record<`${WatchOrderField} ${WatchOrderDirection}`, ReturnType<typeof orderedWatchPage>>;

// Whether the referral $3 is of a case in the coordinator's area $2 (a cursor's, when the page
// after it is empty).
const watchListed = statement<{ one: number }, [string, string | null, string]>(
  'referral',
  'watchListed',
  `
  SELECT 1 AS one FROM referrals w
    JOIN cases wc ON wc.tenant_id = w.tenant_id AND wc.id = w.case_id
    JOIN regions wr ON wr.tenant_id = wc.tenant_id AND wr.id = wc.region_id
   WHERE w.tenant_id = $1 AND w.id = $3::uuid AND wr.coordination_area_id = $2`,
);

/** How many the list holds (with its agency filter), and how many per agency (without it). */
const watchCounts = statement<
  { agencyId: string; agencyName: string; referrals: number },
  [string, string | null, WatchKind, string, readonly string[]]
>(
  'referral',
  'watchCounts',
  `
  SELECT a.id AS "agencyId", a.name AS "agencyName", count(*)::int AS referrals
    FROM referrals f
    JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
    JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
    JOIN agencies a ON a.tenant_id = f.tenant_id AND a.id = f.agency_id
   WHERE ${WATCH_WHERE}
   GROUP BY a.id, a.name
   ORDER BY referrals DESC, a.name`,
);

const acknowledgeOutcome = statement<never, [string, string, Date]>(
  'referral',
  'acknowledgeOutcome',
  `
  UPDATE referrals SET outcome_acknowledged_at = $3 WHERE tenant_id = $1 AND id = $2`,
);

const agencyReceived = statement<{ n: number }, [string, string]>(
  'referral',
  'agencyReceived',
  `
  SELECT count(*)::int AS n FROM audit_events e
    JOIN referrals r ON r.tenant_id = e.tenant_id AND r.id = e.subject_id
   WHERE e.tenant_id = $1 AND e.subject_type = 'referral' AND e.subject_id = $2 AND e.agency_id = r.agency_id
     AND e.allowed`,
);

export const referralRepository = {
  /**
   * Whether the referral reached its agency: the ledger has an allowed entry about it for that
   * agency (its disclosure when built for a webhook or a file, or the agency's own read of it).
   * Only then is the agency told of a cancellation.
   */
  agencyReceived: async (db: Db, tenantId: string, id: string) =>
    ((await maybeOne(db, agencyReceived, [tenantId, id]))?.n ?? 0) > 0,

  byId: (db: Db, tenantId: string, id: string) => maybeOne(db, byId, [tenantId, id]),

  /** The referral, locked for a change in the caller's transaction. */
  lock: (db: Db, tenantId: string, id: string) => maybeOne(db, lock, [tenantId, id]),

  /** The referral locked for a change, with its case and the case's area (for the access check), in one statement. */
  async lockWithCase(
    db: Db,
    tenantId: string,
    id: string,
  ): Promise<{ referral: ReferralRow; scope: CaseScopeRow } | null> {
    const row = await maybeOne(db, lockWithCase, [tenantId, id]);
    if (!row) return null;
    const parts = byPrefix(row);
    return { referral: parts[''] as unknown as ReferralRow, scope: parts.c as unknown as CaseScopeRow };
  },

  /** The referrals of a case, oldest first. */
  ofCase: (db: Db, tenantId: string, caseId: string) => rows(db, ofCase, [tenantId, caseId]),

  /** The referrals of these cases, oldest first, each with the service and the agency it names. */
  withTargetsOfCases: async (db: Db, tenantId: string, caseIds: readonly string[]) =>
    (await rows(db, withTargetsOfCases, [tenantId, [...caseIds]])).map(splitReferralWithTargets),

  /** An agency's referrals on these cases, oldest first, locked. */
  lockOfAgencyOnCases: (db: Db, tenantId: string, caseIds: string[], agencyId: string) =>
    caseIds.length === 0 ? Promise.resolve([]) : rows(db, lockOfAgencyOnCases, [tenantId, caseIds, agencyId]),

  /** Insert a draft; the row's generated times and version are set on it. */
  async insertDraft(db: Db, r: ReferralRow): Promise<void> {
    const [written] = await rows(db, insertDraft, [
      r.tenantId,
      r.id,
      r.caseId,
      r.serviceId,
      r.agencyId,
      r.purpose,
      r.categories,
      r.status,
      r.note,
      r.createdBy,
    ]);
    Object.assign(r, written);
  },

  /** Write back the workflow fields of a locked referral; its update time and version are set on it. */
  async writeState(db: Db, r: ReferralRow): Promise<void> {
    const [written] = await rows(db, writeState, [
      r.tenantId,
      r.id,
      r.status,
      r.businessStatus,
      r.statusReason,
      r.servicesDelivered,
      r.outcome,
      r.requestedAt,
      r.respondBy,
    ]);
    if (!written) throw new Error(`referral ${r.id} to write back was not found`);
    Object.assign(r, written);
  },

  /**
   * writeState, with the outbox message announcing the change and its timeline entry written in
   * the same statement (both in the referral's tenant).
   */
  async writeStateAnnounced(
    db: Db,
    r: ReferralRow,
    outbox: Omit<OutboxInsert, 'tenantId'>,
    entry: Omit<TimelineInsert, 'tenantId'>,
  ): Promise<void> {
    const [written] = await rows(db, writeStateAnnounced, [
      r.tenantId,
      r.id,
      r.status,
      r.businessStatus,
      r.statusReason,
      r.servicesDelivered,
      r.outcome,
      r.requestedAt,
      r.respondBy,
      outbox.id,
      outbox.agencyId,
      outbox.referralId,
      outbox.consentId,
      outbox.eventType,
      outbox.eventId,
      outbox.traceId,
      entry.caseId,
      entry.referralId,
      entry.kind,
      entry.occurredAt,
      entry.actorRole,
      entry.actorId,
      entry.summary,
      entry.summaryCode,
      // jsonb goes as text: node-postgres would send a JavaScript array as a PostgreSQL array.
      JSON.stringify(entry.summaryParams),
      JSON.stringify(entry.data),
    ]);
    if (!written) throw new Error(`referral ${r.id} to write back was not found`);
    Object.assign(r, written);
  },

  /** Referrals locked in a fixed order (by id), as every path that applies an agency's status locks them. */
  lockForStatus: (db: Db, tenantId: string, ids: string[]) =>
    ids.length === 0 ? Promise.resolve([]) : rows(db, lockForStatus, [tenantId, ids]),

  /**
   * Write what an agency's status messages change (writeAgencyStatusPlan): the new messages, the
   * referrals' statuses (null fields keep their value) and the timeline entries, in one statement.
   */
  async writeAgencyStatusPlan(
    db: Db,
    tenantId: string,
    agencyId: string,
    plan: { messages: NewInbound[]; updates: AgencyStatusUpdate[]; timeline: AgencyStatusTimelineEntry[] },
  ): Promise<void> {
    const { messages, updates, timeline } = plan;
    if (messages.length === 0 && updates.length === 0 && timeline.length === 0) return;
    await execute(db, writeAgencyStatusPlan, [
      tenantId,
      agencyId,
      messages.map((m) => m.id),
      messages.map((m) => m.eventId),
      messages.map((m) => m.referralId),
      messages.map((m) => m.occurredAt),
      // Each body is one JSON value (validated where it was received): together, a JSON array.
      `[${messages.map((m) => m.body).join(',')}]`,
      messages.map((m) => m.state),
      messages.map((m) => m.error),
      updates.map((u) => u.id),
      updates.map((u) => u.status),
      updates.map((u) => u.businessStatus),
      updates.map((u) => u.reason),
      updates.map((u) => (u.servicesDelivered === null ? null : JSON.stringify(u.servicesDelivered))),
      updates.map((u) => u.outcome),
      updates.map((u) => u.lastAgencyUpdateAt.toISOString()),
      updates.map((u) => u.lastAgencyEventId),
      timeline.map((e) => e.caseId),
      timeline.map((e) => e.referralId),
      timeline.map((e) => e.occurredAt.toISOString()),
      timeline.map((e) => e.summary),
      timeline.map((e) => e.summaryCode),
      JSON.stringify(timeline.map((e) => e.summaryParams)),
      JSON.stringify(timeline.map((e) => e.data)),
      timeline.map((e) => e.id),
    ]);
  },

  /** A page of a watch list; `after` the last row's (sortKey, id), null for the first page. */
  watchPage: (
    db: Db,
    f: WatchFilter,
    page: { newestFirst: boolean; after: { sortKey: string; id: string } | null; limit: number },
  ) =>
    rows(db, watchPage, [
      f.tenantId,
      f.areaId,
      f.kind,
      f.today,
      f.finished,
      f.agencyId,
      page.newestFirst,
      page.after?.sortKey ?? null,
      page.after?.id ?? null,
      page.limit,
    ]),

  /** A page of a watch list in a chosen order; `afterId` the last referral of the page before. */
  orderedWatchPage: (
    db: Db,
    f: WatchFilter,
    page: { order: { field: WatchOrderField; direction: WatchOrderDirection }; afterId: string | null; limit: number },
  ) =>
    rows(db, orderedWatchPages[`${page.order.field} ${page.order.direction}`], [
      f.tenantId,
      f.areaId,
      f.kind,
      f.today,
      f.finished,
      f.agencyId,
      page.afterId,
      page.limit,
    ]),
  /** Whether the referral's case is in the coordinator's area (a cursor's). */
  watchListed: async (db: Db, tenantId: string, areaId: string | null, id: string) =>
    (await maybeOne(db, watchListed, [tenantId, areaId, id])) !== null,

  /** Per agency, over the whole list (whatever agency a page is filtered to). */
  watchCounts: (db: Db, f: Omit<WatchFilter, 'agencyId'>) =>
    rows(db, watchCounts, [f.tenantId, f.areaId, f.kind, f.today, f.finished]),

  acknowledgeOutcome: (db: Db, tenantId: string, id: string, at: Date) =>
    execute(db, acknowledgeOutcome, [tenantId, id, at]),
};

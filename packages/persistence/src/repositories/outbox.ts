import type { DeliveryState } from '@kim/contracts';
import { consentInForceSql, legalBasisInEffectSql, ruleOff } from './fragments.js';
import { execute, maybeOne, rows, statement, type Db } from './statement.js';

/** An outbox row (the transactional outbox: written with the change it announces). */
export interface OutboxRow {
  tenantId: string;
  id: string;
  agencyId: string;
  referralId: string | null;
  consentId: string | null;
  eventType: string;
  eventId: string;
  deliveryState: DeliveryState;
  enqueued: boolean;
  enqueuedAt: Date | null;
  attempts: number;
  replays: number;
  lastError: string | null;
  sentBody: Record<string, unknown> | null;
  traceId: string;
  createdAt: Date;
  sentAt: Date | null;
  handoffRunId: string | null;
  discardedAt: Date | null;
  discardedBy: string | null;
  discardReason: string | null;
}

/** A new outbox row, queued: written with the change it announces. */
export interface OutboxInsert {
  tenantId: string;
  id: string;
  agencyId: string;
  referralId: string | null;
  consentId: string | null;
  eventType: string;
  eventId: string;
  traceId: string;
}

/** What the relay and the reconciliation hand to the queue: the job id is made from it. */
export interface RelayItem {
  tenantId: string;
  outboxId: string;
  traceId: string;
  replays: number;
}

const COLUMNS = `tenant_id AS "tenantId", id, agency_id AS "agencyId", referral_id AS "referralId",
         consent_id AS "consentId", event_type AS "eventType", event_id AS "eventId",
         delivery_state AS "deliveryState", enqueued, enqueued_at AS "enqueuedAt", attempts, replays,
         last_error AS "lastError", sent_body AS "sentBody", trace_id AS "traceId", created_at AS "createdAt",
         sent_at AS "sentAt", handoff_run_id AS "handoffRunId", discarded_at AS "discardedAt",
         discarded_by AS "discardedBy", discard_reason AS "discardReason"`;

const insert = statement<never, [string, string, string, string | null, string | null, string, string, string]>(
  'outbox',
  'insert',
  `
  INSERT INTO outbox_messages (tenant_id, id, agency_id, referral_id, consent_id, event_type, event_id, delivery_state, trace_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7, 'queued', $8)`,
  { prepared: true },
);

const lock = statement<OutboxRow, [string, string]>(
  'outbox',
  'lock',
  `
  SELECT ${COLUMNS}
    FROM outbox_messages WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
  { prepared: true },
);

/** Several rows of one tenant locked at once, in a fixed order (by id), as a batch of deliveries takes them. */
const lockMany = statement<OutboxRow, [string, string[]]>(
  'outbox',
  'lockMany',
  `
  SELECT ${COLUMNS}
    FROM outbox_messages WHERE tenant_id = $1 AND id = ANY($2::uuid[])
   ORDER BY id FOR UPDATE`,
  { prepared: true },
);

/**
 * SQL condition: the outbox message `o` concerns a case (through its referral, or the consent of
 * a revocation notice) of the coordination area `area`. Coordinators see and operate on those
 * only; operators work tenant-wide (messages carry no case data).
 */
export const messageInCoordinationArea = (o: string, area: string) =>
  `EXISTS (SELECT 1 FROM cases mc JOIN regions mr ON mr.tenant_id = mc.tenant_id AND mr.id = mc.region_id
            WHERE mc.tenant_id = ${o}.tenant_id AND mr.coordination_area_id = ${area}
              AND mc.id IN (SELECT mref.case_id FROM referrals mref WHERE mref.tenant_id = ${o}.tenant_id AND mref.id = ${o}.referral_id
                            UNION ALL
                            SELECT mcon.case_id FROM consents mcon WHERE mcon.tenant_id = ${o}.tenant_id AND mcon.id = ${o}.consent_id))`;

const inCoordinationArea = statement<{ one: number }, [string, string, string | null]>(
  'outbox',
  'inCoordinationArea',
  `
  SELECT 1 AS one FROM outbox_messages o
   WHERE o.tenant_id = $1 AND o.id = $2 AND ${messageInCoordinationArea('o', '$3::uuid')}`,
);

/** An outbox row with its creation time in microseconds since the epoch (a keyset cursor's position). */
export type PositionedOutboxRow = OutboxRow & { createdUs: string };

// $3: the caller is a coordinator, who sees the messages of cases of area $4 only.
const page = statement<
  PositionedOutboxRow,
  [string, DeliveryState, boolean, string | null, string | null, boolean, string | null, string | null, number]
>(
  'outbox',
  'page',
  `
  SELECT ${COLUMNS}, (extract(epoch FROM o.created_at) * 1000000)::bigint::text AS "createdUs"
    FROM outbox_messages o
   WHERE o.tenant_id = $1 AND o.delivery_state = $2
     AND (NOT $3::boolean OR ${messageInCoordinationArea('o', '$4::uuid')})
     AND ($5::uuid IS NULL OR o.agency_id = $5)
     AND (NOT $6::boolean OR o.last_error IS NOT NULL)
     AND ($7::bigint IS NULL
          OR (o.created_at, o.id) < (timestamptz 'epoch' + $7::bigint * interval '1 microsecond', $8::uuid))
   ORDER BY o.created_at DESC, o.id DESC
   LIMIT $9`,
);

/** What a list of outbound messages (the dead messages' review) can be sorted by, besides newest first. */
export type MessageOrderField = 'createdAt' | 'agencyName' | 'attempts' | 'replays';
export type MessageOrderDirection = 'asc' | 'desc';
const MESSAGE_ORDER_KEYS: Record<MessageOrderField, (o: string) => string> = {
  createdAt: (o) => `${o}.created_at`,
  agencyName: (o) =>
    `(SELECT lower(ag.name) FROM agencies ag WHERE ag.tenant_id = ${o}.tenant_id AND ag.id = ${o}.agency_id)`,
  attempts: (o) => `${o}.attempts`,
  replays: (o) => `${o}.replays`,
};
// Whether the caller may list the message `o` (tenant, whether a coordinator asks, their area).
const messageListed = (o: string, [tenant, coordinator, area] = ['$1', '$3', '$4']) =>
  `${o}.tenant_id = ${tenant} AND (NOT ${coordinator}::boolean OR ${messageInCoordinationArea(o, `${area}::uuid`)})`;

// `page` in a chosen order, after the message $7 (the last of the page before): its key is read
// from it here, and only if the caller may list it (a cursor holds the id, no key).
function orderedPage(field: MessageOrderField, direction: MessageOrderDirection) {
  const key = MESSAGE_ORDER_KEYS[field];
  const [cmp, dir] = direction === 'asc' ? ['>', 'ASC'] : ['<', 'DESC'];
  return statement<
    OutboxRow,
    [string, DeliveryState, boolean, string | null, string | null, boolean, string | null, number]
  >(
    'outbox',
    `pageBy${field[0]!.toUpperCase()}${field.slice(1)}${direction === 'asc' ? 'Asc' : 'Desc'}`,
    `
  SELECT ${COLUMNS}
    FROM outbox_messages o
   WHERE ${messageListed('o')} AND o.delivery_state = $2
     AND ($5::uuid IS NULL OR o.agency_id = $5)
     AND (NOT $6::boolean OR o.last_error IS NOT NULL)
     AND ($7::uuid IS NULL OR (${key('o')}, o.id) ${cmp} (
          SELECT ${key('x')}, x.id FROM outbox_messages x WHERE ${messageListed('x')} AND x.id = $7::uuid))
   ORDER BY ${key('o')} ${dir}, o.id ${dir}
   LIMIT $8`,
  );
}
const orderedPages = Object.fromEntries(
  (Object.keys(MESSAGE_ORDER_KEYS) as MessageOrderField[]).flatMap((f) =>
    (['asc', 'desc'] as const).map((d) => [`${f} ${d}`, orderedPage(f, d)]),
  ),
) as Record<`${MessageOrderField} ${MessageOrderDirection}`, ReturnType<typeof orderedPage>>;

// Whether the caller may list the message $4 (a cursor's, when the page after it is empty).
const listed = statement<{ one: number }, [string, boolean, string | null, string]>(
  'outbox',
  'listed',
  `
  SELECT 1 AS one FROM outbox_messages o WHERE o.id = $4::uuid AND ${messageListed('o', ['$1', '$2', '$3'])}`,
);

// An agency's own delivery log: its messages newest first, but never a suppressed one: that
// message never left the hub (its referral ended, or the consent behind it did), so even its
// referral id is nothing the agency may learn.
const ofAgency = statement<OutboxRow, [string, string, number, string[]]>(
  'outbox',
  'ofAgency',
  `
  SELECT ${COLUMNS}
    FROM outbox_messages o
   WHERE o.tenant_id = $1
     AND (o.agency_id = $2 OR ${ruleOff('agency.deliveries.own-only', '$4::text[]')})
     AND (o.delivery_state <> 'suppressed' OR ${ruleOff('agency.deliveries.never-suppressed', '$4::text[]')})
   ORDER BY o.created_at DESC, o.id DESC
   LIMIT $3`,
);

const positioned = statement<PositionedOutboxRow, [string, string]>(
  'outbox',
  'positioned',
  `
  SELECT ${COLUMNS}, (extract(epoch FROM created_at) * 1000000)::bigint::text AS "createdUs"
    FROM outbox_messages WHERE tenant_id = $1 AND id = $2`,
);

const latestStateOfReferrals = statement<{ referralId: string; deliveryState: DeliveryState }, [string, string[]]>(
  'outbox',
  'latestStateOfReferrals',
  `
  SELECT DISTINCT ON (referral_id) referral_id AS "referralId", delivery_state AS "deliveryState" FROM outbox_messages
   WHERE tenant_id = $1 AND referral_id = ANY($2::uuid[]) ORDER BY referral_id, created_at DESC`,
  { prepared: true },
);

// After a consent expired: the referral messages of its case still waiting for its agency, when
// nothing valid remains at all (no disclosure consent of the person in force, no legal basis in
// effect for the agency); finer cases are left to the send-time check. $8: the access rules
// switched off (fragments.ts; empty in every running hub).
const suppressUncoveredAfterExpiry = statement<
  { id: string },
  [string, string, string, string, string, string, Date, readonly string[]]
>(
  'outbox',
  'suppressUncoveredAfterExpiry',
  `
  UPDATE outbox_messages o SET delivery_state = 'suppressed', last_error = $4
    FROM referrals r
   WHERE o.tenant_id = $1 AND o.delivery_state = 'queued' AND o.agency_id = $2 AND o.event_type = 'de.kim-hub.referral.requested.v1'
     AND r.tenant_id = o.tenant_id AND r.id = o.referral_id AND r.case_id = $3
     AND NOT EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = o.tenant_id AND k.person_id = $5 AND k.recipient_agency_id = $2
                       AND k.kind = 'disclosure' AND ${consentInForceSql('k', { today: '$6', now: '$7' })})
     AND NOT EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = o.tenant_id AND b.recipient_agency_id = $2
                       AND ${legalBasisInEffectSql('b', 'r.case_id', '$6::date', '$8::text[]')})
  RETURNING o.id`,
);

const suppress = statement<never, [string, string, string]>(
  'outbox',
  'suppress',
  `
  UPDATE outbox_messages SET delivery_state = 'suppressed', last_error = $3 WHERE tenant_id = $1 AND id = $2`,
);

const suppressUnsentOfReferral = statement<{ id: string }, [string, string, string, string]>(
  'outbox',
  'suppressUnsentOfReferral',
  `
  UPDATE outbox_messages SET delivery_state = 'suppressed', last_error = $3
   WHERE tenant_id = $1 AND referral_id = $2 AND delivery_state IN ('queued', 'dead') AND event_type = $4
  RETURNING id`,
);

const acknowledged = statement<never, [string, string, string]>(
  'outbox',
  'acknowledged',
  `
  UPDATE outbox_messages SET delivery_state = 'acknowledged', attempts = attempts + 1, sent_at = now(), sent_body = $3,
         last_error = NULL
   WHERE tenant_id = $1 AND id = $2`,
);

/** acknowledged for several messages of one tenant in one statement: each with the body it was sent with. */
const acknowledgedMany = statement<never, [string, string[], string[]]>(
  'outbox',
  'acknowledgedMany',
  `
  UPDATE outbox_messages o SET delivery_state = 'acknowledged', attempts = o.attempts + 1, sent_at = now(),
         sent_body = v.body::jsonb, last_error = NULL
    FROM unnest($2::uuid[], $3::text[]) AS v(id, body)
   WHERE o.tenant_id = $1 AND o.id = v.id`,
  { prepared: true },
);

const attemptFailed = statement<never, [string, string, string, boolean]>(
  'outbox',
  'attemptFailed',
  `
  UPDATE outbox_messages SET attempts = attempts + 1, last_error = $3,
         delivery_state = CASE WHEN $4 THEN 'dead' ELSE delivery_state END
   WHERE tenant_id = $1 AND id = $2 AND delivery_state = 'queued'`,
);

const pendingForRelay = statement<RelayItem, [number]>(
  'outbox',
  'pendingForRelay',
  `
  SELECT tenant_id AS "tenantId", id AS "outboxId", trace_id AS "traceId", replays
    FROM outbox_messages WHERE enqueued = false AND delivery_state = 'queued' ORDER BY created_at LIMIT $1`,
);

const markEnqueued = statement<never, [string[], string[]]>(
  'outbox',
  'markEnqueued',
  `
  UPDATE outbox_messages o SET enqueued = true, enqueued_at = now()
    FROM (SELECT m.tenant_id, m.id FROM outbox_messages m
            JOIN unnest($1::uuid[], $2::uuid[]) AS x(tenant_id, id) ON m.tenant_id = x.tenant_id AND m.id = x.id
           WHERE NOT m.enqueued FOR UPDATE OF m SKIP LOCKED) s
   WHERE o.tenant_id = s.tenant_id AND o.id = s.id`,
);

const staleEnqueued = statement<RelayItem, [number, number]>(
  'outbox',
  'staleEnqueued',
  `
  SELECT o.tenant_id AS "tenantId", o.id AS "outboxId", o.trace_id AS "traceId", o.replays
    FROM outbox_messages o
    JOIN agencies a ON a.tenant_id = o.tenant_id AND a.id = o.agency_id
   WHERE o.enqueued AND o.delivery_state = 'queued' AND a.webhook_url IS NOT NULL
     AND o.enqueued_at < now() - make_interval(secs => $1::double precision / 1000)
   ORDER BY o.enqueued_at LIMIT $2`,
);

const markReEnqueued = statement<never, [string[], string[]]>(
  'outbox',
  'markReEnqueued',
  `
  UPDATE outbox_messages o SET enqueued_at = now()
    FROM unnest($1::uuid[], $2::uuid[]) AS x(tenant_id, id)
   WHERE o.tenant_id = x.tenant_id AND o.id = x.id AND o.delivery_state = 'queued'`,
);

const discard = statement<never, [string, string, Date, string | null, string]>(
  'outbox',
  'discard',
  `
  UPDATE outbox_messages SET delivery_state = 'discarded', discarded_at = $3, discarded_by = $4, discard_reason = $5
   WHERE tenant_id = $1 AND id = $2`,
);

const replay = statement<{ replays: number }, [string, string]>(
  'outbox',
  'replay',
  `
  UPDATE outbox_messages SET delivery_state = 'queued', attempts = 0, replays = replays + 1, enqueued = false
   WHERE tenant_id = $1 AND id = $2
  RETURNING replays`,
);

const deadIds = statement<{ id: string }, [string, string | null]>(
  'outbox',
  'deadIds',
  `
  SELECT id FROM outbox_messages
   WHERE tenant_id = $1 AND delivery_state = 'dead' AND ($2::uuid IS NULL OR agency_id = $2)
   ORDER BY created_at`,
);

const noticeCases = statement<{ reference: string }, [string, string, string, string]>(
  'outbox',
  'revocationNoticeCases',
  `
  SELECT DISTINCT c.reference FROM audit_events e
    LEFT JOIN referrals r ON e.subject_type = 'referral' AND r.tenant_id = e.tenant_id AND r.id = e.subject_id
    JOIN cases c ON c.tenant_id = e.tenant_id
                AND c.id = coalesce(r.case_id, CASE WHEN e.subject_type = 'case' THEN e.subject_id END)
   WHERE e.tenant_id = $1 AND e.person_id = $2 AND e.agency_id = $3 AND e.allowed
     AND $4 = ANY(string_to_array(e.basis, ','))
   ORDER BY c.reference`,
);

const noticeCancelled = statement<{ id: string }, [string, string, string, string]>(
  'outbox',
  'revocationNoticeCancelledReferrals',
  `
  SELECT DISTINCT r.id FROM timeline_events t
    JOIN cases c ON c.tenant_id = t.tenant_id AND c.id = t.case_id
    JOIN referrals r ON r.tenant_id = t.tenant_id AND r.id = t.referral_id
   WHERE t.tenant_id = $1 AND c.person_id = $2 AND r.agency_id = $3 AND t.kind = 'referral.status-changed'
     AND t.data->>'consentId' = $4 AND t.data->>'notified' = 'true'
   ORDER BY r.id`,
);

const lockQueuedOfAgency = statement<OutboxRow, [string, string]>(
  'outbox',
  'lockQueuedOfAgency',
  `
  SELECT ${COLUMNS}
    FROM outbox_messages WHERE tenant_id = $1 AND agency_id = $2 AND delivery_state = 'queued'
   ORDER BY created_at, id FOR UPDATE`,
);

const claimForExport = statement<never, [string, string, string, string]>(
  'outbox',
  'claimForExport',
  `
  UPDATE outbox_messages SET delivery_state = 'sent', handoff_run_id = $3, sent_at = now(), sent_body = $4,
         attempts = attempts + 1, last_error = NULL
   WHERE tenant_id = $1 AND id = $2 AND delivery_state = 'queued' AND handoff_run_id IS NULL`,
);

const sentBodiesOfRun = statement<{ sentBody: Record<string, unknown> }, [string, string]>(
  'outbox',
  'sentBodiesOfRun',
  `
  SELECT sent_body AS "sentBody" FROM outbox_messages WHERE tenant_id = $1 AND handoff_run_id = $2
   ORDER BY created_at, id`,
);

const tenantsAndIds = (items: readonly RelayItem[]): [string[], string[]] => [
  items.map((i) => i.tenantId),
  items.map((i) => i.outboxId),
];

/** Which messages a page lists: one tenant's, in one delivery state, of an area's cases (or all), one agency's (or all). */
interface MessageListScope {
  tenantId: string;
  state: DeliveryState;
  coordinationArea: { id: string | null } | null;
  agencyId: string | null;
  failing: boolean;
}
/** The scope as the page statements' first six parameters. */
const scopeParams = (q: MessageListScope) =>
  [q.tenantId, q.state, q.coordinationArea !== null, q.coordinationArea?.id ?? null, q.agencyId, q.failing] as const;

export const outboxRepository = {
  /** One agency's messages in every state, newest first (the agency's delivery log). */
  /** `off`: access rules switched off (the ablation run's only; empty in a running hub). */
  ofAgency: (db: Db, tenantId: string, agencyId: string, limit: number, off: readonly string[] = []) =>
    rows(db, ofAgency, [tenantId, agencyId, limit, [...off]]),
  insert: (db: Db, m: OutboxInsert) =>
    execute(db, insert, [m.tenantId, m.id, m.agencyId, m.referralId, m.consentId, m.eventType, m.eventId, m.traceId]),

  lock: (db: Db, tenantId: string, id: string) => maybeOne(db, lock, [tenantId, id]),

  /** Several messages of one tenant locked in id order (those that exist). */
  lockMany: (db: Db, tenantId: string, ids: readonly string[]) =>
    ids.length === 0 ? Promise.resolve([]) : rows(db, lockMany, [tenantId, [...ids]]),

  /**
   * A page of the tenant's messages in one delivery state, newest first, after a keyset position
   * (created_at in microseconds, id). Coordinators' pages hold the messages of their area's cases.
   */
  page: (db: Db, q: MessageListScope & { after: { createdUs: string; id: string } | null; limit: number }) =>
    rows(db, page, [...scopeParams(q), q.after?.createdUs ?? null, q.after?.id ?? null, q.limit]),

  /** `page` in a chosen order; `afterId` the last message of the page before, null for the first. */
  orderedPage: (
    db: Db,
    q: MessageListScope & {
      order: { field: MessageOrderField; direction: MessageOrderDirection };
      afterId: string | null;
      limit: number;
    },
  ) => rows(db, orderedPages[`${q.order.field} ${q.order.direction}`], [...scopeParams(q), q.afterId, q.limit]),
  /** Whether the caller may list the message (a cursor's). */
  listed: async (db: Db, q: { tenantId: string; coordinationArea: { id: string | null } | null }, id: string) =>
    (await maybeOne(db, listed, [q.tenantId, q.coordinationArea !== null, q.coordinationArea?.id ?? null, id])) !==
    null,

  /** The delivery state of each referral's newest message (referrals without one are left out). */
  latestStateOfReferrals: (db: Db, tenantId: string, referralIds: readonly string[]) =>
    rows(db, latestStateOfReferrals, [tenantId, [...referralIds]]),

  /** After consent `c` expired: its case's waiting referral messages nothing valid covers any more; their ids. */
  suppressUncoveredAfterExpiry: (
    db: Db,
    c: { tenantId: string; id: string; caseId: string; personId: string; recipientAgencyId: string },
    today: string,
    now: Date,
    off: readonly string[],
  ) =>
    rows(db, suppressUncoveredAfterExpiry, [
      c.tenantId,
      c.recipientAgencyId,
      c.caseId,
      `suppressed: consent ${c.id} expired`,
      c.personId,
      today,
      now,
      off,
    ]),

  /** One message with its keyset position. */
  positioned: (db: Db, tenantId: string, id: string) => maybeOne(db, positioned, [tenantId, id]),

  async inCoordinationArea(db: Db, tenantId: string, id: string, areaId: string | null): Promise<boolean> {
    return (await rows(db, inCoordinationArea, [tenantId, id, areaId])).length > 0;
  },

  suppress: (db: Db, tenantId: string, id: string, lastError: string) =>
    execute(db, suppress, [tenantId, id, lastError]),

  /** The referral's messages of this type still waiting to go out, or dead (a replay would send them), are suppressed; their ids come back. */
  suppressUnsentOfReferral: (db: Db, tenantId: string, referralId: string, lastError: string, eventType: string) =>
    rows(db, suppressUnsentOfReferral, [tenantId, referralId, lastError, eventType]),

  acknowledged: (db: Db, tenantId: string, id: string, body: string) => execute(db, acknowledged, [tenantId, id, body]),

  /** acknowledged for several messages of one tenant at once (the worker's coalesced acknowledgements). */
  async acknowledgedMany(db: Db, tenantId: string, sent: readonly { id: string; body: string }[]): Promise<void> {
    if (sent.length > 0)
      await execute(db, acknowledgedMany, [tenantId, sent.map((s) => s.id), sent.map((s) => s.body)]);
  },

  attemptFailed: (db: Db, tenantId: string, id: string, error: string, final: boolean) =>
    execute(db, attemptFailed, [tenantId, id, error, final]),

  pendingForRelay: (db: Db, limit: number) => rows(db, pendingForRelay, [limit]),

  async markEnqueued(db: Db, items: readonly RelayItem[]): Promise<void> {
    if (items.length > 0) await execute(db, markEnqueued, tenantsAndIds(items));
  },

  staleEnqueued: (db: Db, graceMs: number, limit: number) => rows(db, staleEnqueued, [graceMs, limit]),

  async markReEnqueued(db: Db, items: readonly RelayItem[]): Promise<void> {
    if (items.length > 0) await execute(db, markReEnqueued, tenantsAndIds(items));
  },

  discard: (db: Db, tenantId: string, id: string, at: Date, by: string | null, reason: string) =>
    execute(db, discard, [tenantId, id, at, by, reason]),

  replay: async (db: Db, tenantId: string, id: string) => (await maybeOne(db, replay, [tenantId, id]))!.replays,

  /** A file agency's waiting messages, oldest first, locked for the export's claim. */
  lockQueuedOfAgency: (db: Db, tenantId: string, agencyId: string) =>
    rows(db, lockQueuedOfAgency, [tenantId, agencyId]),

  /** Claimed by an export run: sent, with the body as built; a message is claimed once. */
  claimForExport: (db: Db, tenantId: string, id: string, runId: string, body: string) =>
    execute(db, claimForExport, [tenantId, id, runId, body]),

  /** What an export run carries, in the order it was claimed. */
  sentBodiesOfRun: async (db: Db, tenantId: string, runId: string) =>
    (await rows(db, sentBodiesOfRun, [tenantId, runId])).map((r) => r.sentBody),

  deadIds: async (db: Db, tenantId: string, agencyId: string | null) =>
    (await rows(db, deadIds, [tenantId, agencyId])).map((r) => r.id),

  /** The cases an agency received data of under a consent (what an Art. 19 notice names). */
  revocationNoticeCases: async (db: Db, tenantId: string, personId: string, agencyId: string, consentId: string) =>
    (await rows(db, noticeCases, [tenantId, personId, agencyId, consentId])).map((r) => r.reference),

  /** The referrals the agency had received that the revocation cancelled. */
  revocationNoticeCancelledReferrals: async (
    db: Db,
    tenantId: string,
    personId: string,
    agencyId: string,
    consentId: string,
  ) => (await rows(db, noticeCancelled, [tenantId, personId, agencyId, consentId])).map((r) => r.id),
};

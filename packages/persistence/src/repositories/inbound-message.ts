import type { StatusMessageData } from '@kim/contracts';
import { execute, rows, statement, type Db } from './statement.js';

/**
 * Inbound messages: agencies' status messages, stored once per (agency, event id) whether
 * they came by webhook or in a status file, with what became of each.
 */
export type InboundState = 'pending' | 'applied' | 'stale' | 'rejected';

export interface PendingInbound {
  id: string;
  eventId: string;
  referralId: string;
  occurredAt: Date;
  data: StatusMessageData;
}

export interface NewInbound {
  id: string;
  eventId: string;
  referralId: string;
  occurredAt: string;
  /** The received CloudEvent as JSON text. */
  body: string;
  state: InboundState;
  error: string | null;
}

const knownEventIds = statement<{ eventId: string }, [string, string, string[]]>(
  'inbound-message',
  'knownEventIds',
  `
  SELECT event_id AS "eventId" FROM inbound_messages
   WHERE tenant_id = $1 AND agency_id = $2 AND event_id = ANY($3::text[])`,
);

const pendingOf = statement<PendingInbound, [string, string[]]>(
  'inbound-message',
  'pendingOfReferrals',
  `
  SELECT id, event_id AS "eventId", referral_id AS "referralId", occurred_at AS "occurredAt", body->'data' AS data
    FROM inbound_messages
   WHERE tenant_id = $1 AND referral_id = ANY($2::uuid[]) AND state = 'pending'`,
);

const insertMany = statement<
  never,
  [string, string, string[], string[], string[], string[], string[], string[], (string | null)[]]
>(
  'inbound-message',
  'insertMany',
  `
  INSERT INTO inbound_messages (tenant_id, agency_id, id, event_id, referral_id, occurred_at, body, state, error)
  SELECT $1, $2, x.id, x.event_id, x.referral_id, x.occurred_at, x.body::jsonb, x.state, x.error
    FROM unnest($3::uuid[], $4::text[], $5::uuid[], $6::timestamptz[], $7::text[], $8::text[], $9::text[])
         AS x(id, event_id, referral_id, occurred_at, body, state, error)`,
);

const setStates = statement<never, [string, string[], string[], (string | null)[]]>(
  'inbound-message',
  'setStates',
  `
  UPDATE inbound_messages i SET state = x.state, error = x.error
    FROM unnest($2::uuid[], $3::text[], $4::text[]) AS x(id, state, error)
   WHERE i.tenant_id = $1 AND i.id = x.id`,
);

export const inboundMessageRepository = {
  /** Which of these event ids the agency sent before (by webhook or file alike). */
  async knownEventIds(db: Db, tenantId: string, agencyId: string, eventIds: string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    return new Set((await rows(db, knownEventIds, [tenantId, agencyId, eventIds])).map((r) => r.eventId));
  },

  /** Messages stored earlier that still wait for a predecessor, for these referrals. */
  async pendingOf(db: Db, tenantId: string, referralIds: string[]): Promise<PendingInbound[]> {
    if (referralIds.length === 0) return [];
    return rows(db, pendingOf, [tenantId, referralIds]);
  },

  /** Store new messages with what became of them, in one statement. */
  async insertMany(db: Db, tenantId: string, agencyId: string, messages: NewInbound[]): Promise<void> {
    if (messages.length === 0) return;
    await execute(db, insertMany, [
      tenantId,
      agencyId,
      messages.map((m) => m.id),
      messages.map((m) => m.eventId),
      messages.map((m) => m.referralId),
      messages.map((m) => m.occurredAt),
      messages.map((m) => m.body),
      messages.map((m) => m.state),
      messages.map((m) => m.error),
    ]);
  },

  /** Record what became of stored messages. */
  async setStates(
    db: Db,
    tenantId: string,
    changes: { id: string; state: InboundState; error: string | null }[],
  ): Promise<void> {
    if (changes.length === 0) return;
    await execute(db, setStates, [
      tenantId,
      changes.map((c) => c.id),
      changes.map((c) => c.state),
      changes.map((c) => c.error),
    ]);
  },
};

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

// Both reads the status writer makes once its referrals are locked, in one round trip (issue 20):
// which of the incoming event ids the agency sent before ($3), and the messages still waiting
// for these referrals ($4). `known` tells the two kinds of row apart.
const knownAndPending = statement<PendingInbound & { known: boolean }, [string, string, string[], string[]]>(
  'inbound-message',
  'knownAndPending',
  `
  SELECT true AS known, id, event_id AS "eventId", referral_id AS "referralId", occurred_at AS "occurredAt", NULL::jsonb AS data
    FROM inbound_messages
   WHERE tenant_id = $1 AND agency_id = $2 AND event_id = ANY($3::text[])
  UNION ALL
  SELECT false, id, event_id, referral_id, occurred_at, body->'data'
    FROM inbound_messages
   WHERE tenant_id = $1 AND referral_id = ANY($4::uuid[]) AND state = 'pending'`,
  { prepared: true },
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
  /**
   * The agency's event ids among `eventIds` it sent
   * before, and the pending messages of `referralIds`.
   */
  async knownAndPending(
    db: Db,
    tenantId: string,
    agencyId: string,
    eventIds: string[],
    referralIds: string[],
  ): Promise<{ known: Set<string>; pending: PendingInbound[] }> {
    if (eventIds.length === 0 && referralIds.length === 0) return { known: new Set(), pending: [] };
    const found = await rows(db, knownAndPending, [tenantId, agencyId, eventIds, referralIds]);
    return {
      known: new Set(found.filter((r) => r.known).map((r) => r.eventId)),
      pending: found.filter((r) => !r.known).map(({ known: _, ...pending }) => pending),
    };
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

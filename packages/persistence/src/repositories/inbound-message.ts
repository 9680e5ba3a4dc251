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
//
// Each id of the two lists is one index probe (a LATERAL subquery the planner cannot flatten:
// LIMIT 1 / OFFSET 0), so the plan is the same whatever the statistics say. Written as
// `event_id = ANY($3)`, the cached generic plan of this prepared statement, made while
// inbound_messages had no statistics (a fresh table, or autovacuum behind a large import), took
// (tenant, agency) for selective and filtered ALL the agency's messages against the array: 5–9 s
// per chunk of 5,000 lines at 70,000 stored messages under the worker's fenced login. A join
// against unnest() without the fence hashed all the agency's messages instead (45 ms at 100,000,
// growing with the table). Pinned by inbound-message.int-spec.ts.
const knownAndPending = statement<PendingInbound & { known: boolean }, [string, string, string[], string[]]>(
  'inbound-message',
  'knownAndPending',
  `
  SELECT true AS known, i.id, i.event_id AS "eventId", i.referral_id AS "referralId", i.occurred_at AS "occurredAt",
         NULL::jsonb AS data
    FROM unnest($3::text[]) AS e(event_id)
   CROSS JOIN LATERAL (SELECT id, event_id, referral_id, occurred_at FROM inbound_messages
                        WHERE tenant_id = $1 AND agency_id = $2 AND event_id = e.event_id LIMIT 1) i
  UNION ALL
  SELECT false, i.id, i.event_id, i.referral_id, i.occurred_at, i.data
    FROM unnest($4::uuid[]) AS r(referral_id)
   CROSS JOIN LATERAL (SELECT id, event_id, referral_id, occurred_at, body->'data' AS data FROM inbound_messages
                        WHERE tenant_id = $1 AND referral_id = r.referral_id AND state = 'pending' OFFSET 0) i`,
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

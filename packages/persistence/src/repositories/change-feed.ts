import type { DeliveryState } from '@kim/contracts';
import { rows, statement, type Db } from './statement.js';

/** One entry of an agency's change feed: an outbox message with its referral's case and status. */
export interface FeedRow {
  id: string;
  event_id: string;
  event_type: string;
  delivery_state: DeliveryState;
  referral_id: string | null;
  consent_id: string | null;
  created_at: Date;
  created_us: string;
  case_id: string | null;
  referral_status: string | null;
}

// $7 is the access rule agency.changes.own-only: true in every running hub, false only in an
// ablation run (core/access/ablation.ts), which shows the rule is what keeps other agencies out.
const read = statement<FeedRow, [string, string, DeliveryState[], string | null, string | null, number, boolean]>(
  'change-feed',
  'read',
  `
  WITH horizon AS (
    SELECT LEAST(now(), coalesce(kim_oldest_open_transaction(), now())) AS t
  )
  SELECT o.id, o.event_id, o.event_type, o.delivery_state, o.referral_id, o.consent_id, o.created_at,
         (extract(epoch FROM o.created_at) * 1000000)::bigint::text AS created_us,
         r.case_id, r.status AS referral_status
    FROM outbox_messages o
    LEFT JOIN referrals r ON r.tenant_id = o.tenant_id AND r.id = o.referral_id
   WHERE o.tenant_id = $1 AND (o.agency_id = $2 OR NOT $7::boolean) AND o.delivery_state <> ALL($3::text[])
     AND o.created_at < (SELECT t FROM horizon)
     AND ($4::bigint IS NULL OR (o.created_at, o.id) > (timestamptz 'epoch' + $4::bigint * interval '1 microsecond', $5::uuid))
   ORDER BY o.created_at, o.id
   LIMIT $6`,
);

/**
 * An agency's change feed, read from the outbox (no table of its own), in (created_at, id) order
 * after a position, leaving out the delivery states given.
 */
export const changeFeedRepository = {
  read: (
    db: Db,
    q: {
      tenantId: string;
      agencyId: string;
      without: DeliveryState[];
      after: { createdUs: string; id: string } | null;
      limit: number;
      ownOnly: boolean;
    },
  ) =>
    rows(db, read, [
      q.tenantId,
      q.agencyId,
      q.without,
      q.after?.createdUs ?? null,
      q.after?.id ?? null,
      q.limit,
      q.ownOnly,
    ]),
};

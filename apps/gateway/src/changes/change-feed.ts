import type { DataSource } from 'typeorm';
import { DeliveryState } from '@kim/contracts';
import { DomainError, rule } from '@kim/core';

/** Position in one agency's change feed: creation time in microseconds and row id. */
export interface FeedCursor {
  createdUs: string;
  id: string;
}

const CURSOR = /^v1:(\d{1,18}):([0-9a-f-]{36})$/;

export function encodeCursor(c: FeedCursor): string {
  return Buffer.from(`v1:${c.createdUs}:${c.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): FeedCursor {
  const m = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) {
    throw new DomainError('INVALID_INPUT', 'after is not a cursor this feed gave out', {
      problems: [{ path: 'after', message: 'use pageInfo.endCursor of an earlier answer' }],
    });
  }
  return { createdUs: m[1]!, id: m[2]! };
}

export interface FeedRow {
  id: string;
  event_id: string;
  event_type: string;
  delivery_state: string;
  referral_id: string | null;
  consent_id: string | null;
  created_at: Date;
  created_us: string;
  case_id: string | null;
  referral_status: string | null;
}

/**
 * One agency's change feed, read from the outbox (no table of its own): every message the hub
 * wrote for the agency (the access policy's rule agency.changes.own-only), in (created_at, id) order, except those suppressed because consent no
 * longer covered them and those a person discarded (not to be delivered by any channel).
 *
 * created_at is the writing transaction's start time, so a transaction that commits late can
 * add a row older than rows already read. The feed therefore only serves rows older than the
 * start of the oldest transaction still open in the database: nothing can appear behind the
 * cursor later. (It reads pg_stat_activity through kim_oldest_open_transaction(), with the
 * database owner's rights: the owner must see every session, as a superuser or with
 * pg_read_all_stats.)
 */
export async function readFeed(
  ds: DataSource,
  tenantId: string,
  agencyId: string,
  after: FeedCursor | null,
  limit: number,
): Promise<FeedRow[]> {
  return ds.query<FeedRow[]>(
    `WITH horizon AS (
       SELECT LEAST(now(), coalesce(kim_oldest_open_transaction(), now())) AS t
     )
     SELECT o.id, o.event_id, o.event_type, o.delivery_state, o.referral_id, o.consent_id, o.created_at,
            (extract(epoch FROM o.created_at) * 1000000)::bigint::text AS created_us,
            r.case_id, r.status AS referral_status
       FROM outbox_messages o
       LEFT JOIN referrals r ON r.tenant_id = o.tenant_id AND r.id = o.referral_id
      WHERE o.tenant_id = $1 AND ${rule('agency.changes.own-only') ? 'o.agency_id = $2' : '$2::uuid IS NOT NULL'} AND o.delivery_state <> ALL($3::text[])
        AND o.created_at < (SELECT t FROM horizon)
        AND ($4::bigint IS NULL OR (o.created_at, o.id) > (timestamptz 'epoch' + $4::bigint * interval '1 microsecond', $5::uuid))
      ORDER BY o.created_at, o.id
      LIMIT $6`,
    [
      tenantId,
      agencyId,
      [DeliveryState.SUPPRESSED, DeliveryState.DISCARDED],
      after?.createdUs ?? null,
      after?.id ?? null,
      limit,
    ],
  );
}

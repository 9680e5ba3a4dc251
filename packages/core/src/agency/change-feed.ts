import { DeliveryState } from '@kim/contracts';
import { changeFeedRepository, type FeedRow } from '@kim/persistence';
import type { DataSource } from 'typeorm';
import { rule } from '../access/rules.js';
import { isMicroseconds, keysetCursor } from '../common/cursor.js';
import type { Principal } from '../common/principal.js';
import { audit } from '../ledger/audit.js';

const feedCursor = keysetCursor({
  tag: 'v1',
  separator: ':',
  validAt: isMicroseconds,
  message: 'after is not a cursor this feed gave out',
  hint: 'use pageInfo.endCursor of an earlier answer',
});

export interface FeedPage {
  edges: { cursor: string; row: FeedRow }[];
  hasNextPage: boolean;
  /** Set even when there is nothing new: the agency asks again with it. */
  endCursor: string | null;
}

/**
 * One page of an agency's change feed: every message the hub wrote for the agency (the access
 * policy's rule agency.changes.own-only), in (created_at, id) order, except those suppressed
 * because consent no longer covered them and those a person discarded. What the agency learned
 * is in the ledger, like every read of an agency.
 *
 * created_at is the writing transaction's start time, so a transaction that commits late can
 * add a row older than rows already read. The feed therefore only serves rows older than the
 * start of the oldest transaction still open in the database: nothing can appear behind the
 * cursor later. (It reads pg_stat_activity through kim_oldest_open_transaction(), with the
 * database owner's rights: the owner must see every session, as a superuser or with
 * pg_read_all_stats.)
 */
export async function readChangeFeed(
  ds: DataSource,
  principal: Extract<Principal, { kind: 'agency' }>,
  after: string | null,
  first: number,
): Promise<FeedPage> {
  const position = after ? feedCursor.decode(after) : null;
  const rows = await changeFeedRepository.read(ds, {
    tenantId: principal.tenantId,
    agencyId: principal.agencyId,
    without: [DeliveryState.SUPPRESSED, DeliveryState.DISCARDED],
    after: position ? { createdUs: position.at, id: position.id } : null,
    limit: first + 1,
    ownOnly: rule('agency.changes.own-only'),
  });
  const page = rows.slice(0, first);
  const edges = page.map((row) => ({ cursor: feedCursor.encode({ at: row.created_us, id: row.id }), row }));
  if (edges.length > 0) {
    await ds.transaction((m) =>
      audit(m, principal, {
        action: 'referral-changes.read',
        subjectType: 'agency',
        subjectId: principal.agencyId,
        allowed: true,
        reason: `${edges.length} change(s) up to ${page[page.length - 1]!.id}`,
      }),
    );
  }
  return { edges, hasNextPage: rows.length > first, endCursor: edges[edges.length - 1]?.cursor ?? after ?? null };
}

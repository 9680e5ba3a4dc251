/**
 * The reliable half of matching at intake, as the outbox is for messages: the intake
 * transaction writes a person_match_requests row; after the commit the gateway puts a
 * MatchPersonJob on the linkage queue, and the worker's relay puts back every request that is
 * not done and not on the queue (the gateway could not reach Redis, or the queue lost the job).
 * The job is idempotent (a done request is skipped), so a second copy changes nothing.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { linkageRepository } from '@kim/persistence';

export interface MatchRequestItem {
  tenantId: string;
  requestId: string;
  traceId: string;
}

/** One job per request: adding it again while the queue holds it is a no-op. */
export const matchJobId = (item: { requestId: string }) => `match-${item.requestId}`;

/** A relay gives up on a request that failed this often; it stays, with its last error, for an operator. */
export const MATCH_MAX_FAILURES = 5;

/** Written in the intake's transaction: commits with the person and the case, or not at all. */
export async function requestMatch(
  m: EntityManager,
  args: { tenantId: string; personId: string; caseId: string; traceId: string },
): Promise<MatchRequestItem> {
  const row = await linkageRepository.insertMatchRequest(m, args);
  return { tenantId: args.tenantId, requestId: row!.id, traceId: args.traceId };
}

export class MatchRequests {
  constructor(private readonly ds: DataSource) {}

  /**
   * Requests of the current tenant (the caller's fence) that are not done and may not be on the
   * queue: never marked enqueued, or marked longer than `graceMs` ago. Only those older than
   * `minAgeMs`, so the gateway's own enqueue right after the commit usually comes first.
   */
  async pendingForRelay(opts: { minAgeMs: number; graceMs: number; limit: number }): Promise<MatchRequestItem[]> {
    return linkageRepository.pendingForRelay(this.ds, { maxFailures: MATCH_MAX_FAILURES, ...opts });
  }

  /** The requests are on the queue now; the relay's grace period counts from here. */
  async markEnqueued(items: readonly MatchRequestItem[]): Promise<void> {
    if (items.length === 0) return;
    await linkageRepository.markEnqueued(
      this.ds,
      items.map((i) => i.tenantId),
      items.map((i) => i.requestId),
    );
  }

  /** A run failed (its transaction rolled back): counted, with the error, outside that transaction. */
  async recordFailure(tenantId: string, requestId: string, error: string): Promise<void> {
    await linkageRepository.recordFailure(this.ds, tenantId, requestId, error);
  }
}

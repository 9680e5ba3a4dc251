/**
 * The reliable half of matching at intake, as the outbox is for messages: the intake
 * transaction writes a person_match_requests row; after the commit the gateway puts a
 * MatchPersonJob on the linkage queue, and the worker's relay puts back every request that is
 * not done and not on the queue (the gateway could not reach Redis, or the queue lost the job).
 * The job is idempotent (a done request is skipped), so a second copy changes nothing.
 */
import type { DataSource, EntityManager } from 'typeorm';

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
  const [row] = await m.query<{ id: string }[]>(
    `INSERT INTO person_match_requests (tenant_id, person_id, case_id, trace_id) VALUES ($1, $2, $3, $4) RETURNING id`,
    [args.tenantId, args.personId, args.caseId, args.traceId],
  );
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
    return this.ds.query(
      `SELECT tenant_id AS "tenantId", id AS "requestId", trace_id AS "traceId"
         FROM person_match_requests
        WHERE done_at IS NULL AND failures < $1
          AND created_at < now() - make_interval(secs => $2::double precision / 1000)
          AND (enqueued_at IS NULL OR enqueued_at < now() - make_interval(secs => $3::double precision / 1000))
        ORDER BY created_at LIMIT $4`,
      [MATCH_MAX_FAILURES, opts.minAgeMs, opts.graceMs, opts.limit],
    );
  }

  /** The requests are on the queue now; the relay's grace period counts from here. */
  async markEnqueued(items: readonly MatchRequestItem[]): Promise<void> {
    if (items.length === 0) return;
    await this.ds.query(
      `UPDATE person_match_requests r SET enqueued_at = now()
         FROM unnest($1::uuid[], $2::uuid[]) AS x(tenant_id, id)
        WHERE r.tenant_id = x.tenant_id AND r.id = x.id AND r.done_at IS NULL`,
      [items.map((i) => i.tenantId), items.map((i) => i.requestId)],
    );
  }

  /** A run failed (its transaction rolled back): counted, with the error, outside that transaction. */
  async recordFailure(tenantId: string, requestId: string, error: string): Promise<void> {
    await this.ds.query(
      `UPDATE person_match_requests SET failures = failures + 1, last_error = left($3, 1000)
        WHERE tenant_id = $1 AND id = $2 AND done_at IS NULL`,
      [tenantId, requestId, error],
    );
  }
}

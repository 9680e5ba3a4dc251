import { ReferralChangesDocument, type ReferralChangesQuery } from './generated/graphql.js';
import type { GraphQLClient } from './graphql.js';

/** One event the hub has for you (what a webhook would carry, without the body). */
export type ReferralChange = ReferralChangesQuery['referralChanges']['edges'][number]['node'];

export interface ChangesPage {
  changes: ReferralChange[];
  /** Store it and pass it as `after` next time; it is set even when nothing was new. */
  cursor: string | null;
}

/**
 * Every change after `after` (all pages), oldest first. For agencies without a webhook: call
 * it on a timer and keep the returned cursor. Details of a referral come through `case(id)`,
 * which checks the person's consent at read time.
 */
export async function fetchReferralChanges(
  client: GraphQLClient,
  opts: { after?: string | null; pageSize?: number; maxPages?: number } = {},
): Promise<ChangesPage> {
  const changes: ReferralChange[] = [];
  let cursor = opts.after ?? null;
  for (let page = 0; page < (opts.maxPages ?? 100); page++) {
    const { data } = await client.request(ReferralChangesDocument, { after: cursor, first: opts.pageSize ?? 50 });
    const connection = data.referralChanges;
    changes.push(...connection.edges.map((e) => e.node));
    cursor = connection.pageInfo.endCursor ?? cursor;
    if (!connection.pageInfo.hasNextPage) break;
  }
  return { changes, cursor };
}

/**
 * Poll for changes until `signal` aborts: yields each page that brought something, with the
 * cursor to store once you have processed it (so a restart resumes without gaps).
 */
export async function* pollReferralChanges(
  client: GraphQLClient,
  opts: { after?: string | null; intervalMs?: number; pageSize?: number; signal?: AbortSignal } = {},
): AsyncGenerator<ChangesPage> {
  let after = opts.after ?? null;
  while (!opts.signal?.aborted) {
    const page = await fetchReferralChanges(client, { after, ...(opts.pageSize ? { pageSize: opts.pageSize } : {}) });
    after = page.cursor;
    if (page.changes.length > 0) yield page;
    await sleep(opts.intervalMs ?? 30_000, opts.signal);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

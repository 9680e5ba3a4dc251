import { randomUUID } from 'node:crypto';
import { startTestHub, type TestHub } from '@kim/test-support/hub';

/**
 * The link review queue pages on the hub with Relay cursors (issue 17: every list; the queue
 * stopped at `first: 100`). 130 review items are stored in the coordinator's area, with ties in
 * score and in time; walking the pages must reach every one once, item 101 included, in the
 * queue's order: best score first, then the oldest, then by id.
 */
describe('link review queue, paged', () => {
  let hub: TestHub;
  let token: string;
  /** The stored items in the queue's order, written here from the rule, not read from the hub. */
  let expected: string[];

  beforeAll(async () => {
    hub = await startTestHub('link_review_paging', { persons: 40 });
    token = hub.token('coordinator-rheine');
    const [{ area }] = await hub.db.ds.query(
      `SELECT coordination_area_id AS area FROM staff_users WHERE tenant_id = $1 AND id = $2`,
      [hub.creds.tenantId, hub.creds.staff.find((s) => s.key === 'coordinator-rheine')!.id],
    );
    const persons: string[] = (
      await hub.db.ds.query(
        `SELECT DISTINCT c.person_id AS id FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
          WHERE c.tenant_id = $1 AND r.coordination_area_id = $2 ORDER BY 1`,
        [hub.creds.tenantId, area],
      )
    ).map((r: { id: string }) => r.id);
    // Setup only: the demo's own review items leave the queue, then 130 pairs of the area's persons
    // are stored with scores in steps of three (ties) and times in steps of two (ties).
    await hub.db.ds.query(`UPDATE link_reviews SET status = 'withdrawn' WHERE tenant_id = $1`, [hub.creds.tenantId]);
    // One person of each pair has a case in the area (the queue's rule); the other may be anyone.
    const everyone: string[] = (
      await hub.db.ds.query(`SELECT id FROM persons WHERE tenant_id = $1 ORDER BY id`, [hub.creds.tenantId])
    ).map((r: { id: string }) => r.id);
    const pairs: [string, string][] = [];
    for (const a of persons)
      for (const b of everyone)
        if (a !== b && pairs.length < 130 && !pairs.some(([x, y]) => x === b && y === a)) pairs.push([a, b]);
    if (pairs.length < 130) throw new Error(`setup: only ${pairs.length} pairs`);
    const items = pairs.map(([a, b], n) => ({
      id: randomUUID(),
      a,
      b,
      score: 4 + Math.floor(n / 3) * 0.25,
      at: new Date(Date.UTC(2026, 10, 1, 0, Math.floor(n / 2))).toISOString(),
    }));
    for (const x of items)
      await hub.db.ds.query(
        `INSERT INTO link_reviews (tenant_id, id, person_a_id, person_b_id, score, evidence, source, status, created_at)
         VALUES ($1, $2, $3, $4, $5, '[]', 'maintenance', 'open', $6)`,
        [hub.creds.tenantId, x.id, x.a < x.b ? x.a : x.b, x.a < x.b ? x.b : x.a, x.score, x.at],
      );
    expected = [...items]
      .sort((x, y) => y.score - x.score || x.at.localeCompare(y.at) || (x.id < y.id ? -1 : 1))
      .map((x) => x.id);
  }, 120_000);
  afterAll(() => hub?.close());

  const PAGE = `query($first: Int!, $after: String) {
    linkReviewPage(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } }
  }`;

  it('reaches every item once, item 101 included, in the queue order; the old list stops at 100', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const r: { data?: any; errors?: unknown[] } = await hub.gql(token, PAGE, { first: 50, after });
      expect(r.errors).toBeUndefined();
      const page: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { node: { id: string } }[];
      } = r.data.linkReviewPage;
      expect(page.totalCount).toBe(130);
      seen.push(...page.edges.map((e) => e.node.id));
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
      expect(pages).toBeLessThan(10);
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(expected);
    expect(seen[100]).toBe(expected[100]);
    const old = await hub.gql(token, `{ linkReviews(first: 100) { id } }`);
    expect(old.data.linkReviews.map((x: { id: string }) => x.id)).not.toContain(expected[100]);
  });

  it('opens one item by its id, and refuses a cursor it never gave out', async () => {
    const one = await hub.gql(token, `query($id: ID) { linkReviewPage(id: $id) { edges { node { id } } } }`, {
      id: expected[100],
    });
    expect(one.data.linkReviewPage.edges).toEqual([{ node: { id: expected[100] } }]);
    const bad = await hub.gql(token, PAGE, { first: 50, after: Buffer.from('l1|x_1|nope').toString('base64url') });
    expect(bad.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
  });
});

import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { spellPages } from '@kim/test-support/paging';

const PAGE = /* GraphQL */ `
  query ($first: Int!, $after: String, $orderBy: LinkReviewOrderInput) {
    linkReviewPage(first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
        }
      }
    }
  }
`;

// Five open review items about persons with Rheine cases, each value chosen; ties in created
// at (C, D) and in score (A, C; B, E). The ids are chosen, so ties (broken by the id) have a
// known order: A < B < C < D < E.
const ID = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const SEED = {
  A: { id: ID(1), createdAt: '2026-03-01 10:00:00', score: 12.5 },
  B: { id: ID(2), createdAt: '2026-03-03 10:00:00', score: 3 },
  C: { id: ID(3), createdAt: '2026-03-02 10:00:00', score: 12.5 },
  D: { id: ID(4), createdAt: '2026-03-02 10:00:00', score: 7.25 },
  E: { id: ID(5), createdAt: '2026-02-28 10:00:00', score: 3 },
} as const;

// The expected orders, written out by hand from the table above (not computed).
const EXPECTED: Record<string, string> = {
  'CREATED_AT ASC': 'EACDB',
  'CREATED_AT DESC': 'BDCAE',
  'SCORE ASC': 'BEDAC',
  'SCORE DESC': 'CADEB',
  // No orderBy: best score first, then oldest, then id.
  default: 'ACDEB',
};

describe('sorting the link review queue (linkReviewPage orderBy)', () => {
  let hub: TestHub;
  const elsewhere = ID(9);
  const token = () => hub.token('coordinator-rheine');
  const label = Object.fromEntries(Object.entries(SEED).map(([k, v]) => [v.id, k]));

  beforeAll(async () => {
    hub = await startTestHub('revieworder', { persons: 60 });
    const ds = hub.db.ds;
    const tenant = hub.creds.tenantId;
    // Persons with a case in one region and none elsewhere, in id order (a pair's a < b).
    const personsOf = async (region: string, n: number) => {
      const rows: { id: string }[] = await ds.query(
        `SELECT p.id FROM persons p
          WHERE EXISTS (SELECT 1 FROM cases c JOIN regions r ON r.id = c.region_id WHERE c.person_id = p.id AND r.name = $1)
            AND NOT EXISTS (SELECT 1 FROM cases c JOIN regions r ON r.id = c.region_id WHERE c.person_id = p.id AND r.name <> $1)
          ORDER BY p.id LIMIT $2`,
        [region, n],
      );
      if (rows.length < n) throw new Error(`the seed should have ${n} persons in ${region}`);
      return rows.map((r) => r.id);
    };
    await ds.query(`DELETE FROM link_reviews`);
    const insert = (id: string, a: string, b: string, score: number, createdAt: string) =>
      ds.query(
        `INSERT INTO link_reviews (tenant_id, id, person_a_id, person_b_id, score, evidence, source, created_at)
         VALUES ($1, $2, $3, $4, $5, '[]', 'intake', ($6 || '+00')::timestamptz)`,
        [tenant, id, a, b, score, createdAt],
      );
    const rheine = await personsOf('Rheine', 10);
    for (const [i, r] of Object.values(SEED).entries())
      await insert(r.id, rheine[2 * i]!, rheine[2 * i + 1]!, r.score, r.createdAt);
    // An item about two Lengerich persons: not in Rheine's queue.
    const [a, b] = await personsOf('Lengerich', 2);
    await insert(elsewhere, a!, b!, 1, '2026-01-01 10:00:00');
  }, 120_000);
  afterAll(() => hub?.close());

  const page = (first: number, after: string | null, orderBy?: unknown) =>
    hub.gql(token(), PAGE, { first, after, orderBy });

  const walk = (first: number, orderBy?: { field: string; direction: string }): Promise<string> =>
    spellPages(
      (after) => page(first, after, orderBy),
      'linkReviewPage',
      (n: { id: string }) => label[n.id] ?? '?',
      5,
    );

  it.each(Object.keys(EXPECTED).filter((k) => k !== 'default'))('pages through %s (pages of 2 and 5)', async (o) => {
    const [field, direction] = o.split(' ');
    expect(await walk(2, { field: field!, direction: direction! })).toBe(EXPECTED[o]);
    expect(await walk(5, { field: field!, direction: direction! })).toBe(EXPECTED[o]);
  });

  it('keeps best score first, then oldest, without orderBy', async () => {
    expect(await walk(2)).toBe(EXPECTED.default);
  });

  it('gives out cursors that hold the order and the id only', async () => {
    const r: any = await page(5, null, { field: 'SCORE', direction: 'ASC' });
    for (const e of r.data.linkReviewPage.edges)
      expect(JSON.parse(Buffer.from(e.cursor, 'base64url').toString('utf8'))).toEqual([
        'link-review-order',
        'score',
        'asc',
        e.node.id,
      ]);
  });

  it('refuses a cursor of one order in another, and a default cursor in an order, with a clear error', async () => {
    const byScore: any = await page(2, null, { field: 'SCORE', direction: 'ASC' });
    const plain: any = await page(2, null);
    const tries: [string, unknown][] = [
      [byScore.data.linkReviewPage.pageInfo.endCursor, { field: 'CREATED_AT', direction: 'ASC' }],
      [byScore.data.linkReviewPage.pageInfo.endCursor, { field: 'SCORE', direction: 'DESC' }],
      [byScore.data.linkReviewPage.pageInfo.endCursor, undefined],
      [plain.data.linkReviewPage.pageInfo.endCursor, { field: 'SCORE', direction: 'DESC' }],
    ];
    for (const [after, orderBy] of tries) {
      const r = await page(2, after, orderBy);
      expect(r.data).toBeNull();
      expect(r.errors?.[0].extensions.code).toBe('INVALID_INPUT');
      expect(r.errors?.[0].message).toMatch(/another order/);
    }
  });

  it("refuses a cursor of an item not in the caller's queue", async () => {
    // Oldest first after it (2026-01-01), every Rheine item would follow: its place would be told.
    const cursor = Buffer.from(JSON.stringify(['link-review-order', 'createdAt', 'asc', elsewhere])).toString(
      'base64url',
    );
    const r = await page(5, cursor, { field: 'CREATED_AT', direction: 'ASC' });
    expect(r.data).toBeNull();
    expect(r.errors?.[0].extensions.code).toBe('INVALID_INPUT');
    expect(r.errors?.[0].message).toMatch(/no longer in your list/);
  });

  it('answers a bad cursor or order with a clear error, not a 500', async () => {
    const tries: [string | null, unknown, RegExp][] = [
      ['bm9wZQ', { field: 'SCORE', direction: 'ASC' }, /not a cursor/],
      [
        Buffer.from('["link-review-order","score","asc","x"]').toString('base64url'),
        { field: 'SCORE', direction: 'ASC' },
        /not a cursor/,
      ],
      [null, { field: 'NAME', direction: 'ASC' }, /NAME/],
      [null, { field: 'SCORE', direction: 'UP' }, /UP/],
    ];
    for (const [after, orderBy, message] of tries) {
      const r = await page(2, after, orderBy);
      expect(r.data ?? null).toBeNull();
      expect(r.errors?.[0].message).toMatch(message);
      expect(['INVALID_INPUT', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(r.errors?.[0].extensions.code);
    }
  });
});

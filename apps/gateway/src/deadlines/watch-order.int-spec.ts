import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { spellPages } from '@kim/test-support/paging';

const WATCH = /* GraphQL */ `
  query ($first: Int!, $after: String, $orderBy: ReferralWatchOrderInput) {
    referralWatch(kind: OVERDUE, first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          referralId
        }
      }
    }
  }
`;

// Five overdue referrals of Rheine cases, each value chosen; ties in the deadline (C, D) and
// in the agency's name without case (B, C, E: 'alpha Hilfe' and 'Alpha Hilfe'; A, D). The
// ids are chosen, so ties (broken by the id) have a known order: A < B < C < D < E.
const ID = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const SEED = {
  A: { id: ID(1), respondBy: '2026-03-01', refRank: 2, agency: 'G1' },
  B: { id: ID(2), respondBy: '2026-03-03', refRank: 0, agency: 'G2' },
  C: { id: ID(3), respondBy: '2026-03-02', refRank: 4, agency: 'G3' },
  D: { id: ID(4), respondBy: '2026-03-02', refRank: 1, agency: 'G1' },
  E: { id: ID(5), respondBy: '2026-02-28', refRank: 3, agency: 'G2' },
} as const;
const AGENCIES = { G1: 'Zeta Beratung', G2: 'alpha Hilfe', G3: 'Alpha Hilfe' } as const;

// The expected orders, written out by hand from the table above (not computed).
const EXPECTED: Record<string, string> = {
  'DEADLINE ASC': 'EACDB',
  'DEADLINE DESC': 'BDCAE',
  'CASE_REFERENCE ASC': 'BDAEC',
  'CASE_REFERENCE DESC': 'CEADB',
  'AGENCY_NAME ASC': 'BCEAD',
  'AGENCY_NAME DESC': 'DAECB',
  // No orderBy: oldest deadline first, ties by id.
  default: 'EACDB',
};

describe('sorting the watch lists (referralWatch orderBy)', () => {
  let hub: TestHub;
  const elsewhere = ID(9);
  const token = () => hub.token('coordinator-rheine');
  const label = Object.fromEntries(Object.entries(SEED).map(([k, v]) => [v.id, k]));

  beforeAll(async () => {
    hub = await startTestHub('watchorder', { persons: 40 });
    const ds = hub.db.ds;
    const tenant = hub.creds.tenantId;
    // Only this test's referrals are overdue.
    await ds.query(`UPDATE referrals SET respond_by = '2099-01-01' WHERE status = 'requested'`);
    const agencies = { G1: hub.creds.agencies[0]!.id, G2: hub.creds.agencies[1]!.id, G3: hub.creds.agencies[2]!.id };
    for (const [k, name] of Object.entries(AGENCIES))
      await ds.query(`UPDATE agencies SET name = $2 WHERE id = $1`, [agencies[k as keyof typeof AGENCIES], name]);
    const casesIn = async (region: string, n: number) => {
      const rows: { id: string }[] = await ds.query(
        `SELECT c.id FROM cases c JOIN regions r ON r.id = c.region_id WHERE r.name = $1 ORDER BY c.reference LIMIT $2`,
        [region, n],
      );
      if (rows.length < n) throw new Error(`the seed should have ${n} cases in ${region}`);
      return rows.map((r) => r.id);
    };
    const service = hub.creds.services[0]!.id;
    const cm = hub.creds.staff.find((s) => s.key === 'cm-rheine-1')!.id;
    const insert = (id: string, caseId: string, agencyId: string, respondBy: string) =>
      ds.query(
        `INSERT INTO referrals (tenant_id, id, case_id, service_id, agency_id, purpose, categories, status, created_by,
                                requested_at, respond_by, version)
         VALUES ($1, $2, $3, $4, $5, 'referral', '{identity}', 'requested', $6, now() - interval '300 days', $7, 1)`,
        [tenant, id, caseId, service, agencyId, cm, respondBy],
      );
    const rheine = await casesIn('Rheine', 5);
    for (const r of Object.values(SEED)) await insert(r.id, rheine[r.refRank]!, agencies[r.agency], r.respondBy);
    // Overdue too, but of a Lengerich case: not on Rheine's list.
    const [lengerich] = await casesIn('Lengerich', 1);
    await insert(elsewhere, lengerich!, agencies.G1, '2026-01-01');
  }, 120_000);
  afterAll(() => hub?.close());

  const page = (first: number, after: string | null, orderBy?: unknown) =>
    hub.gql(token(), WATCH, { first, after, orderBy });

  const walk = (first: number, orderBy?: { field: string; direction: string }): Promise<string> =>
    spellPages(
      (after) => page(first, after, orderBy),
      'referralWatch',
      (n: { referralId: string }) => label[n.referralId] ?? '?',
      5,
    );

  it.each(Object.keys(EXPECTED).filter((k) => k !== 'default'))('pages through %s (pages of 2 and 5)', async (o) => {
    const [field, direction] = o.split(' ');
    expect(await walk(2, { field: field!, direction: direction! })).toBe(EXPECTED[o]);
    expect(await walk(5, { field: field!, direction: direction! })).toBe(EXPECTED[o]);
  });

  it('keeps the oldest deadline first without orderBy', async () => {
    expect(await walk(2)).toBe(EXPECTED.default);
  });

  it('refuses a cursor of one order in another, and a deadline cursor in an order, with a clear error', async () => {
    const byAgency: any = await page(2, null, { field: 'AGENCY_NAME', direction: 'ASC' });
    const plain: any = await page(2, null);
    const tries: [string, unknown][] = [
      [byAgency.data.referralWatch.pageInfo.endCursor, { field: 'CASE_REFERENCE', direction: 'ASC' }],
      [byAgency.data.referralWatch.pageInfo.endCursor, { field: 'AGENCY_NAME', direction: 'DESC' }],
      [byAgency.data.referralWatch.pageInfo.endCursor, undefined],
      [plain.data.referralWatch.pageInfo.endCursor, { field: 'DEADLINE', direction: 'ASC' }],
    ];
    for (const [after, orderBy] of tries) {
      const r = await page(2, after, orderBy);
      expect(r.data).toBeNull();
      expect(r.errors?.[0].extensions.code).toBe('INVALID_INPUT');
      expect(r.errors?.[0].message).toMatch(/another order/);
    }
  });

  it("refuses a cursor of a referral not on the caller's list", async () => {
    // By deadline after it (2026-01-01), every Rheine referral would follow: its place would be told.
    const cursor = Buffer.from(JSON.stringify(['watch-order', 'deadline', 'asc', elsewhere])).toString('base64url');
    const r = await page(5, cursor, { field: 'DEADLINE', direction: 'ASC' });
    expect(r.data).toBeNull();
    expect(r.errors?.[0].extensions.code).toBe('INVALID_INPUT');
    expect(r.errors?.[0].message).toMatch(/no longer in your list/);
  });

  it('answers a bad cursor or order with a clear error, not a 500', async () => {
    const tries: [string | null, unknown, RegExp][] = [
      ['bm9wZQ', { field: 'DEADLINE', direction: 'ASC' }, /not a cursor/],
      [
        Buffer.from('["watch-order","deadline","asc","x"]').toString('base64url'),
        { field: 'DEADLINE', direction: 'ASC' },
        /not a cursor/,
      ],
      [null, { field: 'PERSON_NAME', direction: 'ASC' }, /PERSON_NAME/],
      [null, { field: 'DEADLINE', direction: 'UP' }, /UP/],
    ];
    for (const [after, orderBy, message] of tries) {
      const r = await page(2, after, orderBy);
      expect(r.data ?? null).toBeNull();
      expect(r.errors?.[0].message).toMatch(message);
      expect(['INVALID_INPUT', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(r.errors?.[0].extensions.code);
    }
  });
});

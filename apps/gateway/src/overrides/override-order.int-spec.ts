import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { spellPages } from '@kim/test-support/paging';

const PAGE = /* GraphQL */ `
  query ($first: Int!, $after: String, $orderBy: AccessOverrideOrderInput) {
    accessOverridePage(first: $first, after: $after, orderBy: $orderBy) {
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

// Five break-glass accesses to Rheine cases, each value chosen; ties in opened at (C, D), in the
// staff name without case (B, C, E: 'anna Brandt' and 'Anna Brandt'; A, D) and in reads.
// The ids are chosen too, so that ties (broken by the id) have a known order: A < B < C < D < E.
const ID = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const SEED = {
  A: { id: ID(1), openedAt: '2026-03-01 10:00:00', refRank: 2, staff: 'S1', reads: 2, reviewed: false },
  B: { id: ID(2), openedAt: '2026-03-03 10:00:00', refRank: 0, staff: 'S2', reads: 0, reviewed: true },
  C: { id: ID(3), openedAt: '2026-03-02 10:00:00', refRank: 4, staff: 'S3', reads: 2, reviewed: false },
  D: { id: ID(4), openedAt: '2026-03-02 10:00:00', refRank: 1, staff: 'S1', reads: 5, reviewed: false },
  E: { id: ID(5), openedAt: '2026-02-28 10:00:00', refRank: 3, staff: 'S2', reads: 0, reviewed: false },
} as const;
const STAFF = { S1: 'Zora Quast', S2: 'anna Brandt', S3: 'Anna Brandt' } as const;

// The expected orders, written out by hand from the table above (not computed).
const EXPECTED: Record<string, string> = {
  'OPENED_AT ASC': 'EACDB',
  'OPENED_AT DESC': 'BDCAE',
  'CASE_REFERENCE ASC': 'BDAEC',
  'CASE_REFERENCE DESC': 'CEADB',
  'STAFF_NAME ASC': 'BCEAD',
  'STAFF_NAME DESC': 'DAECB',
  'READS ASC': 'BEACD',
  'READS DESC': 'DCAEB',
  // No orderBy: unreviewed first, newest first, ties by id descending.
  default: 'DCAEB',
};

describe('sorting the break-glass review list (accessOverridePage orderBy)', () => {
  let hub: TestHub;
  let elsewhere: string;
  const token = () => hub.token('coordinator-rheine');
  const label = Object.fromEntries(Object.entries(SEED).map(([k, v]) => [v.id, k]));

  beforeAll(async () => {
    hub = await startTestHub('overrideorder', { persons: 40 });
    const ds = hub.db.ds;
    const tenant = hub.creds.tenantId;
    const staff = (key: string) => hub.creds.staff.find((s) => s.key === key)!.id;
    const staffIds = { S1: staff('cm-lengerich-1'), S2: staff('cm-lengerich-2'), S3: staff('cm-rheine-2') };
    for (const [k, name] of Object.entries(STAFF))
      await ds.query(`UPDATE staff_users SET display_name = $2 WHERE id = $1`, [
        staffIds[k as keyof typeof STAFF],
        name,
      ]);
    const cases: { id: string }[] = await ds.query(
      `SELECT c.id FROM cases c JOIN regions r ON r.id = c.region_id WHERE r.name = 'Rheine' ORDER BY c.reference LIMIT 5`,
    );
    if (cases.length < 5) throw new Error('the seed should have five Rheine cases');
    for (const o of Object.values(SEED)) {
      const caseId = cases[o.refRank]!.id;
      await ds.query(
        `INSERT INTO access_overrides (tenant_id, id, staff_user_id, case_id, reason, opened_at, expires_at, verdict, reviewed_by, reviewed_at)
         VALUES ($1, $2, $3, $4, 'Vorsprache in Lengerich, Akte in Rheine', ($5 || '+00')::timestamptz,
                 ($5 || '+00')::timestamptz + interval '30 minutes', $6, $7, $8)`,
        [
          tenant,
          o.id,
          staffIds[o.staff],
          caseId,
          o.openedAt,
          o.reviewed ? 'justified' : null,
          o.reviewed ? staff('coordinator-rheine') : null,
          o.reviewed ? new Date('2026-03-04T08:00:00Z') : null,
        ],
      );
      for (let i = 0; i < o.reads; i++)
        await ds.query(
          `INSERT INTO audit_events (tenant_id, actor_kind, actor_id, action, subject_type, subject_id, categories, basis, allowed)
           VALUES ($1, 'staff', $2, 'case.read', 'case', $3, '{identity}', 'override:' || $4, true)`,
          [tenant, staffIds[o.staff], caseId, o.id],
        );
    }
    // An access to a Lengerich case: not on Rheine's list.
    const [lengerich]: { id: string }[] = await ds.query(
      `SELECT c.id FROM cases c JOIN regions r ON r.id = c.region_id WHERE r.name = 'Lengerich' LIMIT 1`,
    );
    elsewhere = ID(9);
    await ds.query(
      `INSERT INTO access_overrides (tenant_id, id, staff_user_id, case_id, reason, expires_at)
       VALUES ($1, $2, $3, $4, 'Vorsprache in Rheine, Akte in Lengerich', now() + interval '30 minutes')`,
      [tenant, elsewhere, staff('cm-rheine-1'), lengerich!.id],
    );
  }, 120_000);
  afterAll(() => hub?.close());

  const page = (first: number, after: string | null, orderBy?: unknown) =>
    hub.gql(token(), PAGE, { first, after, orderBy });

  const walk = (first: number, orderBy?: { field: string; direction: string }): Promise<string> =>
    spellPages(
      (after) => page(first, after, orderBy),
      'accessOverridePage',
      (n: { id: string }) => label[n.id]!,
      5,
    );

  it.each(Object.keys(EXPECTED).filter((k) => k !== 'default'))('pages through %s (pages of 2 and 5)', async (o) => {
    const [field, direction] = o.split(' ');
    expect(await walk(2, { field: field!, direction: direction! })).toBe(EXPECTED[o]);
    expect(await walk(5, { field: field!, direction: direction! })).toBe(EXPECTED[o]);
  });

  it('keeps unreviewed first, newest first without orderBy', async () => {
    expect(await walk(2)).toBe(EXPECTED.default);
  });

  it('gives out cursors that hold the order and the id only', async () => {
    const r: any = await page(5, null, { field: 'STAFF_NAME', direction: 'ASC' });
    for (const e of r.data.accessOverridePage.edges) {
      const text = Buffer.from(e.cursor, 'base64url').toString('utf8');
      expect(JSON.parse(text)).toEqual(['override-order', 'staffName', 'asc', e.node.id]);
    }
  });

  it('refuses a cursor of one order in another, and a default cursor in an order, with a clear error', async () => {
    const byName: any = await page(2, null, { field: 'STAFF_NAME', direction: 'ASC' });
    const byDefault: any = await page(2, null);
    const tries: [string, unknown][] = [
      [byName.data.accessOverridePage.pageInfo.endCursor, { field: 'READS', direction: 'ASC' }],
      [byName.data.accessOverridePage.pageInfo.endCursor, { field: 'STAFF_NAME', direction: 'DESC' }],
      [byName.data.accessOverridePage.pageInfo.endCursor, undefined],
      [byDefault.data.accessOverridePage.pageInfo.endCursor, { field: 'OPENED_AT', direction: 'DESC' }],
    ];
    for (const [after, orderBy] of tries) {
      const r = await page(2, after, orderBy);
      expect(r.data).toBeNull();
      expect(r.errors?.[0].extensions.code).toBe('INVALID_INPUT');
      expect(r.errors?.[0].message).toMatch(/another order/);
    }
  });

  it("refuses a cursor of an access not on the caller's list (its place would tell its values)", async () => {
    // Opened now, newest first every seeded access would follow it: its place would be told.
    const cursor = Buffer.from(JSON.stringify(['override-order', 'openedAt', 'desc', elsewhere])).toString('base64url');
    const r = await page(5, cursor, { field: 'OPENED_AT', direction: 'DESC' });
    expect(r.data).toBeNull();
    expect(r.errors?.[0].extensions.code).toBe('INVALID_INPUT');
    expect(r.errors?.[0].message).toMatch(/no longer in your list/);
  });

  it('answers a bad cursor or order with a clear error, not a 500', async () => {
    const tries: [string | null, unknown, RegExp][] = [
      ['bm9wZQ', { field: 'READS', direction: 'ASC' }, /not a cursor/],
      [
        Buffer.from('["override-order","reads","asc","x"]').toString('base64url'),
        { field: 'READS', direction: 'ASC' },
        /not a cursor/,
      ],
      [null, { field: 'REASON', direction: 'ASC' }, /REASON/],
      [null, { field: 'READS', direction: 'SIDEWAYS' }, /SIDEWAYS/],
    ];
    for (const [after, orderBy, message] of tries) {
      const r = await page(2, after, orderBy);
      expect(r.data ?? null).toBeNull();
      expect(r.errors?.[0].message).toMatch(message);
      expect(['INVALID_INPUT', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(r.errors?.[0].extensions.code);
    }
  });
});

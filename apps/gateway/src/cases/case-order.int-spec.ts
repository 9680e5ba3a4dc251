import { startTestHub, type TestHub } from '@kim/test-support/hub';

const LIST = /* GraphQL */ `
  query ($first: Int!, $after: String, $filter: CaseFilterInput, $orderBy: CaseOrderInput) {
    cases(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      edges {
        cursor
        node {
          id
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

// The values this test gives its cases, with ties in every field but the reference (unique per
// tenant). Opened-at times are written to the microsecond; two fall in one millisecond.
const SEED = [
  { reference: 'ORD-07', familyName: 'Yilmaz', phase: 'monitoring', openedAt: '2026-03-02 09:00:00.000000' },
  { reference: 'ORD-03', familyName: 'yilmaz', phase: 'intake', openedAt: '2026-03-02 09:00:00.000000' },
  { reference: 'ORD-11', familyName: 'Becker', phase: 'intake', openedAt: '2026-03-02 09:00:00.000000' },
  { reference: 'ORD-01', familyName: 'Schmidt', phase: 'reassessment', openedAt: '2026-03-01 12:00:00.000100' },
  { reference: 'ORD-13', familyName: 'becker', phase: 'planning', openedAt: '2026-03-01 12:00:00.000200' },
  { reference: 'ORD-05', familyName: 'Arslan', phase: 'monitoring', openedAt: '2026-03-01 12:00:00.000200' },
  { reference: 'ORD-09', familyName: 'Schmidt', phase: 'intake', openedAt: '2026-02-15 08:30:00.000000' },
  { reference: 'ORD-02', familyName: 'Nowak', phase: 'linking', openedAt: '2026-02-15 08:30:00.000000' },
  { reference: 'ORD-12', familyName: 'Nowak', phase: 'assessment', openedAt: '2026-01-20 07:00:00.000000' },
  { reference: 'ORD-04', familyName: 'Zahn', phase: 'reassessment', openedAt: '2026-04-01 10:00:00.000000' },
  { reference: 'ORD-10', familyName: 'Arslan', phase: 'planning', openedAt: '2025-12-31 23:59:59.999999' },
  { reference: 'ORD-06', familyName: 'Kowalski', phase: 'monitoring', openedAt: '2026-01-01 00:00:00.000000' },
  { reference: 'ORD-08', familyName: 'Meyer', phase: 'monitoring', openedAt: '2026-03-02 09:00:00.000000' },
];
// The case management cycle in its order (the phases sort by it, not alphabetically).
const CYCLE = ['intake', 'assessment', 'planning', 'linking', 'monitoring', 'reassessment', 'closed'];

type Field = 'OPENED_AT' | 'REFERENCE' | 'FAMILY_NAME' | 'PHASE';
type Seeded = (typeof SEED)[number] & { id: string };
// The key of each field as a string that compares as the field should (same-width timestamps,
// names without case, the phase's place in the cycle as one digit).
const KEY: Record<Field, (r: Seeded) => string> = {
  OPENED_AT: (r) => r.openedAt,
  REFERENCE: (r) => r.reference,
  FAMILY_NAME: (r) => r.familyName.toLowerCase(),
  PHASE: (r) => String(CYCLE.indexOf(r.phase)),
};
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The expected order: a plain sort on the values above, ties by id, both in the direction. */
function expected(rows: Seeded[], field: Field, direction: 'ASC' | 'DESC'): string[] {
  const sign = direction === 'ASC' ? 1 : -1;
  return [...rows].sort((a, b) => sign * (cmp(KEY[field](a), KEY[field](b)) || cmp(a.id, b.id))).map((r) => r.id);
}

describe('sorting the case list (cases orderBy), keyset paging per order', () => {
  let hub: TestHub;
  let rows: Seeded[];
  let cmId: string;
  const token = () => hub.token('cm-rheine-1');

  beforeAll(async () => {
    hub = await startTestHub('caseorder', { persons: 120 });
    const staff = (key: string) => hub.creds.staff.find((s) => s.key === key)!;
    cmId = staff('cm-rheine-1').id;
    const other = staff('cm-rheine-2').id;
    const ds = hub.db.ds;
    // Only the test's cases carry cm-rheine-1: the others go to the colleague.
    await ds.query(`UPDATE cases SET case_manager_id = $1 WHERE case_manager_id = $2`, [other, cmId]);
    const picked: { id: string; personId: string }[] = await ds.query(
      `SELECT DISTINCT ON (c.person_id) c.id, c.person_id AS "personId"
         FROM cases c WHERE c.region_id = $1 AND c.phase <> 'closed' ORDER BY c.person_id, c.id LIMIT $2`,
      [staff('cm-rheine-1').regionId, SEED.length],
    );
    if (picked.length < SEED.length)
      throw new Error(`the seed has ${picked.length} cases in the region, not ${SEED.length}`);
    rows = SEED.map((s, i) => ({ ...s, id: picked[i]!.id }));
    for (const [i, r] of rows.entries()) {
      await ds.query(`UPDATE persons SET family_name = $2 WHERE id = $1`, [picked[i]!.personId, r.familyName]);
      await ds.query(
        `UPDATE cases SET case_manager_id = $2, reference = $3, phase = $4, opened_at = ($5 || '+00')::timestamptz
          WHERE id = $1`,
        [r.id, cmId, r.reference, r.phase, r.openedAt],
      );
    }
  });
  afterAll(() => hub.close());

  async function page(first: number, after: string | null, orderBy?: { field: Field; direction: string }) {
    return hub.gql(token(), LIST, { first, after, filter: { caseManagerId: cmId }, orderBy });
  }

  async function all(first: number, orderBy?: { field: Field; direction: string }): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    for (let n = 0; n < 50; n++) {
      const r: any = await page(first, after, orderBy);
      expect(r.errors).toBeUndefined();
      ids.push(...r.data.cases.edges.map((e: any) => e.node.id));
      if (!r.data.cases.pageInfo.hasNextPage) return ids;
      after = r.data.cases.pageInfo.endCursor;
    }
    throw new Error('paging did not end');
  }

  const orders = (['OPENED_AT', 'REFERENCE', 'FAMILY_NAME', 'PHASE'] as Field[]).flatMap((field) =>
    (['ASC', 'DESC'] as const).map((direction) => ({ field, direction })),
  );

  it.each(orders)('reaches every case once, in order, by $field $direction (pages of 2 and 5)', async (o) => {
    const want = expected(rows, o.field, o.direction);
    expect(await all(2, o)).toEqual(want);
    expect(await all(5, o)).toEqual(want);
  });

  it('keeps newest first without orderBy, and takes the cursors given out before sorting', async () => {
    const want = expected(rows, 'OPENED_AT', 'DESC');
    expect(await all(3)).toEqual(want);
    // A cursor of the old form (opened_at to the millisecond | id) after the second case.
    const second = rows.find((r) => r.id === want[1])!;
    const legacy = Buffer.from(`${second.openedAt.replace(' ', 'T').slice(0, 23)}Z|${second.id}`).toString('base64url');
    const r: any = await page(4, legacy);
    expect(r.errors).toBeUndefined();
    expect(r.data.cases.edges.map((e: any) => e.node.id)).toEqual(want.slice(2, 6));
  });

  it('refuses a cursor of one order in another', async () => {
    const byRef: any = await page(2, null, { field: 'REFERENCE', direction: 'ASC' });
    const refCursor = byRef.data.cases.pageInfo.endCursor;
    const plain: any = await page(2, null);
    const plainCursor = plain.data.cases.pageInfo.endCursor;
    const tries: [string, { field: Field; direction: string } | undefined][] = [
      [refCursor, { field: 'FAMILY_NAME', direction: 'ASC' }],
      [refCursor, { field: 'REFERENCE', direction: 'DESC' }],
      [refCursor, undefined],
      [plainCursor, { field: 'PHASE', direction: 'ASC' }],
      [plainCursor, { field: 'OPENED_AT', direction: 'ASC' }],
    ];
    for (const [after, orderBy] of tries) {
      const r = await page(2, after, orderBy);
      expect(r.data).toBeNull();
      expect(r.errors?.[0].extensions.code).toBe('INVALID_INPUT');
      expect(r.errors?.[0].message).toMatch(/another order/);
    }
    // The same order's cursor still works: the refusal is about the order, not the cursor.
    expect((await page(2, refCursor, { field: 'REFERENCE', direction: 'ASC' })).errors).toBeUndefined();
  });

  it('gives out cursors that hold no name (nor any other value of the case)', async () => {
    const cursors: string[] = [];
    for (const field of ['FAMILY_NAME', 'REFERENCE', 'PHASE', 'OPENED_AT'] as Field[]) {
      const r: any = await page(3, null, { field, direction: 'ASC' });
      cursors.push(...r.data.cases.edges.map((e: any) => e.cursor), r.data.cases.pageInfo.endCursor);
    }
    const names = [...new Set(SEED.map((s) => s.familyName.toLowerCase()))];
    for (const c of cursors) {
      const text = Buffer.from(c, 'base64url').toString('utf8').toLowerCase();
      for (const n of names) expect(text).not.toContain(n);
      expect(text).not.toMatch(/ord-\d\d|2026-0/);
    }
  });

  it("refuses a cursor of a case outside the caller's scope (its place would say where its name falls)", async () => {
    const [elsewhere]: { id: string }[] = await hub.db.ds.query(
      `SELECT c.id FROM cases c WHERE c.region_id <> (SELECT region_id FROM staff_users WHERE id = $1) LIMIT 1`,
      [cmId],
    );
    const cursor = Buffer.from(JSON.stringify(['case-order-2', 'familyName', 'asc', elsewhere!.id])).toString(
      'base64url',
    );
    const r = await page(5, cursor, { field: 'FAMILY_NAME', direction: 'ASC' });
    expect(r.data).toBeNull();
    expect(r.errors?.[0].extensions.code).toBe('INVALID_INPUT');
    expect(r.errors?.[0].message).toMatch(/no longer in your list/);
  });

  it('answers a bad cursor or order with a clear error, not a 500', async () => {
    const tries: [string | null, unknown, RegExp][] = [
      ['bm9wZQ', { field: 'REFERENCE', direction: 'ASC' }, /not a cursor/],
      ['x'.repeat(5000), { field: 'REFERENCE', direction: 'ASC' }, /too long/],
      [null, { field: 'SALARY', direction: 'ASC' }, /SALARY/],
      [null, { field: 'REFERENCE', direction: 'UP' }, /UP/],
    ];
    for (const [after, orderBy, message] of tries) {
      const r = await hub.gql(token(), LIST, { first: 2, after, filter: { caseManagerId: cmId }, orderBy });
      expect(r.data ?? null).toBeNull();
      expect(r.errors?.[0].message).toMatch(message);
      expect(['INVALID_INPUT', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(r.errors?.[0].extensions.code);
    }
  });

  it('does not let an agency sort by family name (it may not see every name)', async () => {
    const agency = hub.creds.agencies[0]!.apiKey;
    const byName = await hub.gql(agency, LIST, { first: 5, orderBy: { field: 'FAMILY_NAME', direction: 'ASC' } });
    expect(byName.errors?.[0].extensions.code).toBe('INVALID_INPUT');
    const byRef = await hub.gql(agency, LIST, { first: 5, orderBy: { field: 'REFERENCE', direction: 'ASC' } });
    expect(byRef.errors).toBeUndefined();
  });
});

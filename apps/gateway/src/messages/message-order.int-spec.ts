import { startTestHub, type TestHub } from '@kim/test-support/hub';

const LIST = /* GraphQL */ `
  query ($first: Int!, $after: String, $orderBy: OutboundMessageOrderInput) {
    outboundMessages(state: DEAD, first: $first, after: $after, orderBy: $orderBy) {
      id
      cursor
    }
  }
`;

// Five dead messages about Rheine referrals, each value chosen; ties in created at (C, D), in the
// agency's name without case (B, C, E: 'alpha Hilfe' and 'Alpha Hilfe'; A, D), attempts and
// replays. The ids are chosen too, so ties (broken by the id) have a known order: A < … < E.
const ID = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const SEED = {
  A: { id: ID(1), createdAt: '2026-03-01 10:00:00', agency: 'G1', attempts: 8, replays: 1 },
  B: { id: ID(2), createdAt: '2026-03-03 10:00:00', agency: 'G2', attempts: 3, replays: 0 },
  C: { id: ID(3), createdAt: '2026-03-02 10:00:00', agency: 'G3', attempts: 8, replays: 2 },
  D: { id: ID(4), createdAt: '2026-03-02 10:00:00', agency: 'G1', attempts: 5, replays: 0 },
  E: { id: ID(5), createdAt: '2026-02-28 10:00:00', agency: 'G2', attempts: 3, replays: 1 },
} as const;
const AGENCIES = { G1: 'Zeta Beratung', G2: 'alpha Hilfe', G3: 'Alpha Hilfe' } as const;

// The expected orders, written out by hand from the table above (not computed).
const EXPECTED: Record<string, string> = {
  'CREATED_AT ASC': 'EACDB',
  'CREATED_AT DESC': 'BDCAE',
  'AGENCY_NAME ASC': 'BCEAD',
  'AGENCY_NAME DESC': 'DAECB',
  'ATTEMPTS ASC': 'BEDAC',
  'ATTEMPTS DESC': 'CADEB',
  'REPLAYS ASC': 'BDAEC',
  'REPLAYS DESC': 'CEADB',
  // No orderBy: newest first, ties by id descending.
  default: 'BDCAE',
};

describe('sorting the dead messages (outboundMessages orderBy)', () => {
  let hub: TestHub;
  const elsewhere = ID(9);
  const token = () => hub.token('coordinator-rheine');
  const label = Object.fromEntries(Object.entries(SEED).map(([k, v]) => [v.id, k]));

  beforeAll(async () => {
    hub = await startTestHub('messageorder', { persons: 40 });
    const ds = hub.db.ds;
    const tenant = hub.creds.tenantId;
    const agencies = { G1: hub.creds.agencies[0]!.id, G2: hub.creds.agencies[1]!.id, G3: hub.creds.agencies[2]!.id };
    for (const [k, name] of Object.entries(AGENCIES))
      await ds.query(`UPDATE agencies SET name = $2 WHERE id = $1`, [agencies[k as keyof typeof AGENCIES], name]);
    const referralIn = async (region: string) => {
      const [r]: { id: string }[] = await ds.query(
        `SELECT f.id FROM referrals f JOIN cases c ON c.id = f.case_id JOIN regions r ON r.id = c.region_id
          WHERE r.name = $1 ORDER BY f.id LIMIT 1`,
        [region],
      );
      if (!r) throw new Error(`the seed should have a referral in ${region}`);
      return r.id;
    };
    const insert = (
      id: string,
      agencyId: string,
      referralId: string,
      createdAt: string,
      attempts: number,
      replays: number,
    ) =>
      ds.query(
        `INSERT INTO outbox_messages (tenant_id, id, agency_id, referral_id, event_type, event_id, delivery_state, trace_id,
                                      enqueued, enqueued_at, attempts, replays, last_error, created_at)
         VALUES ($1, $2, $3, $4, 'de.kim-hub.referral.status-changed.v1', gen_random_uuid()::text, 'dead', 'message-order',
                 true, now(), $5, $6, 'agency answered HTTP 503', ($7 || '+00')::timestamptz)`,
        [tenant, id, agencyId, referralId, attempts, replays, createdAt],
      );
    const rheine = await referralIn('Rheine');
    for (const m of Object.values(SEED))
      await insert(m.id, agencies[m.agency], rheine, m.createdAt, m.attempts, m.replays);
    // A message about a Lengerich referral: not on Rheine's list.
    await insert(elsewhere, agencies.G1, await referralIn('Lengerich'), '2026-03-01 11:00:00', 8, 0);
  }, 120_000);
  afterAll(() => hub?.close());

  const page = (first: number, after: string | null, orderBy?: unknown) =>
    hub.gql(token(), LIST, { first, after, orderBy });

  async function walk(first: number, orderBy?: { field: string; direction: string }): Promise<string> {
    let ids = '';
    let after: string | null = null;
    for (let n = 0; n < 20; n++) {
      const r: any = await page(first, after, orderBy);
      expect(r.errors).toBeUndefined();
      const rows = r.data.outboundMessages as { id: string; cursor: string }[];
      ids += rows.map((m) => label[m.id] ?? '?').join('');
      if (rows.length < first) return ids;
      after = rows.at(-1)!.cursor;
    }
    throw new Error('paging did not end');
  }

  it.each(Object.keys(EXPECTED).filter((k) => k !== 'default'))('pages through %s (pages of 2 and 5)', async (o) => {
    const [field, direction] = o.split(' ');
    expect(await walk(2, { field: field!, direction: direction! })).toBe(EXPECTED[o]);
    expect(await walk(5, { field: field!, direction: direction! })).toBe(EXPECTED[o]);
  });

  it('keeps newest first without orderBy', async () => {
    expect(await walk(2)).toBe(EXPECTED.default);
  });

  it('gives out cursors that hold the order and the id only', async () => {
    const r: any = await page(5, null, { field: 'AGENCY_NAME', direction: 'ASC' });
    for (const m of r.data.outboundMessages)
      expect(JSON.parse(Buffer.from(m.cursor, 'base64url').toString('utf8'))).toEqual([
        'message-order',
        'agencyName',
        'asc',
        m.id,
      ]);
  });

  it('refuses a cursor of one order in another, and a newest-first cursor in an order, with a clear error', async () => {
    const byName: any = await page(2, null, { field: 'AGENCY_NAME', direction: 'ASC' });
    const plain: any = await page(2, null);
    const nameCursor = byName.data.outboundMessages[1].cursor;
    const plainCursor = plain.data.outboundMessages[1].cursor;
    const tries: [string, unknown][] = [
      [nameCursor, { field: 'ATTEMPTS', direction: 'ASC' }],
      [nameCursor, { field: 'AGENCY_NAME', direction: 'DESC' }],
      [nameCursor, undefined],
      [plainCursor, { field: 'CREATED_AT', direction: 'DESC' }],
    ];
    for (const [after, orderBy] of tries) {
      const r = await page(2, after, orderBy);
      expect(r.data).toBeNull();
      expect(r.errors?.[0].extensions.code).toBe('INVALID_INPUT');
      expect(r.errors?.[0].message).toMatch(/another order/);
    }
  });

  it("refuses a cursor of a message not on the caller's list", async () => {
    // Newest first after it, A and E would follow: its place would be told, were it not refused.
    const cursor = Buffer.from(JSON.stringify(['message-order', 'createdAt', 'desc', elsewhere])).toString('base64url');
    const r = await page(5, cursor, { field: 'CREATED_AT', direction: 'DESC' });
    expect(r.data).toBeNull();
    expect(r.errors?.[0].extensions.code).toBe('INVALID_INPUT');
    expect(r.errors?.[0].message).toMatch(/no longer in your list/);
  });

  it('answers a bad cursor or order with a clear error, not a 500', async () => {
    const tries: [string | null, unknown, RegExp][] = [
      ['bm9wZQ', { field: 'ATTEMPTS', direction: 'ASC' }, /not a cursor/],
      [
        Buffer.from('["message-order","attempts","asc","x"]').toString('base64url'),
        { field: 'ATTEMPTS', direction: 'ASC' },
        /not a cursor/,
      ],
      [null, { field: 'LAST_ERROR', direction: 'ASC' }, /LAST_ERROR/],
      [null, { field: 'ATTEMPTS', direction: 'UP' }, /UP/],
    ];
    for (const [after, orderBy, message] of tries) {
      const r = await page(2, after, orderBy);
      expect(r.data ?? null).toBeNull();
      expect(r.errors?.[0].message).toMatch(message);
      expect(['INVALID_INPUT', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(r.errors?.[0].extensions.code);
    }
  });
});

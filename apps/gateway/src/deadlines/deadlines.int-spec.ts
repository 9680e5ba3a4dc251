import { startTestHub, type TestHub } from '@kim/test-support/hub';

const OVERDUE = `{ overdueReferrals { referralId caseReference agencyName respondBy overdue overdueWorkingDays } }`;
const LOOPS = `{ openLoops { referralId status caseReference } }`;

describe('deadlines', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub('deadlines', { persons: 120 });
  });
  afterAll(() => hub.close());

  it('counts a referral overdue from the day after its deadline, when read, for the coordinator of the area only', async () => {
    const cm = hub.creds.staff.find((s) => s.key === 'cm-rheine-1')!.id;
    const [late, dueToday] = await hub.db.ds.query(
      `SELECT f.id, f.case_id FROM referrals f JOIN cases c ON c.id = f.case_id JOIN regions r ON r.id = c.region_id
        WHERE f.status = 'requested' AND r.name = 'Rheine' ORDER BY (c.case_manager_id = $1) DESC, f.id LIMIT 2`,
      [cm],
    );
    // No job runs: answered-by dates in the past make referrals overdue at once.
    await hub.db.ds.query(`UPDATE referrals SET respond_by = '2026-01-02' WHERE status = 'requested'`);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
    await hub.db.ds.query(`UPDATE referrals SET respond_by = $2 WHERE id = $1`, [dueToday.id, today]);
    const [{ n }] = await hub.db.ds.query(
      `SELECT count(*)::int AS n FROM referrals WHERE status = 'requested' AND respond_by < $1::date`,
      [today],
    );

    const rheine = await hub.gql(hub.token('coordinator-rheine'), OVERDUE);
    expect(rheine.errors).toBeUndefined();
    const items: { referralId: string; respondBy: string; overdue: boolean; overdueWorkingDays: number }[] =
      rheine.data.overdueReferrals;
    const ids = items.map((x) => x.referralId);
    expect(ids).toContain(late.id);
    // Due today is not overdue yet.
    expect(ids).not.toContain(dueToday.id);
    // "Overdue since" is the deadline, not the time something ran.
    expect(items.find((x) => x.referralId === late.id)).toMatchObject({ respondBy: '2026-01-02', overdue: true });
    expect(items.every((x) => x.overdueWorkingDays > 0)).toBe(true);
    const kreis = await hub.gql(hub.token('coordinator-kreis'), OVERDUE);
    expect(kreis.data.overdueReferrals.map((x: { referralId: string }) => x.referralId)).not.toContain(late.id);
    expect(rheine.data.overdueReferrals.length + kreis.data.overdueReferrals.length).toBe(n);
    expect((await hub.gql(hub.token('cm-rheine-1'), OVERDUE)).errors?.[0].extensions.code).toBe('FORBIDDEN');

    // The case manager reads the same on the referral itself.
    const own = await hub.gql(
      hub.token('cm-rheine-1'),
      `query($id: ID!) { case(id: $id) { referrals { id overdue respondBy } } }`,
      { id: late.case_id },
    );
    expect(own.errors).toBeUndefined();
    const r = own.data.case.referrals.find((x: { id: string }) => x.id === late.id);
    expect(r).toMatchObject({ overdue: true, respondBy: '2026-01-02' });
  });

  it('lists finished referrals nobody took note of as open loops, until a case manager acknowledges the outcome', async () => {
    const loops = await hub.gql(hub.token('coordinator-rheine'), LOOPS);
    expect(loops.data.openLoops.length).toBeGreaterThan(0);
    const first = loops.data.openLoops[0];
    expect(['COMPLETED', 'FAILED', 'REJECTED'].map((s) => s.toLowerCase())).toContain(first.status);
    const ack = await hub.gql(
      hub.token('cm-rheine-1'),
      `mutation($id: ID!) { acknowledgeReferralOutcome(referralId: $id) }`,
      { id: first.referralId },
    );
    expect(ack.errors).toBeUndefined();
    const after = await hub.gql(hub.token('coordinator-rheine'), LOOPS);
    expect(after.data.openLoops.map((x: { referralId: string }) => x.referralId)).not.toContain(first.referralId);
    const [open] = await hub.db.ds.query(
      `SELECT f.id FROM referrals f JOIN cases c ON c.id = f.case_id JOIN regions r ON r.id = c.region_id WHERE f.status = 'requested' AND r.name = 'Rheine' LIMIT 1`,
    );
    const refused = await hub.gql(
      hub.token('cm-rheine-1'),
      `mutation($id: ID!) { acknowledgeReferralOutcome(referralId: $id) }`,
      { id: open.id },
    );
    expect(refused.errors?.[0].extensions.code).toBe('CONFLICT');
  });

  it('pages a watch list on the hub: every entry once, in deadline order either way, with a total counted over the whole list', async () => {
    // Spread deadlines over days, so that many share one (ties are broken by id).
    await hub.db.ds.query(
      `UPDATE referrals SET respond_by = date '2026-01-02' + (abs(hashtext(id::text)) % 5) WHERE status = 'requested'`,
    );
    const truth: { id: string; respond_by: string; agency_id: string }[] = await hub.db.ds.query(
      `SELECT f.id, f.respond_by::text AS respond_by, f.agency_id FROM referrals f
         JOIN cases c ON c.id = f.case_id JOIN regions r ON r.id = c.region_id
         JOIN coordination_areas a ON a.id = r.coordination_area_id
        WHERE f.status = 'requested' AND a.name = 'Kreis Steinfurt'`,
    );
    expect(truth.length).toBeGreaterThan(7);
    const inOrder = [...truth]
      .sort((x, y) => (x.respond_by === y.respond_by ? (x.id < y.id ? -1 : 1) : x.respond_by < y.respond_by ? -1 : 1))
      .map((x) => x.id);
    const WATCH = `query($after: String, $agencyId: ID, $newestFirst: Boolean!) {
      referralWatch(kind: OVERDUE, first: 3, after: $after, agencyId: $agencyId, newestFirst: $newestFirst) {
        totalCount byAgency { agencyId referrals } pageInfo { hasNextPage endCursor } edges { cursor node { referralId } }
      } }`;
    const walk = async (vars: { agencyId?: string; newestFirst: boolean }) => {
      const ids: string[] = [];
      let after: string | null = null;
      let totals = new Set<number>();
      for (let pages = 0; pages < 100; pages++) {
        const r: { data?: any; errors?: any[] } = await hub.gql(hub.token('coordinator-kreis'), WATCH, {
          ...vars,
          after,
        });
        expect(r.errors).toBeUndefined();
        const conn: any = r.data.referralWatch;
        expect(conn.edges.length).toBeLessThanOrEqual(3);
        ids.push(...conn.edges.map((e: { node: { referralId: string } }) => e.node.referralId));
        totals = totals.add(conn.totalCount);
        if (!conn.pageInfo.hasNextPage) return { ids, totals, byAgency: conn.byAgency };
        after = conn.pageInfo.endCursor;
      }
      throw new Error('more than 100 pages');
    };
    const oldest = await walk({ newestFirst: false });
    expect(oldest.ids).toEqual(inOrder);
    expect([...oldest.totals]).toEqual([truth.length]);
    const newest = await walk({ newestFirst: true });
    expect(newest.ids).toEqual([...inOrder].reverse());
    // Per agency, over the whole list; and one agency's list alone.
    const perAgency = new Map<string, number>();
    for (const x of truth) perAgency.set(x.agency_id, (perAgency.get(x.agency_id) ?? 0) + 1);
    expect(
      Object.fromEntries(
        oldest.byAgency.map((a: { agencyId: string; referrals: number }) => [a.agencyId, a.referrals]),
      ),
    ).toEqual(Object.fromEntries(perAgency));
    const [agencyId, count] = [...perAgency.entries()].sort((a, b) => b[1] - a[1])[0]!;
    const one = await walk({ agencyId, newestFirst: false });
    expect(one.ids).toEqual(inOrder.filter((id) => truth.find((x) => x.id === id)!.agency_id === agencyId));
    expect([...one.totals]).toEqual([count]);

    // A cursor the list never gave out is bad input, not a server error.
    const bad = await hub.gql(hub.token('coordinator-kreis'), WATCH, { after: 'bm90LWEtY3Vyc29y', newestFirst: false });
    expect(bad.errors?.[0].extensions.code).toBe('INVALID_INPUT');
    const tooMany = await hub.gql(
      hub.token('coordinator-kreis'),
      `{ referralWatch(kind: OPEN_LOOP, first: 501) { totalCount } }`,
    );
    expect(tooMany.errors?.[0].extensions.code).toBe('INVALID_INPUT');
  });
});

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
});

import { DeadlineWatch } from '@kim/core';
import { startTestHub, type TestHub } from '@kim/test-support/hub';

const OVERDUE = `{ overdueReferrals { referralId caseReference agencyName respondBy overdueAt } }`;
const LOOPS = `{ openLoops { referralId status caseReference } }`;

describe('deadline watch', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub('deadlines', { persons: 120 });
  });
  afterAll(() => hub.close());

  it('flags unanswered referrals past their NRW deadline once, tells the case, and lists them for the coordinator of the area only', async () => {
    const [late] = await hub.db.ds.query(
      `SELECT f.id, f.case_id FROM referrals f JOIN cases c ON c.id = f.case_id JOIN regions r ON r.id = c.region_id
        WHERE f.status = 'requested' AND r.name = 'Rheine' LIMIT 1`,
    );
    await hub.db.ds.query(
      `UPDATE referrals SET respond_by = '2026-01-02', overdue_at = NULL WHERE status = 'requested'`,
    );
    const watch = new DeadlineWatch(hub.db.ds);
    const flagged = await watch.flagOverdue(new Date('2026-11-25T10:00:00Z'));
    expect(flagged).toBeGreaterThan(0);
    expect(await watch.flagOverdue(new Date('2026-11-25T11:00:00Z'))).toBe(0);
    const timeline = await hub.db.ds.query(
      `SELECT summary FROM timeline_events WHERE referral_id = $1 AND kind = 'referral.overdue'`,
      [late.id],
    );
    expect(timeline).toEqual([{ summary: 'No answer from the agency by 2026-01-02: referral overdue' }]);

    const rheine = await hub.gql(hub.token('coordinator-rheine'), OVERDUE);
    expect(rheine.data.overdueReferrals.map((x: { referralId: string }) => x.referralId)).toContain(late.id);
    const kreis = await hub.gql(hub.token('coordinator-kreis'), OVERDUE);
    expect(kreis.data.overdueReferrals.map((x: { referralId: string }) => x.referralId)).not.toContain(late.id);
    expect(rheine.data.overdueReferrals.length + kreis.data.overdueReferrals.length).toBe(flagged);
    expect((await hub.gql(hub.token('cm-rheine-1'), OVERDUE)).errors?.[0].extensions.code).toBe('FORBIDDEN');
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

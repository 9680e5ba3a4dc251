import { EventType, type CloudEvent, type StatusMessageData } from '@kim/contracts';
import { StatusIntake, type Principal } from '@kim/core';
import { buildCloudEvent } from '@kim/messaging';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import {
  CREATE_REFERRAL,
  OPEN_CASE,
  RECORD_CONSENT,
  SEND_REFERRAL,
  consentFor,
  newcomer,
} from '@kim/test-support/fixtures';

/**
 * Status messages of one agency that arrive together are written in one transaction (issue 20),
 * each answered as if it had come alone.
 */
describe('inbound status messages written in batches', () => {
  let hub: TestHub;
  let cm: string;

  beforeAll(async () => {
    hub = await startTestHub('inbound_batches');
    cm = hub.token('cm-rheine-1');
  });
  afterAll(() => hub.close());

  async function sentReferral(agencyKey: string, serviceCode: string): Promise<string> {
    const agency = hub.creds.agencies.find((a) => a.key === agencyKey)!;
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const service = hub.creds.services.find((s) => s.code === serviceCode)!.id;
    const c = await hub.gql(cm, OPEN_CASE, { input: { person: newcomer(), regionId: rheine } });
    await hub.gql(cm, RECORD_CONSENT, { input: consentFor(c.data.openCase.id, agency.id) });
    const d = await hub.gql(cm, CREATE_REFERRAL, {
      input: { caseId: c.data.openCase.id, serviceId: service, purpose: 'REFERRAL', categories: ['IDENTITY'] },
    });
    const s = await hub.gql(cm, SEND_REFERRAL, { id: d.data.createReferral.id });
    expect(s.errors).toBeUndefined();
    return d.data.createReferral.id;
  }

  const accepted = (referralId: string): CloudEvent<StatusMessageData> =>
    buildCloudEvent({
      type: EventType.REFERRAL_STATUS_CHANGED,
      source: 'urn:test',
      data: { referralId, status: 'accepted', occurredAt: new Date().toISOString() },
    });

  it('answers each message as alone, and a message that is not the agency’s fails only itself', async () => {
    const sk = hub.creds.agencies.find((a) => a.key === 'sk')!;
    const principal: Extract<Principal, { kind: 'agency' }> = {
      kind: 'agency',
      tenantId: hub.creds.tenantId,
      agencyId: sk.id,
      agencyKind: sk.kind,
      name: sk.name,
    };
    const ours = [];
    for (let i = 0; i < 4; i++) ours.push(await sentReferral('sk', 'SK-INTEGRATIONSKURS'));
    const others = await sentReferral('caritas', 'CARITAS-MBE');
    const intake = new StatusIntake(hub.db.ds);
    let transactions = 0;
    const transaction = hub.db.ds.transaction.bind(hub.db.ds);
    hub.db.ds.transaction = ((...args: Parameters<typeof transaction>) => {
      transactions += 1;
      return transaction(...args);
    }) as typeof transaction;
    try {
      const events = [...ours, others].map(accepted);
      // All at once: the first is written alone, the others arrive while it is and go together.
      const results = await Promise.all(
        events.map((e) => intake.receive(principal, e).catch((err: Error) => `refused: ${err.message}`)),
      );
      expect(results).toEqual([
        ...ours.map(() => ({ outcome: 'applied', referralStatus: 'accepted' })),
        expect.stringMatching(/^refused: /),
      ]);
      // [first] alone, then [the other four] together (the writer answers "not yours" for the one
      // that is not the agency's and writes the rest), then the refusal's own audit entry: 3.
      expect(transactions).toBe(3);
    } finally {
      hub.db.ds.transaction = transaction;
    }
    const statuses = await hub.db.ds.query(`SELECT id, status FROM referrals WHERE id = ANY($1::uuid[]) ORDER BY id`, [
      [...ours, others],
    ]);
    const expected = [...ours.map((id) => ({ id, status: 'accepted' })), { id: others, status: 'requested' }].sort(
      (a, b) => (a.id < b.id ? -1 : 1),
    );
    expect(statuses).toEqual(expected);
    const stored = await hub.db.ds.query(
      `SELECT count(*)::int AS n FROM inbound_messages WHERE referral_id = ANY($1::uuid[])`,
      [[...ours, others]],
    );
    expect(stored).toEqual([{ n: 4 }]);
  });
});

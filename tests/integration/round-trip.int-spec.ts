import type { INestApplicationContext } from '@nestjs/common';
import { createWorkerApp } from '@kim/worker';
import type { Simulator } from '@kim/simulator';
import { simulatorFor } from '@kim/test-support/simulator';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { expectEventually } from '@kim/test-support/eventually';
import {
  CREATE_REFERRAL,
  OPEN_CASE,
  RECORD_CONSENT,
  SEND_REFERRAL,
  consentFor,
  newcomer,
} from '@kim/test-support/fixtures';

const CASE_VIEW = /* GraphQL */ `
  query ($id: ID!) {
    case(id: $id) {
      reference
      referrals {
        id
        status
        servicesDelivered
        deliveryState
        agency {
          name
        }
      }
      timeline {
        kind
        referralStatus
        actorRole
        summary
      }
    }
  }
`;

describe.each(['redis', 'postgres'] as const)('a referral travels to the agency and back (queues on %s)', (backend) => {
  let hub: TestHub;
  let worker: INestApplicationContext;
  let sim: Simulator;
  let cm: string;

  beforeAll(async () => {
    hub = await startTestHub(`roundtrip_${backend}`, { backend });
    worker = await createWorkerApp(hub.config, false);
    sim = await simulatorFor(hub, 30);
    cm = hub.token('cm-rheine-1');
  });

  afterAll(async () => {
    await sim?.close();
    await worker?.close();
    await hub?.close();
  });

  it('requested → accepted → in-progress → completed, on the case timeline', async () => {
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const jobcenter = hub.creds.agencies.find((a) => a.key === 'jc')!;
    const service = hub.creds.services.find((s) => s.code === 'JC-VERMITTLUNG')!.id;
    const opened = await hub.gql(cm, OPEN_CASE, { input: { person: newcomer(), regionId: rheine } });
    const caseId = opened.data.openCase.id;
    await hub.gql(cm, RECORD_CONSENT, { input: consentFor(caseId, jobcenter.id) });
    const draft = await hub.gql(cm, CREATE_REFERRAL, {
      input: { caseId, serviceId: service, purpose: 'REFERRAL', categories: ['IDENTITY', 'CONTACT'] },
    });
    const referralId = draft.data.createReferral.id;
    const sent = await hub.gql(cm, SEND_REFERRAL, { id: referralId });
    expect(sent.errors).toBeUndefined();

    const view = await expectEventually(async () => {
      const r = await hub.gql(cm, CASE_VIEW, { id: caseId });
      expect(r.data.case.referrals[0].status).toBe('COMPLETED');
      return r.data.case;
    });
    expect(view.referrals[0]).toMatchObject({
      deliveryState: 'ACKNOWLEDGED',
      agency: { name: 'Jobcenter Kreis Steinfurt' },
    });
    expect(view.referrals[0].servicesDelivered.length).toBeGreaterThan(0);
    const statuses = view.timeline
      .filter((e: { referralStatus: string | null }) => e.referralStatus)
      .map((e: { referralStatus: string }) => e.referralStatus);
    expect(statuses).toEqual(['requested', 'accepted', 'in-progress', 'completed']);
    expect(view.timeline.filter((e: { actorRole: string }) => e.actorRole === 'agency')).toHaveLength(3);

    // What left the hub carried exactly the consented categories.
    const [msg] = await hub.db.ds.query(`SELECT sent_body FROM outbox_messages WHERE referral_id = $1`, [referralId]);
    expect(msg.sent_body.data.categories).toEqual(['identity', 'contact']);
    expect(Object.keys(msg.sent_body.data.person).sort()).toEqual(['contact', 'identity']);
    expect(msg.sent_body.specversion).toBe('1.0');
    expect(sim.received.filter((d) => d.referralId === referralId && !d.duplicate)).toHaveLength(1);
  });
});

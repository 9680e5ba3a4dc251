/**
 * Fault scenarios of the outbound path: a poison message that always fails must end dead and
 * replayable while the rest keeps flowing; consent revoked while a delivery waits in retry
 * backoff means nothing more is sent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import { createWorkerApp } from '@kim/worker';
import { queueBackendOf } from '@kim/config';
import { createQueue } from '@kim/messaging';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { expectEventually } from '@kim/test-support/eventually';
import { check, figures, report } from './checker.js';
import { sentReferral } from './support.js';

/** An agency that refuses the referrals it is told to and records the rest by event id. */
async function choosyAgency(refuse: (referralId: string) => boolean) {
  const delivered: { referralId: string; eventId: string; type: string }[] = [];
  const attempts = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const event = JSON.parse(Buffer.concat(chunks).toString()) as {
        id: string;
        type: string;
        data: { referralId: string };
      };
      attempts.set(event.data.referralId, (attempts.get(event.data.referralId) ?? 0) + 1);
      if (refuse(event.data.referralId)) return void res.writeHead(500).end();
      delivered.push({ referralId: event.data.referralId, eventId: event.id, type: event.type });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    delivered,
    attempts,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(r)),
  };
}

describe('outbound faults', () => {
  let hub: TestHub;
  let worker: INestApplicationContext;
  const poisoned = new Set<string>();
  let agency: Awaited<ReturnType<typeof choosyAgency>>;

  beforeAll(async () => {
    hub = await startTestHub('faults_outbound', {
      persons: 4,
      env: { DELIVERY_ATTEMPTS: '4', DELIVERY_BACKOFF_MS: '400' },
    });
    agency = await choosyAgency((id) => poisoned.has(id));
    await hub.db.ds.query(`UPDATE agencies SET webhook_url = $1 WHERE channel = 'webhook'`, [agency.url]);
    worker = await createWorkerApp(hub.config, false);
  });
  afterAll(async () => {
    await worker.close();
    await agency.close();
    await hub.close();
  });

  it('POISON: a message that always fails ends dead with its error, others keep flowing, replay delivers it once', async () => {
    // The agency refuses this referral from its first delivery on.
    const poison = await sentReferralWith((referralId) => poisoned.add(referralId));
    const healthy: string[] = [];
    for (let i = 0; i < 12; i++) healthy.push(await sentReferral(hub, 'caritas', 'CARITAS-MBE'));
    await expectEventually(() => expect(new Set(agency.delivered.map((d) => d.referralId))).toEqual(new Set(healthy)), {
      timeoutMs: 20000,
    });
    const deadOfPoison = await expectEventually(
      async () => {
        const r = await hub.gql(
          hub.token('operator'),
          `{ outboundMessages(state: DEAD) { id referralId attempts lastError } }`,
        );
        const found = r.data.outboundMessages.filter((x: { referralId: string }) => x.referralId === poison);
        expect(found.length).toBeGreaterThan(0);
        return found as { id: string; attempts: number; lastError: string }[];
      },
      { timeoutMs: 20000 },
    );
    expect(deadOfPoison).toHaveLength(1);
    const dead = deadOfPoison[0]!;
    expect(dead).toMatchObject({ attempts: 4, lastError: 'agency answered HTTP 500' });
    poisoned.delete(poison);
    await hub.gql(hub.token('operator'), `mutation($id: ID!) { replayMessage(id: $id) { id } }`, { id: dead.id });
    await expectEventually(() => expect(agency.delivered.some((d) => d.referralId === poison)).toBe(true));
    const v = check(
      [...healthy, poison],
      agency.delivered.map((d) => d.referralId),
    );
    report('POISON', v, {
      dead_before_replay: deadOfPoison.length,
      attempts_of_poison: agency.attempts.get(poison) ?? 0,
    });
    expect(v).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0 });
  });

  it('REVOKE_DURING_BACKOFF: consent revoked while a delivery waits to be retried: nothing more is sent', async () => {
    const target = await sentReferralWith((referralId) => poisoned.add(referralId));
    // Let the first attempt fail, then revoke while the retry waits.
    await expectEventually(() => expect(agency.attempts.get(target) ?? 0).toBeGreaterThanOrEqual(1));
    const [consent] = await hub.db.ds.query(
      `SELECT k.id FROM consents k JOIN cases c ON c.id = k.case_id JOIN referrals r ON r.case_id = c.id WHERE r.id = $1`,
      [target],
    );
    poisoned.delete(target);
    const attemptsBeforeRevoke = agency.attempts.get(target) ?? 0;
    const revoked = await hub.gql(
      hub.token('cm-rheine-1'),
      `mutation($id: ID!) { revokeConsent(consentId: $id) { id } }`,
      { id: consent.id },
    );
    expect(revoked.errors).toBeUndefined();
    await expectEventually(async () => {
      const [m] = await hub.db.ds.query(
        `SELECT delivery_state FROM outbox_messages WHERE referral_id = $1 AND event_type LIKE '%requested%'`,
        [target],
      );
      expect(m.delivery_state).toBe('suppressed');
    });
    // The retry still runs after its backoff: wait until the queue has finished with the job.
    const [msg] = await hub.db.ds.query(
      `SELECT id FROM outbox_messages WHERE referral_id = $1 AND event_type LIKE '%requested%'`,
      [target],
    );
    const queue = createQueue('outbox', queueBackendOf(hub.config));
    try {
      await expectEventually(async () => expect(await queue.getJobState(`deliver-${msg.id}-0`)).toBe('completed'), {
        timeoutMs: 10000,
      });
    } finally {
      await queue.close();
    }
    const delivered = agency.delivered.filter(
      (d) => d.referralId === target && d.type.endsWith('referral.requested.v1'),
    );
    figures('REVOKE_DURING_BACKOFF', {
      attempts_before_revoke: attemptsBeforeRevoke,
      requests_delivered_after_revoke: delivered.length,
      // What the agency may still hear of the referral: that it was withdrawn.
      other_messages_delivered: agency.delivered.filter(
        (d) => d.referralId === target && !d.type.endsWith('referral.requested.v1'),
      ).length,
    });
    expect(delivered).toEqual([]);
  });

  /** Like sentReferral, but lets the caller act on the referral id before it is sent. */
  async function sentReferralWith(beforeSend: (referralId: string) => void): Promise<string> {
    const cm = hub.token('cm-rheine-1');
    const { OPEN_CASE, RECORD_CONSENT, CREATE_REFERRAL, SEND_REFERRAL, consentFor, newcomer } =
      await import('@kim/test-support/fixtures');
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const jc = hub.creds.agencies.find((a) => a.key === 'jc')!;
    const c = await hub.gql(cm, OPEN_CASE, { input: { person: newcomer(), regionId: rheine } });
    await hub.gql(cm, RECORD_CONSENT, { input: consentFor(c.data.openCase.id, jc.id) });
    const d = await hub.gql(cm, CREATE_REFERRAL, {
      input: {
        caseId: c.data.openCase.id,
        serviceId: hub.creds.services.find((s) => s.code === 'JC-VERMITTLUNG')!.id,
        purpose: 'REFERRAL',
        categories: ['IDENTITY'],
      },
    });
    beforeSend(d.data.createReferral.id);
    await hub.gql(cm, SEND_REFERRAL, { id: d.data.createReferral.id });
    return d.data.createReferral.id as string;
  }
});

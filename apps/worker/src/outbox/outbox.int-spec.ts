import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
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
import { queueBackendOf } from '@kim/config';
import { QueueName } from '@kim/contracts';
import { OutboxMessageBuilder, deliveryJobId } from '@kim/core';
import { outboxRepository } from '@kim/persistence';
import { createQueue } from '@kim/messaging';
import { createWorkerApp } from '../bootstrap.js';

/** A loopback agency endpoint whose answer the test controls. */
async function agencyEndpoint(answer: () => number) {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push(Buffer.concat(chunks).toString());
      res.writeHead(answer()).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    hits,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(r)),
  };
}

describe('outbound delivery', () => {
  let hub: TestHub;
  let worker: INestApplicationContext | undefined;
  let cm: string;
  let status = 500;
  let endpoint: Awaited<ReturnType<typeof agencyEndpoint>>;

  beforeAll(async () => {
    hub = await startTestHub('outbox');
    endpoint = await agencyEndpoint(() => status);
    await hub.db.ds.query(`UPDATE agencies SET webhook_url = $1 WHERE channel = 'webhook'`, [endpoint.url]);
    cm = hub.token('cm-rheine-1');
  });
  afterAll(async () => {
    await worker?.close();
    await endpoint.close();
    await hub.close();
  });

  async function sendReferral(): Promise<{ referralId: string; consentId: string }> {
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const caritas = hub.creds.agencies.find((a) => a.key === 'caritas')!;
    const service = hub.creds.services.find((s) => s.code === 'CARITAS-MBE')!.id;
    const c = await hub.gql(cm, OPEN_CASE, { input: { person: newcomer(), regionId: rheine } });
    const caseId = c.data.openCase.id;
    const consent = await hub.gql(cm, RECORD_CONSENT, { input: consentFor(caseId, caritas.id) });
    const d = await hub.gql(cm, CREATE_REFERRAL, {
      input: { caseId, serviceId: service, purpose: 'REFERRAL', categories: ['IDENTITY'] },
    });
    const s = await hub.gql(cm, SEND_REFERRAL, { id: d.data.createReferral.id });
    expect(s.errors).toBeUndefined();
    return { referralId: d.data.createReferral.id, consentId: consent.data.recordConsent.id };
  }

  it('checks consent again at send time: consent that expired while the message waited means nothing is sent', async () => {
    const { referralId, consentId } = await sendReferral();
    // The worker is not running yet: the message waits on the queue while the consent runs out.
    await hub.db.ds.query(`UPDATE consents SET valid_from = '2020-01-01', valid_until = '2021-01-01' WHERE id = $1`, [
      consentId,
    ]);
    status = 204;
    worker = await createWorkerApp(hub.config, false);
    await expectEventually(async () => {
      const [row] = await hub.db.ds.query(`SELECT delivery_state FROM outbox_messages WHERE referral_id = $1`, [
        referralId,
      ]);
      expect(row.delivery_state).toBe('suppressed');
    });
    expect(endpoint.hits.filter((h) => h.includes(referralId))).toHaveLength(0);
    const [denied] = await hub.db.ds.query(
      `SELECT allowed, reason FROM audit_events WHERE subject_id = $1 AND action = 'referral.disclose'`,
      [referralId],
    );
    expect(denied).toEqual({ allowed: false, reason: expect.stringMatching(/EXPIRED/) });
  });

  it('retries, then leaves an undeliverable message dead, visible and replayable', async () => {
    status = 503;
    worker ??= await createWorkerApp(hub.config, false);
    const { referralId } = await sendReferral();
    const DEAD = `{ outboundMessages(state: DEAD) { id referralId attempts lastError deliveryState } }`;
    const operator = hub.token('operator');
    const dead = await expectEventually(async () => {
      const r = await hub.gql(operator, DEAD);
      const mine = r.data.outboundMessages.find((m: { referralId: string }) => m.referralId === referralId);
      expect(mine).toBeDefined();
      return mine;
    });
    expect(dead).toMatchObject({ attempts: 3, lastError: 'agency answered HTTP 503', deliveryState: 'DEAD' });
    expect(endpoint.hits.filter((h) => h.includes(referralId))).toHaveLength(3);

    // Case managers may not replay; operators may.
    const refused = await hub.gql(cm, `mutation($id: ID!) { replayMessage(id: $id) { id } }`, { id: dead.id });
    expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
    status = 200;
    const replay = await hub.gql(operator, `mutation($id: ID!) { replayMessage(id: $id) { deliveryState replays } }`, {
      id: dead.id,
    });
    expect(replay.data.replayMessage).toMatchObject({ replays: 1 });
    await expectEventually(async () => {
      const [row] = await hub.db.ds.query(`SELECT delivery_state FROM outbox_messages WHERE id = $1`, [dead.id]);
      expect(row.delivery_state).toBe('acknowledged');
    });
    const audit = await hub.db.ds.query(`SELECT action FROM audit_events WHERE subject_id = $1`, [dead.id]);
    expect(audit).toEqual([{ action: 'message.replay' }]);
  });

  it('re-enqueues what never reached the queue (outbox relay)', async () => {
    status = 204;
    worker ??= await createWorkerApp(hub.config, false);
    const { referralId } = await sendReferral();
    // A message whose enqueue was lost (gateway killed after commit, or Redis down):
    // written to the outbox, never put on the queue.
    const [lost] = await hub.db.ds.query(
      `INSERT INTO outbox_messages (tenant_id, agency_id, referral_id, event_type, event_id, delivery_state, trace_id)
       SELECT tenant_id, agency_id, referral_id, event_type, gen_random_uuid()::text, 'queued', 'lost-enqueue'
         FROM outbox_messages WHERE referral_id = $1 RETURNING id`,
      [referralId],
    );
    await expectEventually(async () => {
      const [row] = await hub.db.ds.query(`SELECT delivery_state, enqueued FROM outbox_messages WHERE id = $1`, [
        lost.id,
      ]);
      expect(row).toEqual({ delivery_state: 'acknowledged', enqueued: true });
    });
  });

  it('never delivers a message discarded while it was failing its retries: not by the retry, the relay or the reconciliation', async () => {
    status = 503;
    worker ??= await createWorkerApp(hub.config, false);
    const { referralId } = await sendReferral();
    const [msg] = await expectEventually(async () => {
      const rows = await hub.db.ds.query(
        `SELECT id, delivery_state FROM outbox_messages WHERE referral_id = $1 AND attempts >= 1`,
        [referralId],
      );
      expect(rows).toHaveLength(1);
      return rows;
    });
    const operator = hub.token('operator');
    const r = await hub.gql(
      operator,
      `mutation($id: ID!, $reason: String!) { discardMessage(id: $id, reason: $reason) { deliveryState } }`,
      { id: msg.id, reason: 'the agency took the referral by phone' },
    );
    // The last attempt may have made it dead just before: either way it is discarded now.
    expect(r.data?.discardMessage).toEqual({ deliveryState: 'DISCARDED' });
    const hitsAtDiscard = endpoint.hits.filter((h) => h.includes(referralId)).length;
    status = 204;
    // A fresh job for it (as the reconciliation or a replay would add) is taken and skipped.
    const builder = new OutboxMessageBuilder(hub.db.ds, 'urn:test');
    await hub.db.ds.query(`UPDATE outbox_messages SET enqueued_at = now() - interval '1 hour' WHERE id = $1`, [msg.id]);
    expect((await outboxRepository.staleEnqueued(hub.db.ds, 0, 500)).map((i) => i.outboxId)).not.toContain(msg.id);
    expect((await outboxRepository.pendingForRelay(hub.db.ds, 500)).map((i) => i.outboxId)).not.toContain(msg.id);
    const replay = await hub.gql(operator, `mutation($id: ID!) { replayMessage(id: $id) { id } }`, { id: msg.id });
    expect(replay.errors?.[0].extensions.code).toBe('CONFLICT');
    const prepared = await builder.prepare(hub.creds.tenantId, msg.id);
    expect(prepared).toEqual({ kind: 'skip', reason: 'already discarded' });
    // The retry that was already scheduled runs (backoff 50 ms, 100 ms) and finds nothing to send.
    const queue = createQueue(QueueName.OUTBOX, queueBackendOf(hub.config));
    try {
      await expectEventually(async () => {
        expect(['completed', 'failed']).toContain(
          await queue.getJobState(deliveryJobId({ outboxId: msg.id, replays: 0 })),
        );
      });
    } finally {
      await queue.close();
    }
    const [row] = await hub.db.ds.query(`SELECT delivery_state, sent_at FROM outbox_messages WHERE id = $1`, [msg.id]);
    expect(row).toEqual({ delivery_state: 'discarded', sent_at: null });
    expect(endpoint.hits.filter((h) => h.includes(referralId))).toHaveLength(hitsAtDiscard);
  });
});

import { randomUUID } from 'node:crypto';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import {
  CREATE_REFERRAL,
  OPEN_CASE,
  RECORD_CONSENT,
  SEND_REFERRAL,
  consentFor,
  newcomer,
} from '@kim/test-support/fixtures';
import { OutboxMessageBuilder, OutboxOutcomes, verifyAuditChain } from '@kim/core';

/**
 * Deliveries prepared in batches (issue 20): several outbox messages of one tenant in one
 * transaction. Each message is decided as it would be alone: consent checked again, the
 * disclosure in the ledger once, a message consent no longer covers suppressed.
 */
describe('deliveries prepared in one transaction', () => {
  let hub: TestHub;
  let cm: string;

  beforeAll(async () => {
    hub = await startTestHub('batched_delivery');
    cm = hub.token('cm-rheine-1');
  });
  afterAll(() => hub.close());

  /** A sent referral (the worker is not running: its message waits) and its outbox message and consent. */
  async function sent(): Promise<{ referralId: string; outboxId: string; consentId: string }> {
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const caritas = hub.creds.agencies.find((a) => a.key === 'caritas')!;
    const service = hub.creds.services.find((s) => s.code === 'CARITAS-MBE')!.id;
    const c = await hub.gql(cm, OPEN_CASE, { input: { person: newcomer(), regionId: rheine } });
    const consent = await hub.gql(cm, RECORD_CONSENT, { input: consentFor(c.data.openCase.id, caritas.id) });
    const d = await hub.gql(cm, CREATE_REFERRAL, {
      input: { caseId: c.data.openCase.id, serviceId: service, purpose: 'REFERRAL', categories: ['IDENTITY'] },
    });
    const referralId = d.data.createReferral.id as string;
    const s = await hub.gql(cm, SEND_REFERRAL, { id: referralId });
    expect(s.errors).toBeUndefined();
    const [o] = await hub.db.ds.query(`SELECT id FROM outbox_messages WHERE referral_id = $1`, [referralId]);
    return { referralId, outboxId: o.id, consentId: consent.data.recordConsent.id };
  }

  const caritas = () => hub.creds.agencies.find((a) => a.key === 'caritas')!.id;
  const disclosures = (referralId: string) =>
    hub.db.ds.query(
      `SELECT allowed, categories, agency_id FROM audit_events WHERE subject_id = $1 AND action = 'referral.disclose'`,
      [referralId],
    );

  it('decides each message as alone, records each disclosure once, and acknowledges them in one statement', async () => {
    const [a, b, expired] = [await sent(), await sent(), await sent()];
    await hub.db.ds.query(`UPDATE consents SET valid_from = '2020-01-01', valid_until = '2021-01-01' WHERE id = $1`, [
      expired.consentId,
    ]);
    const unknown = randomUUID();
    const builder = new OutboxMessageBuilder(hub.db.ds, 'urn:test');
    // a twice: one decision, one disclosure.
    const out = await builder.prepareMany(hub.creds.tenantId, [
      a.outboxId,
      b.outboxId,
      expired.outboxId,
      unknown,
      a.outboxId,
    ]);

    expect(new Set(out.keys())).toEqual(new Set([a.outboxId, b.outboxId, expired.outboxId, unknown]));
    for (const m of [a, b]) {
      const p = out.get(m.outboxId)!;
      expect(p.kind).toBe('send');
      if (p.kind !== 'send') continue;
      const body = JSON.parse(p.body);
      expect([body.subject, body.data.referralId, body.data.categories]).toEqual([
        `referral/${m.referralId}`,
        m.referralId,
        ['identity'],
      ]);
      expect(await disclosures(m.referralId)).toEqual([
        { allowed: true, categories: ['identity'], agency_id: caritas() },
      ]);
    }
    expect(out.get(expired.outboxId)).toEqual({
      kind: 'skip',
      reason: 'suppressed: consent no longer covers it',
      suppressed: true,
    });
    expect(await disclosures(expired.referralId)).toEqual([
      { allowed: false, categories: ['identity'], agency_id: caritas() },
    ]);
    expect(out.get(unknown)).toEqual({ kind: 'skip', reason: 'message no longer exists' });
    expect((await verifyAuditChain(hub.db.ds, hub.creds.tenantId)).ok).toBe(true);

    // Acknowledged together, each with the body it was sent with.
    const sentBodies = [a, b].map((m) => {
      const p = out.get(m.outboxId)!;
      return { id: m.outboxId, body: p.kind === 'send' ? p.body : '' };
    });
    await new OutboxOutcomes(hub.db.ds).acknowledgedMany(hub.creds.tenantId, sentBodies);
    const rows = await hub.db.ds.query(
      `SELECT id, delivery_state, attempts, sent_body->>'id' AS event_id, sent_at IS NOT NULL AS sent
         FROM outbox_messages WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [[a.outboxId, b.outboxId, expired.outboxId]],
    );
    const expected = [
      {
        id: a.outboxId,
        delivery_state: 'acknowledged',
        attempts: 1,
        event_id: JSON.parse(sentBodies[0]!.body).id,
        sent: true,
      },
      {
        id: b.outboxId,
        delivery_state: 'acknowledged',
        attempts: 1,
        event_id: JSON.parse(sentBodies[1]!.body).id,
        sent: true,
      },
      { id: expired.outboxId, delivery_state: 'suppressed', attempts: 0, event_id: null, sent: false },
    ].sort((x, y) => (x.id < y.id ? -1 : 1));
    expect(rows).toEqual(expected);

    // Prepared again: acknowledged and suppressed messages are not sent twice.
    const again = await builder.prepareMany(hub.creds.tenantId, [a.outboxId, expired.outboxId]);
    expect([...again.values()].map((p) => p.kind)).toEqual(['skip', 'skip']);
    expect(await disclosures(a.referralId)).toHaveLength(1);
  });

  it("sees only its own tenant's messages", async () => {
    const m = await sent();
    const out = await new OutboxMessageBuilder(hub.db.ds, 'urn:test').prepareMany(randomUUID(), [m.outboxId]);
    expect(out.get(m.outboxId)).toEqual({ kind: 'skip', reason: 'message no longer exists' });
    expect(await disclosures(m.referralId)).toEqual([]);
  });
});

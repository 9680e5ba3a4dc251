import { randomUUID } from 'node:crypto';
import { EventType } from '@kim/contracts';
import { buildCloudEvent, signWebhook } from '@kim/messaging';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { parsePrometheus, sampleValue } from '@kim/test-support/prometheus';
import { HubMetrics } from '../metrics/hub-metrics.js';
import {
  CREATE_REFERRAL,
  OPEN_CASE,
  RECORD_CONSENT,
  SEND_REFERRAL,
  consentFor,
  newcomer,
} from '@kim/test-support/fixtures';

describe('inbound status messages', () => {
  let hub: TestHub;
  let agency: { id: string; webhookSecret: string };
  let cm: string;

  beforeAll(async () => {
    // Sources are told apart by X-Forwarded-For from loopback (as behind a local proxy).
    hub = await startTestHub('inbound', { env: { INBOUND_REFUSALS_PER_MINUTE: '10', TRUST_PROXY: 'loopback' } });
    agency = hub.creds.agencies.find((a) => a.key === 'sk')!;
    cm = hub.token('cm-rheine-1');
  });
  afterAll(() => hub.close());

  async function sentReferral(): Promise<string> {
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const service = hub.creds.services.find((s) => s.code === 'SK-INTEGRATIONSKURS')!.id;
    const c = await hub.gql(cm, OPEN_CASE, { input: { person: newcomer(), regionId: rheine } });
    const caseId = c.data.openCase.id;
    await hub.gql(cm, RECORD_CONSENT, { input: consentFor(caseId, agency.id) });
    const d = await hub.gql(cm, CREATE_REFERRAL, {
      input: { caseId, serviceId: service, purpose: 'REFERRAL', categories: ['IDENTITY'] },
    });
    const s = await hub.gql(cm, SEND_REFERRAL, { id: d.data.createReferral.id });
    expect(s.errors).toBeUndefined();
    return d.data.createReferral.id;
  }

  const statusEvent = (referralId: string, status: string, occurredAt: string, extra: Record<string, unknown> = {}) =>
    buildCloudEvent({
      type: EventType.REFERRAL_STATUS_CHANGED,
      source: `urn:kim-agency:${agency.id}`,
      data: { referralId, status, occurredAt, ...extra },
    });

  async function post(body: string, headers: Record<string, string>, agencyId = agency.id) {
    const res = await fetch(`${hub.url}/webhooks/${hub.creds.tenantId}/agencies/${agencyId}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    return { status: res.status, body: (await res.json()) as any };
  }

  async function deliver(event: { id: string }, secret = agency.webhookSecret) {
    const body = JSON.stringify(event);
    return post(body, signWebhook(secret, event.id, body).headers);
  }

  const referralStatus = async (id: string) =>
    (await hub.db.ds.query('SELECT status FROM referrals WHERE id = $1', [id]))[0].status;
  const inboundCount = async () => (await hub.db.ds.query('SELECT count(*)::int AS n FROM inbound_messages'))[0].n;

  it('applies a signed, valid status message through the state machine', async () => {
    const id = await sentReferral();
    const r = await deliver(statusEvent(id, 'accepted', new Date().toISOString()));
    expect(r).toEqual({ status: 202, body: { outcome: 'applied', referralStatus: 'accepted' } });
  });

  it('treats a redelivered event as a duplicate that changes nothing', async () => {
    const id = await sentReferral();
    const event = statusEvent(id, 'accepted', new Date().toISOString());
    const results = await Promise.all(Array.from({ length: 10 }, () => deliver(event)));
    expect(results.filter((r) => r.body.outcome === 'applied')).toHaveLength(1);
    expect(results.filter((r) => r.body.outcome === 'duplicate')).toHaveLength(9);
    const timeline = await hub.db.ds.query(
      `SELECT count(*)::int AS n FROM timeline_events WHERE referral_id = $1 AND actor_role = 'agency'`,
      [id],
    );
    expect(timeline[0].n).toBe(1);
  });

  it('stores an out-of-order message and applies it once its predecessor arrives', async () => {
    const id = await sentReferral();
    const t0 = Date.now();
    const completed = statusEvent(id, 'completed', new Date(t0 + 2000).toISOString(), {
      servicesDelivered: ['Integrationskurs Modul 1'],
    });
    const accepted = statusEvent(id, 'accepted', new Date(t0).toISOString());
    expect((await deliver(completed)).body).toEqual({ outcome: 'pending', referralStatus: 'requested' });
    expect((await deliver(accepted)).body).toEqual({ outcome: 'applied', referralStatus: 'completed' });
    // An in-progress that happened before the completion arrives late: kept, not applied.
    const late = statusEvent(id, 'in-progress', new Date(t0 + 1000).toISOString());
    expect((await deliver(late)).body).toEqual({ outcome: 'stale', referralStatus: 'completed' });
    expect(await referralStatus(id)).toBe('completed');
  });

  const refusedCount = async (reason: string) =>
    sampleValue(parsePrometheus(await hub.app.get(HubMetrics).registry.metrics()), 'kim_inbound_refused_total', {
      reason,
    }) ?? 0;
  const ledgerSize = async () => (await hub.db.ds.query(`SELECT count(*)::int AS n FROM audit_events`))[0].n;

  it('refuses forged, altered, stale-timestamp and unsigned messages, counting them in the metrics and keeping nothing', async () => {
    const id = await sentReferral();
    const before = { inbound: await inboundCount(), ledger: await ledgerSize() };
    const counted = { signature: await refusedCount('signature'), timestamp: await refusedCount('timestamp') };
    const event = statusEvent(id, 'accepted', new Date().toISOString());
    const body = JSON.stringify(event);
    const wrongSecret = await deliver(
      event,
      'whsec_' + Buffer.from('not the agency secret at all!!').toString('base64'),
    );
    expect(wrongSecret.status).toBe(401);
    const signed = signWebhook(agency.webhookSecret, event.id, body);
    expect((await post(body.replace('accepted', 'rejected'), signed.headers)).status).toBe(401);
    const old = signWebhook(agency.webhookSecret, event.id, body, new Date(Date.now() - 10 * 60 * 1000));
    expect((await post(body, old.headers)).status).toBe(401);
    const unsigned = await post(body, {});
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.message).toMatch(/missing header webhook-id/);
    expect((await post(body, signed.headers, randomUUID())).status).toBe(404);
    expect(await inboundCount()).toBe(before.inbound);
    expect(await referralStatus(id)).toBe('requested');
    // Anyone can post here: nothing of it reaches the append-only ledger.
    expect(await ledgerSize()).toBe(before.ledger);
    expect(await refusedCount('signature')).toBe(counted.signature + 2);
    expect(await refusedCount('timestamp')).toBe(counted.timestamp + 1);
    expect(await refusedCount('missing-header')).toBeGreaterThanOrEqual(1);
    expect(await refusedCount('unknown-agency')).toBeGreaterThanOrEqual(1);
  });

  it('answers a source that keeps sending refused messages 429 before any lookup, each source on its own budget', async () => {
    const id = await sentReferral();
    const event = statusEvent(id, 'accepted', new Date().toISOString());
    const body = JSON.stringify(event);
    const forged = signWebhook(
      'whsec_' + Buffer.from('forger forger forger forger!!!').toString('base64'),
      event.id,
      body,
    );
    const from = (address: string, headers: Record<string, string>) =>
      post(body, { ...headers, 'x-forwarded-for': address });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await from('203.0.113.7', forged.headers)).status);
    // The budget is 10 refusals a minute: the 11th and later are not even looked at.
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
    const limited = await fetch(`${hub.url}/webhooks/${hub.creds.tenantId}/agencies/${agency.id}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.7', ...forged.headers },
      body,
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Even a good message from that address waits out the minute; another address is heard.
    const good = signWebhook(agency.webhookSecret, event.id, body);
    expect((await from('203.0.113.7', good.headers)).status).toBe(429);
    expect((await from('198.51.100.2', forged.headers)).status).toBe(401);
    expect((await from('198.51.100.3', good.headers)).status).toBe(202);
    expect(await refusedCount('rate-limited')).toBe(4);
    expect(
      (await hub.db.ds.query(`SELECT count(*)::int AS n FROM audit_events WHERE action LIKE 'inbound.refused%'`))[0].n,
    ).toBe(0);
  });

  it('says what is wrong with an invalid event, and refuses a transition the agency may not make', async () => {
    const id = await sentReferral();
    const bad = await deliver(statusEvent(id, 'rejected', 'yesterday'));
    expect(bad.status).toBe(400);
    expect(bad.body.problems.map((p: { path: string }) => p.path)).toContain('data.occurredAt');
    const noReason = await deliver(statusEvent(id, 'rejected', new Date().toISOString()));
    // Can never apply: kept as rejected (dead-lettered) with the state machine's reason.
    expect(noReason.body).toMatchObject({
      outcome: 'rejected',
      referralStatus: 'requested',
      error: expect.stringMatching(/reason/),
    });
    const other = await deliver(statusEvent(randomUUID(), 'accepted', new Date().toISOString()));
    expect(other.status).toBe(404);
    const tooBig = await post(JSON.stringify({ pad: 'x'.repeat(300 * 1024) }), {});
    expect(tooBig.status).toBe(413);
  });
});

import type { INestApplicationContext } from '@nestjs/common';
import { WorkerHttpServer, createWorkerApp } from '@kim/worker';
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
import { parsePrometheus, sampleValue, type Sample } from '@kim/test-support/prometheus';

const METRICS_TOKEN = 'metrics-test-token-0123456789';

describe('metrics in Prometheus format', () => {
  let hub: TestHub;
  let worker: INestApplicationContext;
  let sim: Simulator;
  let cm: string;
  let workerUrl: string;
  let tenant: string;
  const agency = (key: string) => hub.creds.agencies.find((a) => a.key === key)!;

  beforeAll(async () => {
    hub = await startTestHub('metrics', { env: { METRICS_PORT: '0', WORKER_METRICS_PORT: '0', METRICS_TOKEN } });
    worker = await createWorkerApp(hub.config, false);
    workerUrl = worker.get(WorkerHttpServer).url!;
    tenant = (await hub.db.ds.query(`SELECT slug FROM tenants WHERE id = $1`, [hub.creds.tenantId]))[0].slug;
    sim = await simulatorFor(hub, 10);
    // Caritas' endpoint is down: its messages fail and end dead.
    await hub.db.ds.query(`UPDATE agencies SET webhook_url = 'http://127.0.0.1:9/down' WHERE id = $1`, [
      agency('caritas').id,
    ]);
    cm = hub.token('cm-rheine-1');
  });

  afterAll(async () => {
    await sim?.close();
    await worker?.close();
    await hub?.close();
  });

  const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
  const texts: string[] = [];

  async function scrape(url: string): Promise<Sample[]> {
    const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    texts.push(text);
    return parsePrometheus(text);
  }

  async function referral(
    agencyKey: string,
    serviceCode: string,
    withConsent = true,
  ): Promise<{ referralId: string; errors?: unknown[] }> {
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const opened = await hub.gql(cm, OPEN_CASE, { input: { person: newcomer(), regionId: rheine } });
    const caseId = opened.data.openCase.id;
    if (withConsent) await hub.gql(cm, RECORD_CONSENT, { input: consentFor(caseId, agency(agencyKey).id) });
    const serviceId = hub.creds.services.find((s) => s.code === serviceCode)!.id;
    const draft = await hub.gql(cm, CREATE_REFERRAL, {
      input: { caseId, serviceId, purpose: 'REFERRAL', categories: ['IDENTITY'] },
    });
    const referralId = draft.data.createReferral.id;
    const sent = await hub.gql(cm, SEND_REFERRAL, { id: referralId });
    return { referralId, ...(sent.errors ? { errors: sent.errors } : {}) };
  }

  it('serves metrics on the operations port only, on loopback, and wants the metrics token there', async () => {
    expect(hub.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new URL(hub.metricsUrl!).port).not.toBe(new URL(hub.url).port);
    // The public port, which agencies and browsers reach, has no metrics at all.
    expect((await fetch(`${hub.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(
      404,
    );
    expect((await fetch(`${hub.metricsUrl}/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${hub.metricsUrl}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789xx' } }))
        .status,
    ).toBe(401);
    expect(
      (await fetch(`${workerUrl}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789xx' } })).status,
    ).toBe(401);
  });

  it('reports queue depths, outbox states per agency, consent denials, GraphQL and delivery timings after a round trip', async () => {
    const jc = agency('jc').name;
    const caritas = agency('caritas').name;

    const done = await referral('jc', 'JC-VERMITTLUNG');
    expect(done.errors).toBeUndefined();
    const dead = await referral('caritas', 'CARITAS-MBE');
    expect(dead.errors).toBeUndefined();
    const refused = await referral('jc', 'JC-VERMITTLUNG', false);
    expect(refused.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'CONSENT_REQUIRED' }) }),
    ]);

    await expectEventually(async () => {
      const [r] = await hub.db.ds.query(`SELECT status FROM referrals WHERE id = $1`, [done.referralId]);
      expect(r.status).toBe('completed');
      const [m] = await hub.db.ds.query(`SELECT delivery_state FROM outbox_messages WHERE referral_id = $1`, [
        dead.referralId,
      ]);
      expect(m.delivery_state).toBe('dead');
    });

    const gateway = await expectEventually(async () => {
      const s = await scrape(hub.metricsUrl!);
      // Database-derived series are read at most every few seconds: wait for the fresh values.
      expect(sampleValue(s, 'kim_outbox_messages', { tenant, agency: jc, state: 'acknowledged' })).toBe(1);
      expect(sampleValue(s, 'kim_outbox_messages', { tenant, agency: caritas, state: 'dead' })).toBe(1);
      return s;
    });
    for (const state of ['waiting', 'active', 'delayed', 'failed']) {
      expect(sampleValue(gateway, 'kim_queue_jobs', { queue: 'outbox', state })).toBeGreaterThanOrEqual(0);
    }
    // Three tries of the Caritas message failed and BullMQ keeps the last as failed.
    expect(sampleValue(gateway, 'kim_queue_jobs', { queue: 'outbox', state: 'failed' })).toBe(1);
    expect(sampleValue(gateway, 'kim_consent_denials_total', { tenant, action: 'referral.send' })).toBe(1);
    expect(sampleValue(gateway, 'kim_metrics_source_up', { source: 'database' })).toBe(1);
    expect(sampleValue(gateway, 'kim_metrics_source_up', { source: 'queue' })).toBe(1);
    // Named operations get their own series; the refused send counts as an error.
    const send = { operation: 'Send', type: 'mutation' };
    expect(sampleValue(gateway, 'kim_graphql_operation_duration_seconds_count', { ...send, outcome: 'ok' })).toBe(2);
    expect(sampleValue(gateway, 'kim_graphql_operation_duration_seconds_count', { ...send, outcome: 'error' })).toBe(1);
    const sendSeconds = sampleValue(gateway, 'kim_graphql_operation_duration_seconds_sum', { ...send, outcome: 'ok' })!;
    expect(sendSeconds).toBeGreaterThan(0);
    expect(sendSeconds).toBeLessThan(10);
    expect(
      sampleValue(gateway, 'kim_graphql_operation_duration_seconds_bucket', { ...send, outcome: 'ok', le: '+Inf' }),
    ).toBe(2);
    expect(gateway.some((s) => s.name === 'process_cpu_seconds_total')).toBe(true);

    const delivery = await scrape(workerUrl);
    expect(sampleValue(delivery, 'kim_delivery_latency_seconds_count', { tenant, agency: jc })).toBe(1);
    const latency = sampleValue(delivery, 'kim_delivery_latency_seconds_sum', { tenant, agency: jc })!;
    expect(latency).toBeGreaterThan(0);
    expect(latency).toBeLessThan(10);
    expect(
      sampleValue(delivery, 'kim_delivery_attempt_duration_seconds_count', {
        tenant,
        agency: jc,
        outcome: 'acknowledged',
      }),
    ).toBe(1);
    expect(
      sampleValue(delivery, 'kim_delivery_attempt_duration_seconds_count', {
        tenant,
        agency: caritas,
        outcome: 'failed',
      }),
    ).toBe(3);
    expect(sampleValue(delivery, 'kim_delivery_failures_total', { tenant, agency: caritas, final: 'false' })).toBe(2);
    expect(sampleValue(delivery, 'kim_delivery_failures_total', { tenant, agency: caritas, final: 'true' })).toBe(1);
    expect(sampleValue(delivery, 'kim_delivery_latency_seconds_count', { tenant, agency: caritas })).toBeUndefined();
    expect((await fetch(`${workerUrl}/health/live`)).status).toBe(200);
    // Nothing a reader of the metrics could use as an address: no tenant, agency or other id.
    expect(texts.length).toBeGreaterThanOrEqual(2);
    expect(texts.flatMap((t) => t.match(UUID) ?? [])).toEqual([]);
  });
});

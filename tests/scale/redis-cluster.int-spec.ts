/**
 * Every user of Redis in the hub on a Redis Cluster of the test's own (six nodes, three
 * primaries): the queues (a referral delivered end to end by an in-process worker), the
 * readiness check, the metrics' queue counts, the queue dashboard and the sign-in limits.
 * Without the hash tags in the queue prefixes BullMQ's scripts fail with CROSSSLOT here.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { createWorkerApp } from '@kim/worker';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { startRedisCluster, type TestRedisCluster } from '@kim/test-support/redis-cluster';
import { expectEventually } from '@kim/test-support/eventually';
import { parsePrometheus, sampleValue } from '@kim/test-support/prometheus';
import {
  CREATE_REFERRAL,
  OPEN_CASE,
  RECORD_CONSENT,
  SEND_REFERRAL,
  consentFor,
  newcomer,
} from '@kim/test-support/fixtures';

describe('the hub on a Redis Cluster', () => {
  let cluster: TestRedisCluster;
  let hub: TestHub;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    cluster = await startRedisCluster();
    hub = await startTestHub('cluster', {
      persons: 2,
      env: {
        REDIS_URL: cluster.url,
        METRICS_PORT: '0',
        SIGN_IN_FAILURES_PER_PREFIX: '2',
        SIGN_IN_FAILURES_PER_SOURCE: '50',
      },
    });
    worker = await createWorkerApp(hub.config, false);
  });
  afterAll(async () => {
    await worker?.close();
    await hub?.close();
    await cluster?.close();
  });

  it('delivers a referral through the queue on the cluster', async () => {
    const cm = hub.token('cm-rheine-1');
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const jc = hub.creds.agencies.find((a) => a.key === 'jc')!;
    // The agency's endpoint is down: the delivery runs on the queue and is recorded as failing.
    await hub.db.ds.query(`UPDATE agencies SET webhook_url = 'http://127.0.0.1:9/down' WHERE id = $1`, [jc.id]);
    const c = await hub.gql(cm, OPEN_CASE, { input: { person: newcomer(), regionId: rheine } });
    const caseId = c.data.openCase.id as string;
    await hub.gql(cm, RECORD_CONSENT, { input: consentFor(caseId, jc.id) });
    const d = await hub.gql(cm, CREATE_REFERRAL, {
      input: {
        caseId,
        serviceId: hub.creds.services.find((s) => s.agencyKey === 'jc')!.id,
        purpose: 'REFERRAL',
        categories: ['IDENTITY'],
      },
    });
    expect((await hub.gql(cm, SEND_REFERRAL, { id: d.data.createReferral.id })).errors).toBeUndefined();
    // A worker took the job from the cluster and tried the agency (attempts counted in the outbox).
    await expectEventually(
      async () => {
        const [m] = await hub.db.ds.query(`SELECT attempts FROM outbox_messages WHERE referral_id = $1`, [
          d.data.createReferral.id,
        ]);
        expect(m?.attempts).toBeGreaterThanOrEqual(1);
      },
      { timeoutMs: 30000, intervalMs: 200 },
    );
  });

  it('is ready (database, queue, a connected worker, the queue moving) and counts its queue', async () => {
    await expectEventually(
      async () => {
        const res = await fetch(`${hub.url}/health/ready`);
        const body = (await res.json()) as { status: string; info?: Record<string, { status: string }> };
        expect(res.status).toBe(200);
        expect(Object.keys(body.info ?? {}).sort()).toEqual(['database', 'queue', 'queueMoving', 'workers']);
      },
      { timeoutMs: 30000, intervalMs: 250 },
    );
    const samples = parsePrometheus(await (await fetch(`${hub.metricsUrl}/metrics`)).text());
    expect(sampleValue(samples, 'kim_metrics_source_up', { source: 'queue' })).toBe(1);
    expect(sampleValue(samples, 'kim_queue_jobs', { queue: 'outbox', state: 'waiting' })).toBeGreaterThanOrEqual(0);
  });

  it('shows every queue on the dashboard', async () => {
    const res = await fetch(`${hub.url}/admin/queues/api/queues`, {
      headers: { authorization: `Bearer ${hub.token('operator')}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(['handoff', 'linkage', 'maintenance', 'outbox']);
  });

  it('keeps the sign-in budgets in the cluster', async () => {
    const codes: string[] = [];
    for (const token of ['kim_clusterXX-1', 'kim_clusterXX-2', 'kim_clusterXX-3']) {
      const res = await hub.gql(token, `{ me { role } }`);
      codes.push(res.errors?.[0]?.extensions?.code ?? 'OK');
    }
    // Budget 2 per prefix: the third is refused before any lookup.
    expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);
    const keys = cluster.nodes.flatMap((n) =>
      cluster.cli(n.port, '--scan', '--pattern', `${hub.config.QUEUE_PREFIX}:sign-in:*`).split('\n').filter(Boolean),
    );
    expect(keys.length).toBeGreaterThanOrEqual(2);
  });
});

/**
 * Scenario 2: Redis killed and restarted mid-batch with persistence off, so it comes back
 * empty: every waiting job and the job schedulers are gone. The worker process must carry on
 * by itself: its watchdog registers the schedulers again, the outbox reconciliation puts the
 * lost messages back on the queue, and the agency applies each message exactly once. Runs on
 * a private redis-server of its own; the shared one is never touched.
 */
import type { Queue } from 'bullmq';
import { queueBackendOf } from '@kim/config';
import { OUTBOX_RECONCILE_SCHEDULER_ID, OUTBOX_RELAY_SCHEDULER_ID, QueueName } from '@kim/contracts';
import { createQueue } from '@kim/messaging';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { expectEventually } from '@kim/test-support/eventually';
import { check, report } from './checker.js';
import { sentReferral } from './support.js';
import {
  dedupingAgency,
  envOf,
  privateRedis,
  spawnWorker,
  stopWorker,
  type DedupingAgency,
  type PrivateRedis,
  type WorkerProcess,
} from './processes.js';

const BATCH = 40;

describe('Redis restart', () => {
  let redis: PrivateRedis;
  let hub: TestHub;
  let agency: DedupingAgency;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    redis = await privateRedis();
    hub = await startTestHub('faults_redis', {
      persons: 4,
      env: {
        REDIS_URL: redis.url,
        DELIVERY_ATTEMPTS: '10',
        DELIVERY_BACKOFF_MS: '200',
        JOB_LOCK_MS: '2000',
        WORKER_CONCURRENCY: '2',
        OUTBOX_RECONCILE_MS: '1000',
        OUTBOX_RECONCILE_GRACE_MS: '3000',
        WORKER_WATCHDOG_MS: '1000',
      },
    });
    agency = await dedupingAgency(150);
    await hub.db.ds.query(`UPDATE agencies SET webhook_url = $1 WHERE channel = 'webhook'`, [agency.url]);
  });
  afterAll(async () => {
    await stopWorker(worker);
    await agency.close();
    await hub.close();
    await redis.close();
  });

  it('REDIS_RESTART: the empty Redis is refilled from the outbox; every message applied exactly once', async () => {
    const referrals: string[] = [];
    for (let i = 0; i < BATCH; i += 4) {
      referrals.push(...(await Promise.all([0, 1, 2, 3].map(() => sentReferral(hub, 'caritas', 'CARITAS-MBE')))));
    }
    worker = spawnWorker(envOf(hub.config));
    await expectEventually(() => {
      expect(agency.raw.length).toBeGreaterThanOrEqual(BATCH / 4);
      expect(agency.inFlight()).toBeGreaterThan(0);
    });
    await redis.kill();
    const deliveredBeforeKill = agency.raw.length;
    // Referrals sent while Redis is down: their commit stands; the gateway's fast path waits
    // for Redis or gives up, and the relay or the reconciliation takes over.
    const duringOutage = Promise.all([0, 1, 2, 3].map(() => sentReferral(hub, 'caritas', 'CARITAS-MBE')));
    await new Promise((r) => setTimeout(r, 1000)); // the outage itself lasts a second
    await redis.start();
    referrals.push(...(await duringOutage));

    await expectEventually(
      async () => {
        const [r] = await hub.db.ds.query(
          `SELECT count(*) FILTER (WHERE delivery_state = 'acknowledged')::int AS acked FROM outbox_messages WHERE referral_id = ANY($1::uuid[])`,
          [referrals],
        );
        expect(r.acked).toBe(referrals.length);
      },
      { timeoutMs: 45000, intervalMs: 250 },
    );
    // The worker process lived through it, and put its schedulers back by itself.
    expect(await Promise.race([worker.exited, new Promise((r) => setTimeout(() => r('running'), 10))])).toBe('running');
    const queue: Queue = createQueue(QueueName.OUTBOX, queueBackendOf(hub.config));
    try {
      expect(await queue.getJobScheduler(OUTBOX_RELAY_SCHEDULER_ID)).toBeDefined();
      expect(await queue.getJobScheduler(OUTBOX_RECONCILE_SCHEDULER_ID)).toBeDefined();
    } finally {
      await queue.close();
    }
    const mine = new Set(referrals);
    const v = check(
      referrals,
      [...agency.effects.values()].filter((e) => mine.has(e.referralId)).map((e) => e.referralId),
    );
    const reEnqueued = [...worker.output().matchAll(/"reEnqueued":(\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
    report('REDIS_RESTART', v, {
      raw_deliveries: agency.raw.length,
      redeliveries: agency.raw.length - new Set(agency.raw).size,
      delivered_before_kill: deliveredBeforeKill,
      re_enqueued_by_reconciliation: reEnqueued,
    });
    expect(v).toMatchObject({ sent: BATCH + 4, applied: BATCH + 4, lost: 0, duplicated: 0, unexpected: 0 });
    // The lost jobs came back through the reconciliation, not by luck.
    expect(reEnqueued).toBeGreaterThan(0);
    expect(worker.output()).toMatch(/job schedulers missing/);
  });
});

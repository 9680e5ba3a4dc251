/**
 * Scenario 11, the soak: referrals sent without pause for SOAK_MINUTES (default 10) while
 * faults 1-3 strike in turn (a worker SIGKILLed, a worker SIGTERMed, Redis killed and
 * restarted empty, PostgreSQL crashed and restarted), then the checker. Run by hand
 * (`npm run soak`), never in CI: it needs minutes. Everything runs on a private Redis and
 * PostgreSQL of its own; the figures it prints go into docs/reliability.md.
 */
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
import { check, report } from '../faults/checker.js';
import {
  dedupingAgency,
  envOf,
  privatePostgres,
  privateRedis,
  spawnWorker,
  stopWorker,
  type WorkerProcess,
} from '../faults/processes.js';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const FAULT_EVERY_MS = Number(process.env.SOAK_FAULT_EVERY_S ?? 40) * 1000;
const WORKERS = 2;
const LOADERS = 3;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it(`SOAK: ${MINUTES} minute(s) of load with worker kills, Redis and PostgreSQL restarts`, async () => {
  const redis = await privateRedis();
  const pg = await privatePostgres();
  const agency = await dedupingAgency(20);
  const hub: TestHub = await startTestHub('soak', {
    persons: 4,
    databaseServerUrl: pg.url,
    env: {
      REDIS_URL: redis.url,
      DELIVERY_ATTEMPTS: '15',
      DELIVERY_BACKOFF_MS: '250',
      JOB_LOCK_MS: '5000',
      WORKER_CONCURRENCY: '8',
      OUTBOX_RECONCILE_MS: '5000',
      OUTBOX_RECONCILE_GRACE_MS: '15000',
      WORKER_WATCHDOG_MS: '2000',
    },
  });
  const workers: (WorkerProcess | undefined)[] = [];
  const everStarted: WorkerProcess[] = [];
  const startWorker = (i: number) => {
    // warn: the reconciliation reports at warn, and the kept output stays small.
    workers[i] = spawnWorker(envOf(hub.config, { LOG_LEVEL: 'warn' }));
    everStarted.push(workers[i]);
  };
  const faults: Record<string, number> = {
    worker_sigkill: 0,
    worker_sigterm: 0,
    redis_restart: 0,
    postgres_restart: 0,
  };
  const started = Date.now();
  try {
    await hub.db.ds.query(`UPDATE agencies SET webhook_url = $1 WHERE channel = 'webhook'`, [agency.url]);
    for (let i = 0; i < WORKERS; i++) startWorker(i);
    const cm = hub.token('cm-rheine-1');
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const caritas = hub.creds.agencies.find((a) => a.key === 'caritas')!;
    const service = hub.creds.services.find((s) => s.code === 'CARITAS-MBE')!.id;
    const deadline = started + MINUTES * 60_000;
    const drafted: string[] = [];
    let sendErrors = 0;

    // Load: case, consent, referral, send; anything refused during an outage is simply counted.
    const loader = async () => {
      while (Date.now() < deadline) {
        try {
          const c = await hub.gql(cm, OPEN_CASE, { input: { person: newcomer(), regionId: rheine } });
          await hub.gql(cm, RECORD_CONSENT, { input: consentFor(c.data.openCase.id, caritas.id) });
          const d = await hub.gql(cm, CREATE_REFERRAL, {
            input: { caseId: c.data.openCase.id, serviceId: service, purpose: 'REFERRAL', categories: ['IDENTITY'] },
          });
          drafted.push(d.data.createReferral.id as string);
          const s = await hub.gql(cm, SEND_REFERRAL, { id: d.data.createReferral.id });
          if (s.errors) sendErrors++;
        } catch {
          sendErrors++;
          await sleep(200);
        }
      }
    };

    // Faults, in turn.
    const kinds = ['worker_sigkill', 'redis_restart', 'worker_sigterm', 'postgres_restart'] as const;
    const faulter = async () => {
      for (let n = 0; Date.now() + FAULT_EVERY_MS < deadline; n++) {
        await sleep(FAULT_EVERY_MS);
        const kind = kinds[n % kinds.length]!;
        const i = n % WORKERS;
        if (kind === 'worker_sigkill' || kind === 'worker_sigterm') {
          const w = workers[i]!;
          w.kill(kind === 'worker_sigkill' ? 'SIGKILL' : 'SIGTERM');
          await w.exited;
          startWorker(i);
        } else if (kind === 'redis_restart') {
          await redis.kill();
          await sleep(2000);
          await redis.start();
        } else {
          await pg.stopImmediately();
          await sleep(2000);
          await pg.start();
        }
        faults[kind]!++;
        process.stdout.write(
          `soak: ${Math.round((Date.now() - started) / 1000)}s ${kind}, ${drafted.length} drafted\n`,
        );
      }
    };

    await Promise.all([...Array.from({ length: LOADERS }, loader), faulter()]);
    const loadEnded = Date.now();

    // Drain: every referral that is sent must reach the agency.
    type Row = { id: string; status: string; acked: number; messages: number };
    const rows = await expectEventually(
      async () => {
        const all = await hub.db.ds.query<Row[]>(
          `SELECT r.id, r.status, count(o.id)::int AS messages,
                  count(o.id) FILTER (WHERE o.delivery_state = 'acknowledged')::int AS acked
             FROM referrals r LEFT JOIN outbox_messages o ON o.referral_id = r.id AND o.event_type LIKE '%referral.requested%'
            WHERE r.id = ANY($1::uuid[]) GROUP BY r.id, r.status`,
          [drafted],
        );
        expect(all.filter((r) => r.status !== 'draft' && r.acked !== 1)).toEqual([]);
        return all;
      },
      { timeoutMs: 5 * 60_000, intervalMs: 1000 },
    );
    const drainMs = Date.now() - loadEnded;
    const sentIds = rows.filter((r) => r.status !== 'draft').map((r) => r.id);
    const mine = new Set(drafted);
    const v = check(
      sentIds,
      [...agency.effects.values()].filter((e) => mine.has(e.referralId)).map((e) => e.referralId),
    );
    const [lat] = await hub.db.ds.query<{ p50: number; p95: number; p99: number; max: number }[]>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY s) AS p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY s) AS p95,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY s) AS p99, max(s) AS max
         FROM (SELECT extract(epoch FROM sent_at - created_at) AS s FROM outbox_messages WHERE sent_at IS NOT NULL) x`,
    );
    const [dead] = await hub.db.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM outbox_messages WHERE delivery_state = 'dead'`,
    );
    const reEnqueued = everStarted
      .map((w) => [...w.output().matchAll(/"reEnqueued":(\d+)/g)].reduce((n, m) => n + Number(m[1]), 0))
      .reduce((a, b) => a + b, 0);
    report('SOAK', v, {
      minutes: MINUTES,
      ...faults,
      drafted: drafted.length,
      sends_refused: sendErrors,
      partial: rows.filter((r) => (r.status === 'draft') !== (r.messages === 0) || r.messages > 1).length,
      dead: dead!.n,
      raw_deliveries: agency.raw.length,
      redeliveries: agency.raw.length - new Set(agency.raw).size,
      re_enqueued_by_reconciliation: reEnqueued,
      drain_ms: drainMs,
      per_minute: Math.round(sentIds.length / MINUTES),
    });
    process.stdout.write(
      `SOAK latency (outbox commit to agency acknowledgement, s): p50=${Number(lat!.p50).toFixed(3)} p95=${Number(lat!.p95).toFixed(3)} p99=${Number(lat!.p99).toFixed(3)} max=${Number(lat!.max).toFixed(3)}\n`,
    );
    expect(v).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0 });
    expect(rows.filter((r) => (r.status === 'draft') !== (r.messages === 0) || r.messages > 1)).toEqual([]);
    expect(dead!.n).toBe(0);
  } finally {
    for (const w of workers) await stopWorker(w);
    await hub.close().catch(() => undefined);
    await agency.close();
    await pg.close();
    await redis.close();
  }
});

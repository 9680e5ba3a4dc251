import type { DataSource } from 'typeorm';
import { AgencyChannel, CasePhase, DataCategory, Purpose, QueueName, ReferralStatus } from '@kim/contracts';
import type { DemoCredentials } from '@kim/demo-data';
import { createQueue, deliveryJobOptions } from '@kim/messaging';
import { CaseEntity, ConsentEntity, PersonEntity, ReferralEntity } from '@kim/persistence';
import { startLoopbackAgency } from '../lib/agency.js';
import {
  Cleanup,
  REDIS_URL,
  cpuOf,
  statementsOf,
  databaseCpu,
  machineCpu,
  SeededRandom,
  benchDatabase,
  dropRedisPrefix,
  epochMs,
  hubEnv,
  pool,
  productionLogin,
  seedTenant,
  sleep,
  startChild,
  suffix,
  tokenOf,
  type Backend,
} from '../lib/env.js';
import type { TestDatabase } from '@kim/test-support/db';
import { round, type BenchContext, type BenchResult } from '../lib/results.js';

/** Referrals timed per run: enough for a window of at least MIN_WINDOW_MS at the goal's rate. */
const N = Number(process.env.BENCH_HANDOFF_N ?? 3000);
/** Shorter measurement windows than this fail the entry (issue 20: ≥ 5 s on both sides). */
const MIN_WINDOW_MS = 5000;
/** Referrals sent before the clock starts (JIT, pools, prepared statements), not counted. */
const WARMUP = 100;
/** The worker's WORKER_CONCURRENCY, and the baseline worker's concurrency. */
const CONCURRENCY = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 20);
/** sendReferral mutations in flight at once (many case managers at work). */
const SEND_CONCURRENCY = 32;
/** Give up waiting after this long and report what arrived. */
const DEADLINE_MS = 240_000;

const SEND = /* GraphQL */ `
  mutation Send($id: ID!) {
    sendReferral(referralId: $id) {
      id
      status
    }
  }
`;

/**
 * N cases in Rheine, each with a person, a consent to one agency (referral purpose,
 * identity and contact) and a drafted referral to one of that agency's services, spread
 * round-robin over the agencies that take webhooks. Seeded: the same data on every run.
 */
async function seedDrafts(
  ds: DataSource,
  creds: DemoCredentials,
  groups: { note: string; count: number }[],
): Promise<void> {
  const rng = new SeededRandom(7_2021);
  const tenantId = creds.tenantId;
  const manager = creds.staff.find((s) => s.key === 'cm-rheine-1')!;
  const regionId = creds.regions.find((r) => r.key === 'rheine')!.id;
  const webhook = new Set(creds.agencies.filter((a) => a.channel === AgencyChannel.WEBHOOK).map((a) => a.key));
  const services = creds.services.filter((s) => webhook.has(s.agencyKey));
  const agencyOf = (key: string) => creds.agencies.find((a) => a.key === key)!;
  const given = ['Amina', 'Yusuf', 'Olena', 'Taras', 'Mariam', 'Ahmad', 'Fatima', 'Hassan', 'Iryna', 'Bilal'];
  const family = [
    'Al-Hassan',
    'Haddad',
    'Kovalenko',
    'Shevchenko',
    'Rahimi',
    'Karimi',
    'Osman',
    'Yilmaz',
    'Nasser',
    'Bondarenko',
  ];

  const persons: Partial<PersonEntity>[] = [];
  const cases: Partial<CaseEntity>[] = [];
  const consents: Partial<ConsentEntity>[] = [];
  const referrals: Partial<ReferralEntity>[] = [];
  let i = 0;
  for (const group of groups) {
    for (let k = 0; k < group.count; k++, i++) {
      const personId = rng.uuid();
      const caseId = rng.uuid();
      const svc = services[i % services.length]!;
      const agency = agencyOf(svc.agencyKey);
      persons.push({
        tenantId,
        id: personId,
        givenNames: rng.pick(given),
        familyName: rng.pick(family),
        nameOriginalScript: null,
        aliases: [],
        birthDate: `${rng.int(1965, 2005)}-01-01`,
        birthDatePrecision: 'placeholder',
        sex: rng.pick(['female', 'male']),
        nationality: rng.pick(['SYR', 'UKR', 'AFG', 'IRQ', 'TUR']),
        languages: ['ar'],
        residenceStatus: 'Aufenthaltserlaubnis § 25 Abs. 2 AufenthG',
        municipality: 'Rheine',
        arrivalDate: `2024-0${rng.int(1, 9)}-1${rng.int(0, 9)}`,
      });
      cases.push({
        tenantId,
        id: caseId,
        reference: `BENCH-${String(i + 1).padStart(6, '0')}`,
        personId,
        caseManagerId: manager.id,
        regionId,
        phase: CasePhase.LINKING,
        openedAt: new Date(Date.UTC(2026, 0, 5)),
        closedAt: null,
        version: 1,
      });
      consents.push({
        tenantId,
        personId,
        caseId,
        recipientAgencyId: agency.id,
        purposes: [Purpose.REFERRAL, Purpose.SERVICE_DELIVERY],
        categories: [DataCategory.IDENTITY, DataCategory.CONTACT],
        validFrom: '2026-01-01',
        validUntil: '2028-12-31',
        revokedAt: null,
        evidence: {
          formVersion: 'KIM-EW-2024-1',
          signedOn: '2026-01-05',
          explainedInLanguage: 'ar',
          interpreterUsed: true,
        },
        capturedBy: manager.id,
      });
      referrals.push({
        tenantId,
        id: rng.uuid(),
        caseId,
        serviceId: svc.id,
        agencyId: agency.id,
        purpose: Purpose.REFERRAL,
        categories: [DataCategory.IDENTITY, DataCategory.CONTACT],
        status: ReferralStatus.DRAFT,
        businessStatus: null,
        statusReason: null,
        servicesDelivered: null,
        outcome: null,
        note: group.note,
        respondBy: null,
        createdBy: manager.id,
        lastAgencyUpdateAt: null,
        lastAgencyEventId: null,
        requestedAt: null,
        version: 1,
      });
    }
  }
  await ds.transaction(async (m) => {
    const chunked = async <T>(entity: new () => T, rows: Partial<T>[]) => {
      for (let k = 0; k < rows.length; k += 500) await m.insert(entity, rows.slice(k, k + 500));
    };
    await chunked(PersonEntity, persons);
    await chunked(CaseEntity, cases);
    await chunked(ConsentEntity, consents);
    await chunked(ReferralEntity, referrals);
  });
}

async function draftIds(ds: DataSource, tenantId: string, note: string): Promise<string[]> {
  const rows: { id: string }[] = await ds.query(
    `SELECT r.id FROM referrals r JOIN cases c ON c.tenant_id = r.tenant_id AND c.id = r.case_id
      WHERE r.tenant_id = $1 AND r.note = $2 ORDER BY c.reference`,
    [tenantId, note],
  );
  return rows.map((r) => r.id);
}

async function acceptedCount(ds: DataSource, tenantId: string, note: string): Promise<number> {
  const [row] = await ds.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM referrals WHERE tenant_id = $1 AND note = $2 AND status = $3`,
    [tenantId, note, ReferralStatus.ACCEPTED],
  );
  return row!.n;
}

/** Poll until `expected()` referrals of the group are accepted; returns when that was seen. */
async function untilAccepted(ds: DataSource, tenantId: string, note: string, expected: () => number, deadline: number) {
  for (;;) {
    const n = await acceptedCount(ds, tenantId, note);
    if (n >= expected()) return { at: epochMs(), accepted: n, complete: true };
    if (epochMs() > deadline) return { at: epochMs(), accepted: n, complete: false };
    await sleep(25);
  }
}

async function sendAll(
  gatewayUrl: string,
  token: string,
  ids: string[],
  errors: string[] = [],
  latencies: number[] = [],
) {
  await pool(ids.length, SEND_CONCURRENCY, async (i) => {
    const started = epochMs();
    try {
      const res = await fetch(`${gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: SEND, variables: { id: ids[i] } }),
      });
      const json = (await res.json()) as {
        data?: { sendReferral?: { status: string } };
        errors?: { message: string }[];
      };
      if (json.errors?.length || json.data?.sendReferral?.status !== 'REQUESTED')
        errors.push(json.errors?.[0]?.message ?? `HTTP ${res.status}`);
    } catch (e) {
      errors.push((e as Error).message);
    }
    latencies.push(epochMs() - started);
  });
  return errors;
}

/**
 * Sample, twice a second while the clock runs, what the hub's sessions in this database wait
 * on: lock waits (advisory: the audit chain; transactionid: a row another transaction holds)
 * against sessions waiting for their client (the Node process) or doing work.
 */
function sampleWaits(ds: DataSource) {
  const totals = new Map<string, number>();
  let samples = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const rows = await ds.query<{ what: string; n: number }[]>(
        `SELECT coalesce(wait_event_type || ':' || wait_event, state) AS what, count(*)::int AS n
           FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'
            AND application_name IN ('kim-gateway', 'kim-worker')
          GROUP BY 1`,
      );
      samples += 1;
      for (const r of rows) totals.set(r.what, (totals.get(r.what) ?? 0) + r.n);
      await sleep(500);
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return {
      samples,
      meanSessions: Object.fromEntries(
        [...totals].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, round(v / Math.max(samples, 1), 2)]),
      ),
    };
  };
}

const percentile = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))]! : null;
};

/**
 * Where the time of one referral went, from the hub's own timestamps: send (requested_at,
 * set in the send transaction) → acknowledged by the agency (sent_at, after the POST) →
 * the agency's answer stored (inbound received_at, start of the intake transaction).
 */
async function stages(ds: DataSource, tenantId: string) {
  const [row] = await ds.query<Record<string, number | null>[]>(
    `WITH t AS (
       SELECT extract(epoch FROM o.sent_at - r.requested_at) * 1000 AS to_ack,
              extract(epoch FROM i.received_at - o.sent_at) * 1000 AS to_answer
         FROM referrals r
         JOIN outbox_messages o ON o.tenant_id = r.tenant_id AND o.referral_id = r.id
         JOIN inbound_messages i ON i.tenant_id = r.tenant_id AND i.referral_id = r.id
        WHERE r.tenant_id = $1 AND r.note = 'bench-timed')
     SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY to_ack)::numeric, 1)::float AS "sendToAgencyAckP50Ms",
            round(percentile_cont(0.95) WITHIN GROUP (ORDER BY to_ack)::numeric, 1)::float AS "sendToAgencyAckP95Ms",
            round(percentile_cont(0.5) WITHIN GROUP (ORDER BY to_answer)::numeric, 1)::float AS "agencyAckToAnswerStoredP50Ms",
            round(percentile_cont(0.95) WITHIN GROUP (ORDER BY to_answer)::numeric, 1)::float AS "agencyAckToAnswerStoredP95Ms"
       FROM t`,
    [tenantId],
  );
  return row ?? {};
}

/** The baseline: a raw BullMQ worker doing nothing, same backend, same concurrency; N jobs via addBulk. */
async function queueBaseline(db: TestDatabase, backend: Backend, n: number, cleanup: Cleanup, ctx: BenchContext) {
  const prefix = `bench_b${suffix()}`;
  if (backend === 'redis') cleanup.add('baseline redis keys', () => dropRedisPrefix(prefix));
  // The same login as the hub's processes (on PostgreSQL the queue tables are its own).
  const databaseUrl = await productionLogin(db, cleanup, { backend, queuePrefix: prefix });
  const env = hubEnv(databaseUrl, backend, prefix, { WORKER_CONCURRENCY: String(CONCURRENCY) });
  const noop = await startChild('noop-worker', env);
  cleanup.add('noop worker', () => noop.stop());
  const queue = createQueue(QueueName.OUTBOX, {
    kind: backend,
    url: backend === 'redis' ? REDIS_URL : databaseUrl,
    prefix,
  });
  cleanup.add('baseline queue', () => queue.close());
  const rng = new SeededRandom(42);
  const tenantId = rng.uuid();
  const opts = deliveryJobOptions(8, 2000);
  const jobs = (count: number) =>
    Array.from({ length: count }, () => {
      const outboxId = rng.uuid();
      return {
        name: 'DeliverOutboxMessageJob',
        data: { tenantId, outboxId, traceId: outboxId },
        opts: { ...opts, jobId: `deliver-${outboxId}-0` },
      };
    });

  const run = async (count: number) => {
    const batch = jobs(count);
    noop.send({ type: 'expect', n: count });
    await noop.next('armed');
    const cpu = await cpuOf([noop]);
    const t0 = epochMs();
    await queue.addBulk(batch);
    const done = await noop.next('done', DEADLINE_MS);
    return { elapsed: done.at! - t0, workerCpuMs: await cpu() };
  };
  await run(200);
  // No-op jobs run far faster than referrals: grow the batch until the window is long enough.
  let count = n;
  let measured = await run(count);
  while (measured.elapsed < MIN_WINDOW_MS && count < 2_000_000) {
    count = Math.ceil((count * (MIN_WINDOW_MS * 1.2)) / Math.max(measured.elapsed, 1));
    measured = await run(count);
  }
  if (measured.elapsed < MIN_WINDOW_MS) throw new Error(`baseline window ${round(measured.elapsed, 0)} ms < 5 s`);
  const { elapsed, workerCpuMs } = measured;
  ctx.log(`  baseline (${backend}): ${count} no-op jobs in ${round(elapsed / 1000, 2)} s`);
  return { rate: (count * 1000) / elapsed, jobs: count, elapsedMs: elapsed, workerCpuMsPerJob: workerCpuMs / count };
}

export async function handoff(backend: Backend, name: string, ctx: BenchContext): Promise<BenchResult> {
  const cleanup = new Cleanup();
  try {
    const db = await benchDatabase(`handoff_${backend}`);
    cleanup.add('database', () => db.drop());
    const creds = await seedTenant(db.ds, 'handoff', 10);
    await seedDrafts(db.ds, creds, [
      { note: 'bench-warmup', count: WARMUP },
      { note: 'bench-timed', count: N },
    ]);
    const [warmIds, timedIds] = [
      await draftIds(db.ds, creds.tenantId, 'bench-warmup'),
      await draftIds(db.ds, creds.tenantId, 'bench-timed'),
    ];
    ctx.log(`  seeded ${warmIds.length + timedIds.length} cases with consent and a drafted referral`);

    const prefix = `bench_h${suffix()}`;
    if (backend === 'redis') cleanup.add('hub redis keys', () => dropRedisPrefix(prefix));
    const appUrl = await productionLogin(db, cleanup, { backend, queuePrefix: prefix });
    const env = hubEnv(appUrl, backend, prefix, { WORKER_CONCURRENCY: String(CONCURRENCY) });
    let gatewayUrl = '';
    const agency = await startLoopbackAgency({
      tenantId: creds.tenantId,
      agencies: creds.agencies.filter((a) => a.channel === AgencyChannel.WEBHOOK),
      inbound: () => (agencyId) => `${gatewayUrl}/webhooks/${creds.tenantId}/agencies/${agencyId}/status`,
    });
    cleanup.add('agency', () => agency.close());
    await db.ds.query(
      `UPDATE agencies SET webhook_url = $2 || '/agencies/' || id || '/webhook' WHERE tenant_id = $1 AND channel = $3`,
      [creds.tenantId, agency.url, AgencyChannel.WEBHOOK],
    );
    const gateway = await startChild('gateway', env);
    cleanup.add('gateway', () => gateway.stop());
    gatewayUrl = gateway.url!;
    const worker = await startChild('worker', env);
    cleanup.add('worker', () => worker.stop());
    const token = tokenOf(creds, 'cm-rheine-1');

    const warmErrors = await sendAll(gatewayUrl, token, warmIds);
    if (warmErrors.length) throw new Error(`warm-up sends failed: ${warmErrors[0]}`);
    const warm = await untilAccepted(db.ds, creds.tenantId, 'bench-warmup', () => warmIds.length, epochMs() + 60_000);
    if (!warm.complete)
      throw new Error(
        `warm-up: only ${warm.accepted}/${warmIds.length} accepted (agency: ${JSON.stringify(agency.stats)})`,
      );
    ctx.log(`  warm-up: ${warmIds.length} referrals accepted`);

    // A referral whose send failed will never be accepted: the target shrinks with each failure.
    const failed: string[] = [];
    const sendLatencies: number[] = [];
    const waits = sampleWaits(db.ds);
    const cpuGateway = await cpuOf([gateway]);
    const cpuWorker = await cpuOf([worker]);
    const statementsGateway = await statementsOf(gateway);
    const statementsWorker = await statementsOf(worker);
    const cpuElsewhere = machineCpu();
    const cpuDatabase = await databaseCpu(db.ds);
    const t0 = epochMs();
    const [sendErrors, done] = await Promise.all([
      sendAll(gatewayUrl, token, timedIds, failed, sendLatencies).then((errors) => ({ errors, at: epochMs() })),
      untilAccepted(db.ds, creds.tenantId, 'bench-timed', () => timedIds.length - failed.length, t0 + DEADLINE_MS),
    ]);
    const sessionWaits = await waits();
    const elsewhere = cpuElsewhere();
    const databaseMs = await cpuDatabase();
    const per = (ms: number) => round(ms / Math.max(done.accepted, 1), 2);
    const cpuMsPerReferral = {
      gateway: per(await cpuGateway()),
      worker: per(await cpuWorker()),
      ...(elsewhere && {
        postgres: per(elsewhere.postgresMs),
        // Only the backends of this benchmark's database (the other databases' work is not in it),
        // and of those the hub's sessions (without the harness's polls).
        ...(databaseMs !== null && {
          postgresThisDatabase: per(databaseMs.all),
          postgresHubSessions: per(databaseMs.hub),
        }),
        harness: per(elsewhere.harnessMs),
        machine: per(elsewhere.machineMs),
      }),
    };
    const statementsPerReferral = {
      gateway: await statementsGateway(done.accepted),
      worker: await statementsWorker(done.accepted),
    };
    const elapsed = done.at - t0;
    const rate = (done.accepted * 1000) / elapsed;
    ctx.log(`  hub (${backend}): ${done.accepted}/${N} referrals accepted in ${round(elapsed / 1000, 2)} s`);
    // A figure with lost work in it is no figure: any failed send or missed answer fails the entry.
    if (sendErrors.errors.length > 0)
      throw new Error(`${sendErrors.errors.length} of ${N} sends failed, first: ${sendErrors.errors[0]}`);
    if (!done.complete) throw new Error(`only ${done.accepted} of ${N} referrals accepted within the deadline`);
    if (elapsed < MIN_WINDOW_MS)
      throw new Error(`measurement window ${round(elapsed, 0)} ms < 5 s: raise BENCH_HANDOFF_N`);

    const [delivery] = await db.ds.query<{ acknowledged: number; retried: number }[]>(
      `SELECT count(*) FILTER (WHERE o.delivery_state = 'acknowledged')::int AS acknowledged,
              count(*) FILTER (WHERE o.attempts > 1)::int AS retried
         FROM outbox_messages o JOIN referrals r ON r.tenant_id = o.tenant_id AND r.id = o.referral_id
        WHERE o.tenant_id = $1 AND r.note = 'bench-timed'`,
      [creds.tenantId],
    );

    const timing = {
      sendReferralP50Ms: round(percentile(sendLatencies, 0.5) ?? NaN, 1),
      sendReferralP95Ms: round(percentile(sendLatencies, 0.95) ?? NaN, 1),
      ...(await stages(db.ds, creds.tenantId)),
    };

    const logLines = { gateway: gateway.logLines(), worker: worker.logLines() };
    const base = await queueBaseline(db, backend, N, cleanup, ctx);
    return {
      name,
      value: round(rate, 1),
      unit: 'referrals/s',
      baseline: round(base.rate, 1),
      ratio: round(rate / base.rate, 4),
      details: {
        backend,
        n: N,
        accepted: done.accepted,
        complete: done.complete,
        elapsedMs: round(elapsed, 1),
        sendPhaseMs: round(sendErrors.at - t0, 1),
        sendErrors: sendErrors.errors.length,
        firstSendError: sendErrors.errors[0] ?? null,
        workerConcurrency: CONCURRENCY,
        sendConcurrency: SEND_CONCURRENCY,
        warmupReferrals: WARMUP,
        delivery,
        cpuMsPerReferral,
        ...(statementsPerReferral.gateway && { statementsPerReferral }),
        timing,
        sessionWaits,
        agency: { ...agency.stats },
        baselineUnit: 'no-op jobs/s',
        baselineJobs: base.jobs,
        baselineElapsedMs: round(base.elapsedMs, 1),
        baselineWorkerCpuMsPerJob: round(base.workerCpuMsPerJob, 3),
        baselineConcurrency: CONCURRENCY,
        path: 'GraphQL sendReferral (consent check, state change + outbox row in one transaction, fast-path enqueue) → BullMQ → worker (consent re-check, CloudEvent, Standard Webhooks signature, POST) → loopback agency (verify, 204, signed "accepted") → gateway inbound (verify, store, apply) ; clock stops when all N are accepted in the database',
        processes:
          'gateway and worker each in a process of their own, as npm start runs them in production (NODE_ENV=production, log level info to a file, their own login that is only a member of kim_app, so row-level security fences every statement); agency, senders and the poll in the harness process',
        logLines,
      },
    };
  } finally {
    await cleanup.run(ctx.log);
  }
}

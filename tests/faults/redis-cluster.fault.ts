/**
 * The hub beyond one machine (issue 21): two gateways and two workers on one database and a
 * six-node Redis Cluster of the test's own (three primaries, three replicas). Referrals travel
 * to a deduplicating agency while a primary is killed (its replica is promoted), and while one
 * of the workers and one of the gateways are killed. Every figure on the printed lines is counted
 * from what the agency recorded; lost and duplicated must be 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Queue } from 'bullmq';
import { queueBackendOf } from '@kim/config';
import { QueueName, schedulesOf } from '@kim/contracts';
import { createQueue } from '@kim/messaging';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { startRedisCluster, type TestRedisCluster } from '@kim/test-support/redis-cluster';
import { expectEventually } from '@kim/test-support/eventually';
import { check, report } from './checker.js';
import { sentReferral } from './support.js';
import {
  dedupingAgency,
  envOf,
  freePort,
  spawnWorker,
  stopWorker,
  type DedupingAgency,
  type WorkerProcess,
} from './processes.js';

const GATEWAY_MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../apps/gateway/dist/main.js');
const BATCH = 24;
const CONCURRENCY = 4;

interface GatewayProcess {
  url: string;
  child: ChildProcess;
  exited: Promise<unknown>;
}

describe('Redis Cluster, two gateways and two workers', () => {
  let cluster: TestRedisCluster;
  let hub: TestHub;
  let agency: DedupingAgency;
  let outbox: Queue;
  let second: GatewayProcess;
  const workers: WorkerProcess[] = [];
  const gateways: GatewayProcess[] = [];

  /** The built gateway as its own process (a second replica behind the load balancer). */
  async function spawnGateway(): Promise<GatewayProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, [GATEWAY_MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        ...envOf(hub.config, { GATEWAY_PORT: String(port), LOG_LEVEL: 'warn', MIGRATE_ON_START: 'false' }),
      },
      stdio: 'ignore',
    });
    const exited = new Promise((r) => child.once('exit', r));
    const g = { url: `http://127.0.0.1:${port}`, child, exited };
    gateways.push(g);
    await expectEventually(
      async () => expect((await fetch(`${g.url}/health/live`).catch(() => null))?.status).toBe(200),
      { timeoutMs: 60000, intervalMs: 200 },
    );
    return g;
  }
  const worker = () => {
    const w = spawnWorker(envOf(hub.config));
    workers.push(w);
    return w;
  };
  /** The same hub reached through another gateway, for the shared fixtures. */
  const through = (url: string): TestHub => ({
    ...hub,
    url,
    async gql(token, query, variables) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as { data?: any; errors?: any[] };
    },
  });

  beforeAll(async () => {
    cluster = await startRedisCluster();
    hub = await startTestHub('faults_cluster', {
      persons: 4,
      env: {
        REDIS_URL: cluster.url,
        DELIVERY_ATTEMPTS: '12',
        DELIVERY_BACKOFF_MS: '200',
        JOB_LOCK_MS: '2000',
        WORKER_CONCURRENCY: String(CONCURRENCY),
        OUTBOX_RECONCILE_MS: '1000',
        OUTBOX_RECONCILE_GRACE_MS: '8000',
        WORKER_WATCHDOG_MS: '1000',
        PRINCIPAL_CACHE_MS: '600000',
        // The revocation check polls with the revoked key: its refusals must not spend the budget
        // of the address every request here comes from.
        SIGN_IN_FAILURES_PER_SOURCE: '100000',
        SIGN_IN_FAILURES_PER_PREFIX: '100000',
      },
    });
    agency = await dedupingAgency(120);
    await hub.db.ds.query(`UPDATE agencies SET webhook_url = $1 WHERE channel = 'webhook'`, [agency.url]);
    outbox = createQueue(QueueName.OUTBOX, queueBackendOf(hub.config));
    outbox.on('error', () => undefined);
    second = await spawnGateway();
    worker();
    worker();
  });
  afterAll(async () => {
    for (const w of workers) await stopWorker(w);
    for (const g of gateways) {
      g.child.kill('SIGKILL');
      await g.exited;
    }
    await outbox?.close();
    await agency?.close();
    await hub?.close();
    await cluster?.close();
  });

  /** A referral through one gateway; a gateway that answers with errors fails the test, with them. */
  async function send(url: string): Promise<string> {
    try {
      return await sentReferral(through(url), 'caritas', 'CARITAS-MBE');
    } catch (e) {
      const probe = await through(url).gql(hub.token('cm-rheine-1'), `{ me { role } }`);
      throw new Error(`${(e as Error).message}; ${url} answers ${JSON.stringify(probe)}`);
    }
  }

  /** The step's promise, or a failure naming the step once `ms` have passed without it. */
  async function within<T>(ms: number, step: string, work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`waited ${ms} ms for ${step}`)), ms);
    });
    try {
      return await Promise.race([work, late]);
    } finally {
      clearTimeout(timer);
    }
  }
  /** Referrals sent alternately through the gateways that are up. */
  async function batch(urls: string[], n = BATCH): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i += 4) {
      ids.push(...(await Promise.all([0, 1, 2, 3].map((k) => send(urls[(i + k) % urls.length]!)))));
    }
    return ids;
  }

  async function allAcknowledged(referrals: string[]): Promise<void> {
    await expectEventually(
      async () => {
        const [r] = await hub.db.ds.query(
          `SELECT count(*) FILTER (WHERE delivery_state = 'acknowledged')::int AS acked, count(*)::int AS total
             FROM outbox_messages WHERE referral_id = ANY($1::uuid[])`,
          [referrals],
        );
        expect(r).toEqual({ acked: referrals.length, total: referrals.length });
      },
      { timeoutMs: 90000, intervalMs: 250 },
    );
  }

  /** What the agency applied for these referrals, and the deliveries it saw, from its records. */
  function verdict(referrals: string[], rawFrom: number) {
    const mine = new Set(referrals);
    const effects = [...agency.effects.values()].filter((e) => mine.has(e.referralId)).map((e) => e.referralId);
    const raw = agency.raw.slice(rawFrom);
    return { v: check(referrals, effects), raw: raw.length, redeliveries: raw.length - new Set(raw).size };
  }

  it('keeps every queue in one hash slot of its own, and registers each job scheduler once for two workers', async () => {
    // Both workers are up: each upserted the schedulers on start.
    await expectEventually(async () => expect(await outbox.getWorkersCount()).toBeGreaterThanOrEqual(2), {
      timeoutMs: 60000,
      intervalMs: 250,
    });
    const slotsByQueue = new Map<string, Set<number>>();
    for (const node of cluster.nodes) {
      const keys = cluster
        .cli(node.port, '--scan', '--pattern', `{${hub.config.QUEUE_PREFIX}:*`)
        .split('\n')
        .filter(Boolean);
      for (const key of keys) {
        const queue = /^\{[^:]+:([a-z]+)\}/.exec(key)![1]!;
        const slot = Number(cluster.cli(node.port, 'CLUSTER', 'KEYSLOT', key));
        slotsByQueue.set(queue, (slotsByQueue.get(queue) ?? new Set()).add(slot));
      }
    }
    // Written from the job registry's queue list: the worker runs all four.
    expect([...slotsByQueue.keys()].sort()).toEqual(['handoff', 'linkage', 'maintenance', 'outbox']);
    for (const slots of slotsByQueue.values()) expect(slots.size).toBe(1);
    const distinct = new Set([...slotsByQueue.values()].map((s) => [...s][0]));
    expect(distinct.size).toBe(slotsByQueue.size);
    // No queue key outside a hash tag (the single-server layout `prefix:queue:…`).
    for (const node of cluster.nodes) {
      for (const queue of Object.values(QueueName)) {
        expect(cluster.cli(node.port, '--scan', '--pattern', `${hub.config.QUEUE_PREFIX}:${queue}:*`)).toBe('');
      }
    }

    for (const name of Object.values(QueueName)) {
      const queue = createQueue(name, queueBackendOf(hub.config));
      try {
        const ids = (await queue.getJobSchedulers()).map((s) => s.key).sort();
        expect(ids).toEqual(
          schedulesOf(name)
            .map((s) => s.id)
            .sort(),
        );
        // A nightly schedule has exactly one next run waiting, though two workers registered it.
        const nightly = schedulesOf(name).filter((s) => 'cron' in s.timing);
        const delayed = await queue.getDelayed();
        for (const s of nightly) expect(delayed.filter((j) => j.repeatJobKey === s.id)).toHaveLength(1);
      } finally {
        await queue.close();
      }
    }
  });

  it('a credential revoked through one gateway is refused at once by the other, which had kept its sign-in', async () => {
    // A tenant administrator of the demo Kreis (the seed has none).
    const adminToken = `t-admin-${randomUUID()}`;
    await hub.db.ds.query(
      `INSERT INTO staff_users (tenant_id, display_name, email, role, token_hash) VALUES ($1, 'Verwaltung', $2, 'tenant-admin', $3)`,
      [
        hub.creds.tenantId,
        `admin-${randomUUID()}@kreis.example`,
        createHash('sha256').update(adminToken).digest('hex'),
      ],
    );
    const viaSecond = through(second.url);
    const issued = await viaSecond.gql(
      adminToken,
      `mutation($o: CredentialOwnerInput!) { issueCredential(owner: $o) { secret credential { id } } }`,
      { o: { agencyId: hub.creds.agencies.find((a) => a.key === 'caritas')!.id } },
    );
    expect(issued.errors).toBeUndefined();
    const { secret, credential } = issued.data.issueCredential as { secret: string; credential: { id: string } };
    const MINE = `{ myDeliveries { eventType } }`;
    const answers = async () =>
      Promise.all([hub, viaSecond].map(async (g) => (await g.gql(secret, MINE)).errors?.[0]?.extensions?.code ?? 'OK'));
    // Both gateways have signed the key in (and keep it for PRINCIPAL_CACHE_MS, ten minutes).
    await expectEventually(async () => expect(await answers()).toEqual(['OK', 'OK']));
    expect(await answers()).toEqual(['OK', 'OK']);

    const revoked = await viaSecond.gql(adminToken, `mutation($id: ID!) { revokeCredential(id: $id) { id } }`, {
      id: credential.id,
    });
    expect(revoked.errors).toBeUndefined();
    // The first gateway was not asked; the database told it.
    await expectEventually(async () => expect(await answers()).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']), {
      timeoutMs: 3000,
      intervalMs: 20,
    });
  });

  it(
    'REDIS_CLUSTER_FAILOVER: the primary holding the outbox queue is killed mid-run; its replica takes over',
    async () => {
      const before = agency.raw.length;
      const urls = [hub.url, second.url];
      const first = await batch(urls, BATCH / 2);
      await expectEventually(() => expect(agency.raw.length - before).toBeGreaterThanOrEqual(4), {
        timeoutMs: 60000,
        intervalMs: 50,
      });
      const slot = Number(
        cluster.cli(cluster.nodes[0]!.port, 'CLUSTER', 'KEYSLOT', `{${hub.config.QUEUE_PREFIX}:outbox}`),
      );
      const victim = cluster.primaryOf(slot);
      await within(30000, 'the killed primary to exit', victim.kill());
      // Sent while the slot has no primary: the gateways' enqueue may fail, the relay covers it.
      // Bounded, so a send that hangs fails this scenario with the step named, not the test's timeout.
      const during = await within(90000, 'the sends during the failover to be answered', batch(urls, BATCH / 2));
      await cluster.waitHealthy(60000);
      const promoted = cluster.primaryOf(slot);
      expect(promoted.port).not.toBe(victim.port);

      const referrals = [...first, ...during];
      await allAcknowledged(referrals);
      const { v, raw, redeliveries } = verdict(referrals, before);
      report('REDIS_CLUSTER_FAILOVER', v, { raw_deliveries: raw, redeliveries });
      expect(v).toMatchObject({ sent: BATCH, applied: BATCH, lost: 0, duplicated: 0, unexpected: 0 });
    },
    // Longer than its steps' own bounds together (60 + 30 + 90 + 60 + 90 s), so a slow step fails
    // with its name rather than with the suite's timeout of 240 s (as it once did in a clean clone).
    360000,
  );

  it('SCALE_OUT_KILL: one of two workers and one of two gateways are killed mid-run', async () => {
    const before = agency.raw.length;
    const first = await batch([hub.url, second.url], BATCH / 2);
    await expectEventually(
      () => {
        expect(agency.raw.length - before).toBeGreaterThanOrEqual(4);
        expect(agency.inFlight()).toBeGreaterThan(0);
      },
      { timeoutMs: 60000, intervalMs: 20 },
    );
    const [w1] = workers.filter((w) => w.pid);
    w1!.kill('SIGKILL');
    second.child.kill('SIGKILL');
    await Promise.all([w1!.exited, second.exited]);
    // The load balancer now sends everything to the gateway that is left.
    const after = await batch([hub.url], BATCH / 2);

    const referrals = [...first, ...after];
    await allAcknowledged(referrals);
    const { v, raw, redeliveries } = verdict(referrals, before);
    report('SCALE_OUT_KILL', v, { raw_deliveries: raw, redeliveries });
    expect(v).toMatchObject({ sent: BATCH, applied: BATCH, lost: 0, duplicated: 0, unexpected: 0 });
    // At least once: only what the killed worker held can be sent twice.
    expect(redeliveries).toBeLessThanOrEqual(CONCURRENCY);
  });
});

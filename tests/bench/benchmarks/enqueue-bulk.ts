import type { Queue } from 'bullmq';
import { AgencyChannel, EventType, QueueName } from '@kim/contracts';
import { deliveryJobId } from '@kim/core';
import { addJob, addJobs, createQueue, deliveryJobOptions } from '@kim/messaging';
import {
  Cleanup,
  REDIS_URL,
  benchDatabase,
  dropRedisPrefix,
  epochMs,
  median,
  redisFootprint,
  seedTenant,
  suffix,
  type Backend,
} from '../lib/env.js';
import { round, type BenchContext, type BenchResult } from '../lib/results.js';

/** Outbox messages per round (Redis) and rounds; the PostgreSQL backend gets one smaller round. */
const N = Number(process.env.BENCH_ENQUEUE_N ?? 3000);
const ROUNDS = 5;
const N_PG = 1000;
/** The relay's batch: it reads and enqueues at most 500 messages at a time. */
const RELAY_BATCH = 500;

interface Item {
  tenantId: string;
  outboxId: string;
  traceId: string;
  replays: number;
}

const job = (i: Item) => ({ tenantId: i.tenantId, outboxId: i.outboxId, traceId: i.traceId });
const OPTS = deliveryJobOptions(8, 2000);

/** The gateway's fast path: one addJob per committed message, one after the other. */
async function single(queue: Queue, items: Item[]): Promise<number> {
  const t0 = epochMs();
  for (const i of items) await addJob(queue, 'DeliverOutboxMessageJob', job(i), { ...OPTS, jobId: deliveryJobId(i) });
  return epochMs() - t0;
}

/** The relay's path: addJobs per batch of pending messages. */
async function bulk(queue: Queue, items: Item[]): Promise<number> {
  const t0 = epochMs();
  for (let k = 0; k < items.length; k += RELAY_BATCH) {
    await addJobs(
      queue,
      'DeliverOutboxMessageJob',
      items.slice(k, k + RELAY_BATCH).map((i) => ({ data: job(i), opts: { ...OPTS, jobId: deliveryJobId(i) } })),
    );
  }
  return epochMs() - t0;
}

export async function enqueueBulk(ctx: BenchContext): Promise<BenchResult> {
  const cleanup = new Cleanup();
  try {
    const db = await benchDatabase('enqueue');
    cleanup.add('database', () => db.drop());
    const creds = await seedTenant(db.ds, 'enqueue', 5);
    const agency = creds.agencies.find((a) => a.channel === AgencyChannel.WEBHOOK)!;
    // Pending outbox rows with reproducible ids (md5 of a seed, shaped as version-4 UUIDs).
    const uuid = (salt: string) =>
      `overlay(overlay(md5('${salt}-' || g) placing '4' from 13) placing '8' from 17)::uuid`;
    await db.ds.query(
      `INSERT INTO outbox_messages (tenant_id, id, agency_id, referral_id, event_type, event_id, delivery_state, trace_id, created_at)
       SELECT $1, ${uuid('outbox')}, $2, ${uuid('referral')}, $3, md5('event-' || g), 'queued', 'bench-' || g,
              timestamptz '2026-01-05 09:00:00+00' + g * interval '1 millisecond'
         FROM generate_series(1, $4) g`,
      [creds.tenantId, agency.id, EventType.REFERRAL_REQUESTED, N],
    );
    // What the relay reads (outboxRepository.pendingForRelay, without its limit).
    const items: Item[] = await db.ds.query(
      `SELECT tenant_id AS "tenantId", id AS "outboxId", trace_id AS "traceId", replays
         FROM outbox_messages WHERE enqueued = false ORDER BY created_at`,
    );
    ctx.log(`  ${items.length} pending outbox messages`);

    const measure = async (backend: Backend, subset: Item[], rounds: number) => {
      const singles: number[] = [];
      const bulks: number[] = [];
      for (let r = 0; r < rounds; r++) {
        // Alternate which goes first, so neither always meets a warmer Redis.
        for (const kind of r % 2 === 0 ? (['single', 'bulk'] as const) : (['bulk', 'single'] as const)) {
          const prefix = `bench_e${suffix()}`;
          if (backend === 'redis') cleanup.add('redis keys', () => dropRedisPrefix(prefix));
          const queue = createQueue(QueueName.OUTBOX, {
            kind: backend,
            url: backend === 'redis' ? REDIS_URL : db.url,
            prefix,
          });
          cleanup.add('queue', () => queue.close());
          await queue.waitUntilReady();
          // Warm the connection and the queue's scripts with a few jobs of other ids.
          const warm = subset.slice(0, 20).map((i) => ({ ...i, replays: 99 }));
          await (kind === 'single' ? single(queue, warm) : bulk(queue, warm));
          const ms = await (kind === 'single' ? single(queue, subset) : bulk(queue, subset));
          (kind === 'single' ? singles : bulks).push((subset.length * 1000) / ms);
        }
      }
      return { single: median(singles), bulk: median(bulks), singles, bulks };
    };

    const redis = await measure('redis', items, ROUNDS);
    ctx.log(`  redis: bulk ${round(redis.bulk, 0)}/s, single ${round(redis.single, 0)}/s`);
    // What a waiting delivery costs Redis (for the capacity model in docs/operations.md): the
    // pending messages enqueued by the relay's path into a namespace of their own, nothing taking them.
    const footprintPrefix = `bench_m${suffix()}`;
    cleanup.add('redis keys', () => dropRedisPrefix(footprintPrefix));
    const empty = createQueue(QueueName.OUTBOX, { kind: 'redis', url: REDIS_URL, prefix: footprintPrefix });
    cleanup.add('queue', () => empty.close());
    await empty.waitUntilReady();
    const before = await redisFootprint(footprintPrefix);
    await bulk(empty, items);
    const after = await redisFootprint(footprintPrefix);
    const waiting = await empty.getWaitingCount();
    if (waiting !== items.length) throw new Error(`footprint: ${waiting} waiting, not ${items.length}`);
    const redisPerWaitingMessage = {
      messages: waiting,
      bytes: round((after.bytes - before.bytes) / waiting, 0),
      keys: round((after.keys - before.keys) / waiting, 2),
    };
    ctx.log(
      `  redis: ${redisPerWaitingMessage.bytes} bytes and ${redisPerWaitingMessage.keys} keys per waiting message`,
    );
    const pg = await measure('postgres', items.slice(0, N_PG), 1);
    ctx.log(`  postgres backend: bulk ${round(pg.bulk, 0)}/s, single ${round(pg.single, 0)}/s`);

    return {
      name: 'enqueue_bulk',
      value: round(redis.bulk, 0),
      unit: 'messages/s',
      baseline: round(redis.single, 0),
      ratio: round(redis.bulk / redis.single, 3),
      details: {
        backend: 'redis',
        messages: N,
        rounds: ROUNDS,
        statistic: 'median of the rounds',
        relayBatch: RELAY_BATCH,
        bulkRates: redis.bulks.map((x) => round(x, 0)),
        singleRates: redis.singles.map((x) => round(x, 0)),
        redisPerWaitingMessage,
        what: 'addJobs (relay path, batches of 500) vs a loop of awaited addJob (gateway fast path), the same pending outbox messages, payload validation and job options included, no worker running',
        postgresBackend: {
          messages: N_PG,
          bulk: round(pg.bulk, 0),
          single: round(pg.single, 0),
          ratio: round(pg.bulk / pg.single, 3),
        },
      },
    };
  } finally {
    await cleanup.run(ctx.log);
  }
}

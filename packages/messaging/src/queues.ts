import {
  Queue,
  Worker,
  createPostgresBackend,
  withBackend,
  type JobsOptions,
  type Processor,
  type QueueOptions,
  type WorkerOptions,
} from 'bullmq';
import { jobPayloadSchemas, type JobName, type QueueName } from '@kim/contracts';
import { parseRedisUrl } from '@kim/config';
import { createRedisClient, queueKeyPrefix, type RedisClient } from './redis.js';

/**
 * Where the queues live. Redis is the production default; BullMQ's PostgreSQL backend is the
 * embedded default, so the hub also runs on a machine that has only PostgreSQL.
 */
export type QueueBackendSettings =
  { kind: 'redis'; url: string; prefix: string } | { kind: 'postgres'; url: string; prefix: string };

const pg = withBackend(createPostgresBackend);

function redisConnection(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    // Workers block on Redis; they must not give up on a command while Redis restarts.
    maxRetriesPerRequest: null,
  };
}

/**
 * One server: connection options, BullMQ makes and closes the connections. A cluster: an ioredis
 * Cluster client of the queue's own, which BullMQ takes as shared and leaves open, so the queue's
 * or worker's close ends it too.
 */
function redisSide<T extends Queue | Worker>(
  url: string,
  prefix: string,
  name: QueueName,
  make: (connection: ReturnType<typeof redisConnection> | RedisClient, prefix: string) => T,
): T {
  if (parseRedisUrl(url).mode === 'single') return make(redisConnection(url), prefix);
  // Workers block on Redis; they must not give up on a command while a primary fails over.
  const client = createRedisClient(url, { maxRetriesPerRequest: null });
  const made = make(client, queueKeyPrefix(url, prefix, name));
  const close = made.close.bind(made);
  made.close = async (...args: Parameters<T['close']>) => {
    try {
      await close(...args);
    } finally {
      if (client.status !== 'end') await client.quit().catch(() => client.disconnect());
    }
  };
  return made;
}

/** The PostgreSQL backend namespaces by schema, Redis by key prefix; one setting drives both. */
function pgConnection(settings: QueueBackendSettings) {
  return { connectionString: settings.url, schema: `bullmq_${settings.prefix}`, max: 10, migrate: true };
}

export function createQueue(name: QueueName, settings: QueueBackendSettings, opts: Partial<QueueOptions> = {}): Queue {
  if (settings.kind === 'redis') {
    const queue = redisSide(
      settings.url,
      settings.prefix,
      name,
      (connection, prefix) => new Queue(name, { ...opts, connection, prefix }),
    );
    redisQueues.add(queue);
    return queue;
  }
  return new pg.Queue(name, { ...opts, connection: pgConnection(settings) }) as unknown as Queue;
}

export function createWorker(
  name: QueueName,
  processor: Processor,
  settings: QueueBackendSettings,
  opts: Partial<WorkerOptions> = {},
): Worker {
  if (settings.kind === 'redis') {
    return redisSide(
      settings.url,
      settings.prefix,
      name,
      (connection, prefix) => new Worker(name, processor, { ...opts, connection, prefix }),
    );
  }
  return new pg.Worker(name, processor, { ...opts, connection: pgConnection(settings) }) as unknown as Worker;
}

/** Add a job after checking its payload against the registry; the job id makes it idempotent. */
export async function addJob<N extends JobName>(
  queue: Queue,
  name: N,
  data: unknown,
  opts: JobsOptions & { jobId: string },
): Promise<void> {
  const payload = jobPayloadSchemas[name].parse(data);
  await queue.add(name, payload, opts);
}

/**
 * Jobs per pipeline when addJobs writes to Redis. BullMQ builds and packs each job in the client,
 * then Redis runs one script per job; one pipeline for the whole batch does the two one after
 * the other. Slices written one after another overlap them: Redis runs a slice's scripts while
 * the client builds the next.
 */
export const REDIS_ADD_SLICE = 100;

/** Queues on Redis, where a batch need not go in one pipeline (see addJobs). */
const redisQueues = new WeakSet<Queue>();

/**
 * Bulk form of addJob. Every payload is checked before any job is added (a bad one adds none).
 * On Redis the batch goes out in slices of REDIS_ADD_SLICE, each written before the next is built
 * (in order, on the queue's one connection); Redis's pipeline was never atomic, and a job id
 * that is already there is ignored, so a caller that retries after an error adds no job twice.
 * On the PostgreSQL backend the batch is one statement, visible at once, as BullMQ makes it.
 */
export async function addJobs<N extends JobName>(
  queue: Queue,
  name: N,
  jobs: { data: unknown; opts: JobsOptions & { jobId: string } }[],
): Promise<void> {
  if (jobs.length === 0) return;
  const schema = jobPayloadSchemas[name];
  const checked = jobs.map((j) => ({ name, data: schema.parse(j.data), opts: j.opts }));
  if (!redisQueues.has(queue) || checked.length <= REDIS_ADD_SLICE) return void (await queue.addBulk(checked));
  const errors: unknown[] = [];
  const sent: Promise<void>[] = [];
  for (let k = 0; k < checked.length; k += REDIS_ADD_SLICE) {
    if (k > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    sent.push(
      queue.addBulk(checked.slice(k, k + REDIS_ADD_SLICE)).then(
        () => undefined,
        (e: unknown) => void errors.push(e),
      ),
    );
  }
  await Promise.all(sent);
  if (errors.length > 0) throw errors[0];
}

/** Retry policy of outbound deliveries, the same whether the gateway or the relay enqueues. */
export function deliveryJobOptions(attempts: number, backoffMs: number): JobsOptions {
  return { attempts, backoff: { type: 'exponential', delay: backoffMs } };
}

/**
 * How long finished deliveries stay in the queue: set once on the outbox worker rather than on
 * every job (BullMQ applies a worker's setting to jobs that bring none). Packing these options
 * into each job was a third of the client's CPU per job in a bulk enqueue.
 */
export const DELIVERY_RETENTION = {
  removeOnComplete: { age: 3600, count: 10000 },
  // Dead messages live on in the outbox table, visible and replayable; the queue keeps a week.
  removeOnFail: { age: 7 * 24 * 3600 },
} as const satisfies Partial<WorkerOptions>;

/**
 * Retry policy of an intake's match job, the same whether the gateway or the relay enqueues. A
 * job that fails for good leaves its request row for the relay, which counts the failures.
 */
export const MATCH_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const satisfies JobsOptions;

import { randomBytes, randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import { QueueName } from '@kim/contracts';
import { REDIS_ADD_SLICE, addJobs, createQueue, deliveryJobOptions } from './queues.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** addJobs on Redis, where a batch goes out in slices: all or none checked, all added, in order, once. */
describe('addJobs on Redis', () => {
  const queues: Queue[] = [];
  const fresh = () => {
    const q = createQueue(QueueName.OUTBOX, {
      kind: 'redis',
      url: REDIS_URL,
      prefix: `t_addjobs_${randomBytes(4).toString('hex')}`,
    });
    queues.push(q);
    return q;
  };
  afterAll(async () => {
    for (const q of queues) {
      await q.obliterate({ force: true });
      await q.close();
    }
  });

  const tenantId = randomUUID();
  // More than two slices and a part of one, so that slices follow one another.
  const count = REDIS_ADD_SLICE * 2 + 37;
  const jobs = Array.from({ length: count }, (_, i) => ({
    data: { tenantId, outboxId: randomUUID(), traceId: `t-${i}` },
    opts: { ...deliveryJobOptions(8, 2000), jobId: `deliver-${i}` },
  }));

  it('adds every job once, in the order given, with its payload and options', async () => {
    const q = fresh();
    await addJobs(q, 'DeliverOutboxMessageJob', jobs);
    // The same batch again (a relay that retries): the job ids are there, nothing is added.
    await addJobs(q, 'DeliverOutboxMessageJob', jobs);
    expect(await q.getWaitingCount()).toBe(count);
    // getWaiting lists the jobs in the order a worker takes them: the order of the batch.
    const waiting = await q.getWaiting(0, count);
    expect(waiting.map((j) => j.id)).toEqual(jobs.map((j) => j.opts.jobId));
    expect(waiting.map((j) => j.data)).toEqual(jobs.map((j) => j.data));
    expect(waiting.map((j) => [j.opts.attempts, j.opts.backoff])).toEqual(
      jobs.map(() => [8, { type: 'exponential', delay: 2000 }]),
    );
  });

  it('adds none when one payload in a later slice is invalid', async () => {
    const q = fresh();
    const bad = jobs.map((j, i) => (i === count - 5 ? { ...j, data: { ...j.data, outboxId: 'not-a-uuid' } } : j));
    await expect(addJobs(q, 'DeliverOutboxMessageJob', bad)).rejects.toThrow(/outboxId/);
    expect(await q.getWaitingCount()).toBe(0);
  });
});

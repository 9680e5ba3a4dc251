import type { Queue } from 'bullmq';
import { addJobs, deliveryJobOptions } from './queues.js';

/** One outbox message on its way: the job id is made from it. */
export interface DeliveryItem {
  tenantId: string;
  outboxId: string;
  traceId: string;
  replays: number;
}

/** Deterministic: a relay that runs twice adds the same job, which the queue ignores. */
export const deliveryJobId = (item: { outboxId: string; replays: number }) =>
  `deliver-${item.outboxId}-${item.replays}`;

/**
 * The outbox's delivery queue on BullMQ (or its PostgreSQL stand-in): the adapter the apps give
 * core's outbox (its DeliveryQueue port). Every path that puts a message on the queue (the
 * publisher after a command's commit, the relay, the reconciliation) goes through here, so the
 * job id and the retry policy are the same everywhere.
 */
export class QueueDeliveryAdapter {
  constructor(
    private readonly queue: Queue,
    private readonly retry: { attempts: number; backoffMs: number },
  ) {}

  async add(items: readonly DeliveryItem[]): Promise<void> {
    const opts = deliveryJobOptions(this.retry.attempts, this.retry.backoffMs);
    await addJobs(
      this.queue,
      'DeliverOutboxMessageJob',
      items.map((i) => ({
        data: { tenantId: i.tenantId, outboxId: i.outboxId, traceId: i.traceId },
        opts: { ...opts, jobId: deliveryJobId(i) },
      })),
    );
  }

  async stateOf(item: DeliveryItem): Promise<'missing' | 'failed' | 'held'> {
    const state = await this.queue.getJobState(deliveryJobId(item));
    return state === 'unknown' ? 'missing' : state === 'failed' ? 'failed' : 'held';
  }

  async removeFailed(item: DeliveryItem): Promise<void> {
    await (await this.queue.getJob(deliveryJobId(item)))?.remove();
  }
}

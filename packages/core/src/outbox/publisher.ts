import type { DataSource } from 'typeorm';
import { outboxRepository, runAsTenant, type RelayItem } from '@kim/persistence';
import type { OutboxWrite } from './write.js';
import { TenantBatches } from '../common/tenant-batches.js';

export type { RelayItem };

/**
 * The port through which the outbox reaches the delivery queue. The apps provide it
 * (`QueueDeliveryAdapter` of @kim/messaging on BullMQ); core never sees the queue itself.
 */
export interface DeliveryQueue {
  /** Add delivery jobs under their deterministic ids: adding one the queue holds changes nothing. */
  add(items: readonly RelayItem[]): Promise<void>;
  /** Where the queue has the message's job: lost (missing), given up (failed), or held. */
  stateOf(item: RelayItem): Promise<'missing' | 'failed' | 'held'>;
  /** Remove a failed job so that its id can be added again. */
  removeFailed(item: RelayItem): Promise<void>;
}

/** What the publisher tells the app's log: queued now, or left for the relay. */
export interface PublishReport {
  queued(item: RelayItem): void;
  leftForRelay(item: RelayItem, error: unknown): void;
}

/** The most messages put on the queue and marked enqueued together. */
const PUBLISH_BATCH = 100;
/**
 * How long a publication waits for the queue before it leaves its messages to the relay. The
 * tenant's later publications wait behind it, so a queue call stuck on a dead connection (a Redis
 * primary killed mid-call) must not hold them: the commands that sent them are answered, the
 * relay enqueues the messages (their job ids make a late success of the stuck call harmless).
 */
const PUBLISH_WAIT_MS = 5000;

/** The work's promise, or a rejection once `ms` have passed without it. */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the queue did not answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The fast path of the outbox, used by every command after its commit: put the messages it
 * wrote on the queue and note them as enqueued. It never throws: when the queue is away (Redis
 * down, process killed) the worker's relay finds the rows and does it. Without a queue (the
 * command-line tools) every message is left to the relay.
 *
 * Messages of one tenant published while an earlier publication of that tenant is under way go
 * together (TenantBatches, issue 20): one queue call for all their jobs and one statement that
 * marks them enqueued, instead of one each. A mark follows only a queue call that succeeded; a
 * batch whose queue call failed or took longer than PUBLISH_WAIT_MS, or whose mark failed, leaves
 * all its messages to the relay (their job ids make adding them again harmless).
 */
export class OutboxPublisher {
  private readonly batches: TenantBatches<RelayItem & { key: string }, true> | null;

  constructor(
    private readonly ds: DataSource,
    queue: DeliveryQueue | null,
    private readonly report?: PublishReport,
    opts: { waitMs?: number } = {},
  ) {
    const q = queue;
    const waitMs = opts.waitMs ?? PUBLISH_WAIT_MS;
    this.batches = q
      ? new TenantBatches(
          async (tenantId, items) => {
            await within(waitMs, q.add(items));
            // In the messages' own tenant fence, whatever context the command ran in.
            await runAsTenant(tenantId, () => outboxRepository.markEnqueued(this.ds, items));
            return new Map(items.map((i) => [i.key, true as const]));
          },
          PUBLISH_BATCH,
          { retryAlone: false },
        )
      : null;
  }

  async publish(writes: readonly (OutboxWrite | RelayItem)[]): Promise<void> {
    const batches = this.batches;
    if (!batches) return;
    await Promise.all(
      writes.map(async (w) => {
        const item: RelayItem = { replays: 0, ...w };
        try {
          await batches.run(item.tenantId, { ...item, key: `${item.outboxId}-${item.replays}` });
          this.report?.queued(item);
        } catch (e) {
          this.report?.leftForRelay(item, e);
        }
      }),
    );
  }
}

/** For the command-line tools: no queue, the worker's relay puts the messages on it. */
export const relayOnly = (ds: DataSource) => new OutboxPublisher(ds, null);

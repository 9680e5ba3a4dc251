import type { DataSource } from 'typeorm';
import { outboxRepository, runAsTenant, type RelayItem } from '@kim/persistence';
import type { OutboxWrite } from './write.js';

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

/**
 * The fast path of the outbox, used by every command after its commit: put the messages it
 * wrote on the queue and note them as enqueued. It never throws: when the queue is away (Redis
 * down, process killed) the worker's relay finds the rows and does it. Without a queue (the
 * command-line tools) every message is left to the relay.
 */
export class OutboxPublisher {
  constructor(
    private readonly ds: DataSource,
    private readonly queue: DeliveryQueue | null,
    private readonly report?: PublishReport,
  ) {}

  async publish(writes: readonly (OutboxWrite | RelayItem)[]): Promise<void> {
    if (!this.queue) return;
    for (const w of writes) {
      const item: RelayItem = { replays: 0, ...w };
      try {
        await this.queue.add([item]);
        // In the message's own tenant fence, whatever context the command ran in.
        await runAsTenant(item.tenantId, () => outboxRepository.markEnqueued(this.ds, [item]));
        this.report?.queued(item);
      } catch (e) {
        this.report?.leftForRelay(item, e);
      }
    }
  }
}

/** For the command-line tools: no queue, the worker's relay puts the messages on it. */
export const relayOnly = (ds: DataSource) => new OutboxPublisher(ds, null);

import type { DataSource } from 'typeorm';
import { forEachTenant, outboxRepository, type RelayItem } from '@kim/persistence';
import type { DeliveryQueue } from './publisher.js';

/** How many messages one relay or reconciliation pass takes per tenant. */
const BATCH = 500;

/** What a reconciliation pass found in one tenant. */
export interface ReconcileReport {
  checked: number;
  reEnqueued: RelayItem[];
}

/**
 * The relay books of the outbox: which messages still have to reach the queue (new, or lost
 * before the publisher marked them), and which the queue should hold but may have lost.
 */
export class OutboxRelay {
  constructor(
    private readonly ds: DataSource,
    private readonly queue: DeliveryQueue,
  ) {}

  /** Put on the queue what is not there yet, tenant by tenant; the job id makes a second add a no-op. */
  async relay(): Promise<RelayItem[]> {
    const relayed: RelayItem[] = [];
    await forEachTenant(this.ds, async () => {
      const items = await outboxRepository.pendingForRelay(this.ds, BATCH);
      if (items.length === 0) return;
      await this.queue.add(items);
      // A row the worker holds is being delivered, so it is on the queue already: it is skipped
      // rather than waited for (the relay marks it later, idempotently).
      await outboxRepository.markEnqueued(this.ds, items);
      relayed.push(...items);
    });
    return relayed;
  }

  /**
   * Reconcile outbox and queue: a message on the queue for longer than the grace period and
   * neither delivered nor dead is put back under its own deterministic job id. A job the
   * queue still holds is left alone (no duplicate); one the queue lost (Redis restarted
   * without persistence) is added again; one the queue failed without the outbox recording
   * it dead (stalled too often, database gone on its last attempt) is replaced by a fresh one.
   * Only webhook agencies: a file agency's messages wait for the nightly export.
   */
  async reconcile(graceMs: number): Promise<ReconcileReport[]> {
    const reports: ReconcileReport[] = [];
    await forEachTenant(this.ds, async () => {
      const items = await outboxRepository.staleEnqueued(this.ds, graceMs, BATCH);
      if (items.length === 0) return;
      const lost: RelayItem[] = [];
      for (const item of items) {
        const state = await this.queue.stateOf(item);
        if (state === 'missing') lost.push(item);
        else if (state === 'failed') {
          await this.queue.removeFailed(item);
          lost.push(item);
        }
      }
      await this.queue.add(lost);
      // Every message looked at gets a new grace period, so a long backlog is not re-checked each run.
      await outboxRepository.markReEnqueued(this.ds, items);
      reports.push({ checked: items.length, reEnqueued: lost });
    });
    return reports;
  }
}

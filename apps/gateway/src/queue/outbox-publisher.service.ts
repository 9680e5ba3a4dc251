import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { HubConfig } from '@kim/config';
import { OutboundDelivery, deliveryJobId, type RelayItem } from '@kim/core';
import { addJob, deliveryJobOptions } from '@kim/messaging';
import { DATA_SOURCE, HUB_CONFIG, OUTBOX_QUEUE } from '../common/tokens.js';

/**
 * Fast path of the outbox: right after a commit, put the message on the queue. If this
 * fails (Redis down, process killed), the worker's relay sweep finds the row and does it.
 */
@Injectable()
export class OutboxPublisher implements OnModuleDestroy {
  private readonly log = new Logger(OutboxPublisher.name);
  private readonly delivery: OutboundDelivery;

  constructor(
    @Inject(OUTBOX_QUEUE) private readonly queue: Queue,
    @Inject(DATA_SOURCE) ds: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {
    this.delivery = new OutboundDelivery(ds, config.HUB_SOURCE);
  }

  async publish(item: RelayItem): Promise<void> {
    try {
      await addJob(this.queue, 'DeliverOutboxMessageJob', { tenantId: item.tenantId, outboxId: item.outboxId, traceId: item.traceId }, {
        ...deliveryJobOptions(this.config.DELIVERY_ATTEMPTS, this.config.DELIVERY_BACKOFF_MS),
        jobId: deliveryJobId(item),
      });
      await this.delivery.markEnqueued([item]);
    } catch (e) {
      this.log.warn(`outbox ${item.outboxId} left for the relay: ${(e as Error).message}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
  }
}


import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { serializeError, type HubConfig } from '@kim/config';
import { OutboundDelivery, deliveryJobId, type RelayItem } from '@kim/core';
import { addJob, deliveryJobOptions } from '@kim/messaging';
import { runAsTenant } from '@kim/persistence';
import { HUB_CONFIG, OUTBOX_QUEUE } from '../common/tokens.js';
import { PINO_LOGGER } from '../logging/logger.js';

/**
 * Fast path of the outbox: right after a commit, put the message on the queue. If this
 * fails (Redis down, process killed), the worker's relay sweep finds the row and does it.
 */
@Injectable()
export class OutboxPublisher implements OnModuleDestroy {
  constructor(
    @Inject(OUTBOX_QUEUE) private readonly queue: Queue,
    private readonly delivery: OutboundDelivery,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(PINO_LOGGER) private readonly log: Logger,
  ) {}

  async publish(item: RelayItem): Promise<void> {
    try {
      await addJob(
        this.queue,
        'DeliverOutboxMessageJob',
        { tenantId: item.tenantId, outboxId: item.outboxId, traceId: item.traceId },
        {
          ...deliveryJobOptions(this.config.DELIVERY_ATTEMPTS, this.config.DELIVERY_BACKOFF_MS),
          jobId: deliveryJobId(item),
        },
      );
      // In the message's own tenant fence, whatever context the caller published from.
      await runAsTenant(item.tenantId, () => this.delivery.markEnqueued([item]));
      this.log.info(
        { traceId: item.traceId, tenantId: item.tenantId, outboxId: item.outboxId, replays: item.replays },
        'outbox message queued for delivery',
      );
    } catch (e) {
      this.log.warn(
        { traceId: item.traceId, tenantId: item.tenantId, outboxId: item.outboxId, err: serializeError(e) },
        'outbox message left for the relay: it could not be queued now',
      );
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
  }
}

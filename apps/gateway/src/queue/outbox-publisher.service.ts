import { Inject, Injectable, type OnModuleDestroy, type Provider } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { serializeError, type HubConfig } from '@kim/config';
import { OutboxPublisher } from '@kim/core';
import { QueueDeliveryAdapter } from '@kim/messaging';
import { DATA_SOURCE, HUB_CONFIG, OUTBOX_QUEUE } from '../common/tokens.js';
import { PINO_LOGGER } from '../logging/logger.js';

/**
 * Core's outbox publisher on the gateway's outbox queue: commands publish their messages
 * through it right after their commit. If the queue is away (Redis down, process killed), the
 * worker's relay finds the rows and does it.
 */
export const outboxPublisherProvider: Provider = {
  provide: OutboxPublisher,
  inject: [DATA_SOURCE, OUTBOX_QUEUE, HUB_CONFIG, PINO_LOGGER],
  useFactory: (ds: DataSource, queue: Queue, config: HubConfig, log: Logger) =>
    new OutboxPublisher(
      ds,
      new QueueDeliveryAdapter(queue, { attempts: config.DELIVERY_ATTEMPTS, backoffMs: config.DELIVERY_BACKOFF_MS }),
      {
        queued: (i) =>
          log.info(
            { traceId: i.traceId, tenantId: i.tenantId, outboxId: i.outboxId, replays: i.replays },
            'outbox message queued for delivery',
          ),
        leftForRelay: (i, e) =>
          log.warn(
            { traceId: i.traceId, tenantId: i.tenantId, outboxId: i.outboxId, err: serializeError(e) },
            'outbox message left for the relay: it could not be queued now',
          ),
      },
    ),
};

/** The outbox queue's connection is closed with the gateway. */
@Injectable()
export class OutboxQueueCloser implements OnModuleDestroy {
  constructor(@Inject(OUTBOX_QUEUE) private readonly queue: Queue) {}

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
  }
}

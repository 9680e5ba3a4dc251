import { Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { queueBackendOf, serializeError, type HubConfig } from '@kim/config';
import { QueueName } from '@kim/contracts';
import { createQueue } from '@kim/messaging';
import { HUB_CONFIG, LINKAGE_QUEUE, OUTBOX_QUEUE } from '../common/tokens.js';
import { PINO_LOGGER } from '../logging/logger.js';
import { OutboxPublisher } from '@kim/core';
import { OutboxQueueCloser, outboxPublisherProvider } from './outbox-publisher.service.js';
import { HubQueues } from './hub-queues.service.js';
import { MatchRequestPublisher } from './match-request-publisher.service.js';

@Global()
@Module({
  providers: [
    {
      provide: OUTBOX_QUEUE,
      inject: [HUB_CONFIG, PINO_LOGGER],
      useFactory: (config: HubConfig, log: Logger) => {
        const queue = createQueue(QueueName.OUTBOX, queueBackendOf(config));
        // Redis going away is logged like everything else; the relay covers what it missed.
        queue.on('error', (e) => log.warn({ err: serializeError(e) }, 'outbox queue connection error'));
        return queue;
      },
    },
    {
      provide: LINKAGE_QUEUE,
      inject: [HUB_CONFIG, PINO_LOGGER],
      useFactory: (config: HubConfig, log: Logger) => {
        const queue = createQueue(QueueName.LINKAGE, queueBackendOf(config));
        // The worker's relay puts back what the gateway could not enqueue.
        queue.on('error', (e) => log.warn({ err: serializeError(e) }, 'linkage queue connection error'));
        return queue;
      },
    },
    outboxPublisherProvider,
    OutboxQueueCloser,
    MatchRequestPublisher,
    HubQueues,
  ],
  exports: [OUTBOX_QUEUE, LINKAGE_QUEUE, OutboxPublisher, MatchRequestPublisher, HubQueues],
})
export class QueueModule {}

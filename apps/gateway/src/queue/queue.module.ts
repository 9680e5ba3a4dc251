import { Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { queueBackendOf, serializeError, type HubConfig } from '@kim/config';
import { QueueName } from '@kim/contracts';
import { createQueue } from '@kim/messaging';
import { HUB_CONFIG, OUTBOX_QUEUE } from '../common/tokens.js';
import { PINO_LOGGER } from '../logging/logger.js';
import { OutboxPublisher } from '@kim/core';
import { OutboxQueueCloser, outboxPublisherProvider } from './outbox-publisher.service.js';
import { HubQueues } from './hub-queues.service.js';

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
    outboxPublisherProvider,
    OutboxQueueCloser,
    HubQueues,
  ],
  exports: [OUTBOX_QUEUE, OutboxPublisher, HubQueues],
})
export class QueueModule {}

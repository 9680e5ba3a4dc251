import { Global, Module } from '@nestjs/common';
import { queueBackendOf, type HubConfig } from '@kim/config';
import { QueueName } from '@kim/contracts';
import { createQueue } from '@kim/messaging';
import { HUB_CONFIG, OUTBOX_QUEUE } from '../common/tokens.js';
import { OutboxPublisher } from './outbox-publisher.service.js';

@Global()
@Module({
  providers: [
    {
      provide: OUTBOX_QUEUE,
      inject: [HUB_CONFIG],
      useFactory: (config: HubConfig) => createQueue(QueueName.OUTBOX, queueBackendOf(config)),
    },
    OutboxPublisher,
  ],
  exports: [OUTBOX_QUEUE, OutboxPublisher],
})
export class QueueModule {}

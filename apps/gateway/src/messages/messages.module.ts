import { Module } from '@nestjs/common';
import { MessagesResolver } from './messages.resolver.js';
import { QueuesResolver } from './queues.resolver.js';

/** The dead-letter place (replay, discard) and the queues' depths. */
@Module({ providers: [MessagesResolver, QueuesResolver] })
export class MessagesModule {}

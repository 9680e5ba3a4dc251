import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { OutboxMessageEntity } from '@kim/persistence';
import { DeliveryState } from '../common/enums.js';

@ObjectType({ description: 'An outbound message and its delivery' })
export class OutboundMessage {
  @Field(() => ID) id!: string;
  @Field(() => ID) referralId!: string;
  @Field(() => ID) agencyId!: string;
  @Field() eventType!: string;
  @Field({ description: 'CloudEvents id and webhook-id: the idempotency key' }) eventId!: string;
  @Field(() => DeliveryState) deliveryState!: DeliveryState;
  @Field(() => Int) attempts!: number;
  @Field(() => Int) replays!: number;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) sentAt!: Date | null;

  static from(e: OutboxMessageEntity): OutboundMessage {
    return Object.assign(new OutboundMessage(), {
      id: e.id,
      referralId: e.referralId,
      agencyId: e.agencyId,
      eventType: e.eventType,
      eventId: e.eventId,
      deliveryState: e.deliveryState,
      attempts: e.attempts,
      replays: e.replays,
      lastError: e.lastError,
      createdAt: e.createdAt,
      sentAt: e.sentAt,
    });
  }
}

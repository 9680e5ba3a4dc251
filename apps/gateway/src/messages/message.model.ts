import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SortDirection } from '../cases/dto/case.inputs.js';
import type { OutboxRow } from '@kim/persistence';
import { DeliveryState } from '../common/enums.js';

@ObjectType({ description: 'An outbound message and its delivery' })
export class OutboundMessage {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true, description: 'The referral it is about; null for a consent-revoked notice' })
  referralId!: string | null;
  @Field(() => ID) agencyId!: string;
  @Field() eventType!: string;
  @Field({ description: 'CloudEvents id and webhook-id: the idempotency key' }) eventId!: string;
  @Field(() => DeliveryState) deliveryState!: DeliveryState;
  @Field(() => Int, { description: 'Delivery attempts since it was queued (or last replayed)' }) attempts!: number;
  @Field(() => Int) replays!: number;
  @Field(() => String, {
    nullable: true,
    description: 'Why the last attempt failed (the agency answer or the network error)',
  })
  lastError!: string | null;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When it was last put on the queue' }) enqueuedAt!: Date | null;
  @Field(() => Date, { nullable: true }) sentAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When a person discarded it' }) discardedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Why it was discarded' }) discardReason!: string | null;
  @Field({ description: 'Pass as `after` to outboundMessages for the page after this message' }) cursor!: string;

  static from(e: OutboxRow, cursor: string): OutboundMessage {
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
      enqueuedAt: e.enqueuedAt,
      sentAt: e.sentAt,
      discardedAt: e.discardedAt,
      discardReason: e.discardReason,
      cursor,
    });
  }
}

export const OutboundMessageOrderField = {
  CREATED_AT: 'createdAt',
  AGENCY_NAME: 'agencyName',
  ATTEMPTS: 'attempts',
  REPLAYS: 'replays',
} as const;
export type OutboundMessageOrderField = (typeof OutboundMessageOrderField)[keyof typeof OutboundMessageOrderField];
registerEnumType(OutboundMessageOrderField, {
  name: 'OutboundMessageOrderField',
  description: 'What a list of outbound messages is sorted by (ties by the message id, in the same direction)',
});

@InputType({ description: 'An order of outbound messages; without one: newest first' })
export class OutboundMessageOrderInput {
  @Field(() => OutboundMessageOrderField) field!: OutboundMessageOrderField;
  @Field(() => SortDirection) direction!: SortDirection;
}

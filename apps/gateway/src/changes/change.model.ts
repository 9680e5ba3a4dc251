import { Field, ID, ObjectType } from '@nestjs/graphql';
import { DeliveryState, ReferralStatus } from '../common/enums.js';
import { PageInfo } from '../cases/case.model.js';

@ObjectType({
  description:
    'Something the hub has to tell your agency (a referral sent to you, cancelled, or a consent revoked): ' +
    'the event a webhook would carry, without its body. Read the details through the consent-checked queries, e.g. case(id: caseId).',
})
export class ReferralChange {
  @Field({ description: 'CloudEvents id (= webhook-id of the webhook, if any): your idempotency key' })
  eventId!: string;
  @Field({ description: 'CloudEvents type, e.g. de.kim-hub.referral.requested.v1' }) eventType!: string;
  @Field({ description: 'When the hub recorded the change' }) occurredAt!: Date;
  @Field(() => ID, { nullable: true }) referralId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The case of the referral' }) caseId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The revoked consent (consent.revoked events)' }) consentId!:
    string | null;
  @Field(() => ReferralStatus, {
    nullable: true,
    description: 'Status of the referral now (it may have moved on since)',
  })
  referralStatus!: string | null;
  @Field(() => DeliveryState, { description: 'Whether the webhook, if you have one, has delivered it yet' })
  deliveryState!: string;
}

@ObjectType()
export class ReferralChangeEdge {
  @Field() cursor!: string;
  @Field(() => ReferralChange) node!: ReferralChange;
}

@ObjectType({
  description:
    'Your changes after a cursor, oldest first. Keep pageInfo.endCursor (it is set even when there is nothing new) and ask again with it.',
})
export class ReferralChangeConnection {
  @Field(() => [ReferralChangeEdge]) edges!: ReferralChangeEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

import { Inject } from '@nestjs/common';
import { Args, Context, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { DataSource } from 'typeorm';
import { agencyDeliveryLog, sendTestEvent, type WebhookPoster } from '@kim/core';
import type { OutboxRow } from '@kim/persistence';
import { Allow } from '../auth/allow.decorator.js';
import { DATA_SOURCE } from '../common/tokens.js';
import type { GqlContext } from '../common/context.js';
import { DeliveryState } from '../common/enums.js';

@ObjectType({ description: 'A message the hub sent (or is sending) to your agency, and how its delivery went' })
export class AgencyDelivery {
  @Field(() => ID, { description: 'CloudEvents id and webhook-id of the message' }) eventId!: string;
  @Field() eventType!: string;
  @Field(() => ID, { nullable: true }) referralId!: string | null;
  @Field(() => DeliveryState) deliveryState!: DeliveryState;
  @Field(() => Int, { description: 'Attempts since it was queued (or last replayed)' }) attempts!: number;
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed: your answer or the network error' })
  lastError!: string | null;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When your endpoint acknowledged it' }) sentAt!: Date | null;

  static from(r: OutboxRow): AgencyDelivery {
    return Object.assign(new AgencyDelivery(), {
      eventId: r.eventId,
      eventType: r.eventType,
      referralId: r.referralId,
      deliveryState: r.deliveryState,
      attempts: r.attempts,
      lastError: r.lastError,
      createdAt: r.createdAt,
      sentAt: r.sentAt,
    });
  }
}

@ObjectType({ description: 'How your webhook endpoint answered a signed test event' })
export class TestEventResult {
  @Field(() => ID) eventId!: string;
  @Field(() => Int, { nullable: true, description: 'Your endpoint answer; null when it could not be reached' })
  httpStatus!: number | null;
  @Field({ description: 'True for a 2xx answer' }) ok!: boolean;
  @Field(() => String, { nullable: true }) error!: string | null;
}

/** The endpoint's answer within five seconds; redirects are not followed (as in delivery). */
const postWebhook: WebhookPoster = async (url, headers, body) => {
  const res = await fetch(url, {
    method: 'POST',
    headers,
    body,
    signal: AbortSignal.timeout(5000),
    redirect: 'manual',
  });
  await res.body?.cancel();
  return res.status;
};

/** The agency's own delivery log and test event, over its API key. */
@Resolver()
export class DeliveryLogResolver {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  @Query(() => [AgencyDelivery], {
    description: 'Agencies: the messages the hub sent you, newest first, with state, attempts and last error',
  })
  @Allow('agency')
  async myDeliveries(
    @Context() ctx: GqlContext,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
  ): Promise<AgencyDelivery[]> {
    return (await agencyDeliveryLog(this.ds, ctx.principal!, first)).map((r) => AgencyDelivery.from(r));
  }

  @Mutation(() => TestEventResult, {
    description:
      'Agencies: the hub sends a signed test event (de.kim-hub.test.v1, no personal data) to your webhook URL now and tells how it was answered',
  })
  @Allow('agency')
  async sendTestEvent(@Context() ctx: GqlContext): Promise<TestEventResult> {
    return Object.assign(new TestEventResult(), await sendTestEvent(this.ds, ctx.principal!, postWebhook));
  }
}

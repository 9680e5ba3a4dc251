import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DeadlineWatch } from '@kim/core';
import { Allow } from '../auth/allow.decorator.js';
import { MAX_PAGE } from '../common/input.js';
import type { GqlContext } from '../common/context.js';
import { ReferralWatchItem } from './watch-item.model.js';

@Resolver(() => ReferralWatchItem)
export class DeadlinesResolver {
  constructor(private readonly watch: DeadlineWatch) {}

  @Query(() => [ReferralWatchItem], { description: 'Referrals in your area the agency has not answered in time' })
  @Allow('coordinator')
  async overdueReferrals(
    @Context() ctx: GqlContext,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
  ) {
    return (await this.watch.watchList(ctx.principal!, 'overdue', Math.min(first, MAX_PAGE))).map((w) =>
      ReferralWatchItem.from(w),
    );
  }

  @Query(() => [ReferralWatchItem], {
    description: 'Finished referrals in your area whose outcome no case manager has taken note of',
  })
  @Allow('coordinator')
  async openLoops(@Context() ctx: GqlContext, @Args('first', { type: () => Int, defaultValue: 100 }) first: number) {
    return (await this.watch.watchList(ctx.principal!, 'open-loop', Math.min(first, MAX_PAGE))).map((w) =>
      ReferralWatchItem.from(w),
    );
  }

  @Mutation(() => Date, { description: "Take note of a finished referral's outcome, closing its loop" })
  @Allow('case-manager', 'coordinator')
  async acknowledgeReferralOutcome(
    @Args('referralId', { type: () => ID }) referralId: string,
    @Context() ctx: GqlContext,
  ): Promise<Date> {
    return this.watch.acknowledgeOutcome(ctx.principal!, referralId);
  }
}

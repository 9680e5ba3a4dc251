import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DeadlineWatch } from '@kim/core';
import { Allow } from '../auth/allow.decorator.js';
import { MAX_PAGE } from '../common/input.js';
import type { GqlContext } from '../common/context.js';
import {
  ReferralWatchConnection,
  ReferralWatchItem,
  ReferralWatchKind,
  ReferralWatchOrderInput,
} from './watch-item.model.js';

@Resolver(() => ReferralWatchItem)
export class DeadlinesResolver {
  constructor(private readonly watch: DeadlineWatch) {}

  @Query(() => ReferralWatchConnection, {
    description:
      'Coordinators: a watch list of your area (overdue referrals or open loops), paged by cursor, oldest deadline first unless newestFirst or orderBy; totalCount and byAgency count the whole list',
  })
  @Allow('coordinator')
  async referralWatch(
    @Context() ctx: GqlContext,
    @Args('kind', { type: () => ReferralWatchKind }) kind: ReferralWatchKind,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('agencyId', { type: () => ID, nullable: true, description: 'Only referrals to this agency' })
    agencyId: string | null,
    @Args('newestFirst', { defaultValue: false }) newestFirst: boolean,
    @Args('orderBy', {
      type: () => ReferralWatchOrderInput,
      nullable: true,
      description: 'Another order (newestFirst is then left aside; a cursor belongs to its order)',
    })
    orderBy: ReferralWatchOrderInput | null,
  ): Promise<ReferralWatchConnection> {
    return ReferralWatchConnection.from(
      await this.watch.watchPage(ctx.principal!, kind, { first, after, agencyId, newestFirst, order: orderBy ?? null }),
    );
  }

  @Query(() => [ReferralWatchItem], {
    description: 'Referrals in your area the agency has not answered in time',
    deprecationReason: 'Use referralWatch(kind: OVERDUE): paged, with totalCount',
  })
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
    deprecationReason: 'Use referralWatch(kind: OPEN_LOOP): paged, with totalCount',
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

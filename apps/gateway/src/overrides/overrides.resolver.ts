import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { OverrideCommands } from '@kim/core';
import { Allow } from '../auth/allow.decorator.js';
import { MAX_PAGE, withoutNulls } from '../common/input.js';
import type { GqlContext } from '../common/context.js';
import { AccessOverride, OpenAccessOverrideInput, ReviewAccessOverrideInput } from './override.model.js';

@Resolver(() => AccessOverride)
export class OverridesResolver {
  constructor(private readonly overrides: OverrideCommands) {}

  @Mutation(() => AccessOverride, {
    description:
      'Break the glass: read one case outside your area for a short time. Needs the override permission and a reason; recorded, shown on the case timeline and reviewed by the coordinator of the area',
  })
  @Allow('case-manager', 'coordinator')
  async openAccessOverride(
    @Args('input') input: OpenAccessOverrideInput,
    @Context() ctx: GqlContext,
  ): Promise<AccessOverride> {
    return AccessOverride.from(await this.overrides.open(ctx.principal!, withoutNulls(input)));
  }

  @Query(() => [AccessOverride], {
    description:
      'Coordinators: overrides on cases of the area you supervise, unreviewed first (the review list). Case managers: your own',
  })
  @Allow('case-manager', 'coordinator')
  async accessOverrides(
    @Context() ctx: GqlContext,
    @Args('unreviewedOnly', { defaultValue: false }) unreviewedOnly: boolean,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
  ): Promise<AccessOverride[]> {
    const rows = await this.overrides.list(ctx.principal!, { unreviewedOnly, first: Math.min(first, MAX_PAGE) });
    return rows.map((r) => AccessOverride.from(r));
  }

  @Mutation(() => AccessOverride, {
    description: 'Review an override on a case of your area (coordinators; four eyes)',
  })
  @Allow('coordinator')
  async reviewAccessOverride(
    @Args('input') input: ReviewAccessOverrideInput,
    @Context() ctx: GqlContext,
  ): Promise<AccessOverride> {
    return AccessOverride.from(await this.overrides.review(ctx.principal!, withoutNulls(input)));
  }
}

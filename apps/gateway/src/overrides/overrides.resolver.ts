import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { uuidSchema } from '@kim/contracts';
import { DomainError, OverrideCommands } from '@kim/core';
import { Allow } from '../auth/allow.decorator.js';
import { MAX_PAGE, withoutNulls } from '../common/input.js';
import type { GqlContext } from '../common/context.js';
import {
  AccessOverride,
  AccessOverrideConnection,
  AccessOverrideOrderInput,
  OpenAccessOverrideInput,
  ReviewAccessOverrideInput,
} from './override.model.js';

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
    @Args('ids', {
      type: () => [ID],
      nullable: true,
      description: 'Only these overrides (at most 100), e.g. the one a review page shows',
    })
    ids: string[] | null,
  ): Promise<AccessOverride[]> {
    if (ids && (ids.length > 100 || ids.some((id) => !uuidSchema.safeParse(id).success)))
      throw new DomainError('INVALID_INPUT', 'ids are not override ids', {
        problems: [{ path: 'ids', message: 'at most 100 UUIDs' }],
      });
    const rows = await this.overrides.list(ctx.principal!, {
      unreviewedOnly,
      first: Math.min(first, MAX_PAGE),
      ...(ids ? { ids } : {}),
    });
    return rows.map((r) => AccessOverride.from(r));
  }

  @Query(() => AccessOverrideConnection, {
    description:
      'accessOverrides paged by cursor (unreviewed first, newest first, or in orderBy; a cursor belongs to its order), with totalCount and unreviewedCount counted over the whole list',
  })
  @Allow('case-manager', 'coordinator')
  async accessOverridePage(
    @Context() ctx: GqlContext,
    @Args('unreviewedOnly', { defaultValue: false }) unreviewedOnly: boolean,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('orderBy', { type: () => AccessOverrideOrderInput, nullable: true }) orderBy: AccessOverrideOrderInput | null,
  ): Promise<AccessOverrideConnection> {
    return AccessOverrideConnection.from(
      await this.overrides.page(ctx.principal!, { unreviewedOnly, first, after, order: orderBy ?? null }),
    );
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

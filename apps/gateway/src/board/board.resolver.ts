import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql';
import { BoardQueries } from '@kim/core';
import { Allow } from '../auth/allow.decorator.js';
import type { GqlContext } from '../common/context.js';
import { Barriers, BoardPeriodInput, StatusBoard } from './board.model.js';

@Resolver(() => StatusBoard)
export class BoardResolver {
  constructor(private readonly board: BoardQueries) {}

  @Query(() => StatusBoard, {
    description:
      'The status board of the area you supervise (operators: the whole Kreis, without areaId) for one calendar year, from aggregates the worker refreshes; small counts suppressed',
  })
  @Allow('coordinator', 'operator')
  async statusBoard(
    @Context() ctx: GqlContext,
    @Args('areaId', { type: () => ID, nullable: true }) areaId?: string | null,
    @Args('period', { type: () => BoardPeriodInput, nullable: true }) period?: BoardPeriodInput | null,
  ): Promise<StatusBoard> {
    return this.board.statusBoard(ctx.principal!, areaId, period);
  }

  @Query(() => Barriers, {
    description: 'Rejection reasons, unmet needs, double funding and duplicate course certificates in your area',
  })
  @Allow('coordinator', 'operator')
  async barriers(
    @Context() ctx: GqlContext,
    @Args('areaId', { type: () => ID, nullable: true }) areaId?: string | null,
    @Args('period', { type: () => BoardPeriodInput, nullable: true }) period?: BoardPeriodInput | null,
  ): Promise<Barriers> {
    return this.board.barriers(ctx.principal!, areaId, period);
  }
}

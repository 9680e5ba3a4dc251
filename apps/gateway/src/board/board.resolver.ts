import { Args, Context, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { BoardQueries, MilestoneQueries, orderCaseload, orderFlaggedCases } from '@kim/core';
import { Allow } from '../auth/allow.decorator.js';
import type { GqlContext } from '../common/context.js';
import {
  Barriers,
  BoardPeriodInput,
  CaseManagerLoad,
  CaseloadOrderInput,
  FlaggedCase,
  FlaggedCaseOrderInput,
  MilestoneFigures,
  StatusBoard,
} from './board.model.js';

@Resolver(() => StatusBoard)
export class BoardResolver {
  constructor(
    private readonly board: BoardQueries,
    private readonly milestoneQueries: MilestoneQueries,
  ) {}

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

  /**
   * Read only when asked for, from its own small view, for the board's own area and year: the
   * scope is checked again as for the board (a parent cannot be forged, but the rule stays in one place).
   */
  @ResolveField(() => MilestoneFigures, {
    description:
      'Persons per milestone on their path (B1 reached, integration course completed, livelihood secured, naturalised) per month of the period; small counts suppressed',
  })
  async milestones(@Context() ctx: GqlContext, @Parent() board: StatusBoard): Promise<MilestoneFigures> {
    return this.milestoneQueries.figures(ctx.principal!, board.areaId, board.period);
  }

  @ResolveField(() => [CaseManagerLoad], {
    description:
      'Open cases per case manager against their capacity, by name or in orderBy (sorted on the published figures: suppressed counts last)',
  })
  caseManagers(
    @Parent() board: StatusBoard,
    @Args('orderBy', { type: () => CaseloadOrderInput, nullable: true }) orderBy: CaseloadOrderInput | null,
  ): CaseManagerLoad[] {
    return orderBy ? orderCaseload(board.caseManagers, orderBy) : board.caseManagers;
  }
}

/** The barriers' lists a coordinator sorts. */
@Resolver(() => Barriers)
export class BarriersResolver {
  @ResolveField(() => [FlaggedCase], {
    description:
      'The flagged cases (double funding, duplicate course certificates, two open cases of one person), by kind or in orderBy; empty for operators',
  })
  flaggedCases(
    @Parent() barriers: Barriers,
    @Args('orderBy', { type: () => FlaggedCaseOrderInput, nullable: true }) orderBy: FlaggedCaseOrderInput | null,
  ): FlaggedCase[] {
    return orderBy ? orderFlaggedCases(barriers.flaggedCases, orderBy) : barriers.flaggedCases;
  }
}

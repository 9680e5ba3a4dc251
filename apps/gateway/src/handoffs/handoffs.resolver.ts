import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Query, Resolver } from '@nestjs/graphql';
import type { DataSource } from 'typeorm';
import { uuidSchema } from '@kim/contracts';
import { DomainError, handoffRuns } from '@kim/core';
import { Allow } from '../auth/allow.decorator.js';
import { DATA_SOURCE } from '../common/tokens.js';
import { MAX_PAGE } from '../common/input.js';
import type { GqlContext } from '../common/context.js';
import { HandoffKind, HandoffRun } from './handoff-run.model.js';

/** Run reports of the overnight file handoffs: what was exported, imported and refused. */
@Resolver(() => HandoffRun)
export class HandoffsResolver {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  @Query(() => [HandoffRun], { description: "Your tenant's file handoff runs, newest first" })
  @Allow('coordinator', 'operator')
  async handoffRuns(
    @Context() ctx: GqlContext,
    @Args('agencyId', { type: () => ID, nullable: true }) agencyId: string | null,
    @Args('kind', { type: () => HandoffKind, nullable: true }) kind: HandoffKind | null,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
  ): Promise<HandoffRun[]> {
    if (agencyId && !uuidSchema.safeParse(agencyId).success) {
      throw new DomainError('INVALID_INPUT', 'agencyId is not an agency id', {
        problems: [{ path: 'agencyId', message: 'expected a UUID' }],
      });
    }
    const rows = await handoffRuns(
      this.ds,
      ctx.principal!.tenantId,
      { agencyId: agencyId || null, kind: kind || null },
      Math.min(Math.max(first, 1), MAX_PAGE),
    );
    return rows.map((r) => HandoffRun.from(r));
  }
}

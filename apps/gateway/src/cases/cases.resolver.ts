import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CaseCommands, DomainError } from '@kim/core';
import { Allow } from '../auth/allow.decorator.js';
import { MAX_PAGE, withoutNulls } from '../common/input.js';
import type { GqlContext } from '../common/context.js';
import { CasePhase } from '../common/enums.js';
import { Referral } from '../referrals/referral.model.js';
import { Case, CaseConnection, Goal, Need, Plan, Region, StaffMember, TimelineEvent } from './case.model.js';
import { Person } from './person.model.js';
import { CaseFilterInput, CaseOrderInput, GoalInput, OpenCaseInput } from './dto/case.inputs.js';
import { CaseAccessService } from './case-access.service.js';
import { MatchRequestPublisher } from '../queue/match-request-publisher.service.js';

/** Cases over GraphQL. What a caller sees is the access policy's answer (@kim/core access/); this only translates. */
@Resolver(() => Case)
export class CasesResolver {
  constructor(
    private readonly commands: CaseCommands,
    private readonly access: CaseAccessService,
    private readonly matches: MatchRequestPublisher,
  ) {}

  @Query(() => Case, { description: 'One case with its person, plan, referrals and merged timeline' })
  @Allow('case-manager', 'coordinator', 'agency')
  async case(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext): Promise<Case> {
    const row = await this.access.reads.caseFor(ctx.principal!, id, this.access.context(ctx));
    // The person came with the case: its loader need not read it again (the person field still
    // asks the policy what the caller sees of it).
    if (row.person) ctx.loaders.person.prime(row.personId, row.person);
    return Case.fromRow(row);
  }

  @Query(() => CaseConnection, {
    description: 'Cases you may see, newest first or in orderBy (Relay connection; a cursor belongs to its order)',
  })
  @Allow('case-manager', 'coordinator', 'agency')
  async cases(
    @Context() ctx: GqlContext,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('filter', { type: () => CaseFilterInput, nullable: true }) filter?: CaseFilterInput | null,
    @Args('orderBy', { type: () => CaseOrderInput, nullable: true }) orderBy?: CaseOrderInput | null,
  ): Promise<CaseConnection> {
    if (first < 1 || first > MAX_PAGE) {
      throw new DomainError('INVALID_INPUT', `first must be between 1 and ${MAX_PAGE}`, {
        problems: [{ path: 'first', message: `between 1 and ${MAX_PAGE}` }],
      });
    }
    const page = await this.access.reads.cases(
      ctx.principal!,
      withoutNulls(filter ?? {}),
      first,
      after,
      this.access.context(ctx),
      orderBy ?? undefined,
    );
    const edges = page.items.map((c) => ({
      cursor: c.cursor,
      node: Case.from(c),
    }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor } };
  }

  @Mutation(() => Case, { description: 'Intake: open a case for a person' })
  @Allow('case-manager', 'coordinator')
  async openCase(@Args('input') input: OpenCaseInput, @Context() ctx: GqlContext): Promise<Case> {
    const opened = await this.commands.open(ctx.principal!, withoutNulls(input), ctx.traceId);
    // Matching runs in the worker after the commit; the answer does not wait for the queue.
    if (opened.match) void this.matches.publish(opened.match);
    return Case.from(opened.case);
  }

  @Mutation(() => Case, { description: 'Move a case to the next phase of the cycle' })
  @Allow('case-manager', 'coordinator')
  async moveCasePhase(
    @Args('caseId', { type: () => ID }) caseId: string,
    @Args('phase', { type: () => CasePhase }) phase: CasePhase,
    @Context() ctx: GqlContext,
  ): Promise<Case> {
    return Case.from(await this.commands.movePhase(ctx.principal!, caseId, phase));
  }

  @Mutation(() => Goal, { description: 'Add a goal to the integration plan' })
  @Allow('case-manager', 'coordinator')
  async addGoal(
    @Args('caseId', { type: () => ID }) caseId: string,
    @Args('input') input: GoalInput,
    @Context() ctx: GqlContext,
  ): Promise<Goal> {
    return Goal.from(await this.commands.addGoal(ctx.principal!, caseId, withoutNulls(input)));
  }

  @ResolveField(() => Person)
  async person(@Parent() c: Case, @Context() ctx: GqlContext): Promise<Person> {
    const [person, identifiers] = await Promise.all([
      ctx.loaders.person.load(c.personId),
      ctx.loaders.identifiersByPerson.load(c.personId),
    ]);
    const view = await this.access.reads.person(ctx.principal!, c, identifiers, this.access.context(ctx));
    return Person.view(person!, view.identifiers ?? [], view.categories);
  }

  @ResolveField(() => StaffMember)
  async caseManager(@Parent() c: Case, @Context() ctx: GqlContext): Promise<StaffMember> {
    return StaffMember.from((await ctx.loaders.staff.load(c.caseManagerId))!);
  }

  @ResolveField(() => Region)
  async region(@Parent() c: Case, @Context() ctx: GqlContext): Promise<Region> {
    return Region.from((await ctx.loaders.region.load(c.regionId))!);
  }

  @ResolveField(() => [Need], { description: 'Staff only; empty for agencies' })
  async needs(@Parent() c: Case, @Context() ctx: GqlContext): Promise<Need[]> {
    const rows = await this.access.reads.needs(ctx.principal!, () => ctx.loaders.needsByCase.load(c.id));
    return rows.map((row) => Need.from(row));
  }

  @ResolveField(() => Plan, { nullable: true, description: 'Staff only; null for agencies' })
  async plan(@Parent() c: Case, @Context() ctx: GqlContext): Promise<Plan | null> {
    const goals = await this.access.reads.plan(ctx.principal!, () => ctx.loaders.goalsByCase.load(c.id));
    return goals && { goals: goals.map((row) => Goal.from(row)) };
  }

  @ResolveField(() => [Referral], { description: 'Staff: all, drafts included; an agency: its own sent referrals' })
  async referrals(@Parent() c: Case, @Context() ctx: GqlContext): Promise<Referral[]> {
    const rows = await this.access.reads.referrals(ctx.principal!, c, this.access.context(ctx));
    return rows.map((row) => Referral.from(row, c.personId));
  }

  @ResolveField(() => [TimelineEvent], {
    description:
      'Merged cross-agency timeline, oldest first; an agency sees the events of its own referrals since sent',
  })
  async timeline(@Parent() c: Case, @Context() ctx: GqlContext): Promise<TimelineEvent[]> {
    const rows = await ctx.loaders.timelineByCase.load(c.id);
    const shown = await this.access.reads.timeline(ctx.principal!, c, rows, this.access.context(ctx));
    return shown.map((row) => TimelineEvent.from(row));
  }
}

import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { DataSource } from 'typeorm';
import { CaseCommands, DomainError, HubQueries, audit } from '@kim/core';
import { Allow } from '../auth/allow.decorator.js';
import { DATA_SOURCE } from '../common/tokens.js';
import { MAX_PAGE, withoutNulls } from '../common/input.js';
import type { GqlContext } from '../common/context.js';
import { CasePhase } from '../common/enums.js';
import { Referral } from '../referrals/referral.model.js';
import { Case, CaseConnection, Goal, Need, Plan, Region, StaffMember, TimelineEvent } from './case.model.js';
import { Person } from './person.model.js';
import { CaseFilterInput, GoalInput, OpenCaseInput } from './dto/case.inputs.js';
import { CaseAccessService } from './case-access.service.js';

@Resolver(() => Case)
export class CasesResolver {
  private readonly commands: CaseCommands;
  private readonly queries: HubQueries;

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    private readonly access: CaseAccessService,
  ) {
    this.commands = new CaseCommands(ds);
    this.queries = new HubQueries(ds);
  }

  @Query(() => Case, { description: 'One case with its person, plan, referrals and merged timeline' })
  @Allow('case-manager', 'coordinator', 'agency')
  async case(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext): Promise<Case> {
    return Case.fromRow(await this.access.assertMaySee(ctx.principal!, id, ctx.loaders));
  }

  @Query(() => CaseConnection, { description: 'Cases you may see, newest first (Relay connection)' })
  @Allow('case-manager', 'coordinator', 'agency')
  async cases(
    @Context() ctx: GqlContext,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('filter', { type: () => CaseFilterInput, nullable: true }) filter?: CaseFilterInput | null,
  ): Promise<CaseConnection> {
    if (first < 1 || first > MAX_PAGE) {
      throw new DomainError('INVALID_INPUT', `first must be between 1 and ${MAX_PAGE}`, {
        problems: [{ path: 'first', message: `between 1 and ${MAX_PAGE}` }],
      });
    }
    let page;
    try {
      page = await this.queries.cases(ctx.principal!, withoutNulls(filter ?? {}), first, after);
    } catch (e) {
      if (e instanceof Error && e.message === 'invalid cursor') {
        throw new DomainError('INVALID_INPUT', 'after is not a cursor this API gave out', {
          problems: [{ path: 'after', message: 'invalid cursor' }],
        });
      }
      throw e;
    }
    const edges = page.items.map((c) => ({
      cursor: Buffer.from(`${c.openedAt.toISOString()}|${c.id}`).toString('base64url'),
      node: Case.from(c),
    }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor } };
  }

  @Mutation(() => Case, { description: 'Intake: open a case for a person' })
  @Allow('case-manager', 'coordinator')
  async openCase(@Args('input') input: OpenCaseInput, @Context() ctx: GqlContext): Promise<Case> {
    return Case.from(await this.commands.open(ctx.principal!, withoutNulls(input)));
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
    const p = ctx.principal!;
    const [person, identifiers, visible] = await Promise.all([
      ctx.loaders.person.load(c.personId),
      ctx.loaders.identifiersByPerson.load(c.personId),
      this.access.visibleCategories(p, c.personId, ctx),
    ]);
    if (p.kind === 'agency') {
      // Every read of personal data by a partner agency goes into the ledger.
      await this.ds.transaction((m) =>
        audit(m, p, {
          action: 'person.read',
          subjectType: 'person',
          subjectId: c.personId,
          categories: visible.categories,
          basis: visible.basis.join(',') || null,
          allowed: visible.categories.length > 0,
          personId: c.personId,
          agencyId: p.agencyId,
          reason: visible.categories.length > 0 ? null : 'no consent covers any category',
        }),
      );
    }
    return Person.view(person!, identifiers, visible.categories);
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
    if (ctx.principal!.kind !== 'staff') return [];
    return (await ctx.loaders.needsByCase.load(c.id)).map((row) => Need.from(row));
  }

  @ResolveField(() => Plan, { nullable: true, description: 'Staff only; null for agencies' })
  async plan(@Parent() c: Case, @Context() ctx: GqlContext): Promise<Plan | null> {
    if (ctx.principal!.kind !== 'staff') return null;
    return { goals: (await ctx.loaders.goalsByCase.load(c.id)).map((row) => Goal.from(row)) };
  }

  @ResolveField(() => [Referral], { description: 'An agency sees only its own referrals' })
  async referrals(@Parent() c: Case, @Context() ctx: GqlContext): Promise<Referral[]> {
    const p = ctx.principal!;
    const rows = await ctx.loaders.referralsByCase.load(c.id);
    return rows
      .filter((r) => p.kind !== 'agency' || (r.agencyId === p.agencyId && r.status !== 'draft'))
      .map((row) => Referral.from(row));
  }

  @ResolveField(() => [TimelineEvent], { description: 'Merged cross-agency timeline, oldest first' })
  async timeline(@Parent() c: Case, @Context() ctx: GqlContext): Promise<TimelineEvent[]> {
    const p = ctx.principal!;
    let rows = await ctx.loaders.timelineByCase.load(c.id);
    if (p.kind === 'agency') {
      const mine = new Set(
        (await ctx.loaders.referralsByCase.load(c.id)).filter((r) => r.agencyId === p.agencyId).map((r) => r.id),
      );
      rows = rows.filter((e) => e.referralId !== null && mine.has(e.referralId));
    }
    return rows.map((row) => TimelineEvent.from(row));
  }
}

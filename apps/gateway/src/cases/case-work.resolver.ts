import { Args, Context, Field, ID, InputType, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CaseWork } from '@kim/core';
import { Allow } from '../auth/allow.decorator.js';
import { withoutNulls } from '../common/input.js';
import type { GqlContext } from '../common/context.js';
import { BirthDatePrecision } from '../common/enums.js';
import { Case, Goal, Region, StaffMember } from './case.model.js';
import { NameInput } from './dto/case.inputs.js';

// Shapes only; the rules (dates, codes, lengths, at least one field) are the contracts' schemas.

@InputType({ description: 'Only the fields given change; birthDate and birthDatePrecision come together' })
export class PersonUpdateInput {
  @Field(() => NameInput, { nullable: true }) name?: NameInput;
  @Field({ nullable: true, description: 'ISO date; a placeholder is 01.01. of the year' }) birthDate?: string;
  @Field(() => BirthDatePrecision, { nullable: true, description: 'UNKNOWN clears the birth date' })
  birthDatePrecision?: string;
  @Field({ nullable: true, description: 'female, male, diverse or unknown' }) sex?: string;
  @Field({ nullable: true, description: 'ISO 3166-1 alpha-3' }) nationality?: string;
  @Field(() => [String], { nullable: true, description: 'ISO 639 codes (replaces the list)' }) languages?: string[];
  @Field({ nullable: true }) residenceStatus?: string;
  @Field({ nullable: true }) municipality?: string;
  @Field({ nullable: true }) arrivalDate?: string;
}

@InputType()
export class GoalUpdateInput {
  @Field({ nullable: true, description: 'open, in-progress, achieved or dropped' }) status?: string;
  @Field({ nullable: true }) description?: string;
  @Field({ nullable: true }) targetDate?: string;
}

@InputType()
export class HandOverCaseInput {
  @Field(() => ID) caseId!: string;
  @Field(() => ID, { description: 'A case manager of the same regional area' }) toCaseManagerId!: string;
  @Field({ nullable: true, description: 'Why (at most 500 characters); on the timeline' }) note?: string;
}

/** A case manager's work on a case after intake. The rules and the access check are @kim/core's CaseWork. */
@Resolver()
export class CaseWorkResolver {
  constructor(private readonly work: CaseWork) {}

  @Mutation(() => Case, { description: "Correct the person's data of a case (audited: the ledger names the fields)" })
  @Allow('case-manager', 'coordinator')
  async updatePerson(
    @Args('caseId', { type: () => ID }) caseId: string,
    @Args('input') input: PersonUpdateInput,
    @Context() ctx: GqlContext,
  ): Promise<Case> {
    await this.work.updatePerson(ctx.principal!, caseId, withoutNulls({ ...input }));
    return this.caseRow(ctx, caseId);
  }

  @Mutation(() => Case, { description: "A note on the case's timeline (at most 1,000 characters; staff only)" })
  @Allow('case-manager', 'coordinator')
  async addCaseNote(
    @Args('caseId', { type: () => ID }) caseId: string,
    @Args('note') note: string,
    @Context() ctx: GqlContext,
  ): Promise<Case> {
    await this.work.addNote(ctx.principal!, caseId, note);
    return this.caseRow(ctx, caseId);
  }

  @Mutation(() => Goal, { description: "Change a goal's status, wording or target date" })
  @Allow('case-manager', 'coordinator')
  async updateGoal(
    @Args('goalId', { type: () => ID }) goalId: string,
    @Args('input') input: GoalUpdateInput,
    @Context() ctx: GqlContext,
  ): Promise<Goal> {
    return Goal.from(await this.work.updateGoal(ctx.principal!, goalId, withoutNulls({ ...input })));
  }

  @Mutation(() => Case, {
    description:
      'Hand the case to another case manager of its regional area; anyone else (another area, not a case manager, unknown) is NOT_FOUND',
  })
  @Allow('case-manager', 'coordinator')
  async handOverCase(@Args('input') input: HandOverCaseInput, @Context() ctx: GqlContext): Promise<Case> {
    const c = await this.work.handOver(ctx.principal!, withoutNulls({ ...input }));
    return this.caseRow(ctx, c.id);
  }

  @Query(() => [StaffMember], {
    description: "The case managers of a case's regional area who could take it over (the current one excluded)",
  })
  @Allow('case-manager', 'coordinator')
  async handOverCandidates(
    @Args('caseId', { type: () => ID }) caseId: string,
    @Context() ctx: GqlContext,
  ): Promise<StaffMember[]> {
    const staff = await this.work.handOverCandidates(ctx.principal!, caseId);
    return staff.map((s) => StaffMember.from(s));
  }

  @Query(() => [Region], {
    description:
      'The regional areas you may open a case in: a case manager their own, a coordinator those of the area they supervise',
  })
  @Allow('case-manager', 'coordinator')
  async intakeRegions(@Context() ctx: GqlContext): Promise<Region[]> {
    const rows = await this.work.intakeRegions(ctx.principal!);
    return rows.map((r) => Region.from(r));
  }

  private async caseRow(ctx: GqlContext, caseId: string): Promise<Case> {
    return Case.fromRow(await this.work.caseFor(ctx.principal!, caseId));
  }
}

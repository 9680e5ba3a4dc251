import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import {
  AchievementCommands,
  DossierCommands,
  RESIDENCE_ROUTES,
  berlinDay,
  evaluateRoutes,
  factsOf,
  seesAchievements,
} from '@kim/core';
import { Allow } from '../auth/allow.decorator.js';
import { withoutNulls } from '../common/input.js';
import type { GqlContext } from '../common/context.js';
import { Case } from '../cases/case.model.js';
import { CaseAccessService } from '../cases/case-access.service.js';
import { Achievement } from './achievement.model.js';
import { ResidenceRoute } from './residence-route.model.js';
import { Dossier, SendDossierInput } from './dossier.model.js';
import { AchievementEvidenceInput, AchievementInput } from './achievement.inputs.js';

/** Achievements over GraphQL: the rules and the access check are @kim/core's AchievementCommands and the access policy. */
@Resolver(() => Case)
export class AchievementsResolver {
  constructor(
    private readonly commands: AchievementCommands,
    private readonly dossierCommands: DossierCommands,
    private readonly access: CaseAccessService,
  ) {}

  @ResolveField(() => [Achievement], {
    description: 'Integration achievements, corrected ones included (supersededAt set): staff only; empty for agencies',
  })
  async achievements(@Parent() c: Case, @Context() ctx: GqlContext): Promise<Achievement[]> {
    const rows = await this.access.reads.achievements(ctx.principal!, () => ctx.loaders.achievementsByCase.load(c.id));
    return rows.map((r) => Achievement.from(r));
  }

  @ResolveField(() => [ResidenceRoute], {
    description:
      'For each route to a secure residence (§ 25a, § 25b, § 60d AufenthG, § 10 StAG), which facts the hub holds evidence for: information only, the authority decides. Staff only; empty for agencies',
  })
  async residenceRoutes(@Parent() c: Case, @Context() ctx: GqlContext): Promise<ResidenceRoute[]> {
    // The evaluation reads the person's arrival and birth dates too: for those who see achievements only.
    if (!seesAchievements(ctx.principal!)) return [];
    const rows = await this.access.reads.achievements(ctx.principal!, () => ctx.loaders.achievementsByCase.load(c.id));
    const person = (await ctx.loaders.person.load(c.personId))!;
    const current = rows.filter((r) => r.supersededAt === null).map((r) => ({ id: r.id, facts: factsOf(r) }));
    return evaluateRoutes(RESIDENCE_ROUTES, person, current, berlinDay(new Date())).map((r) => ResidenceRoute.from(r));
  }

  @ResolveField(() => [Dossier], { description: 'Dossiers sent from this case: staff only; empty for agencies' })
  async dossiers(@Parent() c: Case, @Context() ctx: GqlContext): Promise<Dossier[]> {
    // The case was granted above (ordinary access or a break-glass override): no second check here.
    const rows = await this.access.reads.achievements(ctx.principal!, () => ctx.loaders.dossiersByCase.load(c.id));
    return rows.map((d) => Dossier.from(d));
  }

  @Mutation(() => Dossier, {
    description:
      "Send a dossier of chosen achievements to the foreigners' or naturalisation authority: only under the person's consent naming it, for case coordination, covering education and work (checked now and again at send time)",
  })
  @Allow('case-manager', 'coordinator')
  async sendDossier(@Args('input') input: SendDossierInput, @Context() ctx: GqlContext): Promise<Dossier> {
    const row = await this.dossierCommands.send(ctx.principal!, withoutNulls({ ...input }), ctx.traceId);
    return Dossier.from({ ...row, deliveryState: 'queued' });
  }

  @Mutation(() => Achievement, { description: 'Record an achievement with the evidence seen (audited)' })
  @Allow('case-manager', 'coordinator')
  async recordAchievement(
    @Args('caseId', { type: () => ID }) caseId: string,
    @Args('achievement') achievement: AchievementInput,
    @Args('evidence') evidence: AchievementEvidenceInput,
    @Context() ctx: GqlContext,
  ): Promise<Achievement> {
    const row = await this.commands.record(
      ctx.principal!,
      caseId,
      withoutNulls({ achievement: { ...achievement }, evidence: { ...evidence } }),
    );
    return Achievement.from(row);
  }

  @Mutation(() => Achievement, {
    description: 'Correct an achievement: a new one replaces it, the old one is kept and marked superseded (audited)',
  })
  @Allow('case-manager', 'coordinator')
  async correctAchievement(
    @Args('achievementId', { type: () => ID }) achievementId: string,
    @Args('achievement') achievement: AchievementInput,
    @Args('evidence') evidence: AchievementEvidenceInput,
    @Args('reason', { description: 'Why the old facts were wrong (at most 500 characters)' }) reason: string,
    @Context() ctx: GqlContext,
  ): Promise<Achievement> {
    const row = await this.commands.correct(
      ctx.principal!,
      achievementId,
      withoutNulls({ achievement: { ...achievement }, evidence: { ...evidence }, reason }),
    );
    return Achievement.from(row);
  }
}

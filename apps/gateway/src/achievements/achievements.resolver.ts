import { Args, Context, Field, ID, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
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
import { CaseAccessService } from '../cases/case-access.service.js';
import { Achievement } from './achievement.model.js';
import { ResidenceRoute } from './residence-route.model.js';
import { Dossier, SendDossierInput } from './dossier.model.js';
import { AchievementEvidenceInput, AchievementInput } from './achievement.inputs.js';

@ObjectType({
  description: "The person's path on one case: information for the person and the case manager; the authority decides",
})
export class PersonPath {
  @Field(() => ID) caseId!: string;
  @Field(() => [Achievement], { description: 'Corrected ones included (supersededAt set)' })
  achievements!: Achievement[];
  @Field(() => [ResidenceRoute], {
    description: 'For § 25a, § 25b, § 60d AufenthG and § 10 StAG: which facts the hub holds evidence for',
  })
  residenceRoutes!: ResidenceRoute[];
  @Field(() => [Dossier], { description: 'Dossiers sent from this case, with the delivery state of each' })
  dossiers!: Dossier[];
}

/** Achievements over GraphQL: the rules and the access check are @kim/core's AchievementCommands and the access policy. */
@Resolver()
export class AchievementsResolver {
  constructor(
    private readonly commands: AchievementCommands,
    private readonly dossierCommands: DossierCommands,
    private readonly access: CaseAccessService,
  ) {}

  @Query(() => PersonPath, {
    description:
      "The person's path on one case (issue 19): achievements, routes to a secure residence, dossiers. Staff who may read the case (an override opens it); a query of its own, not a field of Case, so that case lists stay cheap",
  })
  @Allow('case-manager', 'coordinator')
  async personPath(
    @Args('caseId', { type: () => ID }) caseId: string,
    @Context() ctx: GqlContext,
  ): Promise<PersonPath> {
    const p = ctx.principal!;
    const c = await this.access.reads.caseFor(p, caseId, this.access.context(ctx));
    const achievements = await this.access.reads.achievements(p, () => ctx.loaders.achievementsByCase.load(c.id));
    const dossiers = await this.access.reads.achievements(p, () => ctx.loaders.dossiersByCase.load(c.id));
    // The evaluation reads the person's arrival and birth dates too: for those who see achievements only.
    const routes = seesAchievements(p)
      ? evaluateRoutes(
          RESIDENCE_ROUTES,
          (await ctx.loaders.person.load(c.personId))!,
          achievements.filter((r) => r.supersededAt === null).map((r) => ({ id: r.id, facts: factsOf(r) })),
          berlinDay(new Date()),
        )
      : [];
    return Object.assign(new PersonPath(), {
      caseId: c.id,
      achievements: achievements.map((r) => Achievement.from(r)),
      residenceRoutes: routes.map((r) => ResidenceRoute.from(r)),
      dossiers: dossiers.map((d) => Dossier.from(d)),
    });
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

import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { DataSource } from 'typeorm';
import { ConsentCommands, seesConsents } from '@kim/core';
import { Allow } from '../auth/allow.decorator.js';
import { DATA_SOURCE } from '../common/tokens.js';
import { withoutNulls } from '../common/input.js';
import type { GqlContext } from '../common/context.js';
import { Case } from '../cases/case.model.js';
import { Consent, LegalBasis } from './consent.model.js';
import { OutboxPublisher } from '../queue/outbox-publisher.service.js';
import { RecordConsentInput, RecordLegalBasisInput } from './dto/consent.inputs.js';

@Resolver(() => Consent)
export class ConsentsResolver {
  private readonly commands: ConsentCommands;

  constructor(
    @Inject(DATA_SOURCE) ds: DataSource,
    private readonly publisher: OutboxPublisher,
  ) {
    this.commands = new ConsentCommands(ds);
  }

  @Mutation(() => Consent, { description: "Record the person's consent, with its evidence" })
  @Allow('case-manager', 'coordinator')
  async recordConsent(@Args('input') input: RecordConsentInput, @Context() ctx: GqlContext): Promise<Consent> {
    return Consent.from(await this.commands.record(ctx.principal!, withoutNulls(input)));
  }

  @Mutation(() => Consent, {
    description:
      'Revoke a consent (Widerruf). Takes effect at once: waiting messages are suppressed, open referrals it covered are cancelled, and the agency that received data is told',
  })
  @Allow('case-manager', 'coordinator')
  async revokeConsent(
    @Args('consentId', { type: () => ID }) consentId: string,
    @Context() ctx: GqlContext,
  ): Promise<Consent> {
    const result = await this.commands.revoke(ctx.principal!, consentId, ctx.traceId);
    for (const notice of result.notices) await this.publisher.publish({ ...notice, replays: 0 });
    return Consent.from(result.consent);
  }
}

@Resolver(() => LegalBasis)
export class LegalBasesResolver {
  private readonly commands: ConsentCommands;

  constructor(@Inject(DATA_SOURCE) ds: DataSource) {
    this.commands = new ConsentCommands(ds);
  }

  @Mutation(() => LegalBasis, {
    description: 'Record a statutory legal basis for disclosure to an agency (coordinators)',
  })
  @Allow('coordinator')
  async recordLegalBasis(@Args('input') input: RecordLegalBasisInput, @Context() ctx: GqlContext): Promise<LegalBasis> {
    return LegalBasis.from(await this.commands.recordLegalBasis(ctx.principal!, withoutNulls(input)));
  }

  @Mutation(() => Boolean, {
    description: 'The person asked not to be contacted by agencies; referrals are then refused',
  })
  @Allow('case-manager', 'coordinator')
  async setDoNotContact(
    @Args('caseId', { type: () => ID }) caseId: string,
    @Args('doNotContact') doNotContact: boolean,
    @Context() ctx: GqlContext,
  ): Promise<boolean> {
    return (await this.commands.setDoNotContact(ctx.principal!, caseId, doNotContact)).doNotContact;
  }
}

@Resolver(() => Case)
export class CaseConsentsResolver {
  @ResolveField(() => [Consent], { description: 'Staff only; empty for agencies' })
  async consents(@Parent() c: Case, @Context() ctx: GqlContext): Promise<Consent[]> {
    if (!seesConsents(ctx.principal!)) return [];
    return (await ctx.loaders.consentsByPerson.load(c.personId))
      .filter((x) => x.caseId === c.id)
      .map((row) => Consent.from(row));
  }
}

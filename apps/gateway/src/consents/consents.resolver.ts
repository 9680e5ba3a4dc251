import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { LEGAL_NORMS, citationOf } from '@kim/consent';
import { ConsentCommands, LegalBasisCommands } from '@kim/core';
import { Allow } from '../auth/allow.decorator.js';
import { MAX_PAGE, withoutNulls } from '../common/input.js';
import { LegalBasisStatus } from '../common/enums.js';
import type { GqlContext } from '../common/context.js';
import { Case } from '../cases/case.model.js';
import { CaseAccessService } from '../cases/case-access.service.js';
import { Consent, LegalBasis, LegalNorm } from './consent.model.js';
import { RecordConsentInput, RecordLegalBasisInput, ReviewLegalBasisInput } from './dto/consent.inputs.js';

@Resolver(() => Consent)
export class ConsentsResolver {
  constructor(private readonly commands: ConsentCommands) {}

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
    return Consent.from((await this.commands.revoke(ctx.principal!, consentId, ctx.traceId)).consent);
  }
}

@Resolver(() => LegalBasis)
export class LegalBasesResolver {
  constructor(
    private readonly commands: ConsentCommands,
    private readonly bases: LegalBasisCommands,
  ) {}

  @Mutation(() => LegalBasis, {
    description:
      'Record a statutory legal basis for disclosure to an agency, for one case of your area or your coordination area, on a listed norm (coordinators). It takes effect once a second coordinator confirms it',
  })
  @Allow('coordinator')
  async recordLegalBasis(@Args('input') input: RecordLegalBasisInput, @Context() ctx: GqlContext): Promise<LegalBasis> {
    return LegalBasis.from(await this.bases.record(ctx.principal!, withoutNulls(input)));
  }

  @Mutation(() => LegalBasis, {
    description:
      'Confirm a legal basis another coordinator of your area recorded (four eyes; it takes effect), or reject it with a note',
  })
  @Allow('coordinator')
  async reviewLegalBasis(@Args('input') input: ReviewLegalBasisInput, @Context() ctx: GqlContext): Promise<LegalBasis> {
    return LegalBasis.from(await this.bases.review(ctx.principal!, withoutNulls(input)));
  }

  @Query(() => [LegalBasis], {
    description: 'Coordinators: the legal bases of the area you supervise (its cases and the area), pending first',
  })
  @Allow('coordinator')
  async legalBases(
    @Context() ctx: GqlContext,
    @Args('status', { type: () => LegalBasisStatus, nullable: true }) status: string | null,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
  ): Promise<LegalBasis[]> {
    const rows = await this.bases.list(ctx.principal!, {
      ...(status ? { status } : {}),
      first: Math.min(first, MAX_PAGE),
    });
    return rows.map((r) => LegalBasis.from(r));
  }

  @Query(() => [LegalNorm], { description: 'The norms the hub accepts as legal bases' })
  @Allow('case-manager', 'coordinator')
  legalNorms(): LegalNorm[] {
    return LEGAL_NORMS.map((n) => LegalNorm.from(n, citationOf(n)));
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
  constructor(private readonly access: CaseAccessService) {}

  @ResolveField(() => [Consent], { description: 'Staff only; empty for agencies' })
  async consents(@Parent() c: Case, @Context() ctx: GqlContext): Promise<Consent[]> {
    const rows = await this.access.reads.consents(ctx.principal!, c, this.access.context(ctx));
    return rows.map((row) => Consent.from(row));
  }
}

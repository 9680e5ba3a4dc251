import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ReferralCommands } from '@kim/core';
import { Allow } from '../auth/allow.decorator.js';
import { withoutNulls } from '../common/input.js';
import type { GqlContext } from '../common/context.js';
import { DeliveryState } from '../common/enums.js';
import { Agency, Service } from '../agencies/agency.model.js';
import { Referral } from './referral.model.js';
import { CaseAccessService } from '../cases/case-access.service.js';
import { CreateReferralInput } from './dto/referral.inputs.js';

@Resolver(() => Referral)
export class ReferralsResolver {
  constructor(
    private readonly commands: ReferralCommands,
    private readonly access: CaseAccessService,
  ) {}

  @Mutation(() => Referral, { description: 'Draft a referral; nothing leaves the hub until it is sent' })
  @Allow('case-manager', 'coordinator')
  async createReferral(@Args('input') input: CreateReferralInput, @Context() ctx: GqlContext): Promise<Referral> {
    const row = await this.commands.create(ctx.principal!, withoutNulls(input));
    return Referral.from(row).withNoteWarning((await ctx.loaders.agency.load(row.agencyId))?.name ?? row.agencyId);
  }

  @Mutation(() => Referral, {
    description:
      'Send a drafted referral to the agency; refused unless consent covers recipient, purpose and categories',
  })
  @Allow('case-manager', 'coordinator')
  async sendReferral(
    @Args('referralId', { type: () => ID }) referralId: string,
    @Context() ctx: GqlContext,
  ): Promise<Referral> {
    const { referral, agency } = await this.commands.send(ctx.principal!, referralId, ctx.traceId);
    // The agency the send read, for this request's loader: its fields resolve without reading it again.
    ctx.loaders.agency.prime(agency.id, agency);
    return Referral.from(referral).withNoteWarning(agency.name);
  }

  @Mutation(() => Referral, { description: 'Cancel a referral; an agency that received it is told' })
  @Allow('case-manager', 'coordinator')
  async cancelReferral(
    @Args('referralId', { type: () => ID }) referralId: string,
    @Args('reason') reason: string,
    @Context() ctx: GqlContext,
  ): Promise<Referral> {
    return Referral.from(await this.commands.cancel(ctx.principal!, referralId, reason, ctx.traceId));
  }

  @Mutation(() => Referral, {
    description:
      'Recall a sent referral the agency has not accepted or rejected yet (requested → cancelled); a request not yet delivered never goes out, an agency that received it is told. Refused (INVALID_TRANSITION, reason NOT_RECALLABLE) in any other status: a draft is discarded and a decided referral cancelled with cancelReferral',
  })
  @Allow('case-manager', 'coordinator')
  async recallReferral(
    @Args('referralId', { type: () => ID }) referralId: string,
    @Args('reason', { description: 'Why it is recalled; the agency and the timeline read it' }) reason: string,
    @Context() ctx: GqlContext,
  ): Promise<Referral> {
    return Referral.from(await this.commands.recall(ctx.principal!, referralId, reason, ctx.traceId));
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      "Free text from the case manager (at most 1,000 characters). It goes out with the referral's categories; an agency's view of it is recorded as a disclosure of them",
  })
  async note(@Parent() r: Referral, @Context() ctx: GqlContext): Promise<string | null> {
    return this.access.reads.note(ctx.principal!, r, this.access.context(ctx));
  }

  @ResolveField(() => Service)
  async service(@Parent() r: Referral, @Context() ctx: GqlContext): Promise<Service> {
    return Service.from((await ctx.loaders.service.load(r.serviceId))!);
  }

  @ResolveField(() => Agency)
  async agency(@Parent() r: Referral, @Context() ctx: GqlContext): Promise<Agency> {
    return Agency.from((await ctx.loaders.agency.load(r.agencyId))!);
  }

  @ResolveField(() => DeliveryState, { nullable: true, description: 'Delivery of the newest message about it' })
  async deliveryState(@Parent() r: Referral, @Context() ctx: GqlContext): Promise<string | null> {
    return ctx.loaders.deliveryByReferral.load(r.id);
  }
}

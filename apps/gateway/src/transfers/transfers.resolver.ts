import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { TransferCommands } from '@kim/core';
import { Allow } from '../auth/allow.decorator.js';
import { withoutNulls } from '../common/input.js';
import type { GqlContext } from '../common/context.js';
import {
  AcceptTransferInput,
  AcceptedTransferResult,
  DeclineTransferInput,
  IncomingTransfer,
  OfferTransferInput,
  OutgoingTransfer,
  TransferOption,
} from './transfer.model.js';

/** Moving a case to another Kreis (issue 19): the rules are @kim/core's TransferCommands. */
@Resolver()
export class TransfersResolver {
  constructor(private readonly commands: TransferCommands) {}

  @Query(() => [TransferOption], {
    description:
      'For a case you may work on: each Kreis of the hub that takes transfers, and whether a consent of the person covers moving there',
  })
  @Allow('case-manager', 'coordinator')
  async transferOptions(
    @Args('caseId', { type: () => ID }) caseId: string,
    @Context() ctx: GqlContext,
  ): Promise<TransferOption[]> {
    return (await this.commands.options(ctx.principal!, caseId)).map((o) => TransferOption.from(o));
  }

  @Query(() => [OutgoingTransfer], { description: 'The offers made for a case you may work on, newest first' })
  @Allow('case-manager', 'coordinator')
  async caseTransfers(
    @Args('caseId', { type: () => ID }) caseId: string,
    @Context() ctx: GqlContext,
  ): Promise<OutgoingTransfer[]> {
    return (await this.commands.ofCase(ctx.principal!, caseId)).map((r) => OutgoingTransfer.from(r));
  }

  @Query(() => [IncomingTransfer], {
    description:
      'Offers addressed to your Kreis (coordinators), newest first: nothing personal until accepted; each open one shown is recorded in both ledgers',
  })
  @Allow('coordinator')
  async incomingTransfers(@Context() ctx: GqlContext): Promise<IncomingTransfer[]> {
    return (await this.commands.incoming(ctx.principal!)).map((r) => IncomingTransfer.from(r));
  }

  @Mutation(() => OutgoingTransfer, {
    description:
      "Offer the case to another Kreis: only under the person's consent naming it for TRANSFER and every category (CONSENT_REQUIRED otherwise, and the other Kreis learns nothing)",
  })
  @Allow('case-manager', 'coordinator')
  async offerTransfer(@Args('input') input: OfferTransferInput, @Context() ctx: GqlContext): Promise<OutgoingTransfer> {
    return OutgoingTransfer.from(await this.commands.offer(ctx.principal!, withoutNulls({ ...input })));
  }

  @Mutation(() => OutgoingTransfer, { description: 'Take back an open offer of a case you may work on' })
  @Allow('case-manager', 'coordinator')
  async withdrawTransfer(
    @Args('transferId', { type: () => ID }) transferId: string,
    @Context() ctx: GqlContext,
  ): Promise<OutgoingTransfer> {
    return OutgoingTransfer.from(await this.commands.withdraw(ctx.principal!, transferId));
  }

  @Mutation(() => AcceptedTransferResult, {
    description:
      'Accept an offer addressed to your Kreis: a case opens in the regional area you assign, with the consented data; the sending case closes as moved',
  })
  @Allow('coordinator')
  async acceptTransfer(
    @Args('input') input: AcceptTransferInput,
    @Context() ctx: GqlContext,
  ): Promise<AcceptedTransferResult> {
    return AcceptedTransferResult.from(
      await this.commands.accept(ctx.principal!, withoutNulls({ ...input }), ctx.traceId),
    );
  }

  @Mutation(() => IncomingTransfer, { description: 'Decline an offer addressed to your Kreis, with a reason' })
  @Allow('coordinator')
  async declineTransfer(
    @Args('input') input: DeclineTransferInput,
    @Context() ctx: GqlContext,
  ): Promise<IncomingTransfer> {
    return IncomingTransfer.from(await this.commands.decline(ctx.principal!, { ...input }));
  }
}

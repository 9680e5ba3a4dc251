import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DeliveryState as DS, uuidSchema } from '@kim/contracts';
import { DomainError, OutboxDeadLetters } from '@kim/core';
import { Allow } from '../auth/allow.decorator.js';
import { MAX_PAGE } from '../common/input.js';
import type { GqlContext } from '../common/context.js';
import { DeliveryState } from '../common/enums.js';
import { Agency } from '../agencies/agency.model.js';
import { OutboundMessage, OutboundMessageOrderInput } from './message.model.js';
import { decodeMessageCursor, encodeMessageCursor } from './message-cursor.js';

function invalid(path: string, message: string, problem: string): DomainError {
  return new DomainError('INVALID_INPUT', message, { problems: [{ path, message: problem }] });
}

// How the cursors of an ordered page begin (base64url of '["message-order"').
const ORDERED_CURSOR = Buffer.from('["message-order"').toString('base64url').slice(0, 20);

const isDefaultCursor = (after: string) => {
  try {
    decodeMessageCursor(after);
    return true;
  } catch {
    return false;
  }
};

/**
 * The dead-letter place: messages that could not be delivered, with their error, for a person
 * to replay or discard. Operators for their tenant, coordinators for the cases of their area
 * (the tenant comes from the credential, and row-level security fences the reads as well).
 */
@Resolver(() => OutboundMessage)
export class MessagesResolver {
  constructor(private readonly deadLetters: OutboxDeadLetters) {}

  @Query(() => [OutboundMessage], {
    description:
      "Outbound messages in a delivery state, newest first or in orderBy (default: dead). Page on with `after` (the last message's cursor; a cursor belongs to its order).",
  })
  @Allow('operator', 'coordinator')
  async outboundMessages(
    @Context() ctx: GqlContext,
    @Args('state', { type: () => DeliveryState, defaultValue: DS.DEAD }) state: string,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('agencyId', { type: () => ID, nullable: true, description: 'Only messages to this agency' })
    agencyId: string | null,
    @Args('failing', {
      type: () => Boolean,
      nullable: true,
      description: 'Only messages with a failed attempt: with state QUEUED, those still being retried',
    })
    failing: boolean | null,
    @Args('after', {
      type: () => String,
      nullable: true,
      description: 'The cursor of the last message of the previous page',
    })
    after: string | null,
    @Args('orderBy', { type: () => OutboundMessageOrderInput, nullable: true })
    orderBy: OutboundMessageOrderInput | null,
  ): Promise<OutboundMessage[]> {
    if (first < 1 || first > MAX_PAGE) throw invalid('first', 'first is out of range', `1 to ${MAX_PAGE}`);
    if (agencyId && !uuidSchema.safeParse(agencyId).success)
      throw invalid('agencyId', 'agencyId is not an agency id', 'expected a UUID');
    if (orderBy) {
      if (after && isDefaultCursor(after))
        throw invalid(
          'after',
          'after was given out for another order of this list: start again without after',
          'cursor of another order',
        );
      const ordered = await this.deadLetters.orderedPage(ctx.principal!, {
        state: state as DS,
        agencyId: agencyId || null,
        failing: failing === true,
        order: orderBy,
        after,
        limit: first,
      });
      return ordered.map((e) => OutboundMessage.from(e, e.cursor));
    }
    if (after?.startsWith(ORDERED_CURSOR))
      throw invalid(
        'after',
        'after was given out for another order of this list: start again without after',
        'cursor of another order',
      );
    const cursor = after ? decodeMessageCursor(after) : null;
    const rows = await this.deadLetters.page(ctx.principal!, {
      state: state as DS,
      agencyId: agencyId || null,
      failing: failing === true,
      after: cursor,
      limit: first,
    });
    return rows.map((e) => OutboundMessage.from(e, encodeMessageCursor({ createdUs: e.createdUs, id: e.id })));
  }

  @ResolveField(() => Agency, { description: 'The agency the message is for' })
  async agency(@Parent() m: OutboundMessage, @Context() ctx: GqlContext): Promise<Agency> {
    return Agency.from((await ctx.loaders.agency.load(m.agencyId))!);
  }

  @Mutation(() => OutboundMessage, { description: 'Replay a dead message (audited)' })
  @Allow('operator', 'coordinator')
  async replayMessage(
    @Args('id', { type: () => ID }) id: string,
    @Context() ctx: GqlContext,
  ): Promise<OutboundMessage> {
    this.checkId(id);
    const item = await this.deadLetters.replay(ctx.principal!, id);
    return this.reload(item.tenantId, id);
  }

  @Mutation(() => OutboundMessage, {
    description:
      'Give up on a dead message, or on one still failing its retries: it is never delivered (nor replayed) afterwards. ' +
      'The reason is mandatory and goes into the audit ledger with who discarded it. Discarding it again changes nothing.',
  })
  @Allow('operator', 'coordinator')
  async discardMessage(
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String, description: 'Why it is not to be delivered (3 to 500 characters)' })
    reason: string,
    @Context() ctx: GqlContext,
  ): Promise<OutboundMessage> {
    this.checkId(id);
    const msg = await this.deadLetters.discard(ctx.principal!, id, reason);
    return this.reload(msg.tenantId, msg.id);
  }

  private checkId(id: string): void {
    if (!uuidSchema.safeParse(id).success) throw invalid('id', 'id is not a message id', 'expected a UUID');
  }

  private async reload(tenantId: string, id: string): Promise<OutboundMessage> {
    const e = await this.deadLetters.positioned(tenantId, id);
    return OutboundMessage.from(e, encodeMessageCursor({ createdUs: e.createdUs, id }));
  }
}

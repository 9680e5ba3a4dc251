import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { DataSource } from 'typeorm';
import { DeliveryState as DS } from '@kim/contracts';
import { OutboundDelivery } from '@kim/core';
import { OutboxMessageEntity } from '@kim/persistence';
import type { HubConfig } from '@kim/config';
import { Allow } from '../auth/allow.decorator.js';
import { DATA_SOURCE, HUB_CONFIG } from '../common/tokens.js';
import { MAX_PAGE } from '../common/input.js';
import type { GqlContext } from '../common/context.js';
import { DeliveryState } from '../common/enums.js';
import { OutboxPublisher } from '../queue/outbox-publisher.service.js';
import { OutboundMessage } from './message.model.js';

/** The dead-letter place: messages that could not be delivered, with their error, for a person to replay. */
@Resolver(() => OutboundMessage)
export class MessagesResolver {
  private readonly delivery: OutboundDelivery;

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(HUB_CONFIG) config: HubConfig,
    private readonly publisher: OutboxPublisher,
  ) {
    this.delivery = new OutboundDelivery(ds, config.HUB_SOURCE);
  }

  @Query(() => [OutboundMessage], {
    description: 'Outbound messages in a delivery state, newest first (default: dead)',
  })
  @Allow('operator', 'coordinator')
  async outboundMessages(
    @Context() ctx: GqlContext,
    @Args('state', { type: () => DeliveryState, defaultValue: DS.DEAD }) state: string,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
  ): Promise<OutboundMessage[]> {
    const rows = await this.ds.getRepository(OutboxMessageEntity).find({
      where: { tenantId: ctx.principal!.tenantId, deliveryState: state },
      order: { createdAt: 'DESC' },
      take: Math.min(Math.max(first, 1), MAX_PAGE),
    });
    return rows.map((row) => OutboundMessage.from(row));
  }

  @Mutation(() => OutboundMessage, { description: 'Replay a dead message (audited)' })
  @Allow('operator', 'coordinator')
  async replayMessage(
    @Args('id', { type: () => ID }) id: string,
    @Context() ctx: GqlContext,
  ): Promise<OutboundMessage> {
    const item = await this.delivery.replay(ctx.principal!, id);
    await this.publisher.publish(item);
    const row = await this.ds.getRepository(OutboxMessageEntity).findOneByOrFail({ tenantId: item.tenantId, id });
    return OutboundMessage.from(row);
  }
}

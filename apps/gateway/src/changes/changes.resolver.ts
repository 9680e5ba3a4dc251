import { Inject } from '@nestjs/common';
import { Args, Context, Int, Query, Resolver } from '@nestjs/graphql';
import type { DataSource } from 'typeorm';
import { DomainError, readChangeFeed } from '@kim/core';
import { Allow } from '../auth/allow.decorator.js';
import { DATA_SOURCE } from '../common/tokens.js';
import { MAX_PAGE } from '../common/input.js';
import type { GqlContext } from '../common/context.js';
import { ReferralChange, ReferralChangeConnection } from './change.model.js';

/**
 * Polling, for agencies that cannot receive webhooks (or want to catch up after an outage):
 * the same events the webhooks carry, as a feed with an opaque cursor.
 */
@Resolver(() => ReferralChange)
export class ChangesResolver {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  @Query(() => ReferralChangeConnection, {
    description:
      'Your referral events after a cursor, oldest first (without `after`: from the beginning). Poll with the last pageInfo.endCursor.',
  })
  @Allow('agency')
  async referralChanges(
    @Context() ctx: GqlContext,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
  ): Promise<ReferralChangeConnection> {
    const principal = ctx.principal!;
    if (principal.kind !== 'agency') throw new DomainError('FORBIDDEN', 'only agencies have a change feed');
    if (first < 1 || first > MAX_PAGE) {
      throw new DomainError('INVALID_INPUT', `first must be between 1 and ${MAX_PAGE}`, {
        problems: [{ path: 'first', message: `between 1 and ${MAX_PAGE}` }],
      });
    }
    const feed = await readChangeFeed(this.ds, principal, after, first);
    const edges = feed.edges.map(({ cursor, row: r }) => ({
      cursor,
      node: Object.assign(new ReferralChange(), {
        eventId: r.event_id,
        eventType: r.event_type,
        occurredAt: r.created_at,
        referralId: r.referral_id,
        caseId: r.case_id,
        consentId: r.consent_id,
        referralStatus: r.referral_status,
        deliveryState: r.delivery_state,
      }),
    }));
    return { edges, pageInfo: { hasNextPage: feed.hasNextPage, endCursor: feed.endCursor } };
  }
}

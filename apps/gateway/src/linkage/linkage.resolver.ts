import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { LinkageCommands, type LinkDecision } from '@kim/core';
import { Allow } from '../auth/allow.decorator.js';
import { MAX_PAGE, withoutNulls } from '../common/input.js';
import type { GqlContext } from '../common/context.js';
import {
  DecideLinkReviewInput,
  LinkReview,
  LinkReviewConnection,
  LinkReviewOrderInput,
  PersonMerge,
  UnmergePersonsInput,
} from './link-review.model.js';

/** The identity-linkage review queue, and merges with their undo. Staff who work with persons only. */
@Resolver(() => LinkReview)
export class LinkageResolver {
  constructor(private readonly linkage: LinkageCommands) {}

  @Query(() => [LinkReview], {
    description:
      'Review queue: pairs of persons that may be the same, where either has a case in your area (case managers: your regional area; coordinators: the area you supervise). Evidence values of a person without a case in your area are withheld',
  })
  @Allow('case-manager', 'coordinator')
  async linkReviews(
    @Context() ctx: GqlContext,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
  ): Promise<LinkReview[]> {
    const rows = await this.linkage.listReviews(ctx.principal!, { first: Math.min(first, MAX_PAGE) });
    return rows.map((r) => LinkReview.from(r));
  }

  @Query(() => LinkReviewConnection, {
    description:
      'The review queue paged by cursor (best score first, then oldest), with totalCount over the whole queue; as linkReviews otherwise (your area, withheld evidence)',
  })
  @Allow('case-manager', 'coordinator')
  async linkReviewPage(
    @Context() ctx: GqlContext,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('id', { type: () => ID, nullable: true, description: 'Only this item (a review page opened by its link)' })
    id: string | null,
    @Args('orderBy', {
      type: () => LinkReviewOrderInput,
      nullable: true,
      description: 'Another order than best score first (a cursor belongs to its order)',
    })
    orderBy: LinkReviewOrderInput | null,
  ): Promise<LinkReviewConnection> {
    return LinkReviewConnection.from(
      await this.linkage.reviewPage(ctx.principal!, { first, after, reviewId: id, order: orderBy ?? null }),
    );
  }

  @Mutation(() => LinkReview, {
    description:
      'Decide a review item: SAME_PERSON merges the two persons (undoable with unmergePersons), DIFFERENT_PERSONS keeps them apart for good. Recorded in the ledger',
  })
  @Allow('case-manager', 'coordinator')
  async decideLinkReview(@Args('input') input: DecideLinkReviewInput, @Context() ctx: GqlContext): Promise<LinkReview> {
    const p = ctx.principal!;
    const i = withoutNulls(input);
    const { review } = await this.linkage.decide(p, {
      reviewId: i.reviewId,
      decision: i.decision as LinkDecision,
      note: i.note,
    });
    const [view] = await this.linkage.listReviews(p, { status: review.status, reviewId: review.id });
    return LinkReview.from(view!);
  }

  @Query(() => [PersonMerge], {
    description: 'Merges in effect on persons with a case in your area, newest first (to undo a wrong one)',
  })
  @Allow('case-manager', 'coordinator')
  async personMerges(
    @Context() ctx: GqlContext,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
  ): Promise<PersonMerge[]> {
    return (await this.linkage.listMerges(ctx.principal!, Math.min(first, MAX_PAGE))).map((e) => PersonMerge.from(e));
  }

  @Mutation(() => PersonMerge, {
    description:
      'Undo a merge: the merged person is on its own again with all it had; the pair is then kept apart. Recorded in the ledger with your reason',
  })
  @Allow('case-manager', 'coordinator')
  async unmergePersons(@Args('input') input: UnmergePersonsInput, @Context() ctx: GqlContext): Promise<PersonMerge> {
    return PersonMerge.from(await this.linkage.unmerge(ctx.principal!, withoutNulls(input)));
  }
}

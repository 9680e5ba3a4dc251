import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SortDirection } from '../cases/dto/case.inputs.js';
import type { EvidenceView, LinkReviewPage, LinkReviewView } from '@kim/core';
import { PageInfo } from '../cases/case.model.js';
import type { PersonMergeEntity } from '@kim/persistence';

export const LinkDecision = { SAME_PERSON: 'SAME_PERSON', DIFFERENT_PERSONS: 'DIFFERENT_PERSONS' } as const;
registerEnumType(LinkDecision, { name: 'LinkDecision', description: "A case manager's decision on a review item" });

@ObjectType({ description: 'One compared field of a review item: level and weight, and the values the caller may see' })
export class LinkEvidence {
  @Field({ description: 'given, family, originalScript, birthDate, sex, nationality, municipality, identifier' })
  field!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'Comparison level, e.g. exact, variant, year (placeholder dates), missing; null if either person has no case in your area',
  })
  level!: string | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Bits of evidence (negative: speaks against the same person); null if either person has no case in your area',
  })
  weight!: number | null;
  @Field({ description: 'Data category of the values (identity or contact)' }) category!: string;
  @Field(() => String, { nullable: true, description: "Person A's value; null if A has no case in your area" })
  valueA!: string | null;
  @Field(() => String, { nullable: true, description: "Person B's value; null if B has no case in your area" })
  valueB!: string | null;

  static from(e: EvidenceView): LinkEvidence {
    return Object.assign(new LinkEvidence(), e);
  }
}

@ObjectType({
  description:
    'A pair of persons the matcher scored between the thresholds: are they the same person? Decided by a case manager of either area',
})
export class LinkReview {
  @Field(() => ID) id!: string;
  @Field(() => ID) personAId!: string;
  @Field(() => ID) personBId!: string;
  @Field(() => [String], { description: "References of A's cases in your area" }) casesA!: string[];
  @Field(() => [String], { description: "References of B's cases in your area" }) casesB!: string[];
  @Field(() => Float, {
    nullable: true,
    description: 'Posterior log-odds in bits; null if either person has no case in your area (it scores their data)',
  })
  score!: number | null;
  @Field(() => String, { nullable: true, description: 'Why a score above the link threshold was only sent to review' })
  capped!: string | null;
  @Field({
    description:
      "What found the pair: case-opened, maintenance, identifier (an intake's number known in another area) or unmerge",
  })
  source!: string;
  @Field({ description: 'open, same-person, different-persons' }) status!: string;
  @Field(() => [LinkEvidence]) evidence!: LinkEvidence[];
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) decidedAt!: Date | null;
  @Field(() => String, { nullable: true }) note!: string | null;

  static from(v: LinkReviewView): LinkReview {
    return Object.assign(new LinkReview(), { ...v, evidence: v.evidence.map((e) => LinkEvidence.from(e)) });
  }
}

@ObjectType()
export class LinkReviewEdge {
  @Field() cursor!: string;
  @Field(() => LinkReview) node!: LinkReview;
}

@ObjectType({
  description:
    'Relay connection of the review queue (best score first, then oldest), with the count of the whole queue',
})
export class LinkReviewConnection {
  @Field(() => [LinkReviewEdge]) edges!: LinkReviewEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Review items of the status in your area, the whole list' })
  totalCount!: number;

  static from(p: LinkReviewPage): LinkReviewConnection {
    return Object.assign(new LinkReviewConnection(), {
      edges: p.items.map(({ cursor, ...v }) => ({ cursor, node: LinkReview.from(v) })),
      pageInfo: { hasNextPage: p.hasNextPage, endCursor: p.endCursor },
      totalCount: p.totalCount,
    });
  }
}

@ObjectType({ description: 'A merge of two persons (one marked merged into the other); undoable without loss' })
export class PersonMerge {
  @Field(() => ID) id!: string;
  @Field(() => ID) survivorId!: string;
  @Field(() => ID) mergedId!: string;
  @Field({
    description:
      "Why they are one person: score or identifier (merged automatically, on the pair's own score or a shared person-level identifier), or review (a case manager decided)",
  })
  basis!: string;
  @Field(() => Float, { nullable: true }) score!: number | null;
  @Field(() => ID, { nullable: true }) reviewId!: string | null;
  @Field() reason!: string;
  @Field(() => ID, { nullable: true, description: 'Staff member who decided; null for automatic links' })
  mergedBy!: string | null;
  @Field() mergedAt!: Date;
  @Field(() => Date, { nullable: true }) undoneAt!: Date | null;
  @Field(() => String, { nullable: true }) undoReason!: string | null;

  static from(e: PersonMergeEntity): PersonMerge {
    return Object.assign(new PersonMerge(), {
      id: e.id,
      survivorId: e.survivorId,
      mergedId: e.mergedId,
      basis: e.basis,
      score: e.score,
      reviewId: e.reviewId,
      reason: e.reason,
      mergedBy: e.mergedBy,
      mergedAt: e.mergedAt,
      undoneAt: e.undoneAt,
      undoReason: e.undoReason,
    });
  }
}

@InputType()
export class DecideLinkReviewInput {
  @Field(() => ID) reviewId!: string;
  @Field(() => LinkDecision) decision!: string;
  @Field({ nullable: true, description: 'Why (at most 1,000 characters); kept with the decision and in the ledger' })
  note?: string;
}

@InputType()
export class UnmergePersonsInput {
  @Field(() => ID) mergeId!: string;
  @Field({ description: 'Why the merge was wrong (3 to 1,000 characters); in the ledger' }) reason!: string;
}

export const LinkReviewOrderField = {
  CREATED_AT: 'createdAt',
  SCORE: 'score',
} as const;
export type LinkReviewOrderField = (typeof LinkReviewOrderField)[keyof typeof LinkReviewOrderField];
registerEnumType(LinkReviewOrderField, {
  name: 'LinkReviewOrderField',
  description: 'What the link review queue is sorted by (ties by the item id, in the same direction)',
});

@InputType({ description: 'An order of the link review queue; without one: best score first, then oldest' })
export class LinkReviewOrderInput {
  @Field(() => LinkReviewOrderField) field!: LinkReviewOrderField;
  @Field(() => SortDirection) direction!: SortDirection;
}

import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SortDirection } from '../cases/dto/case.inputs.js';
import type { OverridePage, OverrideView } from '@kim/core';
import { PageInfo } from '../cases/case.model.js';
import { OverrideVerdict } from '../common/enums.js';

@ObjectType({
  description:
    'Break-glass access (Notfallzugriff) to one case outside the area, with its reason, the reads made under it and its review',
})
export class AccessOverride {
  @Field(() => ID) id!: string;
  @Field(() => ID) caseId!: string;
  @Field() caseReference!: string;
  @Field(() => ID) staffUserId!: string;
  @Field() staffName!: string;
  @Field() reason!: string;
  @Field() openedAt!: Date;
  @Field() expiresAt!: Date;
  @Field(() => Int, { description: 'Reads of the case made under this override (from the ledger)' }) reads!: number;
  @Field(() => OverrideVerdict, { nullable: true }) verdict!: string | null;
  @Field(() => String, { nullable: true }) reviewNote!: string | null;
  @Field(() => ID, { nullable: true }) reviewedBy!: string | null;
  @Field(() => Date, { nullable: true }) reviewedAt!: Date | null;

  static from(v: OverrideView): AccessOverride {
    return Object.assign(new AccessOverride(), v);
  }
}

@InputType()
export class OpenAccessOverrideInput {
  @Field(() => ID) caseId!: string;
  @Field({ description: 'Why, in at least 20 characters: the coordinator of the area reviews it' }) reason!: string;
  @Field(() => Int, { nullable: true, description: 'How long, in minutes (5 to 480, default 60)' }) minutes?: number;
}

@InputType()
export class ReviewAccessOverrideInput {
  @Field(() => ID) overrideId!: string;
  @Field(() => OverrideVerdict) verdict!: string;
  @Field({ nullable: true, description: 'Required when the verdict is UNJUSTIFIED' }) note?: string;
}

@ObjectType()
export class AccessOverrideEdge {
  @Field() cursor!: string;
  @Field(() => AccessOverride) node!: AccessOverride;
}

@ObjectType({ description: 'Relay connection of break-glass accesses, with counts of the whole list' })
export class AccessOverrideConnection {
  @Field(() => [AccessOverrideEdge]) edges!: AccessOverrideEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Overrides of the whole list (with unreviewedOnly: the unreviewed ones)' })
  totalCount!: number;
  @Field(() => Int, { description: 'Of the overrides you may list, those waiting for their review' })
  unreviewedCount!: number;

  static from(p: OverridePage): AccessOverrideConnection {
    return Object.assign(new AccessOverrideConnection(), {
      edges: p.items.map(({ cursor, ...o }) => ({ cursor, node: AccessOverride.from(o) })),
      pageInfo: { hasNextPage: p.hasNextPage, endCursor: p.endCursor },
      totalCount: p.totalCount,
      unreviewedCount: p.unreviewedCount,
    });
  }
}

export const AccessOverrideOrderField = {
  OPENED_AT: 'openedAt',
  CASE_REFERENCE: 'caseReference',
  STAFF_NAME: 'staffName',
  READS: 'reads',
} as const;
export type AccessOverrideOrderField = (typeof AccessOverrideOrderField)[keyof typeof AccessOverrideOrderField];
registerEnumType(AccessOverrideOrderField, {
  name: 'AccessOverrideOrderField',
  description: 'What the break-glass review list is sorted by (ties by the override id, in the same direction)',
  valuesMap: { READS: { description: 'How often the case was read under the override' } },
});

@InputType({ description: 'An order of the break-glass review list; without one: unreviewed first, newest first' })
export class AccessOverrideOrderInput {
  @Field(() => AccessOverrideOrderField) field!: AccessOverrideOrderField;
  @Field(() => SortDirection) direction!: SortDirection;
}

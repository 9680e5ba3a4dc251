import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SortDirection } from '../cases/dto/case.inputs.js';
import { berlinMidnightAfter, type OverdueItem, type WatchPage } from '@kim/core';
import { PageInfo } from '../cases/case.model.js';

@ObjectType({ description: 'A referral for the coordinator to look at: overdue, or finished with nobody taking note' })
export class ReferralWatchItem {
  @Field(() => ID) referralId!: string;
  @Field(() => ID) caseId!: string;
  @Field() caseReference!: string;
  @Field() agencyName!: string;
  @Field() serviceName!: string;
  @Field() status!: string;
  @Field(() => Date, { nullable: true }) requestedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Answer due by (NRW working days)' }) respondBy!: string | null;
  @Field({ description: 'Still waiting for the answer on a day after respondBy (computed when read)' })
  overdue!: boolean;
  @Field(() => Int, { description: 'NRW working days past respondBy; 0 when not overdue' })
  overdueWorkingDays!: number;
  @Field(() => Date, {
    nullable: true,
    description: 'When the referral became overdue: the start of the day after respondBy (Berlin)',
    deprecationReason: 'Use respondBy, the deadline; overdue is computed when read',
  })
  overdueAt!: Date | null;
  @Field() caseManagerName!: string;

  static from(w: OverdueItem): ReferralWatchItem {
    return Object.assign(new ReferralWatchItem(), w, {
      overdueAt: w.overdue ? berlinMidnightAfter(w.respondBy!) : null,
    });
  }
}

export enum ReferralWatchKind {
  OVERDUE = 'overdue',
  OPEN_LOOP = 'open-loop',
}
registerEnumType(ReferralWatchKind, {
  name: 'ReferralWatchKind',
  description: 'OVERDUE: no answer by the deadline; OPEN_LOOP: finished, outcome not taken note of',
});

@ObjectType()
export class ReferralWatchEdge {
  @Field() cursor!: string;
  @Field(() => ReferralWatchItem) node!: ReferralWatchItem;
}

@ObjectType({ description: 'Referrals of one watch list per agency, over the whole list' })
export class AgencyWatchCount {
  @Field(() => ID) agencyId!: string;
  @Field() agencyName!: string;
  @Field(() => Int) referrals!: number;
}

@ObjectType({ description: 'Relay connection of a watch list, with its total counted on the hub' })
export class ReferralWatchConnection {
  @Field(() => [ReferralWatchEdge]) edges!: ReferralWatchEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Entries of the whole list (with the agency filter), not of this page' })
  totalCount!: number;
  @Field(() => [AgencyWatchCount], { description: 'Entries per agency over the whole list, most first' })
  byAgency!: AgencyWatchCount[];

  static from(p: WatchPage): ReferralWatchConnection {
    return Object.assign(new ReferralWatchConnection(), {
      edges: p.items.map(({ cursor, ...item }) => ({ cursor, node: ReferralWatchItem.from(item) })),
      pageInfo: { hasNextPage: p.hasNextPage, endCursor: p.endCursor },
      totalCount: p.totalCount,
      byAgency: p.byAgency,
    });
  }
}

export const ReferralWatchOrderField = {
  DEADLINE: 'deadline',
  CASE_REFERENCE: 'caseReference',
  AGENCY_NAME: 'agencyName',
  SERVICE_NAME: 'serviceName',
  CASE_MANAGER_NAME: 'caseManagerName',
} as const;
export type ReferralWatchOrderField = (typeof ReferralWatchOrderField)[keyof typeof ReferralWatchOrderField];
registerEnumType(ReferralWatchOrderField, {
  name: 'ReferralWatchOrderField',
  description:
    'What a watch list is sorted by (DEADLINE: the answer deadline, or the last change where none); ties by the referral id',
});

@InputType({ description: 'An order of a watch list; without one: by deadline (newestFirst reverses it)' })
export class ReferralWatchOrderInput {
  @Field(() => ReferralWatchOrderField) field!: ReferralWatchOrderField;
  @Field(() => SortDirection) direction!: SortDirection;
}

import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { WatchItem } from '@kim/core';

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
  @Field(() => Date, { nullable: true }) overdueAt!: Date | null;
  @Field() caseManagerName!: string;

  static from(w: WatchItem): ReferralWatchItem {
    return Object.assign(new ReferralWatchItem(), w);
  }
}

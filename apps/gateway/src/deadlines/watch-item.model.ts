import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { berlinMidnightAfter, type OverdueItem } from '@kim/core';

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
    return Object.assign(new ReferralWatchItem(), w, { overdueAt: w.overdue ? berlinMidnightAfter(w.respondBy!) : null });
  }
}

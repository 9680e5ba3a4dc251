import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { ReferralEntity } from '@kim/persistence';
import { BusinessStatus, DataCategory, DeliveryState, Purpose, ReferralStatus } from '../common/enums.js';

@ObjectType({ description: "A referral from a case to an agency's service, with a closed-loop status" })
export class Referral {
  @Field(() => ID) id!: string;
  @Field(() => ReferralStatus) status!: ReferralStatus;
  @Field(() => BusinessStatus, { nullable: true }) businessStatus!: BusinessStatus | null;
  @Field(() => String, { nullable: true, description: 'Why it was rejected, cancelled, put on hold or failed' })
  statusReason!: string | null;
  @Field(() => [String], { nullable: true, description: 'Services actually delivered (completed)' })
  servicesDelivered!: string[] | null;
  @Field(() => String, { nullable: true }) outcome!: string | null;
  @Field(() => Purpose) purpose!: Purpose;
  @Field(() => [DataCategory], { description: 'Data categories the referral carries' }) categories!: DataCategory[];
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => Date, { nullable: true }) requestedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Date by which the agency should answer' }) respondBy!:
    string | null;
  caseId!: string;
  serviceId!: string;
  agencyId!: string;

  static from(e: ReferralEntity): Referral {
    return Object.assign(new Referral(), {
      id: e.id,
      status: e.status,
      businessStatus: e.businessStatus,
      statusReason: e.statusReason,
      servicesDelivered: e.servicesDelivered,
      outcome: e.outcome,
      purpose: e.purpose,
      categories: e.categories,
      note: e.note,
      requestedAt: e.requestedAt,
      respondBy: e.respondBy,
      caseId: e.caseId,
      serviceId: e.serviceId,
      agencyId: e.agencyId,
    });
  }
}

export { DeliveryState };

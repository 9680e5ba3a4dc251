import { Field, ID, InputType } from '@nestjs/graphql';
import { DataCategory, Purpose } from '../../common/enums.js';

@InputType()
export class CreateReferralInput {
  @Field(() => ID) caseId!: string;
  @Field(() => ID) serviceId!: string;
  @Field(() => Purpose) purpose!: string;
  @Field(() => [DataCategory], { description: 'Each must be covered by consent when the referral is sent' })
  categories!: string[];
  @Field({ nullable: true }) note?: string;
}

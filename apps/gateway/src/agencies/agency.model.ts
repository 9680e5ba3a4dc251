import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { AgencyEntity, ServiceEntity } from '@kim/persistence';
import { AgencyChannel, AgencyKind, LegalDomain, LifeDomain } from '../common/enums.js';

@ObjectType({ description: 'A partner agency of the network' })
export class Agency {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => AgencyKind) kind!: AgencyKind;
  @Field(() => LegalDomain) legalDomain!: LegalDomain;
  @Field(() => AgencyChannel) channel!: AgencyChannel;
  @Field(() => String, { nullable: true, description: 'How case managers reach the agency: telephone' })
  contactPhone!: string | null;
  @Field(() => String, { nullable: true, description: 'How case managers reach the agency: e-mail' })
  contactEmail!: string | null;
  @Field(() => String, { nullable: true, description: 'Postal or visiting address' })
  contactAddress!: string | null;
  @Field(() => String, { nullable: true, description: 'Opening or telephone hours, as the agency words them' })
  contactHours!: string | null;

  static from(
    e: Pick<
      AgencyEntity,
      | 'id'
      | 'name'
      | 'kind'
      | 'legalDomain'
      | 'channel'
      | 'contactPhone'
      | 'contactEmail'
      | 'contactAddress'
      | 'contactHours'
    >,
  ): Agency {
    return Object.assign(new Agency(), {
      id: e.id,
      name: e.name,
      kind: e.kind,
      legalDomain: e.legalDomain,
      channel: e.channel,
      contactPhone: e.contactPhone,
      contactEmail: e.contactEmail,
      contactAddress: e.contactAddress,
      contactHours: e.contactHours,
    });
  }
}

@ObjectType({ description: 'A service an agency takes referrals for' })
export class Service {
  @Field(() => ID) id!: string;
  @Field() code!: string;
  @Field() name!: string;
  @Field(() => LifeDomain) lifeDomain!: LifeDomain;
  @Field(() => Int, { description: 'Working days the agency has to answer a referral' }) responseDays!: number;
  @Field({ description: 'An integration course (BAMF)' }) integrationCourse!: boolean;
  @Field(() => String, { nullable: true, description: 'The funding line the service is paid from' })
  fundingLine!: string | null;
  agencyId!: string;

  static from(e: ServiceEntity): Service {
    return Object.assign(new Service(), {
      id: e.id,
      code: e.code,
      name: e.name,
      lifeDomain: e.lifeDomain,
      responseDays: e.responseDays,
      integrationCourse: e.integrationCourse,
      fundingLine: e.fundingLine,
      agencyId: e.agencyId,
    });
  }
}

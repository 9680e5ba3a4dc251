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

  static from(e: AgencyEntity): Agency {
    return Object.assign(new Agency(), {
      id: e.id,
      name: e.name,
      kind: e.kind,
      legalDomain: e.legalDomain,
      channel: e.channel,
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
  agencyId!: string;

  static from(e: ServiceEntity): Service {
    return Object.assign(new Service(), {
      id: e.id,
      code: e.code,
      name: e.name,
      lifeDomain: e.lifeDomain,
      responseDays: e.responseDays,
      agencyId: e.agencyId,
    });
  }
}

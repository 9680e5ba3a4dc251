import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import type { DossierRow } from '@kim/persistence';
import { DeliveryState } from '../common/enums.js';

@InputType({ description: "A dossier of chosen achievements for the foreigners' or naturalisation authority" })
export class SendDossierInput {
  @Field(() => ID) caseId!: string;
  @Field(() => ID, { description: "A foreigners' or naturalisation authority" }) agencyId!: string;
  @Field(() => [ID], { description: 'Current achievements of the case (1 to 50)' }) achievementIds!: string[];
  @Field({ nullable: true, description: 'A cover note for the authority (at most 500 characters)' }) note?: string;
}

@ObjectType({ description: 'A dossier sent to an authority, with the delivery state of its message' })
export class Dossier {
  @Field(() => ID) id!: string;
  @Field(() => ID) agencyId!: string;
  @Field(() => [ID]) achievementIds!: string[];
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field() createdAt!: Date;
  @Field(() => DeliveryState, {
    nullable: true,
    description: 'Delivery of its message (queued, acknowledged, suppressed, dead …)',
  })
  deliveryState!: string | null;
  static from(r: DossierRow & { deliveryState?: string }): Dossier {
    return Object.assign(new Dossier(), {
      id: r.id,
      agencyId: r.agencyId,
      achievementIds: r.achievementIds,
      note: r.note,
      createdAt: r.createdAt,
      deliveryState: r.deliveryState ?? null,
    });
  }
}

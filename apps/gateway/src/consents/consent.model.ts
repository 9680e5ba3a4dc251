import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { ConsentEntity, LegalBasisEntity } from '@kim/persistence';
import { DataCategory, Purpose } from '../common/enums.js';

@ObjectType()
export class ConsentEvidence {
  @Field() formVersion!: string;
  @Field() signedOn!: string;
  @Field({ description: 'Language in which the consent was explained (ISO 639)' }) explainedInLanguage!: string;
  @Field() interpreterUsed!: boolean;
  @Field(() => String, { nullable: true }) documentReference!: string | null;
}

@ObjectType({ description: "The person's consent to disclose categories of data to one agency" })
export class Consent {
  @Field(() => ID) id!: string;
  @Field(() => ID) recipientAgencyId!: string;
  @Field(() => [Purpose]) purposes!: Purpose[];
  @Field(() => [DataCategory]) categories!: DataCategory[];
  @Field() validFrom!: string;
  @Field() validUntil!: string;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
  @Field(() => ConsentEvidence) evidence!: ConsentEvidence;
  @Field({ description: 'disclosure or service' }) kind!: string;
  @Field({ description: 'subject or guardian' }) grantorType!: string;

  static from(e: ConsentEntity): Consent {
    return Object.assign(new Consent(), {
      id: e.id,
      recipientAgencyId: e.recipientAgencyId,
      purposes: e.purposes,
      categories: e.categories,
      validFrom: e.validFrom,
      validUntil: e.validUntil,
      revokedAt: e.revokedAt,
      evidence: { ...e.evidence, documentReference: e.evidence.documentReference ?? null },
      kind: e.kind,
      grantorType: e.grantor?.type ?? 'subject',
    });
  }
}

@ObjectType({ description: 'A statutory legal basis for disclosure (Rechtsgrundlage), beside consent' })
export class LegalBasis {
  @Field(() => ID) id!: string;
  @Field(() => ID) recipientAgencyId!: string;
  @Field(() => ID, { nullable: true, description: 'The person it applies to; null: everyone in the Kreis' }) personId!:
    string | null;
  @Field(() => [Purpose]) purposes!: Purpose[];
  @Field(() => [DataCategory]) categories!: DataCategory[];
  @Field() citation!: string;
  @Field() validFrom!: string;
  @Field(() => String, { nullable: true }) validUntil!: string | null;

  static from(e: LegalBasisEntity): LegalBasis {
    return Object.assign(new LegalBasis(), {
      id: e.id,
      recipientAgencyId: e.recipientAgencyId,
      personId: e.personId,
      purposes: e.purposes,
      categories: e.categories,
      citation: e.citation,
      validFrom: e.validFrom,
      validUntil: e.validUntil,
    });
  }
}

import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { ConsentEntity, LegalBasisEntity } from '@kim/persistence';
import type { LegalNorm as LegalNormRow } from '@kim/consent';
import { AgencyKind, DataCategory, LegalBasisStatus, Purpose } from '../common/enums.js';

@ObjectType()
export class ConsentEvidence {
  @Field() formVersion!: string;
  @Field() signedOn!: string;
  @Field({ description: 'Language in which the consent was explained (ISO 639)' }) explainedInLanguage!: string;
  @Field() interpreterUsed!: boolean;
  @Field(() => String, { nullable: true }) documentReference!: string | null;
}

@ObjectType({
  description:
    "The person's consent to disclose categories of data to one agency, or to move the case to another Kreis of the hub (recipientTenantId, purpose TRANSFER)",
})
export class Consent {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true, description: 'The agency it names; null for a transfer consent' })
  recipientAgencyId!: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'The receiving Kreis (tenant) a transfer consent names; null for a consent to an agency',
  })
  recipientTenantId!: string | null;
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
      recipientTenantId: e.recipientTenantId,
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

@ObjectType({
  description:
    'A statutory legal basis for disclosure (Rechtsgrundlage), beside consent: for one case or a coordination area, on a listed norm, in effect once a second coordinator confirmed it',
})
export class LegalBasis {
  @Field(() => ID) id!: string;
  @Field(() => ID) recipientAgencyId!: string;
  @Field(() => ID, { nullable: true, description: 'The person of its case; null for an area-wide basis' }) personId!:
    string | null;
  @Field(() => ID, { nullable: true, description: 'The one case it applies to; null for an area-wide basis' })
  caseId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The coordination area it applies to; null for a basis of one case' })
  coordinationAreaId!: string | null;
  @Field(() => [Purpose]) purposes!: Purpose[];
  @Field(() => [DataCategory]) categories!: DataCategory[];
  @Field() citation!: string;
  @Field(() => String, {
    nullable: true,
    description: 'The listed norm it rests on (see legalNorms); null for bases recorded before the list',
  })
  norm!: string | null;
  @Field() validFrom!: string;
  @Field(() => String, { nullable: true }) validUntil!: string | null;
  @Field(() => LegalBasisStatus) status!: string;
  @Field(() => ID) recordedBy!: string;
  @Field(() => ID, { nullable: true }) reviewedBy!: string | null;
  @Field(() => Date, { nullable: true }) reviewedAt!: Date | null;
  @Field(() => String, { nullable: true }) reviewNote!: string | null;

  static from(e: LegalBasisEntity): LegalBasis {
    return Object.assign(new LegalBasis(), {
      id: e.id,
      recipientAgencyId: e.recipientAgencyId,
      personId: e.personId,
      caseId: e.caseId,
      coordinationAreaId: e.coordinationAreaId,
      purposes: e.purposes,
      categories: e.categories,
      citation: e.citation,
      norm: e.norm,
      validFrom: e.validFrom,
      validUntil: e.validUntil,
      status: e.reviewStatus,
      recordedBy: e.recordedBy,
      reviewedBy: e.reviewedBy,
      reviewedAt: e.reviewedAt,
      reviewNote: e.reviewNote,
    });
  }
}

@ObjectType({ description: 'A norm the hub accepts as a legal basis, with the agency kinds and categories it reaches' })
export class LegalNorm {
  @Field() code!: string;
  @Field({ description: 'Cite it like this, with Abs., Satz, Nr. as needed: "§ 87 AufenthG"' }) citation!: string;
  @Field() title!: string;
  @Field(() => [AgencyKind]) agencyKinds!: string[];
  @Field(() => [DataCategory]) categories!: string[];

  static from(n: LegalNormRow, citation: string): LegalNorm {
    return Object.assign(new LegalNorm(), {
      code: n.code,
      citation,
      title: n.title,
      agencyKinds: [...n.agencyKinds],
      categories: [...n.categories],
    });
  }
}

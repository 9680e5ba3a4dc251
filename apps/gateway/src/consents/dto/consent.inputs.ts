import { Field, ID, InputType } from '@nestjs/graphql';
import { DataCategory, LegalBasisDecision, Purpose } from '../../common/enums.js';

@InputType()
export class ConsentEvidenceInput {
  @Field() formVersion!: string;
  @Field({ description: 'ISO date the form was signed' }) signedOn!: string;
  @Field({ description: 'ISO 639 code of the language it was explained in' }) explainedInLanguage!: string;
  @Field({ nullable: true }) interpreterUsed?: boolean;
  @Field({ nullable: true }) documentReference?: string;
}

@InputType()
export class ConsentGrantorInput {
  @Field({ description: 'subject (the person) or guardian' }) type!: string;
  @Field({ nullable: true, description: "The guardian's name" }) name?: string;
}

@InputType({ description: 'An exception inside the consent, after FHIR Consent.provision; deny wins' })
export class ConsentProvisionInput {
  @Field({ description: 'permit or deny' }) type!: string;
  @Field(() => [ID], { nullable: true }) agencyIds?: string[];
  @Field(() => [Purpose], { nullable: true }) purposes?: string[];
  @Field(() => [DataCategory], { nullable: true }) categories?: string[];
  @Field(() => [String], { nullable: true, description: 'disclose, access' }) actions?: string[];
}

@InputType()
export class RecordConsentInput {
  @Field({ nullable: true, description: 'disclosure (default) or service' }) kind?: string;
  @Field(() => ConsentGrantorInput, { nullable: true, description: 'Default: the person themself' })
  grantor?: ConsentGrantorInput;
  @Field(() => [ConsentProvisionInput], { nullable: true }) provisions?: ConsentProvisionInput[];
  @Field(() => ID) caseId!: string;
  @Field(() => ID, { nullable: true, description: 'The agency; or recipientTenantId to move the case' })
  recipientAgencyId?: string;
  @Field(() => ID, {
    nullable: true,
    description: 'To move the case: the receiving Kreis (a tenant taking transfers); purposes then [TRANSFER]',
  })
  recipientTenantId?: string;
  @Field(() => [Purpose]) purposes!: string[];
  @Field(() => [DataCategory]) categories!: string[];
  @Field() validFrom!: string;
  @Field() validUntil!: string;
  @Field(() => ConsentEvidenceInput) evidence!: ConsentEvidenceInput;
}

@InputType()
export class RecordLegalBasisInput {
  @Field(() => ID) recipientAgencyId!: string;
  @Field(() => ID, {
    nullable: true,
    description: 'The one case of your area it applies to; omit for the coordination area you supervise',
  })
  caseId?: string;
  @Field(() => [Purpose]) purposes!: string[];
  @Field(() => [DataCategory]) categories!: string[];
  @Field({ description: 'A norm of the hub\'s list (legalNorms), e.g. "§ 87 Abs. 1 AufenthG"' }) citation!: string;
  @Field() validFrom!: string;
  @Field({ nullable: true }) validUntil?: string;
}

@InputType()
export class ReviewLegalBasisInput {
  @Field(() => ID) legalBasisId!: string;
  @Field(() => LegalBasisDecision) decision!: string;
  @Field({ nullable: true, description: 'Why; required for a rejection' }) note?: string;
}

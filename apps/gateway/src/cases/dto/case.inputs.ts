import { Field, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { BirthDatePrecision, CasePhase, LifeDomain } from '../../common/enums.js';

// Shapes only; the rules (dates, codes, lengths) are checked by the contracts' schemas.

@InputType()
export class NameInput {
  @Field() givenNames!: string;
  @Field() familyName!: string;
  @Field({ nullable: true }) originalScript?: string;
}

@InputType()
export class IdentifierInput {
  @Field({ description: 'azr or agency-customer-number' }) kind!: string;
  @Field(() => ID, { nullable: true }) agencyId?: string;
  @Field() value!: string;
}

@InputType()
export class PersonInput {
  @Field(() => NameInput) name!: NameInput;
  @Field(() => [NameInput], { nullable: true }) aliases?: NameInput[];
  @Field({ nullable: true, description: 'ISO date; 01.01. placeholders use precision PLACEHOLDER' }) birthDate?: string;
  @Field(() => BirthDatePrecision) birthDatePrecision!: string;
  @Field({ nullable: true, description: 'female, male, diverse or unknown' }) sex?: string;
  @Field({ nullable: true, description: 'ISO 3166-1 alpha-3' }) nationality?: string;
  @Field(() => [String], { nullable: true, description: 'ISO 639 codes' }) languages?: string[];
  @Field({ nullable: true }) residenceStatus?: string;
  @Field() municipality!: string;
  @Field({ nullable: true }) arrivalDate?: string;
  @Field(() => [IdentifierInput], { nullable: true }) identifiers?: IdentifierInput[];
}

@InputType()
export class NeedInput {
  @Field(() => LifeDomain) domain!: string;
  @Field() description!: string;
}

@InputType()
export class OpenCaseInput {
  @Field(() => PersonInput) person!: PersonInput;
  @Field(() => ID) regionId!: string;
  @Field(() => ID, { nullable: true }) caseManagerId?: string;
  @Field(() => [NeedInput], { nullable: true }) needs?: NeedInput[];
}

@InputType()
export class GoalInput {
  @Field(() => LifeDomain) domain!: string;
  @Field() description!: string;
  @Field({ nullable: true }) targetDate?: string;
}

@InputType()
export class CaseFilterInput {
  @Field(() => CasePhase, { nullable: true }) phase?: CasePhase;
  @Field(() => ID, { nullable: true }) regionId?: string;
  @Field(() => ID, { nullable: true }) caseManagerId?: string;
  @Field({ nullable: true, description: 'Case reference or family name, prefix match' }) search?: string;
}

/** What a case list can be sorted by; GraphQL shows the keys, the hub takes the values. */
export const CaseOrderField = {
  OPENED_AT: 'openedAt',
  REFERENCE: 'reference',
  FAMILY_NAME: 'familyName',
  PHASE: 'phase',
} as const;
export type CaseOrderField = (typeof CaseOrderField)[keyof typeof CaseOrderField];
registerEnumType(CaseOrderField, {
  name: 'CaseOrderField',
  description: 'What a case list is sorted by; FAMILY_NAME for staff only (an agency may not see every name)',
  valuesMap: { PHASE: { description: 'By the phase of the cycle (intake … closed), not alphabetically' } },
});

export const SortDirection = { ASC: 'asc', DESC: 'desc' } as const;
export type SortDirection = (typeof SortDirection)[keyof typeof SortDirection];
registerEnumType(SortDirection, { name: 'SortDirection' });

@InputType({ description: 'The order of a case list; ties are broken by the case id. Without it: newest first' })
export class CaseOrderInput {
  @Field(() => CaseOrderField) field!: CaseOrderField;
  @Field(() => SortDirection) direction!: SortDirection;
}

import { Field, ID, ObjectType } from '@nestjs/graphql';
import { DataCategory as DC, type DataCategory as DataCategoryT } from '@kim/contracts';
import type { PersonEntity, PersonIdentifierEntity } from '@kim/persistence';
import { BirthDatePrecision, DataCategory } from '../common/enums.js';

@ObjectType({ description: 'A name as given, with its original script where known' })
export class NameVariant {
  @Field() givenNames!: string;
  @Field() familyName!: string;
  @Field(() => String, { nullable: true }) originalScript!: string | null;
}

@ObjectType({ description: 'An identifier an agency or register uses for the person (link map)' })
export class ExternalIdentifier {
  @Field() kind!: string;
  @Field({ description: 'Issuing agency id, or the register (AZR)' }) issuer!: string;
  @Field() value!: string;
}

/**
 * The person. Each field belongs to a data category; for a partner agency, fields of
 * categories its consent does not cover come back null and the category is listed in
 * hiddenCategories.
 */
@ObjectType()
export class Person {
  @Field(() => ID) id!: string;
  @Field(() => [DataCategory], { description: 'Categories this caller may see' }) visibleCategories!: DataCategoryT[];
  @Field(() => [DataCategory], { description: 'Categories withheld from this caller for lack of consent' })
  hiddenCategories!: DataCategoryT[];
  // identity
  @Field(() => String, { nullable: true }) givenNames!: string | null;
  @Field(() => String, { nullable: true }) familyName!: string | null;
  @Field(() => String, { nullable: true }) nameOriginalScript!: string | null;
  @Field(() => [NameVariant], { nullable: true }) aliases!: NameVariant[] | null;
  @Field(() => String, { nullable: true }) birthDate!: string | null;
  @Field(() => BirthDatePrecision, { nullable: true }) birthDatePrecision!: string | null;
  @Field(() => String, { nullable: true }) sex!: string | null;
  @Field(() => String, { nullable: true }) nationality!: string | null;
  @Field(() => [ExternalIdentifier], { nullable: true }) identifiers!: ExternalIdentifier[] | null;
  // contact
  @Field(() => String, { nullable: true }) municipality!: string | null;
  @Field(() => [String], { nullable: true }) languages!: string[] | null;
  // residence status
  @Field(() => String, { nullable: true }) residenceStatus!: string | null;
  @Field(() => String, { nullable: true }) arrivalDate!: string | null;

  static view(e: PersonEntity, identifiers: PersonIdentifierEntity[], visible: readonly DataCategoryT[]): Person {
    const has = (c: DataCategoryT) => visible.includes(c);
    const identity = has(DC.IDENTITY);
    const contact = has(DC.CONTACT);
    const residence = has(DC.RESIDENCE_STATUS);
    return Object.assign(new Person(), {
      id: e.id,
      visibleCategories: [...visible],
      hiddenCategories: Object.values(DC).filter((c) => !has(c)),
      givenNames: identity ? e.givenNames : null,
      familyName: identity ? e.familyName : null,
      nameOriginalScript: identity ? e.nameOriginalScript : null,
      aliases: identity ? e.aliases.map((a) => ({ ...a, originalScript: a.originalScript ?? null })) : null,
      birthDate: identity ? e.birthDate : null,
      birthDatePrecision: identity ? e.birthDatePrecision : null,
      sex: identity ? e.sex : null,
      nationality: identity ? e.nationality : null,
      identifiers: identity ? identifiers.map((i) => ({ kind: i.kind, issuer: i.issuer, value: i.value })) : null,
      municipality: contact ? e.municipality : null,
      languages: contact ? e.languages : null,
      residenceStatus: residence ? e.residenceStatus : null,
      arrivalDate: residence ? e.arrivalDate : null,
    });
  }
}

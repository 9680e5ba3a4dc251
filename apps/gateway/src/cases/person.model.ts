import { Field, ID, ObjectType } from '@nestjs/graphql';
import { DataCategory as DC, type DataCategory as DataCategoryT } from '@kim/contracts';
import type { PersonEntity, PersonIdentifierEntity } from '@kim/persistence';
import { BirthDatePrecision, DataCategory } from '../common/enums.js';
import { CategoryField } from './category-field.js';

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
 * categories its consent does not cover come back null with a CONSENT_REQUIRED error, and
 * the category is listed in hiddenCategories.
 */
@ObjectType()
export class Person {
  @Field(() => ID) id!: string;
  @Field(() => [DataCategory], { description: 'Categories this caller may see' }) visibleCategories!: DataCategoryT[];
  @Field(() => [DataCategory], { description: 'Categories withheld from this caller for lack of consent' })
  hiddenCategories!: DataCategoryT[];
  // identity
  @CategoryField(DC.IDENTITY, () => String) givenNames!: string | null;
  @CategoryField(DC.IDENTITY, () => String) familyName!: string | null;
  @CategoryField(DC.IDENTITY, () => String) nameOriginalScript!: string | null;
  @CategoryField(DC.IDENTITY, () => [NameVariant]) aliases!: NameVariant[] | null;
  @CategoryField(DC.IDENTITY, () => String) birthDate!: string | null;
  @CategoryField(DC.IDENTITY, () => BirthDatePrecision) birthDatePrecision!: string | null;
  @CategoryField(DC.IDENTITY, () => String) sex!: string | null;
  @CategoryField(DC.IDENTITY, () => String) nationality!: string | null;
  @CategoryField(DC.IDENTITY, () => [ExternalIdentifier]) identifiers!: ExternalIdentifier[] | null;
  // contact
  @CategoryField(DC.CONTACT, () => String) municipality!: string | null;
  @CategoryField(DC.CONTACT, () => [String]) languages!: string[] | null;
  // residence status
  @CategoryField(DC.RESIDENCE_STATUS, () => String) residenceStatus!: string | null;
  @CategoryField(DC.RESIDENCE_STATUS, () => String) arrivalDate!: string | null;
  @CategoryField(DC.CONTACT, () => Boolean, { description: 'The person asked not to be contacted by agencies' })
  doNotContact!: boolean | null;

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
      doNotContact: contact ? e.doNotContact : null,
    });
  }
}

import { DataCategory, type DisclosedPerson } from '@kim/contracts';
import type { PersonIdentifierRow, PersonRow } from '@kim/persistence';

/**
 * The person as one agency may see them: a block per data category, present only when the
 * category is allowed. Categories the hub holds no fields for yet disclose nothing.
 */
export function disclosePerson(
  person: Pick<
    PersonRow,
    | 'givenNames'
    | 'familyName'
    | 'birthDate'
    | 'birthDatePrecision'
    | 'nationality'
    | 'municipality'
    | 'languages'
    | 'residenceStatus'
    | 'arrivalDate'
  >,
  identifiers: readonly Pick<PersonIdentifierRow, 'issuer' | 'value'>[],
  agencyId: string,
  allowed: readonly DataCategory[],
): DisclosedPerson {
  const out: DisclosedPerson = {};
  if (allowed.includes(DataCategory.IDENTITY)) {
    out.identity = {
      givenNames: person.givenNames,
      familyName: person.familyName,
      birthDate: person.birthDate,
      birthDatePrecision: person.birthDatePrecision,
      nationality: person.nationality,
      agencyIdentifier: identifiers.find((i) => i.issuer === agencyId)?.value ?? null,
    };
  }
  if (allowed.includes(DataCategory.CONTACT)) {
    out.contact = { municipality: person.municipality, languages: person.languages };
  }
  if (allowed.includes(DataCategory.RESIDENCE_STATUS)) {
    out.residenceStatus = { residenceStatus: person.residenceStatus, arrivalDate: person.arrivalDate };
  }
  return out;
}

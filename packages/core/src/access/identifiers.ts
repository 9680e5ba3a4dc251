import { AgencyKind, DataCategory } from '@kim/contracts';

/**
 * The category an identifier's existence discloses, by its issuer (docs/privacy.md): a
 * Jobcenter customer number says the person draws SGB II benefits, an Ausländerbehörde file
 * number says something about their residence.
 */
const BY_AGENCY_KIND: Record<AgencyKind, DataCategory> = {
  [AgencyKind.FOREIGNERS_AUTHORITY]: DataCategory.RESIDENCE_STATUS,
  [AgencyKind.NATURALISATION_AUTHORITY]: DataCategory.RESIDENCE_STATUS,
  [AgencyKind.JOBCENTER]: DataCategory.BENEFITS,
  [AgencyKind.ASYLUM_BENEFITS]: DataCategory.BENEFITS,
  [AgencyKind.SOCIAL_WELFARE]: DataCategory.BENEFITS,
  [AgencyKind.EMPLOYMENT_AGENCY]: DataCategory.EDUCATION_WORK,
  [AgencyKind.LANGUAGE_COURSE_PROVIDER]: DataCategory.EDUCATION_WORK,
  [AgencyKind.ECONOMIC_DEVELOPMENT]: DataCategory.EDUCATION_WORK,
  [AgencyKind.YOUTH_OFFICE]: DataCategory.FAMILY,
  [AgencyKind.MIGRATION_COUNSELLING]: DataCategory.IDENTITY,
  [AgencyKind.WELFARE_ORGANISATION]: DataCategory.IDENTITY,
  [AgencyKind.VOLUNTEER_GROUP]: DataCategory.IDENTITY,
  [AgencyKind.INTEGRATION_CENTRE]: DataCategory.IDENTITY,
};

/** Registers that issue identifiers without being an agency of the hub. */
const BY_REGISTER: Record<string, DataCategory> = {
  AZR: DataCategory.RESIDENCE_STATUS,
};

/**
 * The category of an identifier, or null when its issuer is unknown (an agency the tenant does
 * not have, a register not in the table): such an identifier is shown to no agency.
 */
export function identifierCategory(
  issuer: string,
  agencyKindOf: (agencyId: string) => string | undefined,
): DataCategory | null {
  const register = BY_REGISTER[issuer];
  if (register) return register;
  const kind = agencyKindOf(issuer);
  return kind !== undefined ? (BY_AGENCY_KIND[kind as AgencyKind] ?? null) : null;
}

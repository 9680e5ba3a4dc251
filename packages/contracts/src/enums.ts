import { z } from 'zod';

/** Values of a const object as a union type: one name for the object and its type. */
export type ValueOf<T> = T[keyof T];

/** Phases of KIM case management (Erstberatung ... Re-Assessment), plus closure. */
export const CasePhase = {
  INTAKE: 'intake',
  ASSESSMENT: 'assessment',
  PLANNING: 'planning',
  LINKING: 'linking',
  MONITORING: 'monitoring',
  REASSESSMENT: 'reassessment',
  CLOSED: 'closed',
} as const;
export type CasePhase = ValueOf<typeof CasePhase>;
export const casePhaseSchema = z.enum(CasePhase);

/** Life domains in which a need is recorded. */
export const LifeDomain = {
  LANGUAGE: 'language',
  WORK: 'work',
  EDUCATION: 'education',
  HOUSING: 'housing',
  HEALTH: 'health',
  RESIDENCE: 'residence',
  FAMILY: 'family',
  MONEY: 'money',
} as const;
export type LifeDomain = ValueOf<typeof LifeDomain>;
export const lifeDomainSchema = z.enum(LifeDomain);

/** Referral status, after HL7 FHIR Task.status as used for referrals (Gravity SDOH). */
export const ReferralStatus = {
  DRAFT: 'draft',
  REQUESTED: 'requested',
  ACCEPTED: 'accepted',
  REJECTED: 'rejected',
  CANCELLED: 'cancelled',
  IN_PROGRESS: 'in-progress',
  ON_HOLD: 'on-hold',
  COMPLETED: 'completed',
  FAILED: 'failed',
  ENTERED_IN_ERROR: 'entered-in-error',
} as const;
export type ReferralStatus = ValueOf<typeof ReferralStatus>;
export const referralStatusSchema = z.enum(ReferralStatus);

/** Finer business status that rides beside the FHIR status (FHIR Task.businessStatus). */
export const BusinessStatus = {
  RECEIVED: 'received',
  APPOINTMENT_SCHEDULED: 'appointment-scheduled',
  APPOINTMENT_MISSED: 'appointment-missed',
  WAITLISTED: 'waitlisted',
  NEEDS_CLIENT_ACTION: 'needs-client-action',
  SERVICE_STARTED: 'service-started',
} as const;
export type BusinessStatus = ValueOf<typeof BusinessStatus>;
export const businessStatusSchema = z.enum(BusinessStatus);

/** Delivery of an outbound message, tracked apart from the referral's status. */
export const DeliveryState = {
  QUEUED: 'queued',
  SENT: 'sent',
  ACKNOWLEDGED: 'acknowledged',
  SUPPRESSED: 'suppressed',
  DEAD: 'dead',
  /** A person decided a failed or dead message is not to be delivered at all (audited, with a reason). */
  DISCARDED: 'discarded',
} as const;
export type DeliveryState = ValueOf<typeof DeliveryState>;
export const deliveryStateSchema = z.enum(DeliveryState);

/** Who acts on a referral. */
export const ActorRole = {
  CASE_MANAGER: 'case-manager',
  COORDINATOR: 'coordinator',
  AGENCY: 'agency',
  SYSTEM: 'system',
} as const;
export type ActorRole = ValueOf<typeof ActorRole>;
export const actorRoleSchema = z.enum(ActorRole);

/** Kinds of partner agency (see the glossary). */
export const AgencyKind = {
  JOBCENTER: 'jobcenter',
  EMPLOYMENT_AGENCY: 'employment-agency',
  FOREIGNERS_AUTHORITY: 'foreigners-authority',
  NATURALISATION_AUTHORITY: 'naturalisation-authority',
  ASYLUM_BENEFITS: 'asylum-benefits',
  YOUTH_OFFICE: 'youth-office',
  SOCIAL_WELFARE: 'social-welfare',
  LANGUAGE_COURSE_PROVIDER: 'language-course-provider',
  MIGRATION_COUNSELLING: 'migration-counselling',
  WELFARE_ORGANISATION: 'welfare-organisation',
  VOLUNTEER_GROUP: 'volunteer-group',
  ECONOMIC_DEVELOPMENT: 'economic-development',
  INTEGRATION_CENTRE: 'integration-centre',
} as const;
export type AgencyKind = ValueOf<typeof AgencyKind>;
export const agencyKindSchema = z.enum(AgencyKind);

/** Body of law an agency acts under (Rechtskreis). */
export const LegalDomain = {
  SGB_II: 'sgb-ii',
  SGB_III: 'sgb-iii',
  SGB_VIII: 'sgb-viii',
  SGB_XII: 'sgb-xii',
  ASYLBLG: 'asylblg',
  AUFENTHG: 'aufenthg',
  NONE: 'none',
} as const;
export type LegalDomain = ValueOf<typeof LegalDomain>;
export const legalDomainSchema = z.enum(LegalDomain);

/** Categories of personal data; consent and disclosure are decided per category. */
export const DataCategory = {
  IDENTITY: 'identity',
  CONTACT: 'contact',
  RESIDENCE_STATUS: 'residence-status',
  BENEFITS: 'benefits',
  EDUCATION_WORK: 'education-work',
  FAMILY: 'family',
  /** Special category under GDPR Art. 9. */
  HEALTH: 'health',
} as const;
export type DataCategory = ValueOf<typeof DataCategory>;
export const dataCategorySchema = z.enum(DataCategory);
export const SPECIAL_CATEGORIES: readonly DataCategory[] = [DataCategory.HEALTH];

/** Purposes for which data is processed or disclosed. */
export const Purpose = {
  REFERRAL: 'referral',
  CASE_COORDINATION: 'case-coordination',
  SERVICE_DELIVERY: 'service-delivery',
  STATISTICS: 'statistics',
  /** Moving the case to another Kreis of the hub (issue 19): only for a consent naming that Kreis. */
  TRANSFER: 'transfer',
} as const;
export type Purpose = ValueOf<typeof Purpose>;
export const purposeSchema = z.enum(Purpose);
/** What data may go to an agency for: every purpose but 'transfer', which only moves a case between Kreise. */
export const agencyPurposeSchema = purposeSchema.exclude(['TRANSFER']);

/** How a birth date is known; refugees often carry 01.01.YYYY placeholders. */
export const BirthDatePrecision = {
  EXACT: 'exact',
  PLACEHOLDER: 'placeholder',
  YEAR_ONLY: 'year-only',
  UNKNOWN: 'unknown',
} as const;
export type BirthDatePrecision = ValueOf<typeof BirthDatePrecision>;
export const birthDatePrecisionSchema = z.enum(BirthDatePrecision);

/** How an agency exchanges messages with the hub. */
export const AgencyChannel = {
  WEBHOOK: 'webhook',
  FILE: 'file',
} as const;
export type AgencyChannel = ValueOf<typeof AgencyChannel>;
export const agencyChannelSchema = z.enum(AgencyChannel);

/** Kinds of external identifier kept in a person's link map. */
export const IdentifierKind = {
  AZR: 'azr',
  AGENCY_CUSTOMER_NUMBER: 'agency-customer-number',
} as const;
export type IdentifierKind = ValueOf<typeof IdentifierKind>;
export const identifierKindSchema = z.enum(IdentifierKind);

/**
 * Whom an issuer assigns an identifier to: one person (AZR number, an agency's customer number)
 * or a household (e.g. a Jobcenter's Bedarfsgemeinschaft number, shared by its members).
 */
export const IdentifierLevel = {
  PERSON: 'person',
  HOUSEHOLD: 'household',
} as const;
export type IdentifierLevel = ValueOf<typeof IdentifierLevel>;

/**
 * The level of each identifier kind. A new kind must say its level here (the record is total).
 * No household-level kind is recorded by the hub yet; when one is added it never links persons.
 */
export const IDENTIFIER_LEVEL: Readonly<Record<IdentifierKind, IdentifierLevel>> = {
  [IdentifierKind.AZR]: IdentifierLevel.PERSON,
  [IdentifierKind.AGENCY_CUSTOMER_NUMBER]: IdentifierLevel.PERSON,
};

/** Only an identifier its issuer assigns to one person can say that two records are one person. */
export function identifierLinksPersons(
  kind: string,
  levels: Readonly<Record<string, IdentifierLevel>> = IDENTIFIER_LEVEL,
): boolean {
  return levels[kind] === IdentifierLevel.PERSON;
}

/** Staff roles (principals that sign in as people). */
export const StaffRole = {
  CASE_MANAGER: 'case-manager',
  COORDINATOR: 'coordinator',
  OPERATOR: 'operator',
  /** Administers one tenant: areas, staff, agencies, services, credentials. Never sees case data. */
  TENANT_ADMIN: 'tenant-admin',
} as const;
export type StaffRole = ValueOf<typeof StaffRole>;
export const staffRoleSchema = z.enum(StaffRole);

/** Where a legal basis stands in its four-eyes review: only a confirmed one takes effect. */
export const LegalBasisStatus = {
  PENDING: 'pending',
  CONFIRMED: 'confirmed',
  REJECTED: 'rejected',
} as const;
export type LegalBasisStatus = ValueOf<typeof LegalBasisStatus>;
export const legalBasisStatusSchema = z.enum(LegalBasisStatus);

/** A second coordinator's decision on a legal basis another recorded. */
export const LegalBasisDecision = {
  CONFIRM: 'confirm',
  REJECT: 'reject',
} as const;
export type LegalBasisDecision = ValueOf<typeof LegalBasisDecision>;
export const legalBasisDecisionSchema = z.enum(LegalBasisDecision);

/** A coordinator's verdict on a break-glass override after looking at it. */
export const OverrideVerdict = {
  JUSTIFIED: 'justified',
  UNJUSTIFIED: 'unjustified',
} as const;
export type OverrideVerdict = ValueOf<typeof OverrideVerdict>;
export const overrideVerdictSchema = z.enum(OverrideVerdict);

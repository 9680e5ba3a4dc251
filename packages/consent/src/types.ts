import type { AgencyKind, DataCategory, Purpose } from '@kim/contracts';

/** What is done with the data: sent out in a message, or read through the hub's API. */
export const ConsentAction = { DISCLOSE: 'disclose', ACCESS: 'access' } as const;
export type ConsentAction = (typeof ConsentAction)[keyof typeof ConsentAction];

/**
 * An exception inside one consent, after FHIR Consent.provision. An absent list means "any";
 * an empty list matches nothing. A provision only ever acts on its own consent's grant.
 */
export interface ConsentProvision {
  type: 'permit' | 'deny';
  agencyIds?: readonly string[] | undefined;
  purposes?: readonly Purpose[] | undefined;
  categories?: readonly DataCategory[] | undefined;
  actions?: readonly ConsentAction[] | undefined;
}

/** A person's consent to one recipient agency, for purposes, over data categories, for a period. */
export interface Consent {
  id: string;
  subjectPersonId: string;
  recipientAgencyId: string;
  purposes: readonly Purpose[];
  categories: readonly DataCategory[];
  /** First day of validity, ISO date (YYYY-MM-DD), inclusive. */
  validFrom: string;
  /** Last day of validity, ISO date, inclusive. */
  validUntil: string;
  /** When the person revoked it (ISO timestamp or Date); effective from that instant on. */
  revokedAt?: string | Date | null | undefined;
  provisions?: readonly ConsentProvision[] | undefined;
}

/** A statutory basis for disclosure to one agency, independent of consent (e.g. § 71 AufenthG). */
export interface LegalBasis {
  id: string;
  recipientAgencyId: string;
  purposes: readonly Purpose[];
  categories: readonly DataCategory[];
  validFrom: string;
  /** Absent or null: open-ended. */
  validUntil?: string | null | undefined;
  citation: string;
}

export interface Recipient {
  agencyId: string;
  kind: AgencyKind;
}

export interface DecisionPolicy {
  /**
   * Whether a legal basis that names a special category (health) may disclose it. Default
   * false: special categories go out only on the person's explicit consent.
   */
  specialCategoriesViaLegalBasis?: boolean | undefined;
  /** Time zone in which consent dates are calendar days. Default Europe/Berlin. */
  timeZone?: string | undefined;
}

export interface DecisionRequest {
  consents: readonly Consent[];
  legalBases?: readonly LegalBasis[] | undefined;
  recipient: Recipient;
  purpose: Purpose;
  categories: readonly DataCategory[];
  action: ConsentAction;
  at: Date;
  /** When given, consents of any other person are ignored. */
  subjectPersonId?: string | undefined;
  policy?: DecisionPolicy | undefined;
}

/** Stable codes for why a category was not allowed. */
export const DenialReason = {
  NO_CONSENT: 'NO_CONSENT',
  EXPIRED: 'EXPIRED',
  NOT_YET_VALID: 'NOT_YET_VALID',
  REVOKED: 'REVOKED',
  PURPOSE_NOT_COVERED: 'PURPOSE_NOT_COVERED',
  CATEGORY_NOT_COVERED: 'CATEGORY_NOT_COVERED',
  DENIED_BY_PROVISION: 'DENIED_BY_PROVISION',
  OTHER_RECIPIENT: 'OTHER_RECIPIENT',
} as const;
export type DenialReason = (typeof DenialReason)[keyof typeof DenialReason];

export interface Denial {
  category: DataCategory;
  reason: DenialReason;
  /** English sentence for people; names the consent or legal basis that came closest. */
  detail: string;
  /** The consent or legal basis that came closest to allowing, if any. */
  closestId?: string;
}

export type Basis =
  | { category: DataCategory; type: 'consent'; id: string }
  | { category: DataCategory; type: 'legal-basis'; id: string; citation: string };

export interface Decision {
  /** Requested categories that may be disclosed/accessed, in request order, without duplicates. */
  allowed: DataCategory[];
  denied: Denial[];
  /** One entry per allowed category: what it rests on, for the audit. */
  basis: Basis[];
}

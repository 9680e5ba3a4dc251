import { grantsPerCategory, type Basis, type Consent, type LegalBasis } from '@kim/consent';
import { DataCategory, Purpose, type AgencyKind } from '@kim/contracts';
import { rule } from './rules.js';

/** The purposes for which an agency may read a person's data through the hub. */
export const READ_PURPOSES: readonly Purpose[] = [Purpose.REFERRAL, Purpose.SERVICE_DELIVERY];

const ALL_CATEGORIES = Object.values(DataCategory);
const ALL_PURPOSES = Object.values(Purpose);

/** A consent as the policy reads it: the engine's view plus its kind and the case it was recorded on. */
export interface GrantConsent extends Consent {
  kind: string;
  caseId: string;
}

/**
 * A legal basis as the policy reads it. `caseId` is the case it was recorded on; an area-wide
 * basis (null) adds to the grant of every person with a case in its area but connects the
 * agency to no case by itself.
 */
export interface GrantLegalBasis extends LegalBasis {
  caseId?: string | null;
}

export interface GrantAgency {
  id: string;
  kind: string;
}

/** What one consent or legal basis grants on its own, and the case it was recorded on. */
export interface GrantSource {
  type: 'consent' | 'legal-basis';
  id: string;
  caseId: string | null;
}

/** An agency's read grant for one person, now. */
export interface ReadGrant {
  /** Categories it may read, in the order of DataCategory. */
  categories: DataCategory[];
  /** What each category rests on (one entry per category), for the ledger. */
  basis: Basis[];
  /** Every consent and legal basis that grants something on its own. */
  sources: GrantSource[];
}

export const EMPTY_GRANT: ReadGrant = { categories: [], basis: [], sources: [] };

export interface GrantQuestion {
  agency: GrantAgency;
  personId: string;
  consents: readonly GrantConsent[];
  legalBases: readonly GrantLegalBasis[];
  at: Date;
}

// Days before and after every period a consent form can carry: "in force" switched off. (The
// engine trusts four-digit years only from 1900 on: JavaScript reads years 0–99 as 1900–1999.)
const FOREVER = { validFrom: '1900-01-01', validUntil: '9999-12-31' };

/** The consents that count, as the engine should judge them, with the rules as they stand. */
function countedConsents(q: GrantQuestion): GrantConsent[] {
  return q.consents
    .filter((c) => c.subjectPersonId === q.personId)
    .filter((c) => !rule('agency.grant.disclosure-kind-only') || c.kind === 'disclosure')
    .map((c) => ({
      ...c,
      ...(rule('agency.grant.recipient') ? {} : { recipientAgencyId: q.agency.id }),
      ...(rule('agency.grant.in-force') ? {} : { ...FOREVER, revokedAt: null }),
      ...(rule('agency.grant.provisions') ? {} : { provisions: undefined }),
    }));
}

function countedLegalBases(q: GrantQuestion): GrantLegalBasis[] {
  return q.legalBases.map((b) => ({
    ...b,
    ...(rule('agency.grant.recipient') ? {} : { recipientAgencyId: q.agency.id }),
    ...(rule('agency.grant.in-force') ? {} : { validFrom: FOREVER.validFrom, validUntil: null }),
  }));
}

const readPurposes = () => (rule('agency.grant.purposes') ? READ_PURPOSES : ALL_PURPOSES);

/**
 * For each category, what it rests on (the first purpose's basis that allows it, as decide
 * weighs them), and the ids of the consents and legal bases that on their own grant anything:
 * one engine pass per purpose (grantsPerCategory) instead of a decide per purpose and candidate.
 */
function weigh(agency: GrantAgency, consents: Consent[], legalBases: LegalBasis[], at: Date, personId: string) {
  const allowed = new Map<DataCategory, Basis>();
  const granting = { consents: new Set<string>(), legalBases: new Set<string>() };
  for (const purpose of readPurposes()) {
    const grants = grantsPerCategory({
      consents,
      legalBases,
      recipient: { agencyId: agency.id, kind: agency.kind as AgencyKind },
      subjectPersonId: personId,
      purpose,
      categories: ALL_CATEGORIES,
      action: 'access',
      // Health never on a legal basis: the engine's default, and no listed norm covers it
      // (legal-norms.spec.ts), which is why it is not a rule an ablation could drop here.
      at,
    });
    for (const [category, bases] of grants) {
      if (bases.length > 0 && !allowed.has(category)) allowed.set(category, bases[0]!);
      for (const b of bases) (b.type === 'consent' ? granting.consents : granting.legalBases).add(b.id);
    }
  }
  return { allowed, granting };
}

/**
 * The read grant (docs/privacy.md): the categories the consent engine allows the agency with
 * action `access` for the purpose referral or service-delivery, counting only disclosure
 * consents (never a service consent), subject to their provisions, and the legal bases given
 * (the caller loads only those in effect for the person).
 */
export function readGrant(q: GrantQuestion): ReadGrant {
  const consents = countedConsents(q);
  const legalBases = countedLegalBases(q);
  const { allowed, granting } = weigh(q.agency, consents, legalBases, q.at, q.personId);
  if (allowed.size === 0) return EMPTY_GRANT;
  const sources: GrantSource[] = [
    ...consents
      .filter((c) => granting.consents.has(c.id))
      .map((c): GrantSource => ({ type: 'consent', id: c.id, caseId: c.caseId })),
    ...legalBases
      .filter((b) => granting.legalBases.has(b.id))
      .map((b): GrantSource => ({ type: 'legal-basis', id: b.id, caseId: b.caseId ?? null })),
  ];
  const categories = ALL_CATEGORIES.filter((c) => allowed.has(c));
  return { categories, basis: categories.map((c) => allowed.get(c)!), sources };
}

/**
 * Whether one consent, on its own, grants the agency anything to read now: the question the
 * SQL fragment (consentMayGrantSql) pre-filters and a property test holds the two to.
 */
export function consentGrantsRead(consent: GrantConsent, agency: GrantAgency, at: Date): boolean {
  return (
    readGrant({ agency, personId: consent.subjectPersonId, consents: [consent], legalBases: [], at }).categories
      .length > 0
  );
}

import type { EntityManager } from 'typeorm';
import { decide, normByCode, type Consent, type Decision, type LegalBasis } from '@kim/consent';
import type { AgencyKind, DataCategory, Purpose } from '@kim/contracts';
import { consentRepository, type LegalBasisInput, type LegalBasisRow } from '@kim/persistence';
import { ruleSwitches } from '../access/rules.js';
import { berlinDay } from '../common/calendar.js';

export interface DisclosureQuestion {
  tenantId: string;
  personId: string;
  /** The case the data leaves from (a referral's case); legal bases are scoped by it. */
  caseId?: string;
  agency: { id: string; kind: string };
  purpose: Purpose;
  categories: DataCategory[];
  at: Date;
}

/** A consent row (or entity) as the consent engine reads it. */
export function toConsent(c: {
  id: string;
  personId: string;
  recipientAgencyId: string | null;
  purposes: string[];
  categories: string[];
  validFrom: string;
  validUntil: string;
  revokedAt: Date | null;
  provisions: unknown;
}): Consent {
  return {
    id: c.id,
    subjectPersonId: c.personId,
    // A transfer consent (issue 19) names a Kreis, no agency: it can grant no agency anything.
    recipientAgencyId: c.recipientAgencyId ?? '',
    purposes: c.purposes as Purpose[],
    categories: c.categories as DataCategory[],
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    revokedAt: c.revokedAt,
    provisions: (c.provisions ?? undefined) as Consent['provisions'],
  };
}

/** A legal basis row as the consent engine reads it. */
export function toLegalBasis(
  b: Pick<
    LegalBasisRow,
    'id' | 'recipientAgencyId' | 'purposes' | 'categories' | 'validFrom' | 'validUntil' | 'citation'
  >,
): LegalBasis {
  return {
    id: b.id,
    recipientAgencyId: b.recipientAgencyId,
    purposes: b.purposes,
    categories: b.categories,
    validFrom: b.validFrom,
    validUntil: b.validUntil,
    citation: b.citation,
  };
}

/** A legal basis in effect, with the case it was recorded on (null: an area-wide basis). */
export type LegalBasisInEffect = LegalBasis & { caseId: string | null };

/**
 * The legal bases that take effect for data of this person going to this agency: confirmed
 * (four eyes), valid on the day of `at`, in scope (recorded for the case the data leaves from,
 * or for its coordination area; without a case, for any of the person's cases), and resting on a
 * norm of the maintained list that reaches the agency's kind, with only the categories the norm
 * covers. Every reader (send, delivery, revocation, reads, reports) gets the same answer here.
 */
export async function legalBasesFor(
  m: EntityManager,
  tenantId: string,
  personId: string,
  agencyId: string,
  opts: { caseId?: string | null; at?: Date } = {},
): Promise<LegalBasisInEffect[]> {
  const rows = await consentRepository.legalBasesFor(
    m,
    { tenantId, personId, agencyId, day: berlinDay(opts.at ?? new Date()), caseId: opts.caseId ?? null },
    ruleSwitches.current(),
  );
  return legalBasesInEffect(rows);
}

/**
 * Of the legal bases the database found in effect, those resting on a norm of the maintained
 * list that reaches the agency's kind, with only the categories the norm covers (pure: the
 * rows come from legalBasesFor or from a disclosure context read in one statement).
 */
export function legalBasesInEffect(rows: readonly LegalBasisInput[]): LegalBasisInEffect[] {
  const bases: LegalBasisInEffect[] = [];
  for (const row of rows) {
    const basis = toLegalBasis(row);
    const norm = normByCode(row.norm);
    if (!norm || !norm.agencyKinds.includes(row.agencyKind as AgencyKind)) continue;
    const categories = basis.categories.filter((c) => norm.categories.includes(c));
    if (categories.length > 0) bases.push({ ...basis, categories, caseId: row.caseId ?? null });
  }
  return bases;
}

/** The access rules switched off for this run (an ablation run; empty otherwise), for context reads. */
export const rulesOff = (): readonly string[] => ruleSwitches.current();

/** Ask the consent engine, with the person's consents as they are now in the database. */
export async function decideDisclosure(m: EntityManager, q: DisclosureQuestion): Promise<Decision> {
  // Sequential: the manager may be a transaction's, with a single connection.
  const consents = await consentRepository.disclosuresOf(m, q.tenantId, q.personId);
  const legalBases = await legalBasesFor(m, q.tenantId, q.personId, q.agency.id, { caseId: q.caseId, at: q.at });
  return decideWith(q, consents, legalBases);
}

/**
 * The consent engine's answer on consents and legal bases already read (in the same
 * transaction, by one context statement): the same decision decideDisclosure makes.
 */
export function decideWith(
  q: Omit<DisclosureQuestion, 'tenantId' | 'caseId'>,
  consents: readonly Parameters<typeof toConsent>[0][],
  legalBases: LegalBasisInEffect[],
): Decision {
  return decide({
    consents: consents.map(toConsent),
    legalBases,
    recipient: { agencyId: q.agency.id, kind: q.agency.kind as AgencyKind },
    subjectPersonId: q.personId,
    purpose: q.purpose,
    categories: q.categories,
    action: 'disclose',
    at: q.at,
  });
}

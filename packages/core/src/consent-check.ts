import type { EntityManager } from 'typeorm';
import { decide, type Consent, type Decision, type LegalBasis } from '@kim/consent';
import type { AgencyKind, DataCategory, Purpose } from '@kim/contracts';
import { ConsentEntity, LegalBasisEntity, hydrateRow, preparedQuery, selectList, selectRows } from '@kim/persistence';

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

export function toConsent(c: ConsentEntity): Consent {
  return {
    id: c.id,
    subjectPersonId: c.personId,
    recipientAgencyId: c.recipientAgencyId,
    purposes: c.purposes as Purpose[],
    categories: c.categories as DataCategory[],
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    revokedAt: c.revokedAt,
    provisions: (c.provisions ?? undefined) as Consent['provisions'],
  };
}

export function toLegalBasis(b: LegalBasisEntity): LegalBasis {
  return {
    id: b.id,
    recipientAgencyId: b.recipientAgencyId,
    purposes: b.purposes as Purpose[],
    categories: b.categories as DataCategory[],
    validFrom: b.validFrom,
    validUntil: b.validUntil,
    citation: b.citation,
  };
}

let legalBasesSql: string | undefined;

/** Statutory bases for this person and agency: those recorded for the person, and general ones. */
export async function legalBasesFor(
  m: EntityManager,
  tenantId: string,
  personId: string,
  agencyId: string,
): Promise<LegalBasis[]> {
  const meta = m.connection.getMetadata(LegalBasisEntity);
  legalBasesSql ??= `SELECT ${selectList(meta)} FROM "${meta.tableName}"
     WHERE tenant_id = $1 AND recipient_agency_id = $2 AND (person_id = $3 OR person_id IS NULL)`;
  const rows = await preparedQuery<Record<string, unknown>>(m, legalBasesSql, [tenantId, agencyId, personId]);
  return rows.map((row) => toLegalBasis(hydrateRow<LegalBasisEntity>(meta, row)));
}

/** Ask the consent engine, with the person's consents as they are now in the database. */
export async function decideDisclosure(m: EntityManager, q: DisclosureQuestion): Promise<Decision> {
  // Sequential: the manager may be a transaction's, with a single connection.
  const consents = await selectRows(m, ConsentEntity, {
    tenantId: q.tenantId,
    personId: q.personId,
    kind: 'disclosure',
  });
  const legalBases = await legalBasesFor(m, q.tenantId, q.personId, q.agency.id);
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

import type { EntityManager } from 'typeorm';
import { decide, normByCode, type Consent, type Decision, type LegalBasis } from '@kim/consent';
import type { AgencyKind, DataCategory, Purpose } from '@kim/contracts';
import {
  ConsentEntity,
  LegalBasisEntity,
  consentRepository,
  hydrateRow,
  preparedQuery,
  selectList,
} from '@kim/persistence';
import { rule } from '../access/rules.js';
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

/**
 * SQL condition: the legal basis `b` is in effect for the case `caseId` on the calendar day
 * `day` (an ISO date, Berlin): confirmed by a second coordinator, within its validity, and
 * recorded for that very case or for the coordination area the case belongs to. The one place
 * this rule is written in SQL; legalBasesFor and the nightly expiry sweep use it. Each part is a
 * named access rule (access/rules.ts), so an ablation run drops it for every reader at once.
 */
export function legalBasisInEffect(b: string, caseId: string, day: string): string {
  const conditions: string[] = [];
  if (rule('agency.grant.legal-basis-confirmed')) conditions.push(`${b}.review_status = 'confirmed'`);
  conditions.push(
    rule('agency.grant.in-force')
      ? `${b}.valid_from <= ${day} AND (${b}.valid_until IS NULL OR ${b}.valid_until >= ${day})`
      : `${day} IS NOT NULL`, // the statement's parameter stays in use (and typed)
  );
  if (rule('agency.grant.legal-basis-scope'))
    conditions.push(`(${b}.case_id = ${caseId}
         OR ${b}.coordination_area_id = (SELECT lr.coordination_area_id FROM cases lc
                                           JOIN regions lr ON lr.tenant_id = lc.tenant_id AND lr.id = lc.region_id
                                          WHERE lc.tenant_id = ${b}.tenant_id AND lc.id = ${caseId}))`);
  return `(${conditions.join(' AND ')})`;
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
  const meta = m.connection.getMetadata(LegalBasisEntity);
  // Built per call (the rules may differ in an ablation run); a prepared statement per text.
  const recipient = rule('agency.grant.recipient') ? 'b.recipient_agency_id = $2' : '$2::uuid IS NOT NULL';
  const sql = `SELECT ${selectList(meta, 'b')}, a.kind AS "agencyKind"
       FROM "${meta.tableName}" b JOIN agencies a ON a.tenant_id = b.tenant_id AND a.id = b.recipient_agency_id
      WHERE b.tenant_id = $1 AND ${recipient}
        AND EXISTS (SELECT 1 FROM cases c
                     WHERE c.tenant_id = b.tenant_id AND c.person_id = $3 AND ($5::uuid IS NULL OR c.id = $5::uuid)
                       AND ${legalBasisInEffect('b', 'c.id', '$4::date')})`;
  const day = berlinDay(opts.at ?? new Date());
  const rows = await preparedQuery<Record<string, unknown>>(m, sql, [
    tenantId,
    agencyId,
    personId,
    day,
    opts.caseId ?? null,
  ]);
  const bases: LegalBasisInEffect[] = [];
  for (const row of rows) {
    const entity = hydrateRow<LegalBasisEntity>(meta, row);
    const basis = toLegalBasis(entity);
    const norm = normByCode(entity.norm);
    if (!norm || !norm.agencyKinds.includes(row.agencyKind as AgencyKind)) continue;
    const categories = basis.categories.filter((c) => norm.categories.includes(c));
    if (categories.length > 0) bases.push({ ...basis, categories, caseId: entity.caseId ?? null });
  }
  return bases;
}

/** Ask the consent engine, with the person's consents as they are now in the database. */
export async function decideDisclosure(m: EntityManager, q: DisclosureQuestion): Promise<Decision> {
  // Sequential: the manager may be a transaction's, with a single connection.
  const consents = await consentRepository.disclosuresOf(m, q.tenantId, q.personId);
  const legalBases = await legalBasesFor(m, q.tenantId, q.personId, q.agency.id, { caseId: q.caseId, at: q.at });
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

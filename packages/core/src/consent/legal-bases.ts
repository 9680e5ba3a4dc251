import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  LegalBasisDecision,
  LegalBasisStatus,
  StaffRole,
  legalBasisInputSchema,
  legalBasisReviewInputSchema,
  parseInput,
} from '@kim/contracts';
import { LEGAL_NORMS, citationOf, normByCode, normOfCitation, whyNormDoesNotCover } from '@kim/consent';
import { agencyRepository, consentRepository, type LegalBasisRow } from '@kim/persistence';
import { audit } from '../ledger/audit.js';
import { caseForStaff, loadCase } from '../case/case-scope.js';
import { DomainError, forbidden, invalidInput, notFound } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { appendTimeline } from '../ledger/timeline.js';

type Coordinator = Extract<Principal, { kind: 'staff' }>;

function assertCoordinator(p: Principal, what: string): asserts p is Coordinator {
  if (p.kind !== 'staff' || p.role !== StaffRole.COORDINATOR || !p.coordinationAreaId)
    throw forbidden(`only coordinators ${what}`);
}

const problem = (path: string, message: string) =>
  new DomainError('INVALID_INPUT', `${path}: ${message}`, { problems: [{ path, message }] });

/**
 * Statutory legal bases (Rechtsgrundlagen), beside consent. A coordinator records one for what
 * they supervise (one case of their area, or their coordination area), citing a norm of the
 * maintained list that reaches the agency's kind and the categories; it takes effect only once
 * a second coordinator of the same area has confirmed it (four eyes, never its author).
 */
export class LegalBasisCommands {
  constructor(private readonly ds: DataSource) {}

  async record(p: Principal, raw: unknown): Promise<LegalBasisRow> {
    let input;
    try {
      input = parseInput(legalBasisInputSchema, raw, 'legal basis');
    } catch (e) {
      return invalidInput(e);
    }
    assertCoordinator(p, 'record legal bases');
    const staff = p;
    const norm = normOfCitation(input.citation);
    if (!norm)
      throw problem(
        'citation',
        `name a norm the hub supports: ${LEGAL_NORMS.map(citationOf).join(', ')} (with Abs., Satz, Nr. as needed)`,
      );
    return this.ds.transaction(async (m) => {
      const agency = await agencyRepository.byId(m, staff.tenantId, input.recipientAgencyId);
      if (!agency) throw notFound('agency', input.recipientAgencyId);
      const why = whyNormDoesNotCover(norm, agency.kind, input.categories);
      if (why) throw problem(norm.agencyKinds.includes(agency.kind as never) ? 'categories' : 'recipientAgencyId', why);
      const c = input.caseId ? await caseForStaff(m, staff, input.caseId) : null;
      const basis = await consentRepository.insertLegalBasis(m, {
        tenantId: staff.tenantId,
        id: randomUUID(),
        recipientAgencyId: agency.id,
        personId: c?.personId ?? null,
        caseId: c?.id ?? null,
        coordinationAreaId: c ? null : staff.coordinationAreaId,
        norm: norm.code,
        purposes: [...new Set(input.purposes)],
        categories: [...new Set(input.categories)],
        citation: input.citation,
        validFrom: input.validFrom,
        validUntil: input.validUntil ?? null,
        recordedBy: staff.userId,
      });
      await audit(m, staff, {
        action: 'legal-basis.recorded',
        subjectType: 'legal_basis',
        subjectId: basis.id,
        categories: basis.categories,
        basis: basis.citation,
        allowed: true,
        reason: 'waiting for a second coordinator to confirm it',
        personId: basis.personId,
        agencyId: agency.id,
      });
      if (c) {
        await appendTimeline(m, staff, {
          caseId: c.id,
          kind: 'legal-basis.recorded',
          summary: { code: 'legal-basis.recorded', params: { agency: agency.name, citation: basis.citation } },
          data: { legalBasisId: basis.id },
        });
      }
      return basis;
    });
  }

  /** A second coordinator of the same area confirms the basis (it takes effect) or rejects it. */
  async review(p: Principal, raw: unknown): Promise<LegalBasisRow> {
    let input;
    try {
      input = parseInput(legalBasisReviewInputSchema, raw, 'legal basis review');
    } catch (e) {
      return invalidInput(e);
    }
    assertCoordinator(p, 'confirm legal bases');
    const staff = p;
    return this.ds.transaction(async (m) => {
      const basis = await consentRepository.lockLegalBasis(m, staff.tenantId, input.legalBasisId);
      // Outside the area the reviewer supervises it does not exist for them.
      if (!basis || (await areaOf(m, basis)) !== staff.coordinationAreaId)
        throw notFound('legal basis', input.legalBasisId);
      if (basis.recordedBy === staff.userId)
        throw forbidden('a legal basis is confirmed by a coordinator other than the one who recorded it');
      if (basis.reviewStatus !== LegalBasisStatus.PENDING)
        throw new DomainError('CONFLICT', `legal basis ${basis.id} was reviewed already (${basis.reviewStatus})`);
      const confirm = input.decision === LegalBasisDecision.CONFIRM;
      if (confirm) {
        const agency = await agencyRepository.byId(m, staff.tenantId, basis.recipientAgencyId);
        if (!agency) throw new Error(`agency ${basis.recipientAgencyId} of legal basis ${basis.id} not found`);
        const norm = normByCode(basis.norm);
        const why = norm ? whyNormDoesNotCover(norm, agency.kind, basis.categories) : 'it names no listed norm';
        if (why) throw new DomainError('CONFLICT', `legal basis ${basis.id} cannot be confirmed: ${why}`);
      }
      basis.reviewStatus = confirm ? LegalBasisStatus.CONFIRMED : LegalBasisStatus.REJECTED;
      basis.reviewedBy = staff.userId;
      basis.reviewedAt = new Date();
      basis.reviewNote = input.note ?? null;
      await consentRepository.reviewLegalBasis(m, basis);
      await audit(m, staff, {
        action: confirm ? 'legal-basis.confirmed' : 'legal-basis.rejected',
        subjectType: 'legal_basis',
        subjectId: basis.id,
        categories: basis.categories,
        basis: basis.citation,
        allowed: true,
        reason: input.note ?? null,
        personId: basis.personId,
        agencyId: basis.recipientAgencyId,
      });
      if (basis.caseId) {
        await appendTimeline(m, staff, {
          caseId: basis.caseId,
          kind: confirm ? 'legal-basis.confirmed' : 'legal-basis.rejected',
          summary: {
            code: confirm ? 'legal-basis.confirmed' : 'legal-basis.rejected',
            params: { citation: basis.citation, staff: staff.displayName },
          },
          data: { legalBasisId: basis.id },
        });
      }
      return basis;
    });
  }

  /** The legal bases of the area a coordinator supervises (its cases and the area itself), pending first. */
  async list(p: Principal, opts: { status?: string; first?: number } = {}): Promise<LegalBasisRow[]> {
    assertCoordinator(p, 'list legal bases');
    return consentRepository.legalBasesOfArea(
      this.ds,
      p.tenantId,
      p.coordinationAreaId,
      opts.status ?? null,
      Math.max(1, Math.min(opts.first ?? 100, 500)),
    );
  }
}

/** The coordination area that supervises a legal basis: its own, or that of its case. */
async function areaOf(m: EntityManager, basis: LegalBasisRow): Promise<string | null> {
  if (basis.coordinationAreaId) return basis.coordinationAreaId;
  if (!basis.caseId) return null;
  return (await loadCase(m, basis.tenantId, basis.caseId))?.coordinationAreaId ?? null;
}

import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { StaffRole, consentInputSchema, parseInput } from '@kim/contracts';
import { AgencyEntity, ConsentEntity } from '@kim/persistence';
import { DomainError, forbidden, notFound } from './errors.js';
import { caseForStaff } from './case-scope.js';
import { appendTimeline } from './timeline.js';
import { audit } from './audit.js';
import { invalidInput } from './referrals.js';
import type { Principal } from './principal.js';

/** Consent as the person gave it, with its evidence; the engine decides on it later. */
export class ConsentCommands {
  constructor(private readonly ds: DataSource) {}

  async record(p: Principal, raw: unknown): Promise<ConsentEntity> {
    let input;
    try {
      input = parseInput(consentInputSchema, raw, 'consent');
    } catch (e) {
      return invalidInput(e);
    }
    if (p.kind !== 'staff' || p.role === StaffRole.OPERATOR)
      throw forbidden('only case managers and coordinators record consent');
    const staff = p;
    return this.ds.transaction(async (m) => {
      const c = await caseForStaff(m, staff, input.caseId);
      const agency = await m.findOne(AgencyEntity, {
        where: { tenantId: staff.tenantId, id: input.recipientAgencyId },
      });
      if (!agency) throw notFound('agency', input.recipientAgencyId);
      const consent = m.create(ConsentEntity, {
        tenantId: staff.tenantId,
        id: randomUUID(),
        personId: c.personId,
        caseId: c.id,
        recipientAgencyId: agency.id,
        purposes: [...new Set(input.purposes)],
        categories: [...new Set(input.categories)],
        validFrom: input.validFrom,
        validUntil: input.validUntil,
        revokedAt: null,
        evidence: input.evidence,
        capturedBy: staff.userId,
      });
      await m.insert(ConsentEntity, consent);
      await audit(m, staff, {
        action: 'consent.recorded',
        subjectType: 'consent',
        subjectId: consent.id,
        categories: consent.categories,
        allowed: true,
      });
      await appendTimeline(m, staff, {
        caseId: c.id,
        kind: 'consent.recorded',
        summary: `Consent recorded for ${agency.name}: ${consent.categories.join(', ')}`,
        data: {
          consentId: consent.id,
          agencyId: agency.id,
          purposes: consent.purposes,
          validUntil: consent.validUntil,
        },
      });
      return consent;
    });
  }

  /** Widerruf: takes effect at once; pending messages are checked again when they are sent. */
  async revoke(p: Principal, consentId: string): Promise<ConsentEntity> {
    return this.ds.transaction(async (m) => {
      const consent = await m.findOne(ConsentEntity, {
        where: { tenantId: p.tenantId, id: consentId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!consent) throw notFound('consent', consentId);
      await caseForStaff(m, p, consent.caseId);
      if (consent.revokedAt) throw new DomainError('CONFLICT', `consent ${consentId} is already revoked`);
      consent.revokedAt = new Date();
      await m.save(ConsentEntity, consent);
      await audit(m, p, {
        action: 'consent.revoked',
        subjectType: 'consent',
        subjectId: consent.id,
        categories: consent.categories,
        allowed: true,
      });
      await appendTimeline(m, p, {
        caseId: consent.caseId,
        kind: 'consent.revoked',
        summary: 'Consent revoked',
        data: { consentId },
      });
      return consent;
    });
  }
}

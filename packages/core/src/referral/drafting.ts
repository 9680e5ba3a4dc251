import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ReferralStatus, createReferralInputSchema, parseInput } from '@kim/contracts';
import { agencyRepository, referralRepository, type ReferralRow } from '@kim/persistence';
import { DomainError, notFound } from '../common/errors.js';
import { caseForStaff } from '../case/case-scope.js';
import { appendTimeline } from '../ledger/timeline.js';
import type { Principal } from '../common/principal.js';
import { invalidInput } from '../common/errors.js';

/** A draft referral from a case to a service; nothing leaves the hub yet. */
export async function draftReferral(ds: DataSource, p: Principal, raw: unknown): Promise<ReferralRow> {
  const input = (() => {
    try {
      return parseInput(createReferralInputSchema, raw, 'referral');
    } catch (e) {
      return invalidInput(e);
    }
  })();
  return ds.transaction(async (m) => {
    const c = await caseForStaff(m, p, input.caseId);
    if (c.phase === 'closed') throw new DomainError('CONFLICT', `case ${c.reference} is closed`);
    const [service] = await agencyRepository.servicesByIds(m, p.tenantId, [input.serviceId]);
    if (!service) throw notFound('service', input.serviceId);
    const referral: ReferralRow = {
      tenantId: p.tenantId,
      id: randomUUID(),
      caseId: c.id,
      serviceId: service.id,
      agencyId: service.agencyId,
      purpose: input.purpose,
      categories: [...new Set(input.categories)],
      status: ReferralStatus.DRAFT,
      businessStatus: null,
      statusReason: null,
      servicesDelivered: null,
      outcome: null,
      note: input.note ?? null,
      respondBy: null,
      createdBy: p.kind === 'staff' ? p.userId : (null as never),
      lastAgencyUpdateAt: null,
      lastAgencyEventId: null,
      requestedAt: null,
      outcomeAcknowledgedAt: null,
      acceptedAt: null,
      startedAt: null,
      finishedAt: null,
      // Set by the insert from the database's clock.
      createdAt: new Date(0),
      updatedAt: new Date(0),
      version: 0,
    };
    await referralRepository.insertDraft(m, referral);
    await appendTimeline(m, p, {
      caseId: c.id,
      referralId: referral.id,
      kind: 'referral.created',
      summary: { code: 'referral.drafted', params: { service: service.name } },
      data: { status: referral.status, serviceId: service.id },
    });
    return referral;
  });
}

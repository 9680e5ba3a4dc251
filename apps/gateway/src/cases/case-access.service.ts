import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { decide } from '@kim/consent';
import { DataCategory, Purpose, ReferralStatus, type AgencyKind } from '@kim/contracts';
import { DomainError, loadCase, staffMaySeeCase, toConsent, type Principal } from '@kim/core';
import { DATA_SOURCE } from '../common/tokens.js';
import type { GqlContext } from '../common/context.js';

const ALL = Object.values(DataCategory);

/**
 * Who sees which case, and which of the person's data categories. Staff see the cases of
 * their area in full; an agency sees a case only while it holds a sent referral for it, and
 * only the categories a valid consent covers.
 */
@Injectable()
export class CaseAccessService {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  async assertMaySee(p: Principal, caseId: string, ctx: GqlContext): Promise<void> {
    const row = await loadCase(this.ds.manager, p.tenantId, caseId);
    if (!row) throw new DomainError('NOT_FOUND', `case ${caseId} was not found`);
    if (p.kind === 'staff' && staffMaySeeCase(p, row)) return;
    if (p.kind === 'agency' && (await this.agencyHoldsReferral(p.agencyId, caseId, ctx))) return;
    // Agencies get the same answer for "not yours" and "does not exist".
    if (p.kind === 'agency') throw new DomainError('NOT_FOUND', `case ${caseId} was not found`);
    throw new DomainError('FORBIDDEN', `case ${caseId} is outside your area`);
  }

  async agencyHoldsReferral(agencyId: string, caseId: string, ctx: GqlContext): Promise<boolean> {
    const referrals = await ctx.loaders.referralsByCase.load(caseId);
    return referrals.some((r) => r.agencyId === agencyId && r.status !== ReferralStatus.DRAFT);
  }

  /** Categories of the person the caller may see now, and the consents that allow it. */
  async visibleCategories(p: Principal, personId: string, ctx: GqlContext): Promise<{ categories: DataCategory[]; basis: string[] }> {
    if (p.kind === 'staff') return { categories: ALL, basis: [] };
    if (p.kind !== 'agency') return { categories: [], basis: [] };
    const consents = (await ctx.loaders.consentsByPerson.load(personId)).map(toConsent);
    const at = new Date();
    const seen = new Set<DataCategory>();
    const basis = new Set<string>();
    for (const purpose of [Purpose.REFERRAL, Purpose.SERVICE_DELIVERY]) {
      const d = decide({
        consents,
        recipient: { agencyId: p.agencyId, kind: p.agencyKind as AgencyKind },
        purpose,
        categories: ALL,
        action: 'access',
        at,
        subjectPersonId: personId,
      });
      d.allowed.forEach((c) => seen.add(c));
      d.basis.forEach((b) => basis.add(b.id));
    }
    return { categories: ALL.filter((c) => seen.has(c)), basis: [...basis] };
  }
}

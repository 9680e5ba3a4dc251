import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { decide } from '@kim/consent';
import { DataCategory, Purpose, type AgencyKind } from '@kim/contracts';
import {
  DomainError,
  HubQueries,
  OverrideCommands,
  loadCase,
  staffMaySeeCase,
  toConsent,
  type CaseRow,
  type Principal,
} from '@kim/core';
import type { HubConfig } from '@kim/config';
import { DATA_SOURCE, HUB_CONFIG } from '../common/tokens.js';
import type { GqlContext } from '../common/context.js';
import type { Loaders } from '../common/loaders.js';

const ALL = Object.values(DataCategory);

/**
 * Who sees which case, and which of the person's data categories. Staff see the cases of
 * their area in full; an agency sees a case only while it holds an open referral for it or a
 * valid consent names it (AGENCY_SEES_CASE), and of the person only what consent covers.
 * Staff with an open break-glass override read that one case (see OverrideCommands).
 */
@Injectable()
export class CaseAccessService {
  private readonly queries: HubQueries;
  private readonly overrides: OverrideCommands;

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {
    this.queries = new HubQueries(ds);
    this.overrides = new OverrideCommands(ds);
  }

  /** The case, if the caller may see it; one read serves both the check and the answer. */
  async assertMaySee(p: Principal, caseId: string, loaders?: Loaders): Promise<CaseRow> {
    if (p.kind === 'agency') {
      // The agency's access check, the case and the person's consents come from one statement.
      const enforcing = this.config.CONSENT_ENFORCEMENT;
      const seen = await this.queries.caseForAgency(p.tenantId, caseId, p.agencyId, enforcing && !!loaders);
      if (seen && (seen.agencySees || !enforcing)) {
        const { agencySees: _seen, consents, ...row } = seen;
        if (consents) loaders!.consentsByPerson.prime(row.personId, consents);
        return row;
      }
      // Agencies get the same answer for "not yours" and "does not exist".
      throw new DomainError('NOT_FOUND', `case ${caseId} was not found`);
    }
    const row = await loadCase(this.ds.manager, p.tenantId, caseId);
    if (!row) throw new DomainError('NOT_FOUND', `case ${caseId} was not found`);
    if (p.kind === 'staff' && staffMaySeeCase(p, row)) return row;
    // Break-glass: read-only, recorded per read; only the single-case read honours it.
    if (p.kind === 'staff' && p.mayOverride && (await this.overrides.readUnderOverride(p, row))) return row;
    throw new DomainError('FORBIDDEN', `case ${caseId} is outside your area`);
  }

  /** Categories of the person the caller may see now, and the consents that allow it. */
  async visibleCategories(
    p: Principal,
    personId: string,
    ctx: GqlContext,
  ): Promise<{ categories: DataCategory[]; basis: string[] }> {
    if (p.kind === 'staff') return { categories: ALL, basis: [] };
    if (p.kind !== 'agency') return { categories: [], basis: [] };
    // Only for measuring what enforcement costs; the config refuses this in production.
    if (!this.config.CONSENT_ENFORCEMENT) return { categories: ALL, basis: [] };
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

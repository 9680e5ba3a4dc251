import { StaffRole } from '@kim/contracts';
import type { Principal } from '../common/principal.js';
import { staffSeesCase, type CaseScope } from './policy.js';

export type { CaseScope };

/** Staff see the cases of their own area: the access policy's rule (access/policy.ts). */
export function staffMaySeeCase(p: Principal, scope: CaseScope): boolean {
  return staffSeesCase(p, scope);
}

/** What an open override grants: one case, to the person who opened it, until it expires. */
export interface OverrideGrant {
  staffUserId: string;
  caseId: string;
  expiresAt: Date;
}

export function overrideOpensCase(p: Principal, caseId: string, grant: OverrideGrant, at: Date): boolean {
  return p.kind === 'staff' && grant.staffUserId === p.userId && grant.caseId === caseId && at < grant.expiresAt;
}

/**
 * Who may break the glass on a case: staff who work with persons (case managers and
 * coordinators, never operators) and hold the separate permission, and only where their
 * ordinary access does not reach. Returns why not, or null.
 */
export function whyNoOverride(p: Principal, scope: CaseScope): string | null {
  return whyCallerCannotOverride(p) ?? (staffMaySeeCase(p, scope) ? OWN_AREA : null);
}

const OWN_AREA = 'this case is in your area: no override is needed';

/**
 * Why this caller may open no override at all, whatever the case: said before the case is
 * looked up, so that the answer is the same whether a case exists or not.
 */
export function whyCallerCannotOverride(p: Principal): string | null {
  if (p.kind !== 'staff') return 'only staff may open an override';
  if (p.role !== StaffRole.CASE_MANAGER && p.role !== StaffRole.COORDINATOR)
    return 'operators and tenant administrators never see case data';
  if (p.mayOverride !== true) return 'you do not hold the override permission';
  return null;
}

/**
 * Who reviews an override: a coordinator of the case's area who did not open it (four eyes).
 * Returns why not, or null.
 */
export function whyNoReview(p: Principal, scope: CaseScope, openedBy: string): string | null {
  if (p.kind !== 'staff' || p.role !== StaffRole.COORDINATOR) return 'only coordinators review overrides';
  if (p.coordinationAreaId !== scope.coordinationAreaId) return 'the case is outside the area you supervise';
  if (p.userId === openedBy) return 'an override is reviewed by someone other than the person who opened it';
  return null;
}

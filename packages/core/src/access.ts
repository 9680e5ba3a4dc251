import { StaffRole } from '@kim/contracts';
import type { Principal } from './principal.js';

/** What decides who may see a case: its regional area and that area's coordinating office. */
export interface CaseScope {
  regionId: string;
  coordinationAreaId: string;
}

/**
 * Staff see the cases of their own regional area (case managers) or of the area they
 * supervise (coordinators). Agencies see a case only while they hold a referral for it;
 * that is decided by the caller, which knows the referrals.
 */
export function staffMaySeeCase(p: Principal, scope: CaseScope): boolean {
  if (p.kind !== 'staff') return false;
  if (p.role === StaffRole.CASE_MANAGER) return p.regionId === scope.regionId;
  if (p.role === StaffRole.COORDINATOR) return p.coordinationAreaId === scope.coordinationAreaId;
  return false;
}

export function staffMayChangeCase(p: Principal, scope: CaseScope): boolean {
  return staffMaySeeCase(p, scope);
}

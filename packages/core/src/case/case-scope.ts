import { caseRepository, referralRepository, type CaseScopeRow, type Db, type ReferralRow } from '@kim/persistence';
import { notFound } from '../common/errors.js';
import { staffSeesCase } from '../access/policy.js';
import type { Principal } from '../common/principal.js';

export type CaseRow = CaseScopeRow;

/** Load a case with the area that supervises it, for the access rules. */
export function loadCase(db: Db, tenantId: string, caseId: string, lock = false): Promise<CaseRow | null> {
  return caseRepository.scope(db, tenantId, caseId, lock);
}

/**
 * The case, if the staff principal may work on it. A case outside the caller's area gets the
 * same NOT_FOUND as an unknown id (docs/privacy.md: "no" looks the same whether the case exists
 * or not); `as` names what the caller asked for (a referral, a consent), so the answer does not
 * give away the case id behind it.
 */
export async function caseForStaff(
  m: Db,
  p: Principal,
  caseId: string,
  lock = false,
  as: { what: string; id: string } = { what: 'case', id: caseId },
): Promise<CaseRow> {
  const row = await loadCase(m, p.tenantId, caseId, lock);
  if (!row || !staffSeesCase(p, row)) throw notFound(as.what, as.id);
  return row;
}

/**
 * A referral locked for a change, if the staff principal may work on its case: the lock, the case
 * and its area in one statement (issue 20), then the same access rule as caseForStaff. A referral
 * on a case outside the caller's area gets the same NOT_FOUND as an unknown id.
 */
export async function lockReferralForStaff(
  m: Db,
  p: Principal,
  referralId: string,
): Promise<{ referral: ReferralRow; scope: CaseRow }> {
  const found = await referralRepository.lockWithCase(m, p.tenantId, referralId);
  if (!found || !staffSeesCase(p, found.scope)) throw notFound('referral', referralId);
  return found;
}

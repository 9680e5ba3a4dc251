import { caseRepository, type CaseScopeRow, type Db } from '@kim/persistence';
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

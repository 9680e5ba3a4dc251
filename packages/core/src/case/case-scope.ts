import type { EntityManager } from 'typeorm';
import { preparedQuery } from '@kim/persistence';
import { notFound } from '../common/errors.js';
import { staffSeesCase } from '../access/policy.js';
import type { Principal } from '../common/principal.js';

export interface CaseRow {
  id: string;
  personId: string;
  regionId: string;
  coordinationAreaId: string;
  caseManagerId: string;
  phase: string;
  reference: string;
  openedAt: Date;
  closedAt: Date | null;
}

/** Load a case with the area that supervises it, for the access rules. */
export async function loadCase(
  m: EntityManager,
  tenantId: string,
  caseId: string,
  lock = false,
): Promise<CaseRow | null> {
  const rows = await preparedQuery<CaseRow>(
    m,
    `SELECT c.id, c.person_id AS "personId", c.region_id AS "regionId", r.coordination_area_id AS "coordinationAreaId",
            c.case_manager_id AS "caseManagerId", c.phase, c.reference,
            c.opened_at AS "openedAt", c.closed_at AS "closedAt"
       FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
      WHERE c.tenant_id = $1 AND c.id = $2${lock ? ' FOR UPDATE OF c' : ''}`,
    [tenantId, caseId],
  );
  return rows[0] ?? null;
}

/**
 * The case, if the staff principal may work on it. A case outside the caller's area gets the
 * same NOT_FOUND as an unknown id (docs/privacy.md: "no" looks the same whether the case exists
 * or not); `as` names what the caller asked for (a referral, a consent), so the answer does not
 * give away the case id behind it.
 */
export async function caseForStaff(
  m: EntityManager,
  p: Principal,
  caseId: string,
  lock = false,
  as: { what: string; id: string } = { what: 'case', id: caseId },
): Promise<CaseRow> {
  const row = await loadCase(m, p.tenantId, caseId, lock);
  if (!row || !staffSeesCase(p, row)) throw notFound(as.what, as.id);
  return row;
}

import type { CasePhase, LifeDomain } from '@kim/contracts';
import { maybeOne, rows, statement, type Db } from './statement.js';

/** A need recorded on a case, by life domain. */
export interface CaseNeedRow {
  tenantId: string;
  id: string;
  caseId: string;
  domain: LifeDomain;
  description: string;
}

/** A goal of a case's integration plan. */
export interface GoalRow {
  tenantId: string;
  id: string;
  caseId: string;
  domain: LifeDomain;
  description: string;
  targetDate: string | null;
  status: string;
  createdAt: Date;
}

const needsByCases = statement<CaseNeedRow, [string, string[]]>(
  'case',
  'needsByCases',
  `
  SELECT tenant_id AS "tenantId", id, case_id AS "caseId", domain, description
    FROM case_needs WHERE tenant_id = $1 AND case_id = ANY($2)`,
  { prepared: true },
);

const goalsByCases = statement<GoalRow, [string, string[]]>(
  'case',
  'goalsByCases',
  `
  SELECT tenant_id AS "tenantId", id, case_id AS "caseId", domain, description, target_date::text AS "targetDate",
         status, created_at AS "createdAt"
    FROM goals WHERE tenant_id = $1 AND case_id = ANY($2) ORDER BY created_at`,
  { prepared: true },
);

/** A case with the area that supervises it: what the access rules ask about. */
export interface CaseScopeRow {
  id: string;
  personId: string;
  regionId: string;
  coordinationAreaId: string;
  caseManagerId: string;
  phase: CasePhase;
  reference: string;
  openedAt: Date;
  closedAt: Date | null;
}

const scope = statement<CaseScopeRow, [string, string]>(
  'case',
  'scope',
  `
  SELECT c.id, c.person_id AS "personId", c.region_id AS "regionId", r.coordination_area_id AS "coordinationAreaId",
         c.case_manager_id AS "caseManagerId", c.phase, c.reference,
         c.opened_at AS "openedAt", c.closed_at AS "closedAt"
    FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
   WHERE c.tenant_id = $1 AND c.id = $2`,
  { prepared: true },
);

const lockScope = statement<CaseScopeRow, [string, string]>(
  'case',
  'lockScope',
  `
  SELECT c.id, c.person_id AS "personId", c.region_id AS "regionId", r.coordination_area_id AS "coordinationAreaId",
         c.case_manager_id AS "caseManagerId", c.phase, c.reference,
         c.opened_at AS "openedAt", c.closed_at AS "closedAt"
    FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
   WHERE c.tenant_id = $1 AND c.id = $2 FOR UPDATE OF c`,
  { prepared: true },
);

const idsOfPerson = statement<{ id: string }, [string, string]>(
  'case',
  'idsOfPerson',
  `
  SELECT id FROM cases WHERE tenant_id = $1 AND person_id = $2`,
);

/** Cases, their needs and plan. */
export const caseRepository = {
  /** A case with its supervising area; locked (inside a transaction) when asked. */
  scope: (db: Db, tenantId: string, caseId: string, lock = false) =>
    maybeOne(db, lock ? lockScope : scope, [tenantId, caseId]),
  /** The ids of a person's cases. */
  idsOfPerson: async (db: Db, tenantId: string, personId: string) =>
    (await rows(db, idsOfPerson, [tenantId, personId])).map((r) => r.id),
  needsByCases: (db: Db, tenantId: string, caseIds: readonly string[]) =>
    rows(db, needsByCases, [tenantId, [...caseIds]]),
  goalsByCases: (db: Db, tenantId: string, caseIds: readonly string[]) =>
    rows(db, goalsByCases, [tenantId, [...caseIds]]),
};

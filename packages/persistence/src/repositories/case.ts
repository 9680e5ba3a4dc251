import type { LifeDomain } from '@kim/contracts';
import { rows, statement, type Db } from './statement.js';

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

/** Cases, their needs and plan. */
export const caseRepository = {
  needsByCases: (db: Db, tenantId: string, caseIds: readonly string[]) =>
    rows(db, needsByCases, [tenantId, [...caseIds]]),
  goalsByCases: (db: Db, tenantId: string, caseIds: readonly string[]) =>
    rows(db, goalsByCases, [tenantId, [...caseIds]]),
};

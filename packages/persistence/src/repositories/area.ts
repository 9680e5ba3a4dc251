import { rows, statement, type Db } from './statement.js';

/** A regional area (a case manager's), inside a coordination area. */
export interface RegionRow {
  tenantId: string;
  id: string;
  name: string;
  coordinationAreaId: string;
  fte: string;
  caseloadKey: number;
}

const regionsByIds = statement<RegionRow, [string, string[]]>(
  'area',
  'regionsByIds',
  `
  SELECT tenant_id AS "tenantId", id, name, coordination_area_id AS "coordinationAreaId", fte,
         caseload_key AS "caseloadKey"
    FROM regions WHERE tenant_id = $1 AND id = ANY($2)`,
  { prepared: true },
);

/** Regional and coordination areas. */
export const areaRepository = {
  regionsByIds: (db: Db, tenantId: string, ids: readonly string[]) => rows(db, regionsByIds, [tenantId, [...ids]]),
};

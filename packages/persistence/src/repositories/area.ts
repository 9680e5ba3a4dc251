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

const regionsOfCoordinationArea = statement<RegionRow, [string, string]>(
  'area',
  'regionsOfCoordinationArea',
  `
  SELECT tenant_id AS "tenantId", id, name, coordination_area_id AS "coordinationAreaId", fte,
         caseload_key AS "caseloadKey"
    FROM regions WHERE tenant_id = $1 AND coordination_area_id = $2 ORDER BY name`,
);

/** Regional and coordination areas. */
export const areaRepository = {
  regionsByIds: (db: Db, tenantId: string, ids: readonly string[]) => rows(db, regionsByIds, [tenantId, [...ids]]),
  /** The regional areas of a coordination area, by name. */
  regionsOfCoordinationArea: (db: Db, tenantId: string, coordinationAreaId: string) =>
    rows(db, regionsOfCoordinationArea, [tenantId, coordinationAreaId]),
};

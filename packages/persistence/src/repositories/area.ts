import { execute, maybeOne, rows, statement, type Db } from './statement.js';

/** A regional area (a case manager's), inside a coordination area. */
export interface RegionRow {
  tenantId: string;
  id: string;
  name: string;
  coordinationAreaId: string;
  fte: string;
  caseloadKey: number;
  contactPhone: string | null;
  contactEmail: string | null;
}

/** A coordinating office's area: the Kreis, or a town with its own office. */
export interface CoordinationAreaRow {
  tenantId: string;
  id: string;
  name: string;
  kind: string;
}

const regionsByIds = statement<RegionRow, [string, string[]]>(
  'area',
  'regionsByIds',
  `
  SELECT tenant_id AS "tenantId", id, name, coordination_area_id AS "coordinationAreaId", fte,
         caseload_key AS "caseloadKey", contact_phone AS "contactPhone", contact_email AS "contactEmail"
    FROM regions WHERE tenant_id = $1 AND id = ANY($2)`,
  { prepared: true },
);

const regionsOfCoordinationArea = statement<RegionRow, [string, string]>(
  'area',
  'regionsOfCoordinationArea',
  `
  SELECT tenant_id AS "tenantId", id, name, coordination_area_id AS "coordinationAreaId", fte,
         caseload_key AS "caseloadKey", contact_phone AS "contactPhone", contact_email AS "contactEmail"
    FROM regions WHERE tenant_id = $1 AND coordination_area_id = $2 ORDER BY name`,
);

const REGION_COLUMNS = `tenant_id AS "tenantId", id, name, coordination_area_id AS "coordinationAreaId", fte,
         caseload_key AS "caseloadKey", contact_phone AS "contactPhone", contact_email AS "contactEmail"`;

const regions = statement<RegionRow, [string]>(
  'area',
  'regions',
  `
  SELECT ${REGION_COLUMNS}
    FROM regions WHERE tenant_id = $1 ORDER BY name`,
);

const insertRegion = statement<{ id: string }, [string, string, string, string, number, string | null, string | null]>(
  'area',
  'insertRegion',
  `
  INSERT INTO regions (tenant_id, name, coordination_area_id, fte, caseload_key, contact_phone, contact_email)
  VALUES ($1, $2, $3, $4, $5, $6, $7)
  RETURNING id`,
);

const lockRegion = statement<RegionRow, [string, string]>(
  'area',
  'lockRegion',
  `
  SELECT ${REGION_COLUMNS}
    FROM regions WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
);

const writeRegion = statement<never, [string, string, string, string, number, string | null, string | null]>(
  'area',
  'writeRegion',
  `
  UPDATE regions SET name = $3, fte = $4, caseload_key = $5, contact_phone = $6, contact_email = $7
   WHERE tenant_id = $1 AND id = $2`,
);

const coordinationAreas = statement<CoordinationAreaRow, [string]>(
  'area',
  'coordinationAreas',
  `
  SELECT tenant_id AS "tenantId", id, name, kind FROM coordination_areas WHERE tenant_id = $1 ORDER BY name`,
);

const insertCoordinationArea = statement<{ id: string }, [string, string, string]>(
  'area',
  'insertCoordinationArea',
  `
  INSERT INTO coordination_areas (tenant_id, name, kind) VALUES ($1, $2, $3)
  RETURNING id`,
);

const renameCoordinationArea = statement<never, [string, string, string]>(
  'area',
  'renameCoordinationArea',
  `
  UPDATE coordination_areas SET name = $3 WHERE tenant_id = $1 AND id = $2`,
);

export interface RegionWrite {
  name: string;
  fte: string;
  caseloadKey: number;
  contactPhone: string | null;
  contactEmail: string | null;
}

/** Regional and coordination areas. */
export const areaRepository = {
  regionsByIds: (db: Db, tenantId: string, ids: readonly string[]) => rows(db, regionsByIds, [tenantId, [...ids]]),
  /** The regional areas of a coordination area, by name. */
  regionsOfCoordinationArea: (db: Db, tenantId: string, coordinationAreaId: string) =>
    rows(db, regionsOfCoordinationArea, [tenantId, coordinationAreaId]),
  /** Every regional area of a tenant, by name. */
  regions: (db: Db, tenantId: string) => rows(db, regions, [tenantId]),
  async insertRegion(db: Db, tenantId: string, coordinationAreaId: string, r: RegionWrite): Promise<string> {
    const [row] = await rows(db, insertRegion, [
      tenantId,
      r.name,
      coordinationAreaId,
      r.fte,
      r.caseloadKey,
      r.contactPhone,
      r.contactEmail,
    ]);
    return row!.id;
  },
  /** Lock a regional area for a change (inside a transaction). */
  lockRegion: (db: Db, tenantId: string, id: string) => maybeOne(db, lockRegion, [tenantId, id]),
  writeRegion: (db: Db, tenantId: string, id: string, r: RegionWrite) =>
    execute(db, writeRegion, [tenantId, id, r.name, r.fte, r.caseloadKey, r.contactPhone, r.contactEmail]),
  coordinationAreas: (db: Db, tenantId: string) => rows(db, coordinationAreas, [tenantId]),
  async insertCoordinationArea(db: Db, tenantId: string, name: string, kind: string): Promise<string> {
    const [row] = await rows(db, insertCoordinationArea, [tenantId, name, kind]);
    return row!.id;
  },
  renameCoordinationArea: (db: Db, tenantId: string, id: string, name: string) =>
    execute(db, renameCoordinationArea, [tenantId, id, name]),
};

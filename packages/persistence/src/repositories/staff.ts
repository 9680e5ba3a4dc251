import type { StaffRole } from '@kim/contracts';
import { rows, statement, type Db } from './statement.js';

/** A staff user (case manager, coordinator, operator); the token only as its hash. */
export interface StaffRow {
  tenantId: string;
  id: string;
  displayName: string;
  email: string;
  role: StaffRole;
  regionId: string | null;
  coordinationAreaId: string | null;
  fte: string | null;
  mayOverride: boolean;
  tokenHash: string;
}

const byIds = statement<StaffRow, [string, string[]]>(
  'staff',
  'byIds',
  `
  SELECT tenant_id AS "tenantId", id, display_name AS "displayName", email, role, region_id AS "regionId",
         coordination_area_id AS "coordinationAreaId", fte, may_override AS "mayOverride", token_hash AS "tokenHash"
    FROM staff_users WHERE tenant_id = $1 AND id = ANY($2)`,
  { prepared: true },
);

const inRegion = statement<StaffRow, [string, string, StaffRole]>(
  'staff',
  'inRegion',
  `
  SELECT tenant_id AS "tenantId", id, display_name AS "displayName", email, role, region_id AS "regionId",
         coordination_area_id AS "coordinationAreaId", fte, may_override AS "mayOverride", token_hash AS "tokenHash"
    FROM staff_users WHERE tenant_id = $1 AND region_id = $2 AND role = $3
   ORDER BY display_name`,
);

/** Staff users. */
export const staffRepository = {
  byIds: (db: Db, tenantId: string, ids: readonly string[]) => rows(db, byIds, [tenantId, [...ids]]),
  /** The staff users of a regional area in one role, by name. */
  inRegion: (db: Db, tenantId: string, regionId: string, role: StaffRole) =>
    rows(db, inRegion, [tenantId, regionId, role]),
};

import type { StaffRole } from '@kim/contracts';
import { execute, maybeOne, rows, statement, type Db } from './statement.js';

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
  tokenHash: string | null;
  /** Set when a tenant administrator deactivated the account: it signs in no more and takes no cases. */
  deactivatedAt: Date | null;
  /** The account at the OpenID provider it is bound to (single sign-on), or null. */
  oidcIssuer: string | null;
  oidcSubject: string | null;
}

/** A staff user as the administration lists it. */
export interface StaffAdminRow {
  tenantId: string;
  id: string;
  displayName: string;
  email: string;
  role: StaffRole;
  regionId: string | null;
  coordinationAreaId: string | null;
  fte: string | null;
  deactivatedAt: Date | null;
}

export interface StaffWrite {
  displayName: string;
  email: string;
  role: StaffRole;
  regionId: string | null;
  coordinationAreaId: string | null;
  fte: string | null;
}

/** Every column of a staff user, in one list for every statement that reads the whole row. */
const STAFF_COLUMNS = `tenant_id AS "tenantId", id, display_name AS "displayName", email, role, region_id AS "regionId",
         coordination_area_id AS "coordinationAreaId", fte, may_override AS "mayOverride", token_hash AS "tokenHash",
         deactivated_at AS "deactivatedAt", oidc_issuer AS "oidcIssuer", oidc_subject AS "oidcSubject"`;

const byIds = statement<StaffRow, [string, string[]]>(
  'staff',
  'byIds',
  `
  SELECT ${STAFF_COLUMNS}
    FROM staff_users WHERE tenant_id = $1 AND id = ANY($2)`,
  { prepared: true },
);

const inRegion = statement<StaffRow, [string, string, StaffRole]>(
  'staff',
  'inRegion',
  `
  SELECT ${STAFF_COLUMNS}
    FROM staff_users WHERE tenant_id = $1 AND region_id = $2 AND role = $3 AND deactivated_at IS NULL
   ORDER BY display_name`,
);

const ADMIN_COLUMNS = `tenant_id AS "tenantId", id, display_name AS "displayName", email, role, region_id AS "regionId",
         coordination_area_id AS "coordinationAreaId", fte, deactivated_at AS "deactivatedAt"`;

const list = statement<StaffAdminRow, [string]>(
  'staff',
  'list',
  `
  SELECT ${ADMIN_COLUMNS}
    FROM staff_users WHERE tenant_id = $1 ORDER BY display_name, email`,
);

// One page of the administration's list, by name: the rows after the staff user `after` (keyset
// on name, e-mail, id; no offset, so a page stays right while others are added).
const page = statement<StaffAdminRow, [string, string | null, number]>(
  'staff',
  'page',
  `
  SELECT ${ADMIN_COLUMNS}
    FROM staff_users
   WHERE tenant_id = $1
     AND ($2::uuid IS NULL
          OR (display_name, email, id) > (SELECT display_name, email, id FROM staff_users WHERE tenant_id = $1 AND id = $2))
   ORDER BY display_name, email, id
   LIMIT $3`,
);

const insert = statement<
  { id: string },
  [string, string, string, StaffRole, string | null, string | null, string | null]
>(
  'staff',
  'insert',
  `
  INSERT INTO staff_users (tenant_id, display_name, email, role, region_id, coordination_area_id, fte)
  VALUES ($1, $2, $3, $4, $5, $6, $7)
  RETURNING id`,
);

const lock = statement<StaffAdminRow, [string, string]>(
  'staff',
  'lock',
  `
  SELECT ${ADMIN_COLUMNS}
    FROM staff_users WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
);

const write = statement<
  never,
  [string, string, string, string, StaffRole, string | null, string | null, string | null, boolean]
>(
  'staff',
  'write',
  `
  UPDATE staff_users
     SET display_name = $3, email = $4, role = $5, region_id = $6, coordination_area_id = $7, fte = $8,
         deactivated_at = CASE WHEN $9 THEN coalesce(deactivated_at, now()) ELSE NULL END
   WHERE tenant_id = $1 AND id = $2`,
);

/** Staff users. */
export const staffRepository = {
  byIds: (db: Db, tenantId: string, ids: readonly string[]) => rows(db, byIds, [tenantId, [...ids]]),
  /** The staff users of a regional area in one role, by name. */
  inRegion: (db: Db, tenantId: string, regionId: string, role: StaffRole) =>
    rows(db, inRegion, [tenantId, regionId, role]),
  /** Every staff user of a tenant, active or not, by name (the administration's list). */
  list: (db: Db, tenantId: string) => rows(db, list, [tenantId]),
  /** Up to `limit` staff users after the one with id `after` (from the start when null), by name. */
  page: (db: Db, tenantId: string, after: string | null, limit: number) => rows(db, page, [tenantId, after, limit]),
  async insert(db: Db, tenantId: string, s: StaffWrite): Promise<string> {
    const [row] = await rows(db, insert, [
      tenantId,
      s.displayName,
      s.email,
      s.role,
      s.regionId,
      s.coordinationAreaId,
      s.fte,
    ]);
    return row!.id;
  },
  /** Lock a staff user for a change (inside a transaction). */
  lock: (db: Db, tenantId: string, id: string) => maybeOne(db, lock, [tenantId, id]),
  write: (db: Db, tenantId: string, id: string, s: StaffWrite, deactivated: boolean) =>
    execute(db, write, [
      tenantId,
      id,
      s.displayName,
      s.email,
      s.role,
      s.regionId,
      s.coordinationAreaId,
      s.fte,
      deactivated,
    ]),
};

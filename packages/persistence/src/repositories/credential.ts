import { execute, maybeOne, rows, statement, type Db } from './statement.js';

/** A credential as the administration lists it: never its hash or secret. */
export interface CredentialRow {
  tenantId: string;
  id: string;
  staffUserId: string | null;
  agencyId: string | null;
  prefix: string | null;
  label: string | null;
  origin: 'issued' | 'seed';
  createdAt: Date;
  createdBy: string | null;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  replacedBy: string | null;
}

export interface CredentialInsert {
  tenantId: string;
  staffUserId: string | null;
  agencyId: string | null;
  hash: string;
  prefix: string;
  label: string | null;
  createdBy: string | null;
  expiresAt: Date | null;
}

const COLUMNS = `tenant_id AS "tenantId", id, staff_user_id AS "staffUserId", agency_id AS "agencyId", prefix, label,
         origin, created_at AS "createdAt", created_by AS "createdBy", last_used_at AS "lastUsedAt",
         expires_at AS "expiresAt", revoked_at AS "revokedAt", replaced_by AS "replacedBy"`;

const insert = statement<
  CredentialRow,
  [string, string | null, string | null, string, string, string | null, string | null, Date | null]
>(
  'credential',
  'insert',
  `
  INSERT INTO credentials (tenant_id, staff_user_id, agency_id, hash, prefix, label, created_by, expires_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
  RETURNING ${COLUMNS}`,
);

const ofOwner = statement<CredentialRow, [string, string | null, string | null]>(
  'credential',
  'ofOwner',
  `
  SELECT ${COLUMNS}
    FROM credentials
   WHERE tenant_id = $1 AND (staff_user_id = $2 OR agency_id = $3)
   ORDER BY created_at DESC, id`,
);

const list = statement<CredentialRow, [string]>(
  'credential',
  'list',
  `
  SELECT ${COLUMNS}
    FROM credentials WHERE tenant_id = $1
   ORDER BY created_at DESC, id`,
);

const lock = statement<CredentialRow, [string, string]>(
  'credential',
  'lock',
  `
  SELECT ${COLUMNS}
    FROM credentials WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
);

// Revoking and expiring change revoked_at/expires_at: a trigger announces that on kim_principals,
// and every gateway drops the principals it keeps.
const revoke = statement<never, [string, string]>(
  'credential',
  'revoke',
  `
  UPDATE credentials SET revoked_at = now() WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL`,
);

const expire = statement<never, [string, string, Date]>(
  'credential',
  'expire',
  `
  UPDATE credentials SET expires_at = $3 WHERE tenant_id = $1 AND id = $2`,
);

const replace = statement<never, [string, string, Date, string]>(
  'credential',
  'replace',
  `
  UPDATE credentials SET expires_at = LEAST(coalesce(expires_at, $3), $3), replaced_by = $4
   WHERE tenant_id = $1 AND id = $2`,
);

/** Staff tokens and agency API keys, stored as hashes. */
export const credentialRepository = {
  insert: async (db: Db, c: CredentialInsert) =>
    (
      await rows(db, insert, [
        c.tenantId,
        c.staffUserId,
        c.agencyId,
        c.hash,
        c.prefix,
        c.label,
        c.createdBy,
        c.expiresAt,
      ])
    )[0]!,
  /** One owner's credentials, newest first. */
  ofOwner: (db: Db, tenantId: string, owner: { staffUserId?: string | null; agencyId?: string | null }) =>
    rows(db, ofOwner, [tenantId, owner.staffUserId ?? null, owner.agencyId ?? null]),
  /** Every credential of a tenant, newest first. */
  list: (db: Db, tenantId: string) => rows(db, list, [tenantId]),
  /** Lock a credential for a change (inside a transaction). */
  lock: (db: Db, tenantId: string, id: string) => maybeOne(db, lock, [tenantId, id]),
  revoke: (db: Db, tenantId: string, id: string) => execute(db, revoke, [tenantId, id]),
  expire: (db: Db, tenantId: string, id: string, at: Date) => execute(db, expire, [tenantId, id, at]),
  /** The old credential of a rotation: valid until `until` (never later than it already was), then replaced. */
  replace: (db: Db, tenantId: string, id: string, until: Date, by: string) =>
    execute(db, replace, [tenantId, id, until, by]),
};

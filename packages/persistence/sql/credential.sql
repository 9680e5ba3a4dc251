-- expire
UPDATE credentials SET expires_at = $3 WHERE tenant_id = $1 AND id = $2;

-- insert
INSERT INTO credentials (tenant_id, staff_user_id, agency_id, hash, prefix, label, created_by, expires_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
RETURNING tenant_id AS "tenantId", id, staff_user_id AS "staffUserId", agency_id AS "agencyId", prefix, label,
       origin, created_at AS "createdAt", created_by AS "createdBy", last_used_at AS "lastUsedAt",
       expires_at AS "expiresAt", revoked_at AS "revokedAt", replaced_by AS "replacedBy";

-- list
SELECT tenant_id AS "tenantId", id, staff_user_id AS "staffUserId", agency_id AS "agencyId", prefix, label,
       origin, created_at AS "createdAt", created_by AS "createdBy", last_used_at AS "lastUsedAt",
       expires_at AS "expiresAt", revoked_at AS "revokedAt", replaced_by AS "replacedBy"
  FROM credentials WHERE tenant_id = $1
 ORDER BY created_at DESC, id;

-- lock
SELECT tenant_id AS "tenantId", id, staff_user_id AS "staffUserId", agency_id AS "agencyId", prefix, label,
       origin, created_at AS "createdAt", created_by AS "createdBy", last_used_at AS "lastUsedAt",
       expires_at AS "expiresAt", revoked_at AS "revokedAt", replaced_by AS "replacedBy"
  FROM credentials WHERE tenant_id = $1 AND id = $2 FOR UPDATE;

-- ofOwner
SELECT tenant_id AS "tenantId", id, staff_user_id AS "staffUserId", agency_id AS "agencyId", prefix, label,
       origin, created_at AS "createdAt", created_by AS "createdBy", last_used_at AS "lastUsedAt",
       expires_at AS "expiresAt", revoked_at AS "revokedAt", replaced_by AS "replacedBy"
  FROM credentials
 WHERE tenant_id = $1 AND (staff_user_id = $2 OR agency_id = $3)
 ORDER BY created_at DESC, id;

-- replace
UPDATE credentials SET expires_at = LEAST(coalesce(expires_at, $3), $3), replaced_by = $4
 WHERE tenant_id = $1 AND id = $2;

-- revoke
UPDATE credentials SET revoked_at = now() WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL;


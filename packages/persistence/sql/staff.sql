-- byIds (prepared)
SELECT tenant_id AS "tenantId", id, display_name AS "displayName", email, role, region_id AS "regionId",
       coordination_area_id AS "coordinationAreaId", fte, may_override AS "mayOverride", token_hash AS "tokenHash",
       deactivated_at AS "deactivatedAt", oidc_issuer AS "oidcIssuer", oidc_subject AS "oidcSubject"
  FROM staff_users WHERE tenant_id = $1 AND id = ANY($2);

-- inRegion
SELECT tenant_id AS "tenantId", id, display_name AS "displayName", email, role, region_id AS "regionId",
       coordination_area_id AS "coordinationAreaId", fte, may_override AS "mayOverride", token_hash AS "tokenHash",
       deactivated_at AS "deactivatedAt", oidc_issuer AS "oidcIssuer", oidc_subject AS "oidcSubject"
  FROM staff_users WHERE tenant_id = $1 AND region_id = $2 AND role = $3 AND deactivated_at IS NULL
 ORDER BY display_name;

-- insert
INSERT INTO staff_users (tenant_id, display_name, email, role, region_id, coordination_area_id, fte)
VALUES ($1, $2, $3, $4, $5, $6, $7)
RETURNING id;

-- list
SELECT tenant_id AS "tenantId", id, display_name AS "displayName", email, role, region_id AS "regionId",
       coordination_area_id AS "coordinationAreaId", fte, deactivated_at AS "deactivatedAt"
  FROM staff_users WHERE tenant_id = $1 ORDER BY display_name, email;

-- lock
SELECT tenant_id AS "tenantId", id, display_name AS "displayName", email, role, region_id AS "regionId",
       coordination_area_id AS "coordinationAreaId", fte, deactivated_at AS "deactivatedAt"
  FROM staff_users WHERE tenant_id = $1 AND id = $2 FOR UPDATE;

-- page
SELECT tenant_id AS "tenantId", id, display_name AS "displayName", email, role, region_id AS "regionId",
       coordination_area_id AS "coordinationAreaId", fte, deactivated_at AS "deactivatedAt"
  FROM staff_users
 WHERE tenant_id = $1
   AND ($2::uuid IS NULL
        OR (display_name, email, id) > (SELECT display_name, email, id FROM staff_users WHERE tenant_id = $1 AND id = $2))
 ORDER BY display_name, email, id
 LIMIT $3;

-- write
UPDATE staff_users
   SET display_name = $3, email = $4, role = $5, region_id = $6, coordination_area_id = $7, fte = $8,
       deactivated_at = CASE WHEN $9 THEN coalesce(deactivated_at, now()) ELSE NULL END
 WHERE tenant_id = $1 AND id = $2;


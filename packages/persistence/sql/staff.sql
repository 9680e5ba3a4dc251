-- byIds (prepared)
SELECT tenant_id AS "tenantId", id, display_name AS "displayName", email, role, region_id AS "regionId",
       coordination_area_id AS "coordinationAreaId", fte, may_override AS "mayOverride", token_hash AS "tokenHash"
  FROM staff_users WHERE tenant_id = $1 AND id = ANY($2);

-- inRegion
SELECT tenant_id AS "tenantId", id, display_name AS "displayName", email, role, region_id AS "regionId",
       coordination_area_id AS "coordinationAreaId", fte, may_override AS "mayOverride", token_hash AS "tokenHash"
  FROM staff_users WHERE tenant_id = $1 AND region_id = $2 AND role = $3
 ORDER BY display_name;


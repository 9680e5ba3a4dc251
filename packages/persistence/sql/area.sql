-- regionsByIds (prepared)
SELECT tenant_id AS "tenantId", id, name, coordination_area_id AS "coordinationAreaId", fte,
       caseload_key AS "caseloadKey"
  FROM regions WHERE tenant_id = $1 AND id = ANY($2);

-- regionsOfCoordinationArea
SELECT tenant_id AS "tenantId", id, name, coordination_area_id AS "coordinationAreaId", fte,
       caseload_key AS "caseloadKey"
  FROM regions WHERE tenant_id = $1 AND coordination_area_id = $2 ORDER BY name;


-- coordinationAreas
SELECT tenant_id AS "tenantId", id, name, kind FROM coordination_areas WHERE tenant_id = $1 ORDER BY name;

-- insertCoordinationArea
INSERT INTO coordination_areas (tenant_id, name, kind) VALUES ($1, $2, $3)
RETURNING id;

-- insertRegion
INSERT INTO regions (tenant_id, name, coordination_area_id, fte, caseload_key, contact_phone, contact_email)
VALUES ($1, $2, $3, $4, $5, $6, $7)
RETURNING id;

-- lockRegion
SELECT tenant_id AS "tenantId", id, name, coordination_area_id AS "coordinationAreaId", fte,
       caseload_key AS "caseloadKey", contact_phone AS "contactPhone", contact_email AS "contactEmail"
  FROM regions WHERE tenant_id = $1 AND id = $2 FOR UPDATE;

-- regions
SELECT tenant_id AS "tenantId", id, name, coordination_area_id AS "coordinationAreaId", fte,
       caseload_key AS "caseloadKey", contact_phone AS "contactPhone", contact_email AS "contactEmail"
  FROM regions WHERE tenant_id = $1 ORDER BY name;

-- regionsByIds (prepared)
SELECT tenant_id AS "tenantId", id, name, coordination_area_id AS "coordinationAreaId", fte,
       caseload_key AS "caseloadKey", contact_phone AS "contactPhone", contact_email AS "contactEmail"
  FROM regions WHERE tenant_id = $1 AND id = ANY($2);

-- regionsOfCoordinationArea
SELECT tenant_id AS "tenantId", id, name, coordination_area_id AS "coordinationAreaId", fte,
       caseload_key AS "caseloadKey", contact_phone AS "contactPhone", contact_email AS "contactEmail"
  FROM regions WHERE tenant_id = $1 AND coordination_area_id = $2 ORDER BY name;

-- renameCoordinationArea
UPDATE coordination_areas SET name = $3 WHERE tenant_id = $1 AND id = $2;

-- writeRegion
UPDATE regions SET name = $3, fte = $4, caseload_key = $5, contact_phone = $6, contact_email = $7
 WHERE tenant_id = $1 AND id = $2;


-- goalsByCases (prepared)
SELECT tenant_id AS "tenantId", id, case_id AS "caseId", domain, description, target_date::text AS "targetDate",
       status, created_at AS "createdAt"
  FROM goals WHERE tenant_id = $1 AND case_id = ANY($2) ORDER BY created_at;

-- idsOfPerson
SELECT id FROM cases WHERE tenant_id = $1 AND person_id = $2;

-- lockScope (prepared)
SELECT c.id, c.person_id AS "personId", c.region_id AS "regionId", r.coordination_area_id AS "coordinationAreaId",
       c.case_manager_id AS "caseManagerId", c.phase, c.reference,
       c.opened_at AS "openedAt", c.closed_at AS "closedAt"
  FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
 WHERE c.tenant_id = $1 AND c.id = $2 FOR UPDATE OF c;

-- needsByCases (prepared)
SELECT tenant_id AS "tenantId", id, case_id AS "caseId", domain, description
  FROM case_needs WHERE tenant_id = $1 AND case_id = ANY($2);

-- scope (prepared)
SELECT c.id, c.person_id AS "personId", c.region_id AS "regionId", r.coordination_area_id AS "coordinationAreaId",
       c.case_manager_id AS "caseManagerId", c.phase, c.reference,
       c.opened_at AS "openedAt", c.closed_at AS "closedAt"
  FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
 WHERE c.tenant_id = $1 AND c.id = $2;


-- goalsByCases (prepared)
SELECT tenant_id AS "tenantId", id, case_id AS "caseId", domain, description, target_date::text AS "targetDate",
       status, created_at AS "createdAt"
  FROM goals WHERE tenant_id = $1 AND case_id = ANY($2) ORDER BY created_at;

-- idsOfPerson
SELECT id FROM cases WHERE tenant_id = $1 AND person_id = $2;

-- insert
INSERT INTO cases (tenant_id, id, reference, person_id, case_manager_id, region_id, phase, version)
VALUES ($1, $2, $3, $4, $5, $6, $7, 1)
RETURNING opened_at AS "openedAt", updated_at AS "updatedAt", version;

-- insertGoal
INSERT INTO goals (tenant_id, id, case_id, domain, description, target_date, status)
VALUES ($1, $2, $3, $4, $5, $6, 'open')
RETURNING created_at AS "createdAt";

-- insertNeed
INSERT INTO case_needs (tenant_id, case_id, domain, description) VALUES ($1, $2, $3, $4);

-- lastReference
SELECT max(reference) AS max FROM cases WHERE tenant_id = $1 AND reference ~ $2;

-- lockGoal
SELECT tenant_id AS "tenantId", id, case_id AS "caseId", domain, description, target_date::text AS "targetDate",
       status, created_at AS "createdAt"
  FROM goals WHERE tenant_id = $1 AND id = $2 FOR UPDATE;

-- lockReferences
SELECT pg_advisory_xact_lock(hashtext($1));

-- lockScope (prepared)
SELECT c.id, c.person_id AS "personId", c.region_id AS "regionId", r.coordination_area_id AS "coordinationAreaId",
       c.case_manager_id AS "caseManagerId", c.phase, c.reference,
       c.opened_at AS "openedAt", c.closed_at AS "closedAt"
  FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
 WHERE c.tenant_id = $1 AND c.id = $2 FOR UPDATE OF c;

-- needsByCases (prepared)
SELECT tenant_id AS "tenantId", id, case_id AS "caseId", domain, description
  FROM case_needs WHERE tenant_id = $1 AND case_id = ANY($2);

-- personHasCaseInArea
WITH RECURSIVE tree AS (
  SELECT id FROM persons WHERE tenant_id = $1 AND id = $2
  UNION
  SELECT x.id FROM persons x JOIN tree t ON x.tenant_id = $1 AND x.merged_into_id = t.id)
SELECT 1 AS one FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
 WHERE c.tenant_id = $1 AND c.person_id IN (SELECT id FROM tree)
   AND (c.region_id = $3::uuid OR r.coordination_area_id = $4::uuid)
 LIMIT 1;

-- scope (prepared)
SELECT c.id, c.person_id AS "personId", c.region_id AS "regionId", r.coordination_area_id AS "coordinationAreaId",
       c.case_manager_id AS "caseManagerId", c.phase, c.reference,
       c.opened_at AS "openedAt", c.closed_at AS "closedAt"
  FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
 WHERE c.tenant_id = $1 AND c.id = $2;

-- setCaseManager
UPDATE cases SET case_manager_id = $3, updated_at = now(), version = version + 1
 WHERE tenant_id = $1 AND id = $2
RETURNING tenant_id AS "tenantId", id, reference, person_id AS "personId", case_manager_id AS "caseManagerId",
       region_id AS "regionId", phase, opened_at AS "openedAt", closed_at AS "closedAt", updated_at AS "updatedAt",
       version;

-- setPhase
UPDATE cases SET phase = $3, closed_at = coalesce($4, closed_at), updated_at = now(), version = version + 1
 WHERE tenant_id = $1 AND id = $2
RETURNING tenant_id AS "tenantId", id, reference, person_id AS "personId", case_manager_id AS "caseManagerId",
       region_id AS "regionId", phase, opened_at AS "openedAt", closed_at AS "closedAt", updated_at AS "updatedAt",
       version;

-- updateGoal
UPDATE goals SET status = $3, description = $4, target_date = $5 WHERE tenant_id = $1 AND id = $2;


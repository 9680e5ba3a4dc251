-- goalsByCases (prepared)
SELECT tenant_id AS "tenantId", id, case_id AS "caseId", domain, description, target_date::text AS "targetDate",
       status, created_at AS "createdAt"
  FROM goals WHERE tenant_id = $1 AND case_id = ANY($2) ORDER BY created_at;

-- needsByCases (prepared)
SELECT tenant_id AS "tenantId", id, case_id AS "caseId", domain, description
  FROM case_needs WHERE tenant_id = $1 AND case_id = ANY($2);


-- append (prepared)
INSERT INTO timeline_events (tenant_id, case_id, referral_id, kind, occurred_at, actor_role, actor_id, summary,
                             summary_code, summary_params, data)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11);

-- byCases (prepared)
SELECT tenant_id AS "tenantId", id, case_id AS "caseId", referral_id AS "referralId", kind,
       occurred_at AS "occurredAt", recorded_at AS "recordedAt", actor_role AS "actorRole", actor_id AS "actorId",
       summary, summary_code AS "summaryCode", summary_params AS "summaryParams", data
  FROM timeline_events WHERE tenant_id = $1 AND case_id = ANY($2) ORDER BY occurred_at, recorded_at;


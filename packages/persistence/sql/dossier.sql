-- byCases
SELECT d.tenant_id AS "tenantId", d.id, d.case_id AS "caseId", d.agency_id AS "agencyId",
       d.achievement_ids AS "achievementIds", d.note, d.outbox_id AS "outboxId", d.created_by AS "createdBy",
       d.created_at AS "createdAt", o.delivery_state AS "deliveryState"
  FROM dossiers d JOIN outbox_messages o ON o.tenant_id = d.tenant_id AND o.id = d.outbox_id
 WHERE d.tenant_id = $1 AND d.case_id = ANY($2)
 ORDER BY d.created_at, d.id;

-- byOutbox
SELECT 
       tenant_id AS "tenantId", id, case_id AS "caseId", agency_id AS "agencyId",
       achievement_ids AS "achievementIds", note, outbox_id AS "outboxId", created_by AS "createdBy",
       created_at AS "createdAt" FROM dossiers WHERE tenant_id = $1 AND outbox_id = $2;

-- insert
INSERT INTO dossiers (tenant_id, id, case_id, agency_id, achievement_ids, note, outbox_id, created_by)
VALUES ($1, $2, $3, $4, $5::uuid[], $6, $7, $8)
RETURNING 
       tenant_id AS "tenantId", id, case_id AS "caseId", agency_id AS "agencyId",
       achievement_ids AS "achievementIds", note, outbox_id AS "outboxId", created_by AS "createdBy",
       created_at AS "createdAt";


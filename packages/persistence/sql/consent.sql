-- byPersons (prepared)
SELECT tenant_id AS "tenantId", id, person_id AS "personId", case_id AS "caseId",
       recipient_agency_id AS "recipientAgencyId", purposes, categories, valid_from::text AS "validFrom",
       valid_until::text AS "validUntil", revoked_at AS "revokedAt", evidence, kind, grantor, provisions,
       expired_at AS "expiredAt", captured_by AS "capturedBy", created_at AS "createdAt"
  FROM consents WHERE tenant_id = $1 AND person_id = ANY($2) ORDER BY created_at;


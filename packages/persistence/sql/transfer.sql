-- accept
SELECT outcome, package FROM kim_transfer_accept($1);

-- acceptedUnclosed
SELECT t.id, t.to_tenant_id AS "toTenantId", rt.name AS "toTenantName", t.categories, t.status,
       t.offered_at AS "offeredAt", t.decided_at AS "decidedAt", t.decline_reason AS "declineReason",
       s.case_id AS "caseId", c.reference AS "caseReference", s.person_id AS "personId",
       s.consent_id AS "consentId", s.offered_by AS "offeredBy", s.closed_at AS "closedAt"
  FROM case_transfers t
  JOIN case_transfer_sources s ON s.tenant_id = t.tenant_id AND s.id = t.id
  JOIN cases c ON c.tenant_id = s.tenant_id AND c.id = s.case_id
  JOIN tenants rt ON rt.id = t.to_tenant_id
 WHERE t.tenant_id = $1 AND t.status = 'accepted' AND s.closed_at IS NULL
 ORDER BY t.decided_at
   FOR UPDATE OF s SKIP LOCKED;

-- decline
SELECT kim_transfer_decline($1, $2) AS done;

-- incoming
SELECT t.id, t.tenant_id AS "fromTenantId", ft.name AS "fromTenantName", t.categories, t.status,
       t.offered_at AS "offeredAt", t.decided_at AS "decidedAt", t.decline_reason AS "declineReason"
  FROM case_transfers t JOIN tenants ft ON ft.id = t.tenant_id
 WHERE t.to_tenant_id = $1
 ORDER BY t.offered_at DESC;

-- incomingById
SELECT t.id, t.tenant_id AS "fromTenantId", ft.name AS "fromTenantName", t.categories, t.status,
       t.offered_at AS "offeredAt", t.decided_at AS "decidedAt", t.decline_reason AS "declineReason"
  FROM case_transfers t JOIN tenants ft ON ft.id = t.tenant_id
 WHERE t.to_tenant_id = $1 AND t.id = $2;

-- insertOffer
INSERT INTO case_transfers (tenant_id, id, to_tenant_id, categories)
VALUES ($1, $2, $3, $4)
RETURNING offered_at AS "offeredAt";

-- insertSource
INSERT INTO case_transfer_sources (tenant_id, id, case_id, person_id, consent_id, offered_by, package)
VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb);

-- markClosed
UPDATE case_transfer_sources SET closed_at = now() WHERE tenant_id = $1 AND id = $2;

-- note
SELECT kim_transfer_note($1, $2) AS done;

-- openOfConsent
SELECT t.id FROM case_transfers t JOIN case_transfer_sources s ON s.tenant_id = t.tenant_id AND s.id = t.id
 WHERE t.tenant_id = $1 AND s.consent_id = $2 AND t.status = 'offered';

-- outgoingById
SELECT t.id, t.to_tenant_id AS "toTenantId", rt.name AS "toTenantName", t.categories, t.status,
       t.offered_at AS "offeredAt", t.decided_at AS "decidedAt", t.decline_reason AS "declineReason",
       s.case_id AS "caseId", c.reference AS "caseReference", s.person_id AS "personId",
       s.consent_id AS "consentId", s.offered_by AS "offeredBy", s.closed_at AS "closedAt"
  FROM case_transfers t
  JOIN case_transfer_sources s ON s.tenant_id = t.tenant_id AND s.id = t.id
  JOIN cases c ON c.tenant_id = s.tenant_id AND c.id = s.case_id
  JOIN tenants rt ON rt.id = t.to_tenant_id
 WHERE t.tenant_id = $1 AND t.id = $2;

-- outgoingOfCases
SELECT t.id, t.to_tenant_id AS "toTenantId", rt.name AS "toTenantName", t.categories, t.status,
       t.offered_at AS "offeredAt", t.decided_at AS "decidedAt", t.decline_reason AS "declineReason",
       s.case_id AS "caseId", c.reference AS "caseReference", s.person_id AS "personId",
       s.consent_id AS "consentId", s.offered_by AS "offeredBy", s.closed_at AS "closedAt"
  FROM case_transfers t
  JOIN case_transfer_sources s ON s.tenant_id = t.tenant_id AND s.id = t.id
  JOIN cases c ON c.tenant_id = s.tenant_id AND c.id = s.case_id
  JOIN tenants rt ON rt.id = t.to_tenant_id
 WHERE t.tenant_id = $1 AND s.case_id = ANY($2)
 ORDER BY t.offered_at DESC;

-- receivingTenants
SELECT id, name FROM tenants WHERE accepts_transfers AND id <> $1 ORDER BY name;

-- setAcceptsTransfers
UPDATE tenants SET accepts_transfers = $2 WHERE id = $1;

-- withdraw
SELECT kim_transfer_withdraw($1, $2) AS done;


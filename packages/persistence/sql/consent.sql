-- byId
SELECT tenant_id AS "tenantId", id, person_id AS "personId", case_id AS "caseId",
       recipient_agency_id AS "recipientAgencyId", recipient_tenant_id AS "recipientTenantId", purposes, categories, valid_from::text AS "validFrom",
       valid_until::text AS "validUntil", revoked_at AS "revokedAt", evidence, kind, grantor, provisions,
       expired_at AS "expiredAt", captured_by AS "capturedBy", created_at AS "createdAt"
  FROM consents WHERE tenant_id = $1 AND id = $2;

-- byPersons (prepared)
SELECT tenant_id AS "tenantId", id, person_id AS "personId", case_id AS "caseId",
       recipient_agency_id AS "recipientAgencyId", recipient_tenant_id AS "recipientTenantId", purposes, categories, valid_from::text AS "validFrom",
       valid_until::text AS "validUntil", revoked_at AS "revokedAt", evidence, kind, grantor, provisions,
       expired_at AS "expiredAt", captured_by AS "capturedBy", created_at AS "createdAt"
  FROM consents WHERE tenant_id = $1 AND person_id = ANY($2) ORDER BY created_at;

-- disclosuresOf (prepared)
SELECT tenant_id AS "tenantId", id, person_id AS "personId", case_id AS "caseId",
       recipient_agency_id AS "recipientAgencyId", recipient_tenant_id AS "recipientTenantId", purposes, categories, valid_from::text AS "validFrom",
       valid_until::text AS "validUntil", revoked_at AS "revokedAt", evidence, kind, grantor, provisions,
       expired_at AS "expiredAt", captured_by AS "capturedBy", created_at AS "createdAt"
  FROM consents WHERE tenant_id = $1 AND person_id = $2 AND kind = 'disclosure';

-- expireDue
UPDATE consents SET expired_at = $2
 WHERE revoked_at IS NULL AND expired_at IS NULL AND valid_until < $1::date
RETURNING tenant_id AS "tenantId", id, case_id AS "caseId", person_id AS "personId",
          recipient_agency_id AS "recipientAgencyId", categories;

-- grantFactsOfCase (prepared)
SELECT g."personId" AS "g.personId", g.consents AS "g.consents", g."legalBases" AS "g.legalBases",
       f.tenant_id AS "tenantId", f.id, f.case_id AS "caseId", f.service_id AS "serviceId",
       f.agency_id AS "agencyId", f.purpose, f.categories, f.status, f.business_status AS "businessStatus",
       f.status_reason AS "statusReason", f.services_delivered AS "servicesDelivered", f.outcome, f.note,
       f.respond_by::text AS "respondBy", f.created_by AS "createdBy", f.last_agency_update_at AS "lastAgencyUpdateAt",
       f.last_agency_event_id AS "lastAgencyEventId", f.requested_at AS "requestedAt",
       f.outcome_acknowledged_at AS "outcomeAcknowledgedAt", f.accepted_at AS "acceptedAt",
       f.started_at AS "startedAt", f.finished_at AS "finishedAt", f.created_at AS "createdAt",
       f.updated_at AS "updatedAt", f.version,
       s.tenant_id AS "s.tenantId",
       s.id AS "s.id",
       s.agency_id AS "s.agencyId",
       s.code AS "s.code",
       s.name AS "s.name",
       s.life_domain AS "s.lifeDomain",
       s.response_days AS "s.responseDays",
       s.integration_course AS "s.integrationCourse",
       s.funding_line AS "s.fundingLine",
       a.tenant_id AS "a.tenantId",
       a.id AS "a.id",
       a.name AS "a.name",
       a.kind AS "a.kind",
       a.legal_domain AS "a.legalDomain",
       a.channel AS "a.channel",
       a.webhook_url AS "a.webhookUrl",
       a.webhook_secret AS "a.webhookSecret",
       a.next_webhook_secret AS "a.nextWebhookSecret",
       a.secret_rotation_started_at AS "a.secretRotationStartedAt",
       a.api_key_hash AS "a.apiKeyHash",
       a.contact_phone AS "a.contactPhone",
       a.contact_email AS "a.contactEmail",
       a.contact_address AS "a.contactAddress",
       a.contact_hours AS "a.contactHours"
  FROM cases c
 CROSS JOIN LATERAL (
       SELECT c.person_id AS "personId",
              (SELECT coalesce(json_agg(k ORDER BY k."createdAt"), '[]') FROM (
                 SELECT id, person_id AS "personId", case_id AS "caseId", kind, recipient_agency_id AS "recipientAgencyId",
                        purposes, categories, valid_from::text AS "validFrom", valid_until::text AS "validUntil",
                        revoked_at AS "revokedAt", provisions, created_at AS "createdAt"
                   FROM consents
                  WHERE tenant_id = c.tenant_id AND person_id = c.person_id) k) AS consents,
              (SELECT coalesce(json_agg(lb ORDER BY lb.id), '[]') FROM (
                 SELECT b.id, b.recipient_agency_id AS "recipientAgencyId", b.case_id AS "caseId", b.norm, b.purposes,
                        b.categories, b.citation, b.valid_from::text AS "validFrom", b.valid_until::text AS "validUntil",
                        ba.kind AS "agencyKind"
                   FROM legal_bases b JOIN agencies ba ON ba.tenant_id = b.tenant_id AND ba.id = b.recipient_agency_id
                  WHERE b.tenant_id = c.tenant_id
                    AND b.recipient_agency_id = $3
                    AND EXISTS (SELECT 1 FROM cases pc
                                 WHERE pc.tenant_id = b.tenant_id AND pc.person_id = c.person_id
                                   AND (b.review_status = 'confirmed'
  AND b.valid_from <= $4::date AND (b.valid_until IS NULL OR b.valid_until >= $4::date)
  AND (b.case_id = pc.id
       OR b.coordination_area_id = (SELECT lr.coordination_area_id FROM cases lc
                                         JOIN regions lr ON lr.tenant_id = lc.tenant_id AND lr.id = lc.region_id
                                        WHERE lc.tenant_id = b.tenant_id AND lc.id = pc.id))))) lb) AS "legalBases") g
  LEFT JOIN (referrals f
             JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
             JOIN agencies a ON a.tenant_id = f.tenant_id AND a.id = f.agency_id)
         ON f.tenant_id = c.tenant_id AND f.case_id = c.id
 WHERE c.tenant_id = $1 AND c.id = $2
 ORDER BY f.created_at;

-- grantFactsOfCaseWithRulesOff
SELECT g."personId" AS "g.personId", g.consents AS "g.consents", g."legalBases" AS "g.legalBases",
       f.tenant_id AS "tenantId", f.id, f.case_id AS "caseId", f.service_id AS "serviceId",
       f.agency_id AS "agencyId", f.purpose, f.categories, f.status, f.business_status AS "businessStatus",
       f.status_reason AS "statusReason", f.services_delivered AS "servicesDelivered", f.outcome, f.note,
       f.respond_by::text AS "respondBy", f.created_by AS "createdBy", f.last_agency_update_at AS "lastAgencyUpdateAt",
       f.last_agency_event_id AS "lastAgencyEventId", f.requested_at AS "requestedAt",
       f.outcome_acknowledged_at AS "outcomeAcknowledgedAt", f.accepted_at AS "acceptedAt",
       f.started_at AS "startedAt", f.finished_at AS "finishedAt", f.created_at AS "createdAt",
       f.updated_at AS "updatedAt", f.version,
       s.tenant_id AS "s.tenantId",
       s.id AS "s.id",
       s.agency_id AS "s.agencyId",
       s.code AS "s.code",
       s.name AS "s.name",
       s.life_domain AS "s.lifeDomain",
       s.response_days AS "s.responseDays",
       s.integration_course AS "s.integrationCourse",
       s.funding_line AS "s.fundingLine",
       a.tenant_id AS "a.tenantId",
       a.id AS "a.id",
       a.name AS "a.name",
       a.kind AS "a.kind",
       a.legal_domain AS "a.legalDomain",
       a.channel AS "a.channel",
       a.webhook_url AS "a.webhookUrl",
       a.webhook_secret AS "a.webhookSecret",
       a.next_webhook_secret AS "a.nextWebhookSecret",
       a.secret_rotation_started_at AS "a.secretRotationStartedAt",
       a.api_key_hash AS "a.apiKeyHash",
       a.contact_phone AS "a.contactPhone",
       a.contact_email AS "a.contactEmail",
       a.contact_address AS "a.contactAddress",
       a.contact_hours AS "a.contactHours"
  FROM cases c
 CROSS JOIN LATERAL (
       SELECT c.person_id AS "personId",
              (SELECT coalesce(json_agg(k ORDER BY k."createdAt"), '[]') FROM (
                 SELECT id, person_id AS "personId", case_id AS "caseId", kind, recipient_agency_id AS "recipientAgencyId",
                        purposes, categories, valid_from::text AS "validFrom", valid_until::text AS "validUntil",
                        revoked_at AS "revokedAt", provisions, created_at AS "createdAt"
                   FROM consents
                  WHERE tenant_id = c.tenant_id AND person_id = c.person_id) k) AS consents,
              (SELECT coalesce(json_agg(lb ORDER BY lb.id), '[]') FROM (
                 SELECT b.id, b.recipient_agency_id AS "recipientAgencyId", b.case_id AS "caseId", b.norm, b.purposes,
                        b.categories, b.citation, b.valid_from::text AS "validFrom", b.valid_until::text AS "validUntil",
                        ba.kind AS "agencyKind"
                   FROM legal_bases b JOIN agencies ba ON ba.tenant_id = b.tenant_id AND ba.id = b.recipient_agency_id
                  WHERE b.tenant_id = c.tenant_id
                    AND (b.recipient_agency_id = $3 OR 'agency.grant.recipient' = ANY($5::text[]))
                    AND EXISTS (SELECT 1 FROM cases pc
                                 WHERE pc.tenant_id = b.tenant_id AND pc.person_id = c.person_id
                                   AND ((b.review_status = 'confirmed' OR 'agency.grant.legal-basis-confirmed' = ANY($5::text[]))
  AND (b.valid_from <= $4::date AND (b.valid_until IS NULL OR b.valid_until >= $4::date) OR 'agency.grant.in-force' = ANY($5::text[]))
  AND ((b.case_id = pc.id
       OR b.coordination_area_id = (SELECT lr.coordination_area_id FROM cases lc
                                         JOIN regions lr ON lr.tenant_id = lc.tenant_id AND lr.id = lc.region_id
                                        WHERE lc.tenant_id = b.tenant_id AND lc.id = pc.id)) OR 'agency.grant.legal-basis-scope' = ANY($5::text[]))))) lb) AS "legalBases") g
  LEFT JOIN (referrals f
             JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
             JOIN agencies a ON a.tenant_id = f.tenant_id AND a.id = f.agency_id)
         ON f.tenant_id = c.tenant_id AND f.case_id = c.id
 WHERE c.tenant_id = $1 AND c.id = $2
 ORDER BY f.created_at;

-- insert
INSERT INTO consents (tenant_id, id, person_id, case_id, recipient_agency_id, purposes, categories, valid_from,
                      valid_until, evidence, kind, grantor, provisions, captured_by, recipient_tenant_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
RETURNING created_at AS "createdAt";

-- insertLegalBasis
INSERT INTO legal_bases (tenant_id, id, recipient_agency_id, person_id, case_id, coordination_area_id, norm, purposes,
                         categories, citation, valid_from, valid_until, recorded_by, review_status)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'pending')
RETURNING created_at AS "createdAt";

-- legalBasesFor (prepared)
SELECT b.tenant_id AS "tenantId", b.id, b.recipient_agency_id AS "recipientAgencyId", b.person_id AS "personId",
       b.case_id AS "caseId", b.coordination_area_id AS "coordinationAreaId", b.norm, b.review_status AS "reviewStatus",
       b.reviewed_by AS "reviewedBy", b.reviewed_at AS "reviewedAt", b.review_note AS "reviewNote", b.purposes,
       b.categories, b.citation, b.valid_from::text AS "validFrom", b.valid_until::text AS "validUntil",
       b.recorded_by AS "recordedBy", b.created_at AS "createdAt", a.kind AS "agencyKind"
  FROM legal_bases b JOIN agencies a ON a.tenant_id = b.tenant_id AND a.id = b.recipient_agency_id
 WHERE b.tenant_id = $1 AND b.recipient_agency_id = $2
   AND EXISTS (SELECT 1 FROM cases c
                WHERE c.tenant_id = b.tenant_id AND c.person_id = $3 AND ($5::uuid IS NULL OR c.id = $5::uuid)
                  AND (b.review_status = 'confirmed'
  AND b.valid_from <= $4::date AND (b.valid_until IS NULL OR b.valid_until >= $4::date)
  AND (b.case_id = c.id
       OR b.coordination_area_id = (SELECT lr.coordination_area_id FROM cases lc
                                         JOIN regions lr ON lr.tenant_id = lc.tenant_id AND lr.id = lc.region_id
                                        WHERE lc.tenant_id = b.tenant_id AND lc.id = c.id))));

-- legalBasesForWithRulesOff
SELECT b.tenant_id AS "tenantId", b.id, b.recipient_agency_id AS "recipientAgencyId", b.person_id AS "personId",
       b.case_id AS "caseId", b.coordination_area_id AS "coordinationAreaId", b.norm, b.review_status AS "reviewStatus",
       b.reviewed_by AS "reviewedBy", b.reviewed_at AS "reviewedAt", b.review_note AS "reviewNote", b.purposes,
       b.categories, b.citation, b.valid_from::text AS "validFrom", b.valid_until::text AS "validUntil",
       b.recorded_by AS "recordedBy", b.created_at AS "createdAt", a.kind AS "agencyKind"
  FROM legal_bases b JOIN agencies a ON a.tenant_id = b.tenant_id AND a.id = b.recipient_agency_id
 WHERE b.tenant_id = $1 AND (b.recipient_agency_id = $2 OR 'agency.grant.recipient' = ANY($6::text[]))
   AND EXISTS (SELECT 1 FROM cases c
                WHERE c.tenant_id = b.tenant_id AND c.person_id = $3 AND ($5::uuid IS NULL OR c.id = $5::uuid)
                  AND ((b.review_status = 'confirmed' OR 'agency.grant.legal-basis-confirmed' = ANY($6::text[]))
  AND (b.valid_from <= $4::date AND (b.valid_until IS NULL OR b.valid_until >= $4::date) OR 'agency.grant.in-force' = ANY($6::text[]))
  AND ((b.case_id = c.id
       OR b.coordination_area_id = (SELECT lr.coordination_area_id FROM cases lc
                                         JOIN regions lr ON lr.tenant_id = lc.tenant_id AND lr.id = lc.region_id
                                        WHERE lc.tenant_id = b.tenant_id AND lc.id = c.id)) OR 'agency.grant.legal-basis-scope' = ANY($6::text[]))));

-- legalBasesOfArea
SELECT b.tenant_id AS "tenantId", b.id, b.recipient_agency_id AS "recipientAgencyId", b.person_id AS "personId",
       b.case_id AS "caseId", b.coordination_area_id AS "coordinationAreaId", b.norm, b.review_status AS "reviewStatus",
       b.reviewed_by AS "reviewedBy", b.reviewed_at AS "reviewedAt", b.review_note AS "reviewNote", b.purposes,
       b.categories, b.citation, b.valid_from::text AS "validFrom", b.valid_until::text AS "validUntil",
       b.recorded_by AS "recordedBy", b.created_at AS "createdAt"
  FROM legal_bases b
  LEFT JOIN cases c ON c.tenant_id = b.tenant_id AND c.id = b.case_id
  LEFT JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
 WHERE b.tenant_id = $1 AND coalesce(b.coordination_area_id, r.coordination_area_id) = $2
   AND ($3::text IS NULL OR b.review_status = $3)
 ORDER BY b.review_status = 'pending' DESC, b.created_at DESC
 LIMIT $4;

-- lock
SELECT tenant_id AS "tenantId", id, person_id AS "personId", case_id AS "caseId",
       recipient_agency_id AS "recipientAgencyId", recipient_tenant_id AS "recipientTenantId", purposes, categories, valid_from::text AS "validFrom",
       valid_until::text AS "validUntil", revoked_at AS "revokedAt", evidence, kind, grantor, provisions,
       expired_at AS "expiredAt", captured_by AS "capturedBy", created_at AS "createdAt"
  FROM consents WHERE tenant_id = $1 AND id = $2 FOR UPDATE;

-- lockLegalBasis
SELECT tenant_id AS "tenantId", id, recipient_agency_id AS "recipientAgencyId", person_id AS "personId",
       case_id AS "caseId", coordination_area_id AS "coordinationAreaId", norm, review_status AS "reviewStatus",
       reviewed_by AS "reviewedBy", reviewed_at AS "reviewedAt", review_note AS "reviewNote", purposes, categories,
       citation, valid_from::text AS "validFrom", valid_until::text AS "validUntil", recorded_by AS "recordedBy",
       created_at AS "createdAt"
  FROM legal_bases WHERE tenant_id = $1 AND id = $2 FOR UPDATE;

-- reviewLegalBasis
UPDATE legal_bases SET review_status = $3, reviewed_by = $4, reviewed_at = $5, review_note = $6
 WHERE tenant_id = $1 AND id = $2;

-- revoke
UPDATE consents SET revoked_at = $3 WHERE tenant_id = $1 AND id = $2;


-- delivery (prepared)
SELECT a.tenant_id AS "agency.tenantId",
       a.id AS "agency.id",
       a.name AS "agency.name",
       a.kind AS "agency.kind",
       a.legal_domain AS "agency.legalDomain",
       a.channel AS "agency.channel",
       a.webhook_url AS "agency.webhookUrl",
       a.webhook_secret AS "agency.webhookSecret",
       a.next_webhook_secret AS "agency.nextWebhookSecret",
       a.secret_rotation_started_at AS "agency.secretRotationStartedAt",
       a.api_key_hash AS "agency.apiKeyHash",
       a.contact_phone AS "agency.contactPhone",
       a.contact_email AS "agency.contactEmail",
       a.contact_address AS "agency.contactAddress",
       a.contact_hours AS "agency.contactHours",
       f.tenant_id AS "referral.tenantId",
       f.id AS "referral.id",
       f.case_id AS "referral.caseId",
       f.service_id AS "referral.serviceId",
       f.agency_id AS "referral.agencyId",
       f.purpose AS "referral.purpose",
       f.categories AS "referral.categories",
       f.status AS "referral.status",
       f.business_status AS "referral.businessStatus",
       f.status_reason AS "referral.statusReason",
       f.services_delivered AS "referral.servicesDelivered",
       f.outcome AS "referral.outcome",
       f.note AS "referral.note",
       f.respond_by::text AS "referral.respondBy",
       f.created_by AS "referral.createdBy",
       f.last_agency_update_at AS "referral.lastAgencyUpdateAt",
       f.last_agency_event_id AS "referral.lastAgencyEventId",
       f.requested_at AS "referral.requestedAt",
       f.outcome_acknowledged_at AS "referral.outcomeAcknowledgedAt",
       f.accepted_at AS "referral.acceptedAt",
       f.started_at AS "referral.startedAt",
       f.finished_at AS "referral.finishedAt",
       f.created_at AS "referral.createdAt",
       f.updated_at AS "referral.updatedAt",
       f.version AS "referral.version",
       c.id AS "case.id",
       c.person_id AS "case.personId",
       c.region_id AS "case.regionId",
       rg.coordination_area_id AS "case.coordinationAreaId",
       c.case_manager_id AS "case.caseManagerId",
       c.phase AS "case.phase",
       c.reference AS "case.reference",
       c.opened_at AS "case.openedAt",
       c.closed_at AS "case.closedAt",
       p.tenant_id AS "person.tenantId",
       p.id AS "person.id",
       p.given_names AS "person.givenNames",
       p.family_name AS "person.familyName",
       p.name_original_script AS "person.nameOriginalScript",
       p.aliases AS "person.aliases",
       p.birth_date::text AS "person.birthDate",
       p.birth_date_precision AS "person.birthDatePrecision",
       p.sex AS "person.sex",
       p.nationality AS "person.nationality",
       p.languages AS "person.languages",
       p.residence_status AS "person.residenceStatus",
       p.municipality AS "person.municipality",
       p.arrival_date::text AS "person.arrivalDate",
       p.do_not_contact AS "person.doNotContact",
       p.erased_at AS "person.erasedAt",
       p.created_at AS "person.createdAt",
       p.merged_into_id AS "person.mergedIntoId",
       s.tenant_id AS "service.tenantId",
       s.id AS "service.id",
       s.agency_id AS "service.agencyId",
       s.code AS "service.code",
       s.name AS "service.name",
       s.life_domain AS "service.lifeDomain",
       s.response_days AS "service.responseDays",
       s.integration_course AS "service.integrationCourse",
       s.funding_line AS "service.fundingLine",
       (SELECT coalesce(json_agg(k ORDER BY k."createdAt"), '[]') FROM (
          SELECT id, person_id AS "personId", recipient_agency_id AS "recipientAgencyId", purposes, categories,
                 valid_from::text AS "validFrom", valid_until::text AS "validUntil", revoked_at AS "revokedAt",
                 provisions, created_at AS "createdAt"
            FROM consents
           WHERE tenant_id = f.tenant_id AND person_id = c.person_id AND kind = 'disclosure') k) AS consents,
       (SELECT coalesce(json_agg(lb), '[]') FROM (
          SELECT b.id, b.recipient_agency_id AS "recipientAgencyId", b.case_id AS "caseId", b.norm, b.purposes,
                 b.categories, b.citation, b.valid_from::text AS "validFrom", b.valid_until::text AS "validUntil",
                 ba.kind AS "agencyKind"
            FROM legal_bases b JOIN agencies ba ON ba.tenant_id = b.tenant_id AND ba.id = b.recipient_agency_id
           WHERE b.tenant_id = f.tenant_id
             AND b.recipient_agency_id = a.id
             AND (b.review_status = 'confirmed'
  AND b.valid_from <= $4::date AND (b.valid_until IS NULL OR b.valid_until >= $4::date)
  AND (b.case_id = c.id
       OR b.coordination_area_id = (SELECT lr.coordination_area_id FROM cases lc
                                         JOIN regions lr ON lr.tenant_id = lc.tenant_id AND lr.id = lc.region_id
                                        WHERE lc.tenant_id = b.tenant_id AND lc.id = c.id)))) lb) AS "legalBases",
       (SELECT coalesce(json_agg(i), '[]') FROM (
          SELECT tenant_id AS "tenantId", id, person_id AS "personId", kind, issuer, value
            FROM person_identifiers WHERE tenant_id = f.tenant_id AND person_id = c.person_id) i) AS identifiers,
       st.role AS "referrer.role", rg.name AS "referrer.regionName",
       rg.contact_phone AS "referrer.contactPhone", rg.contact_email AS "referrer.contactEmail"
  FROM agencies a
  LEFT JOIN referrals f ON f.tenant_id = a.tenant_id AND f.id = $2 AND (a.webhook_url IS NOT NULL OR NOT $5::boolean)
  LEFT JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
  LEFT JOIN regions rg ON rg.tenant_id = c.tenant_id AND rg.id = c.region_id
  LEFT JOIN persons p ON p.tenant_id = c.tenant_id AND p.id = c.person_id
  LEFT JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
  LEFT JOIN staff_users st ON st.tenant_id = f.tenant_id AND st.id = f.created_by
 WHERE a.tenant_id = $1 AND a.id = $3;

-- deliveryMany (prepared)
SELECT q.n AS "ord",
       a.tenant_id AS "agency.tenantId",
       a.id AS "agency.id",
       a.name AS "agency.name",
       a.kind AS "agency.kind",
       a.legal_domain AS "agency.legalDomain",
       a.channel AS "agency.channel",
       a.webhook_url AS "agency.webhookUrl",
       a.webhook_secret AS "agency.webhookSecret",
       a.next_webhook_secret AS "agency.nextWebhookSecret",
       a.secret_rotation_started_at AS "agency.secretRotationStartedAt",
       a.api_key_hash AS "agency.apiKeyHash",
       a.contact_phone AS "agency.contactPhone",
       a.contact_email AS "agency.contactEmail",
       a.contact_address AS "agency.contactAddress",
       a.contact_hours AS "agency.contactHours",
       f.tenant_id AS "referral.tenantId",
       f.id AS "referral.id",
       f.case_id AS "referral.caseId",
       f.service_id AS "referral.serviceId",
       f.agency_id AS "referral.agencyId",
       f.purpose AS "referral.purpose",
       f.categories AS "referral.categories",
       f.status AS "referral.status",
       f.business_status AS "referral.businessStatus",
       f.status_reason AS "referral.statusReason",
       f.services_delivered AS "referral.servicesDelivered",
       f.outcome AS "referral.outcome",
       f.note AS "referral.note",
       f.respond_by::text AS "referral.respondBy",
       f.created_by AS "referral.createdBy",
       f.last_agency_update_at AS "referral.lastAgencyUpdateAt",
       f.last_agency_event_id AS "referral.lastAgencyEventId",
       f.requested_at AS "referral.requestedAt",
       f.outcome_acknowledged_at AS "referral.outcomeAcknowledgedAt",
       f.accepted_at AS "referral.acceptedAt",
       f.started_at AS "referral.startedAt",
       f.finished_at AS "referral.finishedAt",
       f.created_at AS "referral.createdAt",
       f.updated_at AS "referral.updatedAt",
       f.version AS "referral.version",
       c.id AS "case.id",
       c.person_id AS "case.personId",
       c.region_id AS "case.regionId",
       rg.coordination_area_id AS "case.coordinationAreaId",
       c.case_manager_id AS "case.caseManagerId",
       c.phase AS "case.phase",
       c.reference AS "case.reference",
       c.opened_at AS "case.openedAt",
       c.closed_at AS "case.closedAt",
       p.tenant_id AS "person.tenantId",
       p.id AS "person.id",
       p.given_names AS "person.givenNames",
       p.family_name AS "person.familyName",
       p.name_original_script AS "person.nameOriginalScript",
       p.aliases AS "person.aliases",
       p.birth_date::text AS "person.birthDate",
       p.birth_date_precision AS "person.birthDatePrecision",
       p.sex AS "person.sex",
       p.nationality AS "person.nationality",
       p.languages AS "person.languages",
       p.residence_status AS "person.residenceStatus",
       p.municipality AS "person.municipality",
       p.arrival_date::text AS "person.arrivalDate",
       p.do_not_contact AS "person.doNotContact",
       p.erased_at AS "person.erasedAt",
       p.created_at AS "person.createdAt",
       p.merged_into_id AS "person.mergedIntoId",
       s.tenant_id AS "service.tenantId",
       s.id AS "service.id",
       s.agency_id AS "service.agencyId",
       s.code AS "service.code",
       s.name AS "service.name",
       s.life_domain AS "service.lifeDomain",
       s.response_days AS "service.responseDays",
       s.integration_course AS "service.integrationCourse",
       s.funding_line AS "service.fundingLine",
       (SELECT coalesce(json_agg(k ORDER BY k."createdAt"), '[]') FROM (
          SELECT id, person_id AS "personId", recipient_agency_id AS "recipientAgencyId", purposes, categories,
                 valid_from::text AS "validFrom", valid_until::text AS "validUntil", revoked_at AS "revokedAt",
                 provisions, created_at AS "createdAt"
            FROM consents
           WHERE tenant_id = f.tenant_id AND person_id = c.person_id AND kind = 'disclosure') k) AS consents,
       (SELECT coalesce(json_agg(lb), '[]') FROM (
          SELECT b.id, b.recipient_agency_id AS "recipientAgencyId", b.case_id AS "caseId", b.norm, b.purposes,
                 b.categories, b.citation, b.valid_from::text AS "validFrom", b.valid_until::text AS "validUntil",
                 ba.kind AS "agencyKind"
            FROM legal_bases b JOIN agencies ba ON ba.tenant_id = b.tenant_id AND ba.id = b.recipient_agency_id
           WHERE b.tenant_id = f.tenant_id
             AND b.recipient_agency_id = a.id
             AND (b.review_status = 'confirmed'
  AND b.valid_from <= $4::date AND (b.valid_until IS NULL OR b.valid_until >= $4::date)
  AND (b.case_id = c.id
       OR b.coordination_area_id = (SELECT lr.coordination_area_id FROM cases lc
                                         JOIN regions lr ON lr.tenant_id = lc.tenant_id AND lr.id = lc.region_id
                                        WHERE lc.tenant_id = b.tenant_id AND lc.id = c.id)))) lb) AS "legalBases",
       (SELECT coalesce(json_agg(i), '[]') FROM (
          SELECT tenant_id AS "tenantId", id, person_id AS "personId", kind, issuer, value
            FROM person_identifiers WHERE tenant_id = f.tenant_id AND person_id = c.person_id) i) AS identifiers,
       st.role AS "referrer.role", rg.name AS "referrer.regionName",
       rg.contact_phone AS "referrer.contactPhone", rg.contact_email AS "referrer.contactEmail"
  FROM unnest($2::uuid[], $3::uuid[]) WITH ORDINALITY AS q(referral_id, agency_id, n)
  JOIN agencies a ON a.tenant_id = $1 AND a.id = q.agency_id
  LEFT JOIN referrals f ON f.tenant_id = a.tenant_id AND f.id = q.referral_id AND (a.webhook_url IS NOT NULL OR NOT $5::boolean)
  LEFT JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
  LEFT JOIN regions rg ON rg.tenant_id = c.tenant_id AND rg.id = c.region_id
  LEFT JOIN persons p ON p.tenant_id = c.tenant_id AND p.id = c.person_id
  LEFT JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
  LEFT JOIN staff_users st ON st.tenant_id = f.tenant_id AND st.id = f.created_by
 ORDER BY q.n;

-- deliveryManyWithRulesOff
SELECT q.n AS "ord",
       a.tenant_id AS "agency.tenantId",
       a.id AS "agency.id",
       a.name AS "agency.name",
       a.kind AS "agency.kind",
       a.legal_domain AS "agency.legalDomain",
       a.channel AS "agency.channel",
       a.webhook_url AS "agency.webhookUrl",
       a.webhook_secret AS "agency.webhookSecret",
       a.next_webhook_secret AS "agency.nextWebhookSecret",
       a.secret_rotation_started_at AS "agency.secretRotationStartedAt",
       a.api_key_hash AS "agency.apiKeyHash",
       a.contact_phone AS "agency.contactPhone",
       a.contact_email AS "agency.contactEmail",
       a.contact_address AS "agency.contactAddress",
       a.contact_hours AS "agency.contactHours",
       f.tenant_id AS "referral.tenantId",
       f.id AS "referral.id",
       f.case_id AS "referral.caseId",
       f.service_id AS "referral.serviceId",
       f.agency_id AS "referral.agencyId",
       f.purpose AS "referral.purpose",
       f.categories AS "referral.categories",
       f.status AS "referral.status",
       f.business_status AS "referral.businessStatus",
       f.status_reason AS "referral.statusReason",
       f.services_delivered AS "referral.servicesDelivered",
       f.outcome AS "referral.outcome",
       f.note AS "referral.note",
       f.respond_by::text AS "referral.respondBy",
       f.created_by AS "referral.createdBy",
       f.last_agency_update_at AS "referral.lastAgencyUpdateAt",
       f.last_agency_event_id AS "referral.lastAgencyEventId",
       f.requested_at AS "referral.requestedAt",
       f.outcome_acknowledged_at AS "referral.outcomeAcknowledgedAt",
       f.accepted_at AS "referral.acceptedAt",
       f.started_at AS "referral.startedAt",
       f.finished_at AS "referral.finishedAt",
       f.created_at AS "referral.createdAt",
       f.updated_at AS "referral.updatedAt",
       f.version AS "referral.version",
       c.id AS "case.id",
       c.person_id AS "case.personId",
       c.region_id AS "case.regionId",
       rg.coordination_area_id AS "case.coordinationAreaId",
       c.case_manager_id AS "case.caseManagerId",
       c.phase AS "case.phase",
       c.reference AS "case.reference",
       c.opened_at AS "case.openedAt",
       c.closed_at AS "case.closedAt",
       p.tenant_id AS "person.tenantId",
       p.id AS "person.id",
       p.given_names AS "person.givenNames",
       p.family_name AS "person.familyName",
       p.name_original_script AS "person.nameOriginalScript",
       p.aliases AS "person.aliases",
       p.birth_date::text AS "person.birthDate",
       p.birth_date_precision AS "person.birthDatePrecision",
       p.sex AS "person.sex",
       p.nationality AS "person.nationality",
       p.languages AS "person.languages",
       p.residence_status AS "person.residenceStatus",
       p.municipality AS "person.municipality",
       p.arrival_date::text AS "person.arrivalDate",
       p.do_not_contact AS "person.doNotContact",
       p.erased_at AS "person.erasedAt",
       p.created_at AS "person.createdAt",
       p.merged_into_id AS "person.mergedIntoId",
       s.tenant_id AS "service.tenantId",
       s.id AS "service.id",
       s.agency_id AS "service.agencyId",
       s.code AS "service.code",
       s.name AS "service.name",
       s.life_domain AS "service.lifeDomain",
       s.response_days AS "service.responseDays",
       s.integration_course AS "service.integrationCourse",
       s.funding_line AS "service.fundingLine",
       (SELECT coalesce(json_agg(k ORDER BY k."createdAt"), '[]') FROM (
          SELECT id, person_id AS "personId", recipient_agency_id AS "recipientAgencyId", purposes, categories,
                 valid_from::text AS "validFrom", valid_until::text AS "validUntil", revoked_at AS "revokedAt",
                 provisions, created_at AS "createdAt"
            FROM consents
           WHERE tenant_id = f.tenant_id AND person_id = c.person_id AND kind = 'disclosure') k) AS consents,
       (SELECT coalesce(json_agg(lb), '[]') FROM (
          SELECT b.id, b.recipient_agency_id AS "recipientAgencyId", b.case_id AS "caseId", b.norm, b.purposes,
                 b.categories, b.citation, b.valid_from::text AS "validFrom", b.valid_until::text AS "validUntil",
                 ba.kind AS "agencyKind"
            FROM legal_bases b JOIN agencies ba ON ba.tenant_id = b.tenant_id AND ba.id = b.recipient_agency_id
           WHERE b.tenant_id = f.tenant_id
             AND (b.recipient_agency_id = a.id OR 'agency.grant.recipient' = ANY($6::text[]))
             AND ((b.review_status = 'confirmed' OR 'agency.grant.legal-basis-confirmed' = ANY($6::text[]))
  AND (b.valid_from <= $4::date AND (b.valid_until IS NULL OR b.valid_until >= $4::date) OR 'agency.grant.in-force' = ANY($6::text[]))
  AND ((b.case_id = c.id
       OR b.coordination_area_id = (SELECT lr.coordination_area_id FROM cases lc
                                         JOIN regions lr ON lr.tenant_id = lc.tenant_id AND lr.id = lc.region_id
                                        WHERE lc.tenant_id = b.tenant_id AND lc.id = c.id)) OR 'agency.grant.legal-basis-scope' = ANY($6::text[])))) lb) AS "legalBases",
       (SELECT coalesce(json_agg(i), '[]') FROM (
          SELECT tenant_id AS "tenantId", id, person_id AS "personId", kind, issuer, value
            FROM person_identifiers WHERE tenant_id = f.tenant_id AND person_id = c.person_id) i) AS identifiers,
       st.role AS "referrer.role", rg.name AS "referrer.regionName",
       rg.contact_phone AS "referrer.contactPhone", rg.contact_email AS "referrer.contactEmail"
  FROM unnest($2::uuid[], $3::uuid[]) WITH ORDINALITY AS q(referral_id, agency_id, n)
  JOIN agencies a ON a.tenant_id = $1 AND a.id = q.agency_id
  LEFT JOIN referrals f ON f.tenant_id = a.tenant_id AND f.id = q.referral_id AND (a.webhook_url IS NOT NULL OR NOT $5::boolean)
  LEFT JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
  LEFT JOIN regions rg ON rg.tenant_id = c.tenant_id AND rg.id = c.region_id
  LEFT JOIN persons p ON p.tenant_id = c.tenant_id AND p.id = c.person_id
  LEFT JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
  LEFT JOIN staff_users st ON st.tenant_id = f.tenant_id AND st.id = f.created_by
 ORDER BY q.n;

-- deliveryWithRulesOff
SELECT a.tenant_id AS "agency.tenantId",
       a.id AS "agency.id",
       a.name AS "agency.name",
       a.kind AS "agency.kind",
       a.legal_domain AS "agency.legalDomain",
       a.channel AS "agency.channel",
       a.webhook_url AS "agency.webhookUrl",
       a.webhook_secret AS "agency.webhookSecret",
       a.next_webhook_secret AS "agency.nextWebhookSecret",
       a.secret_rotation_started_at AS "agency.secretRotationStartedAt",
       a.api_key_hash AS "agency.apiKeyHash",
       a.contact_phone AS "agency.contactPhone",
       a.contact_email AS "agency.contactEmail",
       a.contact_address AS "agency.contactAddress",
       a.contact_hours AS "agency.contactHours",
       f.tenant_id AS "referral.tenantId",
       f.id AS "referral.id",
       f.case_id AS "referral.caseId",
       f.service_id AS "referral.serviceId",
       f.agency_id AS "referral.agencyId",
       f.purpose AS "referral.purpose",
       f.categories AS "referral.categories",
       f.status AS "referral.status",
       f.business_status AS "referral.businessStatus",
       f.status_reason AS "referral.statusReason",
       f.services_delivered AS "referral.servicesDelivered",
       f.outcome AS "referral.outcome",
       f.note AS "referral.note",
       f.respond_by::text AS "referral.respondBy",
       f.created_by AS "referral.createdBy",
       f.last_agency_update_at AS "referral.lastAgencyUpdateAt",
       f.last_agency_event_id AS "referral.lastAgencyEventId",
       f.requested_at AS "referral.requestedAt",
       f.outcome_acknowledged_at AS "referral.outcomeAcknowledgedAt",
       f.accepted_at AS "referral.acceptedAt",
       f.started_at AS "referral.startedAt",
       f.finished_at AS "referral.finishedAt",
       f.created_at AS "referral.createdAt",
       f.updated_at AS "referral.updatedAt",
       f.version AS "referral.version",
       c.id AS "case.id",
       c.person_id AS "case.personId",
       c.region_id AS "case.regionId",
       rg.coordination_area_id AS "case.coordinationAreaId",
       c.case_manager_id AS "case.caseManagerId",
       c.phase AS "case.phase",
       c.reference AS "case.reference",
       c.opened_at AS "case.openedAt",
       c.closed_at AS "case.closedAt",
       p.tenant_id AS "person.tenantId",
       p.id AS "person.id",
       p.given_names AS "person.givenNames",
       p.family_name AS "person.familyName",
       p.name_original_script AS "person.nameOriginalScript",
       p.aliases AS "person.aliases",
       p.birth_date::text AS "person.birthDate",
       p.birth_date_precision AS "person.birthDatePrecision",
       p.sex AS "person.sex",
       p.nationality AS "person.nationality",
       p.languages AS "person.languages",
       p.residence_status AS "person.residenceStatus",
       p.municipality AS "person.municipality",
       p.arrival_date::text AS "person.arrivalDate",
       p.do_not_contact AS "person.doNotContact",
       p.erased_at AS "person.erasedAt",
       p.created_at AS "person.createdAt",
       p.merged_into_id AS "person.mergedIntoId",
       s.tenant_id AS "service.tenantId",
       s.id AS "service.id",
       s.agency_id AS "service.agencyId",
       s.code AS "service.code",
       s.name AS "service.name",
       s.life_domain AS "service.lifeDomain",
       s.response_days AS "service.responseDays",
       s.integration_course AS "service.integrationCourse",
       s.funding_line AS "service.fundingLine",
       (SELECT coalesce(json_agg(k ORDER BY k."createdAt"), '[]') FROM (
          SELECT id, person_id AS "personId", recipient_agency_id AS "recipientAgencyId", purposes, categories,
                 valid_from::text AS "validFrom", valid_until::text AS "validUntil", revoked_at AS "revokedAt",
                 provisions, created_at AS "createdAt"
            FROM consents
           WHERE tenant_id = f.tenant_id AND person_id = c.person_id AND kind = 'disclosure') k) AS consents,
       (SELECT coalesce(json_agg(lb), '[]') FROM (
          SELECT b.id, b.recipient_agency_id AS "recipientAgencyId", b.case_id AS "caseId", b.norm, b.purposes,
                 b.categories, b.citation, b.valid_from::text AS "validFrom", b.valid_until::text AS "validUntil",
                 ba.kind AS "agencyKind"
            FROM legal_bases b JOIN agencies ba ON ba.tenant_id = b.tenant_id AND ba.id = b.recipient_agency_id
           WHERE b.tenant_id = f.tenant_id
             AND (b.recipient_agency_id = a.id OR 'agency.grant.recipient' = ANY($6::text[]))
             AND ((b.review_status = 'confirmed' OR 'agency.grant.legal-basis-confirmed' = ANY($6::text[]))
  AND (b.valid_from <= $4::date AND (b.valid_until IS NULL OR b.valid_until >= $4::date) OR 'agency.grant.in-force' = ANY($6::text[]))
  AND ((b.case_id = c.id
       OR b.coordination_area_id = (SELECT lr.coordination_area_id FROM cases lc
                                         JOIN regions lr ON lr.tenant_id = lc.tenant_id AND lr.id = lc.region_id
                                        WHERE lc.tenant_id = b.tenant_id AND lc.id = c.id)) OR 'agency.grant.legal-basis-scope' = ANY($6::text[])))) lb) AS "legalBases",
       (SELECT coalesce(json_agg(i), '[]') FROM (
          SELECT tenant_id AS "tenantId", id, person_id AS "personId", kind, issuer, value
            FROM person_identifiers WHERE tenant_id = f.tenant_id AND person_id = c.person_id) i) AS identifiers,
       st.role AS "referrer.role", rg.name AS "referrer.regionName",
       rg.contact_phone AS "referrer.contactPhone", rg.contact_email AS "referrer.contactEmail"
  FROM agencies a
  LEFT JOIN referrals f ON f.tenant_id = a.tenant_id AND f.id = $2 AND (a.webhook_url IS NOT NULL OR NOT $5::boolean)
  LEFT JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
  LEFT JOIN regions rg ON rg.tenant_id = c.tenant_id AND rg.id = c.region_id
  LEFT JOIN persons p ON p.tenant_id = c.tenant_id AND p.id = c.person_id
  LEFT JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
  LEFT JOIN staff_users st ON st.tenant_id = f.tenant_id AND st.id = f.created_by
 WHERE a.tenant_id = $1 AND a.id = $3;

-- send (prepared)
SELECT a.tenant_id AS "agency.tenantId",
       a.id AS "agency.id",
       a.name AS "agency.name",
       a.kind AS "agency.kind",
       a.legal_domain AS "agency.legalDomain",
       a.channel AS "agency.channel",
       a.webhook_url AS "agency.webhookUrl",
       a.webhook_secret AS "agency.webhookSecret",
       a.next_webhook_secret AS "agency.nextWebhookSecret",
       a.secret_rotation_started_at AS "agency.secretRotationStartedAt",
       a.api_key_hash AS "agency.apiKeyHash",
       a.contact_phone AS "agency.contactPhone",
       a.contact_email AS "agency.contactEmail",
       a.contact_address AS "agency.contactAddress",
       a.contact_hours AS "agency.contactHours",
       f.tenant_id AS "referral.tenantId",
       f.id AS "referral.id",
       f.case_id AS "referral.caseId",
       f.service_id AS "referral.serviceId",
       f.agency_id AS "referral.agencyId",
       f.purpose AS "referral.purpose",
       f.categories AS "referral.categories",
       f.status AS "referral.status",
       f.business_status AS "referral.businessStatus",
       f.status_reason AS "referral.statusReason",
       f.services_delivered AS "referral.servicesDelivered",
       f.outcome AS "referral.outcome",
       f.note AS "referral.note",
       f.respond_by::text AS "referral.respondBy",
       f.created_by AS "referral.createdBy",
       f.last_agency_update_at AS "referral.lastAgencyUpdateAt",
       f.last_agency_event_id AS "referral.lastAgencyEventId",
       f.requested_at AS "referral.requestedAt",
       f.outcome_acknowledged_at AS "referral.outcomeAcknowledgedAt",
       f.accepted_at AS "referral.acceptedAt",
       f.started_at AS "referral.startedAt",
       f.finished_at AS "referral.finishedAt",
       f.created_at AS "referral.createdAt",
       f.updated_at AS "referral.updatedAt",
       f.version AS "referral.version",
       c.id AS "case.id",
       c.person_id AS "case.personId",
       c.region_id AS "case.regionId",
       rg.coordination_area_id AS "case.coordinationAreaId",
       c.case_manager_id AS "case.caseManagerId",
       c.phase AS "case.phase",
       c.reference AS "case.reference",
       c.opened_at AS "case.openedAt",
       c.closed_at AS "case.closedAt",
       p.tenant_id AS "person.tenantId",
       p.id AS "person.id",
       p.given_names AS "person.givenNames",
       p.family_name AS "person.familyName",
       p.name_original_script AS "person.nameOriginalScript",
       p.aliases AS "person.aliases",
       p.birth_date::text AS "person.birthDate",
       p.birth_date_precision AS "person.birthDatePrecision",
       p.sex AS "person.sex",
       p.nationality AS "person.nationality",
       p.languages AS "person.languages",
       p.residence_status AS "person.residenceStatus",
       p.municipality AS "person.municipality",
       p.arrival_date::text AS "person.arrivalDate",
       p.do_not_contact AS "person.doNotContact",
       p.erased_at AS "person.erasedAt",
       p.created_at AS "person.createdAt",
       p.merged_into_id AS "person.mergedIntoId",
       s.tenant_id AS "service.tenantId",
       s.id AS "service.id",
       s.agency_id AS "service.agencyId",
       s.code AS "service.code",
       s.name AS "service.name",
       s.life_domain AS "service.lifeDomain",
       s.response_days AS "service.responseDays",
       s.integration_course AS "service.integrationCourse",
       s.funding_line AS "service.fundingLine",
       (SELECT coalesce(json_agg(k ORDER BY k."createdAt"), '[]') FROM (
          SELECT id, person_id AS "personId", recipient_agency_id AS "recipientAgencyId", purposes, categories,
                 valid_from::text AS "validFrom", valid_until::text AS "validUntil", revoked_at AS "revokedAt",
                 provisions, created_at AS "createdAt"
            FROM consents
           WHERE tenant_id = f.tenant_id AND person_id = c.person_id AND kind = 'disclosure') k) AS consents,
       (SELECT coalesce(json_agg(lb), '[]') FROM (
          SELECT b.id, b.recipient_agency_id AS "recipientAgencyId", b.case_id AS "caseId", b.norm, b.purposes,
                 b.categories, b.citation, b.valid_from::text AS "validFrom", b.valid_until::text AS "validUntil",
                 ba.kind AS "agencyKind"
            FROM legal_bases b JOIN agencies ba ON ba.tenant_id = b.tenant_id AND ba.id = b.recipient_agency_id
           WHERE b.tenant_id = f.tenant_id
             AND b.recipient_agency_id = a.id
             AND (b.review_status = 'confirmed'
  AND b.valid_from <= $4::date AND (b.valid_until IS NULL OR b.valid_until >= $4::date)
  AND (b.case_id = c.id
       OR b.coordination_area_id = (SELECT lr.coordination_area_id FROM cases lc
                                         JOIN regions lr ON lr.tenant_id = lc.tenant_id AND lr.id = lc.region_id
                                        WHERE lc.tenant_id = b.tenant_id AND lc.id = c.id)))) lb) AS "legalBases"
  FROM agencies a
  LEFT JOIN referrals f ON f.tenant_id = a.tenant_id AND f.id = $2
  LEFT JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
  LEFT JOIN regions rg ON rg.tenant_id = c.tenant_id AND rg.id = c.region_id
  LEFT JOIN persons p ON p.tenant_id = c.tenant_id AND p.id = c.person_id
  LEFT JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
 WHERE a.tenant_id = $1 AND a.id = $3;

-- sendWithRulesOff
SELECT a.tenant_id AS "agency.tenantId",
       a.id AS "agency.id",
       a.name AS "agency.name",
       a.kind AS "agency.kind",
       a.legal_domain AS "agency.legalDomain",
       a.channel AS "agency.channel",
       a.webhook_url AS "agency.webhookUrl",
       a.webhook_secret AS "agency.webhookSecret",
       a.next_webhook_secret AS "agency.nextWebhookSecret",
       a.secret_rotation_started_at AS "agency.secretRotationStartedAt",
       a.api_key_hash AS "agency.apiKeyHash",
       a.contact_phone AS "agency.contactPhone",
       a.contact_email AS "agency.contactEmail",
       a.contact_address AS "agency.contactAddress",
       a.contact_hours AS "agency.contactHours",
       f.tenant_id AS "referral.tenantId",
       f.id AS "referral.id",
       f.case_id AS "referral.caseId",
       f.service_id AS "referral.serviceId",
       f.agency_id AS "referral.agencyId",
       f.purpose AS "referral.purpose",
       f.categories AS "referral.categories",
       f.status AS "referral.status",
       f.business_status AS "referral.businessStatus",
       f.status_reason AS "referral.statusReason",
       f.services_delivered AS "referral.servicesDelivered",
       f.outcome AS "referral.outcome",
       f.note AS "referral.note",
       f.respond_by::text AS "referral.respondBy",
       f.created_by AS "referral.createdBy",
       f.last_agency_update_at AS "referral.lastAgencyUpdateAt",
       f.last_agency_event_id AS "referral.lastAgencyEventId",
       f.requested_at AS "referral.requestedAt",
       f.outcome_acknowledged_at AS "referral.outcomeAcknowledgedAt",
       f.accepted_at AS "referral.acceptedAt",
       f.started_at AS "referral.startedAt",
       f.finished_at AS "referral.finishedAt",
       f.created_at AS "referral.createdAt",
       f.updated_at AS "referral.updatedAt",
       f.version AS "referral.version",
       c.id AS "case.id",
       c.person_id AS "case.personId",
       c.region_id AS "case.regionId",
       rg.coordination_area_id AS "case.coordinationAreaId",
       c.case_manager_id AS "case.caseManagerId",
       c.phase AS "case.phase",
       c.reference AS "case.reference",
       c.opened_at AS "case.openedAt",
       c.closed_at AS "case.closedAt",
       p.tenant_id AS "person.tenantId",
       p.id AS "person.id",
       p.given_names AS "person.givenNames",
       p.family_name AS "person.familyName",
       p.name_original_script AS "person.nameOriginalScript",
       p.aliases AS "person.aliases",
       p.birth_date::text AS "person.birthDate",
       p.birth_date_precision AS "person.birthDatePrecision",
       p.sex AS "person.sex",
       p.nationality AS "person.nationality",
       p.languages AS "person.languages",
       p.residence_status AS "person.residenceStatus",
       p.municipality AS "person.municipality",
       p.arrival_date::text AS "person.arrivalDate",
       p.do_not_contact AS "person.doNotContact",
       p.erased_at AS "person.erasedAt",
       p.created_at AS "person.createdAt",
       p.merged_into_id AS "person.mergedIntoId",
       s.tenant_id AS "service.tenantId",
       s.id AS "service.id",
       s.agency_id AS "service.agencyId",
       s.code AS "service.code",
       s.name AS "service.name",
       s.life_domain AS "service.lifeDomain",
       s.response_days AS "service.responseDays",
       s.integration_course AS "service.integrationCourse",
       s.funding_line AS "service.fundingLine",
       (SELECT coalesce(json_agg(k ORDER BY k."createdAt"), '[]') FROM (
          SELECT id, person_id AS "personId", recipient_agency_id AS "recipientAgencyId", purposes, categories,
                 valid_from::text AS "validFrom", valid_until::text AS "validUntil", revoked_at AS "revokedAt",
                 provisions, created_at AS "createdAt"
            FROM consents
           WHERE tenant_id = f.tenant_id AND person_id = c.person_id AND kind = 'disclosure') k) AS consents,
       (SELECT coalesce(json_agg(lb), '[]') FROM (
          SELECT b.id, b.recipient_agency_id AS "recipientAgencyId", b.case_id AS "caseId", b.norm, b.purposes,
                 b.categories, b.citation, b.valid_from::text AS "validFrom", b.valid_until::text AS "validUntil",
                 ba.kind AS "agencyKind"
            FROM legal_bases b JOIN agencies ba ON ba.tenant_id = b.tenant_id AND ba.id = b.recipient_agency_id
           WHERE b.tenant_id = f.tenant_id
             AND (b.recipient_agency_id = a.id OR 'agency.grant.recipient' = ANY($5::text[]))
             AND ((b.review_status = 'confirmed' OR 'agency.grant.legal-basis-confirmed' = ANY($5::text[]))
  AND (b.valid_from <= $4::date AND (b.valid_until IS NULL OR b.valid_until >= $4::date) OR 'agency.grant.in-force' = ANY($5::text[]))
  AND ((b.case_id = c.id
       OR b.coordination_area_id = (SELECT lr.coordination_area_id FROM cases lc
                                         JOIN regions lr ON lr.tenant_id = lc.tenant_id AND lr.id = lc.region_id
                                        WHERE lc.tenant_id = b.tenant_id AND lc.id = c.id)) OR 'agency.grant.legal-basis-scope' = ANY($5::text[])))) lb) AS "legalBases"
  FROM agencies a
  LEFT JOIN referrals f ON f.tenant_id = a.tenant_id AND f.id = $2
  LEFT JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
  LEFT JOIN regions rg ON rg.tenant_id = c.tenant_id AND rg.id = c.region_id
  LEFT JOIN persons p ON p.tenant_id = c.tenant_id AND p.id = c.person_id
  LEFT JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
 WHERE a.tenant_id = $1 AND a.id = $3;


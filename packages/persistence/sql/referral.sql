-- acknowledgeOutcome
UPDATE referrals SET outcome_acknowledged_at = $3 WHERE tenant_id = $1 AND id = $2;

-- agencyReceived
SELECT count(*)::int AS n FROM audit_events e
  JOIN referrals r ON r.tenant_id = e.tenant_id AND r.id = e.subject_id
 WHERE e.tenant_id = $1 AND e.subject_type = 'referral' AND e.subject_id = $2 AND e.agency_id = r.agency_id
   AND e.allowed;

-- byId (prepared)
SELECT tenant_id AS "tenantId", id, case_id AS "caseId", service_id AS "serviceId",
       agency_id AS "agencyId", purpose, categories, status, business_status AS "businessStatus",
       status_reason AS "statusReason", services_delivered AS "servicesDelivered", outcome, note,
       respond_by::text AS "respondBy", created_by AS "createdBy", last_agency_update_at AS "lastAgencyUpdateAt",
       last_agency_event_id AS "lastAgencyEventId", requested_at AS "requestedAt",
       outcome_acknowledged_at AS "outcomeAcknowledgedAt", accepted_at AS "acceptedAt",
       started_at AS "startedAt", finished_at AS "finishedAt", created_at AS "createdAt",
       updated_at AS "updatedAt", version
  FROM referrals WHERE tenant_id = $1 AND id = $2;

-- insertDraft
INSERT INTO referrals (tenant_id, id, case_id, service_id, agency_id, purpose, categories, status, note, created_by, version)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1)
RETURNING created_at AS "createdAt", updated_at AS "updatedAt", version;

-- lock (prepared)
SELECT tenant_id AS "tenantId", id, case_id AS "caseId", service_id AS "serviceId",
       agency_id AS "agencyId", purpose, categories, status, business_status AS "businessStatus",
       status_reason AS "statusReason", services_delivered AS "servicesDelivered", outcome, note,
       respond_by::text AS "respondBy", created_by AS "createdBy", last_agency_update_at AS "lastAgencyUpdateAt",
       last_agency_event_id AS "lastAgencyEventId", requested_at AS "requestedAt",
       outcome_acknowledged_at AS "outcomeAcknowledgedAt", accepted_at AS "acceptedAt",
       started_at AS "startedAt", finished_at AS "finishedAt", created_at AS "createdAt",
       updated_at AS "updatedAt", version
  FROM referrals WHERE tenant_id = $1 AND id = $2 FOR UPDATE;

-- lockForStatus
SELECT r.id, r.agency_id AS "agencyId", a.kind AS "agencyKind", r.case_id AS "caseId", c.person_id AS "personId",
       c.reference AS "caseReference",
       r.status, r.business_status AS "businessStatus", r.last_agency_update_at AS "lastAgencyUpdateAt",
       r.last_agency_event_id AS "lastAgencyEventId", r.requested_at AS "requestedAt", r.purpose
  FROM referrals r
  JOIN cases c ON c.tenant_id = r.tenant_id AND c.id = r.case_id
  JOIN agencies a ON a.tenant_id = r.tenant_id AND a.id = r.agency_id
 WHERE r.tenant_id = $1 AND r.id = ANY($2::uuid[])
 ORDER BY r.id FOR UPDATE OF r;

-- lockOfAgencyOnCases
SELECT tenant_id AS "tenantId", id, case_id AS "caseId", service_id AS "serviceId",
       agency_id AS "agencyId", purpose, categories, status, business_status AS "businessStatus",
       status_reason AS "statusReason", services_delivered AS "servicesDelivered", outcome, note,
       respond_by::text AS "respondBy", created_by AS "createdBy", last_agency_update_at AS "lastAgencyUpdateAt",
       last_agency_event_id AS "lastAgencyEventId", requested_at AS "requestedAt",
       outcome_acknowledged_at AS "outcomeAcknowledgedAt", accepted_at AS "acceptedAt",
       started_at AS "startedAt", finished_at AS "finishedAt", created_at AS "createdAt",
       updated_at AS "updatedAt", version
  FROM referrals WHERE tenant_id = $1 AND case_id = ANY($2::uuid[]) AND agency_id = $3
 ORDER BY created_at FOR UPDATE;

-- lockWithCase (prepared)
SELECT f.tenant_id AS "tenantId", f.id, f.case_id AS "caseId", f.service_id AS "serviceId",
       f.agency_id AS "agencyId", f.purpose, f.categories, f.status, f.business_status AS "businessStatus",
       f.status_reason AS "statusReason", f.services_delivered AS "servicesDelivered", f.outcome, f.note,
       f.respond_by::text AS "respondBy", f.created_by AS "createdBy", f.last_agency_update_at AS "lastAgencyUpdateAt",
       f.last_agency_event_id AS "lastAgencyEventId", f.requested_at AS "requestedAt",
       f.outcome_acknowledged_at AS "outcomeAcknowledgedAt", f.accepted_at AS "acceptedAt",
       f.started_at AS "startedAt", f.finished_at AS "finishedAt", f.created_at AS "createdAt",
       f.updated_at AS "updatedAt", f.version,
       c.id AS "c.id", c.person_id AS "c.personId", c.region_id AS "c.regionId",
       g.coordination_area_id AS "c.coordinationAreaId", c.case_manager_id AS "c.caseManagerId",
       c.phase AS "c.phase", c.reference AS "c.reference", c.opened_at AS "c.openedAt",
       c.closed_at AS "c.closedAt"
  FROM referrals f
  JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
  JOIN regions g ON g.tenant_id = c.tenant_id AND g.id = c.region_id
 WHERE f.tenant_id = $1 AND f.id = $2
   FOR UPDATE OF f;

-- ofCase (prepared)
SELECT tenant_id AS "tenantId", id, case_id AS "caseId", service_id AS "serviceId",
       agency_id AS "agencyId", purpose, categories, status, business_status AS "businessStatus",
       status_reason AS "statusReason", services_delivered AS "servicesDelivered", outcome, note,
       respond_by::text AS "respondBy", created_by AS "createdBy", last_agency_update_at AS "lastAgencyUpdateAt",
       last_agency_event_id AS "lastAgencyEventId", requested_at AS "requestedAt",
       outcome_acknowledged_at AS "outcomeAcknowledgedAt", accepted_at AS "acceptedAt",
       started_at AS "startedAt", finished_at AS "finishedAt", created_at AS "createdAt",
       updated_at AS "updatedAt", version
  FROM referrals WHERE tenant_id = $1 AND case_id = $2 ORDER BY created_at;

-- watchCounts
SELECT a.id AS "agencyId", a.name AS "agencyName", count(*)::int AS referrals
  FROM referrals f
  JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
  JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
  JOIN agencies a ON a.tenant_id = f.tenant_id AND a.id = f.agency_id
 WHERE f.tenant_id = $1 AND r.coordination_area_id = $2
   AND CASE WHEN $3 = 'overdue' THEN f.status = 'requested' AND f.respond_by < $4::date
            ELSE f.status = ANY($5::text[]) AND f.outcome_acknowledged_at IS NULL END
 GROUP BY a.id, a.name
 ORDER BY referrals DESC, a.name;

-- watchListed
SELECT 1 AS one FROM referrals w
  JOIN cases wc ON wc.tenant_id = w.tenant_id AND wc.id = w.case_id
  JOIN regions wr ON wr.tenant_id = wc.tenant_id AND wr.id = wc.region_id
 WHERE w.tenant_id = $1 AND w.id = $3::uuid AND wr.coordination_area_id = $2;

-- watchPage
SELECT coalesce(f.respond_by, (f.updated_at AT TIME ZONE 'Europe/Berlin')::date)::text AS "sortKey", f.id AS "referralId", c.id AS "caseId", c.reference AS "caseReference", a.name AS "agencyName",
       s.name AS "serviceName", f.status, f.requested_at AS "requestedAt", f.respond_by::text AS "respondBy",
       u.display_name AS "caseManagerName"
  FROM referrals f
  JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
  JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
  JOIN agencies a ON a.tenant_id = f.tenant_id AND a.id = f.agency_id
  JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
  JOIN staff_users u ON u.tenant_id = c.tenant_id AND u.id = c.case_manager_id
 WHERE f.tenant_id = $1 AND r.coordination_area_id = $2
   AND CASE WHEN $3 = 'overdue' THEN f.status = 'requested' AND f.respond_by < $4::date
            ELSE f.status = ANY($5::text[]) AND f.outcome_acknowledged_at IS NULL END AND ($6::uuid IS NULL OR f.agency_id = $6::uuid)
   AND ($8::date IS NULL
        OR (NOT $7 AND (coalesce(f.respond_by, (f.updated_at AT TIME ZONE 'Europe/Berlin')::date), f.id) > ($8::date, $9::uuid))
        OR ($7 AND (coalesce(f.respond_by, (f.updated_at AT TIME ZONE 'Europe/Berlin')::date), f.id) < ($8::date, $9::uuid)))
 ORDER BY CASE WHEN $7 THEN coalesce(f.respond_by, (f.updated_at AT TIME ZONE 'Europe/Berlin')::date) END DESC, CASE WHEN $7 THEN f.id END DESC, coalesce(f.respond_by, (f.updated_at AT TIME ZONE 'Europe/Berlin')::date), f.id
 LIMIT $10;

-- watchPageByAgencyNameAsc
SELECT f.id AS "referralId", c.id AS "caseId", c.reference AS "caseReference", a.name AS "agencyName",
       s.name AS "serviceName", f.status, f.requested_at AS "requestedAt", f.respond_by::text AS "respondBy",
       u.display_name AS "caseManagerName"
  FROM referrals f
  JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
  JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
  JOIN agencies a ON a.tenant_id = f.tenant_id AND a.id = f.agency_id
  JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
  JOIN staff_users u ON u.tenant_id = c.tenant_id AND u.id = c.case_manager_id
 WHERE f.tenant_id = $1 AND r.coordination_area_id = $2
   AND CASE WHEN $3 = 'overdue' THEN f.status = 'requested' AND f.respond_by < $4::date
            ELSE f.status = ANY($5::text[]) AND f.outcome_acknowledged_at IS NULL END AND ($6::uuid IS NULL OR f.agency_id = $6::uuid)
   AND ($7::uuid IS NULL OR ((SELECT lower(fa.name) FROM agencies fa WHERE fa.tenant_id = f.tenant_id AND fa.id = f.agency_id), f.id) > (
        SELECT (SELECT lower(wa.name) FROM agencies wa WHERE wa.tenant_id = w.tenant_id AND wa.id = w.agency_id), w.id FROM referrals w
         WHERE w.tenant_id = $1 AND w.id = $7::uuid
           AND EXISTS (SELECT 1 FROM cases wc JOIN regions wr ON wr.tenant_id = wc.tenant_id AND wr.id = wc.region_id
                        WHERE wc.tenant_id = w.tenant_id AND wc.id = w.case_id AND wr.coordination_area_id = $2)))
 ORDER BY (SELECT lower(fa.name) FROM agencies fa WHERE fa.tenant_id = f.tenant_id AND fa.id = f.agency_id) ASC, f.id ASC
 LIMIT $8;

-- watchPageByAgencyNameDesc
SELECT f.id AS "referralId", c.id AS "caseId", c.reference AS "caseReference", a.name AS "agencyName",
       s.name AS "serviceName", f.status, f.requested_at AS "requestedAt", f.respond_by::text AS "respondBy",
       u.display_name AS "caseManagerName"
  FROM referrals f
  JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
  JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
  JOIN agencies a ON a.tenant_id = f.tenant_id AND a.id = f.agency_id
  JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
  JOIN staff_users u ON u.tenant_id = c.tenant_id AND u.id = c.case_manager_id
 WHERE f.tenant_id = $1 AND r.coordination_area_id = $2
   AND CASE WHEN $3 = 'overdue' THEN f.status = 'requested' AND f.respond_by < $4::date
            ELSE f.status = ANY($5::text[]) AND f.outcome_acknowledged_at IS NULL END AND ($6::uuid IS NULL OR f.agency_id = $6::uuid)
   AND ($7::uuid IS NULL OR ((SELECT lower(fa.name) FROM agencies fa WHERE fa.tenant_id = f.tenant_id AND fa.id = f.agency_id), f.id) < (
        SELECT (SELECT lower(wa.name) FROM agencies wa WHERE wa.tenant_id = w.tenant_id AND wa.id = w.agency_id), w.id FROM referrals w
         WHERE w.tenant_id = $1 AND w.id = $7::uuid
           AND EXISTS (SELECT 1 FROM cases wc JOIN regions wr ON wr.tenant_id = wc.tenant_id AND wr.id = wc.region_id
                        WHERE wc.tenant_id = w.tenant_id AND wc.id = w.case_id AND wr.coordination_area_id = $2)))
 ORDER BY (SELECT lower(fa.name) FROM agencies fa WHERE fa.tenant_id = f.tenant_id AND fa.id = f.agency_id) DESC, f.id DESC
 LIMIT $8;

-- watchPageByCaseManagerNameAsc
SELECT f.id AS "referralId", c.id AS "caseId", c.reference AS "caseReference", a.name AS "agencyName",
       s.name AS "serviceName", f.status, f.requested_at AS "requestedAt", f.respond_by::text AS "respondBy",
       u.display_name AS "caseManagerName"
  FROM referrals f
  JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
  JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
  JOIN agencies a ON a.tenant_id = f.tenant_id AND a.id = f.agency_id
  JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
  JOIN staff_users u ON u.tenant_id = c.tenant_id AND u.id = c.case_manager_id
 WHERE f.tenant_id = $1 AND r.coordination_area_id = $2
   AND CASE WHEN $3 = 'overdue' THEN f.status = 'requested' AND f.respond_by < $4::date
            ELSE f.status = ANY($5::text[]) AND f.outcome_acknowledged_at IS NULL END AND ($6::uuid IS NULL OR f.agency_id = $6::uuid)
   AND ($7::uuid IS NULL OR ((SELECT lower(fu.display_name) FROM cases fc
          JOIN staff_users fu ON fu.tenant_id = fc.tenant_id AND fu.id = fc.case_manager_id
         WHERE fc.tenant_id = f.tenant_id AND fc.id = f.case_id), f.id) > (
        SELECT (SELECT lower(wu.display_name) FROM cases wc
          JOIN staff_users wu ON wu.tenant_id = wc.tenant_id AND wu.id = wc.case_manager_id
         WHERE wc.tenant_id = w.tenant_id AND wc.id = w.case_id), w.id FROM referrals w
         WHERE w.tenant_id = $1 AND w.id = $7::uuid
           AND EXISTS (SELECT 1 FROM cases wc JOIN regions wr ON wr.tenant_id = wc.tenant_id AND wr.id = wc.region_id
                        WHERE wc.tenant_id = w.tenant_id AND wc.id = w.case_id AND wr.coordination_area_id = $2)))
 ORDER BY (SELECT lower(fu.display_name) FROM cases fc
          JOIN staff_users fu ON fu.tenant_id = fc.tenant_id AND fu.id = fc.case_manager_id
         WHERE fc.tenant_id = f.tenant_id AND fc.id = f.case_id) ASC, f.id ASC
 LIMIT $8;

-- watchPageByCaseManagerNameDesc
SELECT f.id AS "referralId", c.id AS "caseId", c.reference AS "caseReference", a.name AS "agencyName",
       s.name AS "serviceName", f.status, f.requested_at AS "requestedAt", f.respond_by::text AS "respondBy",
       u.display_name AS "caseManagerName"
  FROM referrals f
  JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
  JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
  JOIN agencies a ON a.tenant_id = f.tenant_id AND a.id = f.agency_id
  JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
  JOIN staff_users u ON u.tenant_id = c.tenant_id AND u.id = c.case_manager_id
 WHERE f.tenant_id = $1 AND r.coordination_area_id = $2
   AND CASE WHEN $3 = 'overdue' THEN f.status = 'requested' AND f.respond_by < $4::date
            ELSE f.status = ANY($5::text[]) AND f.outcome_acknowledged_at IS NULL END AND ($6::uuid IS NULL OR f.agency_id = $6::uuid)
   AND ($7::uuid IS NULL OR ((SELECT lower(fu.display_name) FROM cases fc
          JOIN staff_users fu ON fu.tenant_id = fc.tenant_id AND fu.id = fc.case_manager_id
         WHERE fc.tenant_id = f.tenant_id AND fc.id = f.case_id), f.id) < (
        SELECT (SELECT lower(wu.display_name) FROM cases wc
          JOIN staff_users wu ON wu.tenant_id = wc.tenant_id AND wu.id = wc.case_manager_id
         WHERE wc.tenant_id = w.tenant_id AND wc.id = w.case_id), w.id FROM referrals w
         WHERE w.tenant_id = $1 AND w.id = $7::uuid
           AND EXISTS (SELECT 1 FROM cases wc JOIN regions wr ON wr.tenant_id = wc.tenant_id AND wr.id = wc.region_id
                        WHERE wc.tenant_id = w.tenant_id AND wc.id = w.case_id AND wr.coordination_area_id = $2)))
 ORDER BY (SELECT lower(fu.display_name) FROM cases fc
          JOIN staff_users fu ON fu.tenant_id = fc.tenant_id AND fu.id = fc.case_manager_id
         WHERE fc.tenant_id = f.tenant_id AND fc.id = f.case_id) DESC, f.id DESC
 LIMIT $8;

-- watchPageByCaseReferenceAsc
SELECT f.id AS "referralId", c.id AS "caseId", c.reference AS "caseReference", a.name AS "agencyName",
       s.name AS "serviceName", f.status, f.requested_at AS "requestedAt", f.respond_by::text AS "respondBy",
       u.display_name AS "caseManagerName"
  FROM referrals f
  JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
  JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
  JOIN agencies a ON a.tenant_id = f.tenant_id AND a.id = f.agency_id
  JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
  JOIN staff_users u ON u.tenant_id = c.tenant_id AND u.id = c.case_manager_id
 WHERE f.tenant_id = $1 AND r.coordination_area_id = $2
   AND CASE WHEN $3 = 'overdue' THEN f.status = 'requested' AND f.respond_by < $4::date
            ELSE f.status = ANY($5::text[]) AND f.outcome_acknowledged_at IS NULL END AND ($6::uuid IS NULL OR f.agency_id = $6::uuid)
   AND ($7::uuid IS NULL OR ((SELECT fc.reference FROM cases fc WHERE fc.tenant_id = f.tenant_id AND fc.id = f.case_id), f.id) > (
        SELECT (SELECT wc.reference FROM cases wc WHERE wc.tenant_id = w.tenant_id AND wc.id = w.case_id), w.id FROM referrals w
         WHERE w.tenant_id = $1 AND w.id = $7::uuid
           AND EXISTS (SELECT 1 FROM cases wc JOIN regions wr ON wr.tenant_id = wc.tenant_id AND wr.id = wc.region_id
                        WHERE wc.tenant_id = w.tenant_id AND wc.id = w.case_id AND wr.coordination_area_id = $2)))
 ORDER BY (SELECT fc.reference FROM cases fc WHERE fc.tenant_id = f.tenant_id AND fc.id = f.case_id) ASC, f.id ASC
 LIMIT $8;

-- watchPageByCaseReferenceDesc
SELECT f.id AS "referralId", c.id AS "caseId", c.reference AS "caseReference", a.name AS "agencyName",
       s.name AS "serviceName", f.status, f.requested_at AS "requestedAt", f.respond_by::text AS "respondBy",
       u.display_name AS "caseManagerName"
  FROM referrals f
  JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
  JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
  JOIN agencies a ON a.tenant_id = f.tenant_id AND a.id = f.agency_id
  JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
  JOIN staff_users u ON u.tenant_id = c.tenant_id AND u.id = c.case_manager_id
 WHERE f.tenant_id = $1 AND r.coordination_area_id = $2
   AND CASE WHEN $3 = 'overdue' THEN f.status = 'requested' AND f.respond_by < $4::date
            ELSE f.status = ANY($5::text[]) AND f.outcome_acknowledged_at IS NULL END AND ($6::uuid IS NULL OR f.agency_id = $6::uuid)
   AND ($7::uuid IS NULL OR ((SELECT fc.reference FROM cases fc WHERE fc.tenant_id = f.tenant_id AND fc.id = f.case_id), f.id) < (
        SELECT (SELECT wc.reference FROM cases wc WHERE wc.tenant_id = w.tenant_id AND wc.id = w.case_id), w.id FROM referrals w
         WHERE w.tenant_id = $1 AND w.id = $7::uuid
           AND EXISTS (SELECT 1 FROM cases wc JOIN regions wr ON wr.tenant_id = wc.tenant_id AND wr.id = wc.region_id
                        WHERE wc.tenant_id = w.tenant_id AND wc.id = w.case_id AND wr.coordination_area_id = $2)))
 ORDER BY (SELECT fc.reference FROM cases fc WHERE fc.tenant_id = f.tenant_id AND fc.id = f.case_id) DESC, f.id DESC
 LIMIT $8;

-- watchPageByDeadlineAsc
SELECT f.id AS "referralId", c.id AS "caseId", c.reference AS "caseReference", a.name AS "agencyName",
       s.name AS "serviceName", f.status, f.requested_at AS "requestedAt", f.respond_by::text AS "respondBy",
       u.display_name AS "caseManagerName"
  FROM referrals f
  JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
  JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
  JOIN agencies a ON a.tenant_id = f.tenant_id AND a.id = f.agency_id
  JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
  JOIN staff_users u ON u.tenant_id = c.tenant_id AND u.id = c.case_manager_id
 WHERE f.tenant_id = $1 AND r.coordination_area_id = $2
   AND CASE WHEN $3 = 'overdue' THEN f.status = 'requested' AND f.respond_by < $4::date
            ELSE f.status = ANY($5::text[]) AND f.outcome_acknowledged_at IS NULL END AND ($6::uuid IS NULL OR f.agency_id = $6::uuid)
   AND ($7::uuid IS NULL OR (coalesce(f.respond_by, (f.updated_at AT TIME ZONE 'Europe/Berlin')::date), f.id) > (
        SELECT coalesce(w.respond_by, (w.updated_at AT TIME ZONE 'Europe/Berlin')::date), w.id FROM referrals w
         WHERE w.tenant_id = $1 AND w.id = $7::uuid
           AND EXISTS (SELECT 1 FROM cases wc JOIN regions wr ON wr.tenant_id = wc.tenant_id AND wr.id = wc.region_id
                        WHERE wc.tenant_id = w.tenant_id AND wc.id = w.case_id AND wr.coordination_area_id = $2)))
 ORDER BY coalesce(f.respond_by, (f.updated_at AT TIME ZONE 'Europe/Berlin')::date) ASC, f.id ASC
 LIMIT $8;

-- watchPageByDeadlineDesc
SELECT f.id AS "referralId", c.id AS "caseId", c.reference AS "caseReference", a.name AS "agencyName",
       s.name AS "serviceName", f.status, f.requested_at AS "requestedAt", f.respond_by::text AS "respondBy",
       u.display_name AS "caseManagerName"
  FROM referrals f
  JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
  JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
  JOIN agencies a ON a.tenant_id = f.tenant_id AND a.id = f.agency_id
  JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
  JOIN staff_users u ON u.tenant_id = c.tenant_id AND u.id = c.case_manager_id
 WHERE f.tenant_id = $1 AND r.coordination_area_id = $2
   AND CASE WHEN $3 = 'overdue' THEN f.status = 'requested' AND f.respond_by < $4::date
            ELSE f.status = ANY($5::text[]) AND f.outcome_acknowledged_at IS NULL END AND ($6::uuid IS NULL OR f.agency_id = $6::uuid)
   AND ($7::uuid IS NULL OR (coalesce(f.respond_by, (f.updated_at AT TIME ZONE 'Europe/Berlin')::date), f.id) < (
        SELECT coalesce(w.respond_by, (w.updated_at AT TIME ZONE 'Europe/Berlin')::date), w.id FROM referrals w
         WHERE w.tenant_id = $1 AND w.id = $7::uuid
           AND EXISTS (SELECT 1 FROM cases wc JOIN regions wr ON wr.tenant_id = wc.tenant_id AND wr.id = wc.region_id
                        WHERE wc.tenant_id = w.tenant_id AND wc.id = w.case_id AND wr.coordination_area_id = $2)))
 ORDER BY coalesce(f.respond_by, (f.updated_at AT TIME ZONE 'Europe/Berlin')::date) DESC, f.id DESC
 LIMIT $8;

-- watchPageByServiceNameAsc
SELECT f.id AS "referralId", c.id AS "caseId", c.reference AS "caseReference", a.name AS "agencyName",
       s.name AS "serviceName", f.status, f.requested_at AS "requestedAt", f.respond_by::text AS "respondBy",
       u.display_name AS "caseManagerName"
  FROM referrals f
  JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
  JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
  JOIN agencies a ON a.tenant_id = f.tenant_id AND a.id = f.agency_id
  JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
  JOIN staff_users u ON u.tenant_id = c.tenant_id AND u.id = c.case_manager_id
 WHERE f.tenant_id = $1 AND r.coordination_area_id = $2
   AND CASE WHEN $3 = 'overdue' THEN f.status = 'requested' AND f.respond_by < $4::date
            ELSE f.status = ANY($5::text[]) AND f.outcome_acknowledged_at IS NULL END AND ($6::uuid IS NULL OR f.agency_id = $6::uuid)
   AND ($7::uuid IS NULL OR ((SELECT lower(fs.name) FROM services fs WHERE fs.tenant_id = f.tenant_id AND fs.id = f.service_id), f.id) > (
        SELECT (SELECT lower(ws.name) FROM services ws WHERE ws.tenant_id = w.tenant_id AND ws.id = w.service_id), w.id FROM referrals w
         WHERE w.tenant_id = $1 AND w.id = $7::uuid
           AND EXISTS (SELECT 1 FROM cases wc JOIN regions wr ON wr.tenant_id = wc.tenant_id AND wr.id = wc.region_id
                        WHERE wc.tenant_id = w.tenant_id AND wc.id = w.case_id AND wr.coordination_area_id = $2)))
 ORDER BY (SELECT lower(fs.name) FROM services fs WHERE fs.tenant_id = f.tenant_id AND fs.id = f.service_id) ASC, f.id ASC
 LIMIT $8;

-- watchPageByServiceNameDesc
SELECT f.id AS "referralId", c.id AS "caseId", c.reference AS "caseReference", a.name AS "agencyName",
       s.name AS "serviceName", f.status, f.requested_at AS "requestedAt", f.respond_by::text AS "respondBy",
       u.display_name AS "caseManagerName"
  FROM referrals f
  JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
  JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
  JOIN agencies a ON a.tenant_id = f.tenant_id AND a.id = f.agency_id
  JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
  JOIN staff_users u ON u.tenant_id = c.tenant_id AND u.id = c.case_manager_id
 WHERE f.tenant_id = $1 AND r.coordination_area_id = $2
   AND CASE WHEN $3 = 'overdue' THEN f.status = 'requested' AND f.respond_by < $4::date
            ELSE f.status = ANY($5::text[]) AND f.outcome_acknowledged_at IS NULL END AND ($6::uuid IS NULL OR f.agency_id = $6::uuid)
   AND ($7::uuid IS NULL OR ((SELECT lower(fs.name) FROM services fs WHERE fs.tenant_id = f.tenant_id AND fs.id = f.service_id), f.id) < (
        SELECT (SELECT lower(ws.name) FROM services ws WHERE ws.tenant_id = w.tenant_id AND ws.id = w.service_id), w.id FROM referrals w
         WHERE w.tenant_id = $1 AND w.id = $7::uuid
           AND EXISTS (SELECT 1 FROM cases wc JOIN regions wr ON wr.tenant_id = wc.tenant_id AND wr.id = wc.region_id
                        WHERE wc.tenant_id = w.tenant_id AND wc.id = w.case_id AND wr.coordination_area_id = $2)))
 ORDER BY (SELECT lower(fs.name) FROM services fs WHERE fs.tenant_id = f.tenant_id AND fs.id = f.service_id) DESC, f.id DESC
 LIMIT $8;

-- withTargetsOfCases (prepared)
SELECT f.tenant_id AS "tenantId", f.id, f.case_id AS "caseId", f.service_id AS "serviceId",
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
  FROM referrals f
  JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
  JOIN agencies a ON a.tenant_id = f.tenant_id AND a.id = f.agency_id
 WHERE f.tenant_id = $1 AND f.case_id = ANY($2)
 ORDER BY f.created_at;

-- writeAgencyStatusPlan (prepared)
WITH stored AS (
  INSERT INTO inbound_messages (tenant_id, agency_id, id, event_id, referral_id, occurred_at, body, state, error)
  SELECT $1, $2, x.id, x.event_id, x.referral_id, x.occurred_at, x.body, x.state, x.error
    FROM ROWS FROM (unnest($3::uuid[]), unnest($4::text[]), unnest($5::uuid[]), unnest($6::timestamptz[]),
                    jsonb_array_elements($7::jsonb), unnest($8::text[]), unnest($9::text[]))
         AS x(id, event_id, referral_id, occurred_at, body, state, error)
), applied AS (
  UPDATE referrals r SET status = x.status, business_status = x.business,
         status_reason = coalesce(x.reason, r.status_reason),
         services_delivered = CASE WHEN x.services IS NULL THEN r.services_delivered
                                   ELSE ARRAY(SELECT jsonb_array_elements_text(x.services::jsonb)) END,
         outcome = coalesce(x.outcome, r.outcome),
         last_agency_update_at = x.at, last_agency_event_id = x.event_id,
         updated_at = now(), version = r.version + 1
    FROM unnest($10::uuid[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::timestamptz[], $17::text[])
         AS x(id, status, business, reason, services, outcome, at, event_id)
   WHERE r.tenant_id = $1 AND r.id = x.id
)
INSERT INTO timeline_events (tenant_id, id, case_id, referral_id, kind, occurred_at, actor_role, actor_id, summary,
                             summary_code, summary_params, data)
SELECT $1, x.id, x.case_id, x.referral_id, 'referral.status-changed', x.occurred_at, 'agency', $2, x.summary,
       x.summary_code, x.summary_params, x.data
  FROM ROWS FROM (unnest($25::uuid[]), unnest($18::uuid[]), unnest($19::uuid[]), unnest($20::timestamptz[]),
                  unnest($21::text[]), unnest($22::text[]), jsonb_array_elements($23::jsonb), jsonb_array_elements($24::jsonb))
       AS x(id, case_id, referral_id, occurred_at, summary, summary_code, summary_params, data);

-- writeState (prepared)
UPDATE referrals SET status = $3, business_status = $4, status_reason = $5, services_delivered = $6, outcome = $7,
       requested_at = $8, respond_by = $9, updated_at = now(), version = version + 1
 WHERE tenant_id = $1 AND id = $2
RETURNING updated_at AS "updatedAt", version;

-- writeStateAnnounced (prepared)
WITH outbox AS (
  INSERT INTO outbox_messages (tenant_id, id, agency_id, referral_id, consent_id, event_type, event_id, delivery_state, trace_id)
  VALUES ($1, $10, $11, $12, $13, $14, $15, 'queued', $16)
), timeline AS (
  INSERT INTO timeline_events (tenant_id, case_id, referral_id, kind, occurred_at, actor_role, actor_id, summary,
                               summary_code, summary_params, data)
  VALUES ($1, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)
)
UPDATE referrals SET status = $3, business_status = $4, status_reason = $5, services_delivered = $6, outcome = $7,
       requested_at = $8, respond_by = $9, updated_at = now(), version = version + 1
 WHERE tenant_id = $1 AND id = $2
RETURNING updated_at AS "updatedAt", version;


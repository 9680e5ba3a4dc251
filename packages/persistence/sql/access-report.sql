-- casesOfPerson
SELECT c.id, c.reference, c.phase, c.region_id AS "regionId", r.coordination_area_id AS "coordinationAreaId",
       c.opened_at AS "openedAt", c.closed_at AS "closedAt"
  FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
 WHERE c.tenant_id = $1 AND c.person_id = $2
 ORDER BY c.opened_at;

-- ledger
SELECT e.at, e.agency_id, e.action, e.categories, e.basis, s.display_name AS staff_name
  FROM audit_events e
  LEFT JOIN staff_users s ON s.tenant_id = e.tenant_id AND s.id = e.actor_id AND e.actor_kind = 'staff'
 WHERE e.tenant_id = $1 AND e.person_id = $2 AND e.allowed
   AND ((e.subject_type = 'case' AND e.subject_id = ANY($3::uuid[]))
        OR (e.subject_type = 'referral' AND e.subject_id = ANY($4::uuid[]))
        OR (e.subject_type = 'dossier' AND e.subject_id = ANY($5::uuid[])))
   AND (e.action = ANY($6::text[]) OR (e.action = 'case.read' AND e.basis LIKE 'override:%'))
 ORDER BY e.seq;

-- referralsOfCases
SELECT id, case_id AS "caseId", agency_id AS "agencyId", service_id AS "serviceId", status,
       status_reason AS "statusReason", requested_at AS "requestedAt"
  FROM referrals WHERE tenant_id = $1 AND case_id = ANY($2)
 ORDER BY created_at;

-- serviceNames
SELECT id, name FROM services WHERE tenant_id = $1;


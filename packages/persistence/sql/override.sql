-- counts
SELECT count(*)::int AS total, count(*) FILTER (WHERE o.reviewed_at IS NULL)::int AS unreviewed
  FROM access_overrides o
  JOIN cases c ON c.tenant_id = o.tenant_id AND c.id = o.case_id
  JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
 WHERE o.tenant_id = $1 AND (o.staff_user_id = $3 OR ($2::uuid IS NOT NULL AND r.coordination_area_id = $2));

-- insert
INSERT INTO access_overrides (tenant_id, id, staff_user_id, case_id, reason, expires_at)
VALUES ($1, $2, $3, $4, $5, $6);

-- list
SELECT o.id, o.case_id AS "caseId", c.reference AS "caseReference", o.staff_user_id AS "staffUserId",
       s.display_name AS "staffName", o.reason, o.opened_at AS "openedAt", o.expires_at AS "expiresAt",
       (SELECT count(*)::int FROM audit_events a
         WHERE a.tenant_id = o.tenant_id AND a.subject_id = o.case_id AND a.action = 'case.read' AND a.basis = 'override:' || o.id::text) AS reads,
       o.verdict, o.review_note AS "reviewNote", o.reviewed_by AS "reviewedBy", o.reviewed_at AS "reviewedAt"
  FROM access_overrides o
  JOIN cases c ON c.tenant_id = o.tenant_id AND c.id = o.case_id
  JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
  JOIN staff_users s ON s.tenant_id = o.tenant_id AND s.id = o.staff_user_id
 WHERE o.tenant_id = $1
   AND (o.staff_user_id = $3 OR ($2::uuid IS NOT NULL AND r.coordination_area_id = $2))
   AND (NOT $4::boolean OR o.reviewed_at IS NULL)
   AND ($5::uuid[] IS NULL OR o.id = ANY($5::uuid[]))
 ORDER BY o.reviewed_at IS NULL DESC, o.opened_at DESC
 LIMIT $6;

-- lock
SELECT id, case_id AS "caseId", staff_user_id AS "staffUserId", reviewed_at AS "reviewedAt"
  FROM access_overrides WHERE tenant_id = $1 AND id = $2 FOR UPDATE;

-- openFor
SELECT id, expires_at FROM access_overrides
 WHERE tenant_id = $1 AND case_id = $2 AND staff_user_id = $3 AND expires_at > $4
 ORDER BY expires_at DESC LIMIT 1;

-- page
SELECT o.id, o.case_id AS "caseId", c.reference AS "caseReference", o.staff_user_id AS "staffUserId",
       s.display_name AS "staffName", o.reason, o.opened_at AS "openedAt", o.expires_at AS "expiresAt",
       (SELECT count(*)::int FROM audit_events a
         WHERE a.tenant_id = o.tenant_id AND a.subject_id = o.case_id AND a.action = 'case.read' AND a.basis = 'override:' || o.id::text) AS reads,
       o.verdict, o.review_note AS "reviewNote", o.reviewed_by AS "reviewedBy", o.reviewed_at AS "reviewedAt",
       (o.reviewed_at IS NULL)::int AS pending, (extract(epoch FROM o.opened_at) * 1000000)::bigint::text AS "openedUs"
  FROM access_overrides o
  JOIN cases c ON c.tenant_id = o.tenant_id AND c.id = o.case_id
  JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
  JOIN staff_users s ON s.tenant_id = o.tenant_id AND s.id = o.staff_user_id
 WHERE o.tenant_id = $1 AND (o.staff_user_id = $3 OR ($2::uuid IS NOT NULL AND r.coordination_area_id = $2))
   AND (NOT $4::boolean OR o.reviewed_at IS NULL)
   AND ($5::int IS NULL OR ((o.reviewed_at IS NULL)::int, (extract(epoch FROM o.opened_at) * 1000000)::bigint, o.id) < ($5::int, $6::bigint, $7::uuid))
 ORDER BY (o.reviewed_at IS NULL)::int DESC, (extract(epoch FROM o.opened_at) * 1000000)::bigint DESC, o.id DESC
 LIMIT $8;

-- review
UPDATE access_overrides SET verdict = $3, review_note = $4, reviewed_by = $5, reviewed_at = $6
 WHERE tenant_id = $1 AND id = $2;


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

-- listed
SELECT 1 AS one FROM access_overrides o
  JOIN cases o_c ON o_c.tenant_id = o.tenant_id AND o_c.id = o.case_id
  JOIN regions o_r ON o_r.tenant_id = o_c.tenant_id AND o_r.id = o_c.region_id
  JOIN staff_users o_s ON o_s.tenant_id = o.tenant_id AND o_s.id = o.staff_user_id WHERE o.tenant_id = $1 AND (o.staff_user_id = $3 OR ($2::uuid IS NOT NULL AND o_r.coordination_area_id = $2)) AND o.id = $4::uuid;

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

-- pageByCaseReferenceAsc
SELECT o.id, o.case_id AS "caseId", o_c.reference AS "caseReference", o.staff_user_id AS "staffUserId",
       o_s.display_name AS "staffName", o.reason, o.opened_at AS "openedAt", o.expires_at AS "expiresAt",
       (SELECT count(*)::int FROM audit_events a
         WHERE a.tenant_id = o.tenant_id AND a.subject_id = o.case_id AND a.action = 'case.read' AND a.basis = 'override:' || o.id::text) AS reads,
       o.verdict, o.review_note AS "reviewNote", o.reviewed_by AS "reviewedBy", o.reviewed_at AS "reviewedAt"
  FROM access_overrides o
  JOIN cases o_c ON o_c.tenant_id = o.tenant_id AND o_c.id = o.case_id
  JOIN regions o_r ON o_r.tenant_id = o_c.tenant_id AND o_r.id = o_c.region_id
  JOIN staff_users o_s ON o_s.tenant_id = o.tenant_id AND o_s.id = o.staff_user_id
 WHERE o.tenant_id = $1 AND (o.staff_user_id = $3 OR ($2::uuid IS NOT NULL AND o_r.coordination_area_id = $2))
   AND (NOT $4::boolean OR o.reviewed_at IS NULL)
   AND ($5::uuid IS NULL OR (o_c.reference, o.id) > (
        SELECT x_c.reference, x.id FROM access_overrides x
  JOIN cases x_c ON x_c.tenant_id = x.tenant_id AND x_c.id = x.case_id
  JOIN regions x_r ON x_r.tenant_id = x_c.tenant_id AND x_r.id = x_c.region_id
  JOIN staff_users x_s ON x_s.tenant_id = x.tenant_id AND x_s.id = x.staff_user_id WHERE x.tenant_id = $1 AND (x.staff_user_id = $3 OR ($2::uuid IS NOT NULL AND x_r.coordination_area_id = $2)) AND x.id = $5::uuid))
 ORDER BY o_c.reference ASC, o.id ASC
 LIMIT $6;

-- pageByCaseReferenceDesc
SELECT o.id, o.case_id AS "caseId", o_c.reference AS "caseReference", o.staff_user_id AS "staffUserId",
       o_s.display_name AS "staffName", o.reason, o.opened_at AS "openedAt", o.expires_at AS "expiresAt",
       (SELECT count(*)::int FROM audit_events a
         WHERE a.tenant_id = o.tenant_id AND a.subject_id = o.case_id AND a.action = 'case.read' AND a.basis = 'override:' || o.id::text) AS reads,
       o.verdict, o.review_note AS "reviewNote", o.reviewed_by AS "reviewedBy", o.reviewed_at AS "reviewedAt"
  FROM access_overrides o
  JOIN cases o_c ON o_c.tenant_id = o.tenant_id AND o_c.id = o.case_id
  JOIN regions o_r ON o_r.tenant_id = o_c.tenant_id AND o_r.id = o_c.region_id
  JOIN staff_users o_s ON o_s.tenant_id = o.tenant_id AND o_s.id = o.staff_user_id
 WHERE o.tenant_id = $1 AND (o.staff_user_id = $3 OR ($2::uuid IS NOT NULL AND o_r.coordination_area_id = $2))
   AND (NOT $4::boolean OR o.reviewed_at IS NULL)
   AND ($5::uuid IS NULL OR (o_c.reference, o.id) < (
        SELECT x_c.reference, x.id FROM access_overrides x
  JOIN cases x_c ON x_c.tenant_id = x.tenant_id AND x_c.id = x.case_id
  JOIN regions x_r ON x_r.tenant_id = x_c.tenant_id AND x_r.id = x_c.region_id
  JOIN staff_users x_s ON x_s.tenant_id = x.tenant_id AND x_s.id = x.staff_user_id WHERE x.tenant_id = $1 AND (x.staff_user_id = $3 OR ($2::uuid IS NOT NULL AND x_r.coordination_area_id = $2)) AND x.id = $5::uuid))
 ORDER BY o_c.reference DESC, o.id DESC
 LIMIT $6;

-- pageByOpenedAtAsc
SELECT o.id, o.case_id AS "caseId", o_c.reference AS "caseReference", o.staff_user_id AS "staffUserId",
       o_s.display_name AS "staffName", o.reason, o.opened_at AS "openedAt", o.expires_at AS "expiresAt",
       (SELECT count(*)::int FROM audit_events a
         WHERE a.tenant_id = o.tenant_id AND a.subject_id = o.case_id AND a.action = 'case.read' AND a.basis = 'override:' || o.id::text) AS reads,
       o.verdict, o.review_note AS "reviewNote", o.reviewed_by AS "reviewedBy", o.reviewed_at AS "reviewedAt"
  FROM access_overrides o
  JOIN cases o_c ON o_c.tenant_id = o.tenant_id AND o_c.id = o.case_id
  JOIN regions o_r ON o_r.tenant_id = o_c.tenant_id AND o_r.id = o_c.region_id
  JOIN staff_users o_s ON o_s.tenant_id = o.tenant_id AND o_s.id = o.staff_user_id
 WHERE o.tenant_id = $1 AND (o.staff_user_id = $3 OR ($2::uuid IS NOT NULL AND o_r.coordination_area_id = $2))
   AND (NOT $4::boolean OR o.reviewed_at IS NULL)
   AND ($5::uuid IS NULL OR (o.opened_at, o.id) > (
        SELECT x.opened_at, x.id FROM access_overrides x
  JOIN cases x_c ON x_c.tenant_id = x.tenant_id AND x_c.id = x.case_id
  JOIN regions x_r ON x_r.tenant_id = x_c.tenant_id AND x_r.id = x_c.region_id
  JOIN staff_users x_s ON x_s.tenant_id = x.tenant_id AND x_s.id = x.staff_user_id WHERE x.tenant_id = $1 AND (x.staff_user_id = $3 OR ($2::uuid IS NOT NULL AND x_r.coordination_area_id = $2)) AND x.id = $5::uuid))
 ORDER BY o.opened_at ASC, o.id ASC
 LIMIT $6;

-- pageByOpenedAtDesc
SELECT o.id, o.case_id AS "caseId", o_c.reference AS "caseReference", o.staff_user_id AS "staffUserId",
       o_s.display_name AS "staffName", o.reason, o.opened_at AS "openedAt", o.expires_at AS "expiresAt",
       (SELECT count(*)::int FROM audit_events a
         WHERE a.tenant_id = o.tenant_id AND a.subject_id = o.case_id AND a.action = 'case.read' AND a.basis = 'override:' || o.id::text) AS reads,
       o.verdict, o.review_note AS "reviewNote", o.reviewed_by AS "reviewedBy", o.reviewed_at AS "reviewedAt"
  FROM access_overrides o
  JOIN cases o_c ON o_c.tenant_id = o.tenant_id AND o_c.id = o.case_id
  JOIN regions o_r ON o_r.tenant_id = o_c.tenant_id AND o_r.id = o_c.region_id
  JOIN staff_users o_s ON o_s.tenant_id = o.tenant_id AND o_s.id = o.staff_user_id
 WHERE o.tenant_id = $1 AND (o.staff_user_id = $3 OR ($2::uuid IS NOT NULL AND o_r.coordination_area_id = $2))
   AND (NOT $4::boolean OR o.reviewed_at IS NULL)
   AND ($5::uuid IS NULL OR (o.opened_at, o.id) < (
        SELECT x.opened_at, x.id FROM access_overrides x
  JOIN cases x_c ON x_c.tenant_id = x.tenant_id AND x_c.id = x.case_id
  JOIN regions x_r ON x_r.tenant_id = x_c.tenant_id AND x_r.id = x_c.region_id
  JOIN staff_users x_s ON x_s.tenant_id = x.tenant_id AND x_s.id = x.staff_user_id WHERE x.tenant_id = $1 AND (x.staff_user_id = $3 OR ($2::uuid IS NOT NULL AND x_r.coordination_area_id = $2)) AND x.id = $5::uuid))
 ORDER BY o.opened_at DESC, o.id DESC
 LIMIT $6;

-- pageByReadsAsc
SELECT o.id, o.case_id AS "caseId", o_c.reference AS "caseReference", o.staff_user_id AS "staffUserId",
       o_s.display_name AS "staffName", o.reason, o.opened_at AS "openedAt", o.expires_at AS "expiresAt",
       (SELECT count(*)::int FROM audit_events a
         WHERE a.tenant_id = o.tenant_id AND a.subject_id = o.case_id AND a.action = 'case.read' AND a.basis = 'override:' || o.id::text) AS reads,
       o.verdict, o.review_note AS "reviewNote", o.reviewed_by AS "reviewedBy", o.reviewed_at AS "reviewedAt"
  FROM access_overrides o
  JOIN cases o_c ON o_c.tenant_id = o.tenant_id AND o_c.id = o.case_id
  JOIN regions o_r ON o_r.tenant_id = o_c.tenant_id AND o_r.id = o_c.region_id
  JOIN staff_users o_s ON o_s.tenant_id = o.tenant_id AND o_s.id = o.staff_user_id
 WHERE o.tenant_id = $1 AND (o.staff_user_id = $3 OR ($2::uuid IS NOT NULL AND o_r.coordination_area_id = $2))
   AND (NOT $4::boolean OR o.reviewed_at IS NULL)
   AND ($5::uuid IS NULL OR ((SELECT count(*)::int FROM audit_events a
         WHERE a.tenant_id = o.tenant_id AND a.subject_id = o.case_id AND a.action = 'case.read' AND a.basis = 'override:' || o.id::text), o.id) > (
        SELECT (SELECT count(*)::int FROM audit_events a
         WHERE a.tenant_id = x.tenant_id AND a.subject_id = x.case_id AND a.action = 'case.read' AND a.basis = 'override:' || x.id::text), x.id FROM access_overrides x
  JOIN cases x_c ON x_c.tenant_id = x.tenant_id AND x_c.id = x.case_id
  JOIN regions x_r ON x_r.tenant_id = x_c.tenant_id AND x_r.id = x_c.region_id
  JOIN staff_users x_s ON x_s.tenant_id = x.tenant_id AND x_s.id = x.staff_user_id WHERE x.tenant_id = $1 AND (x.staff_user_id = $3 OR ($2::uuid IS NOT NULL AND x_r.coordination_area_id = $2)) AND x.id = $5::uuid))
 ORDER BY (SELECT count(*)::int FROM audit_events a
         WHERE a.tenant_id = o.tenant_id AND a.subject_id = o.case_id AND a.action = 'case.read' AND a.basis = 'override:' || o.id::text) ASC, o.id ASC
 LIMIT $6;

-- pageByReadsDesc
SELECT o.id, o.case_id AS "caseId", o_c.reference AS "caseReference", o.staff_user_id AS "staffUserId",
       o_s.display_name AS "staffName", o.reason, o.opened_at AS "openedAt", o.expires_at AS "expiresAt",
       (SELECT count(*)::int FROM audit_events a
         WHERE a.tenant_id = o.tenant_id AND a.subject_id = o.case_id AND a.action = 'case.read' AND a.basis = 'override:' || o.id::text) AS reads,
       o.verdict, o.review_note AS "reviewNote", o.reviewed_by AS "reviewedBy", o.reviewed_at AS "reviewedAt"
  FROM access_overrides o
  JOIN cases o_c ON o_c.tenant_id = o.tenant_id AND o_c.id = o.case_id
  JOIN regions o_r ON o_r.tenant_id = o_c.tenant_id AND o_r.id = o_c.region_id
  JOIN staff_users o_s ON o_s.tenant_id = o.tenant_id AND o_s.id = o.staff_user_id
 WHERE o.tenant_id = $1 AND (o.staff_user_id = $3 OR ($2::uuid IS NOT NULL AND o_r.coordination_area_id = $2))
   AND (NOT $4::boolean OR o.reviewed_at IS NULL)
   AND ($5::uuid IS NULL OR ((SELECT count(*)::int FROM audit_events a
         WHERE a.tenant_id = o.tenant_id AND a.subject_id = o.case_id AND a.action = 'case.read' AND a.basis = 'override:' || o.id::text), o.id) < (
        SELECT (SELECT count(*)::int FROM audit_events a
         WHERE a.tenant_id = x.tenant_id AND a.subject_id = x.case_id AND a.action = 'case.read' AND a.basis = 'override:' || x.id::text), x.id FROM access_overrides x
  JOIN cases x_c ON x_c.tenant_id = x.tenant_id AND x_c.id = x.case_id
  JOIN regions x_r ON x_r.tenant_id = x_c.tenant_id AND x_r.id = x_c.region_id
  JOIN staff_users x_s ON x_s.tenant_id = x.tenant_id AND x_s.id = x.staff_user_id WHERE x.tenant_id = $1 AND (x.staff_user_id = $3 OR ($2::uuid IS NOT NULL AND x_r.coordination_area_id = $2)) AND x.id = $5::uuid))
 ORDER BY (SELECT count(*)::int FROM audit_events a
         WHERE a.tenant_id = o.tenant_id AND a.subject_id = o.case_id AND a.action = 'case.read' AND a.basis = 'override:' || o.id::text) DESC, o.id DESC
 LIMIT $6;

-- pageByStaffNameAsc
SELECT o.id, o.case_id AS "caseId", o_c.reference AS "caseReference", o.staff_user_id AS "staffUserId",
       o_s.display_name AS "staffName", o.reason, o.opened_at AS "openedAt", o.expires_at AS "expiresAt",
       (SELECT count(*)::int FROM audit_events a
         WHERE a.tenant_id = o.tenant_id AND a.subject_id = o.case_id AND a.action = 'case.read' AND a.basis = 'override:' || o.id::text) AS reads,
       o.verdict, o.review_note AS "reviewNote", o.reviewed_by AS "reviewedBy", o.reviewed_at AS "reviewedAt"
  FROM access_overrides o
  JOIN cases o_c ON o_c.tenant_id = o.tenant_id AND o_c.id = o.case_id
  JOIN regions o_r ON o_r.tenant_id = o_c.tenant_id AND o_r.id = o_c.region_id
  JOIN staff_users o_s ON o_s.tenant_id = o.tenant_id AND o_s.id = o.staff_user_id
 WHERE o.tenant_id = $1 AND (o.staff_user_id = $3 OR ($2::uuid IS NOT NULL AND o_r.coordination_area_id = $2))
   AND (NOT $4::boolean OR o.reviewed_at IS NULL)
   AND ($5::uuid IS NULL OR (lower(o_s.display_name), o.id) > (
        SELECT lower(x_s.display_name), x.id FROM access_overrides x
  JOIN cases x_c ON x_c.tenant_id = x.tenant_id AND x_c.id = x.case_id
  JOIN regions x_r ON x_r.tenant_id = x_c.tenant_id AND x_r.id = x_c.region_id
  JOIN staff_users x_s ON x_s.tenant_id = x.tenant_id AND x_s.id = x.staff_user_id WHERE x.tenant_id = $1 AND (x.staff_user_id = $3 OR ($2::uuid IS NOT NULL AND x_r.coordination_area_id = $2)) AND x.id = $5::uuid))
 ORDER BY lower(o_s.display_name) ASC, o.id ASC
 LIMIT $6;

-- pageByStaffNameDesc
SELECT o.id, o.case_id AS "caseId", o_c.reference AS "caseReference", o.staff_user_id AS "staffUserId",
       o_s.display_name AS "staffName", o.reason, o.opened_at AS "openedAt", o.expires_at AS "expiresAt",
       (SELECT count(*)::int FROM audit_events a
         WHERE a.tenant_id = o.tenant_id AND a.subject_id = o.case_id AND a.action = 'case.read' AND a.basis = 'override:' || o.id::text) AS reads,
       o.verdict, o.review_note AS "reviewNote", o.reviewed_by AS "reviewedBy", o.reviewed_at AS "reviewedAt"
  FROM access_overrides o
  JOIN cases o_c ON o_c.tenant_id = o.tenant_id AND o_c.id = o.case_id
  JOIN regions o_r ON o_r.tenant_id = o_c.tenant_id AND o_r.id = o_c.region_id
  JOIN staff_users o_s ON o_s.tenant_id = o.tenant_id AND o_s.id = o.staff_user_id
 WHERE o.tenant_id = $1 AND (o.staff_user_id = $3 OR ($2::uuid IS NOT NULL AND o_r.coordination_area_id = $2))
   AND (NOT $4::boolean OR o.reviewed_at IS NULL)
   AND ($5::uuid IS NULL OR (lower(o_s.display_name), o.id) < (
        SELECT lower(x_s.display_name), x.id FROM access_overrides x
  JOIN cases x_c ON x_c.tenant_id = x.tenant_id AND x_c.id = x.case_id
  JOIN regions x_r ON x_r.tenant_id = x_c.tenant_id AND x_r.id = x_c.region_id
  JOIN staff_users x_s ON x_s.tenant_id = x.tenant_id AND x_s.id = x.staff_user_id WHERE x.tenant_id = $1 AND (x.staff_user_id = $3 OR ($2::uuid IS NOT NULL AND x_r.coordination_area_id = $2)) AND x.id = $5::uuid))
 ORDER BY lower(o_s.display_name) DESC, o.id DESC
 LIMIT $6;

-- review
UPDATE access_overrides SET verdict = $3, review_note = $4, reviewed_by = $5, reviewed_at = $6
 WHERE tenant_id = $1 AND id = $2;


-- clearMergedInto
UPDATE persons SET merged_into_id = NULL WHERE tenant_id = $1 AND id = $2;

-- countReviews
SELECT count(*)::int AS n FROM link_reviews l
 WHERE l.tenant_id = $1 AND l.status = $4
   AND EXISTS (SELECT 1 FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
                WHERE c.tenant_id = $1 AND ((c.region_id = $2::uuid) OR (r.coordination_area_id = $3::uuid)) AND c.person_id IN (l.person_a_id, l.person_b_id));

-- decidedDifferentByUnmerge
INSERT INTO link_reviews (tenant_id, person_a_id, person_b_id, score, evidence, source, status, decided_by, decided_at, note)
VALUES ($1, $2, $3, $4, '[]', 'unmerge', 'different-persons', $5, now(), $6)
ON CONFLICT (tenant_id, person_a_id, person_b_id)
DO UPDATE SET status = 'different-persons', decided_by = $5, decided_at = now(), note = $6;

-- decideReview
UPDATE link_reviews SET status = $3, decided_by = $4, decided_at = now(), note = $5
 WHERE tenant_id = $1 AND id = $2
RETURNING tenant_id AS "tenantId", id, person_a_id AS "personAId", person_b_id AS "personBId", score,
       evidence, capped, source, status, decided_by AS "decidedBy", decided_at AS "decidedAt", note,
       created_at AS "createdAt";

-- insertMatchRequest
INSERT INTO person_match_requests (tenant_id, person_id, case_id, trace_id) VALUES ($1, $2, $3, $4) RETURNING id;

-- insertMerge
INSERT INTO person_merges (tenant_id, survivor_id, merged_id, basis, score, review_id, reason, merged_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id;

-- insertReview
INSERT INTO link_reviews (tenant_id, person_a_id, person_b_id, score, evidence, capped, source)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (tenant_id, person_a_id, person_b_id) DO NOTHING RETURNING id;

-- listReviews
WITH mine AS (
  SELECT c.person_id, array_agg(c.reference ORDER BY c.reference) AS refs
    FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
   WHERE c.tenant_id = $1 AND ((c.region_id = $2::uuid) OR (r.coordination_area_id = $3::uuid))
   GROUP BY c.person_id)
SELECT l.id, l.person_a_id AS "personAId", l.person_b_id AS "personBId", l.score, l.evidence, l.capped,
       l.source, l.status, l.created_at AS "createdAt", l.decided_at AS "decidedAt", l.note,
       coalesce(ma.refs, '{}') AS "casesA", coalesce(mb.refs, '{}') AS "casesB",
       l.score::text AS "scoreText", (extract(epoch FROM l.created_at) * 1000000)::bigint::text AS "createdUs"
  FROM link_reviews l
  LEFT JOIN mine ma ON ma.person_id = l.person_a_id
  LEFT JOIN mine mb ON mb.person_id = l.person_b_id
 WHERE l.tenant_id = $1 AND l.status = $4 AND ($6::uuid IS NULL OR l.id = $6::uuid)
   AND (ma.person_id IS NOT NULL OR mb.person_id IS NOT NULL)
   AND ($7::double precision IS NULL
        OR l.score < $7::double precision
        OR (l.score = $7::double precision
            AND ((extract(epoch FROM l.created_at) * 1000000)::bigint, l.id) > ($8::bigint, $9::uuid)))
 ORDER BY l.score DESC, l.created_at, l.id
 LIMIT $5;

-- listReviewsByCreatedAtAsc
WITH mine AS (
  SELECT c.person_id, array_agg(c.reference ORDER BY c.reference) AS refs
    FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
   WHERE c.tenant_id = $1 AND ((c.region_id = $2::uuid) OR (r.coordination_area_id = $3::uuid))
   GROUP BY c.person_id)
SELECT l.id, l.person_a_id AS "personAId", l.person_b_id AS "personBId", l.score, l.evidence, l.capped,
       l.source, l.status, l.created_at AS "createdAt", l.decided_at AS "decidedAt", l.note,
       coalesce(ma.refs, '{}') AS "casesA", coalesce(mb.refs, '{}') AS "casesB"
  FROM link_reviews l
  LEFT JOIN mine ma ON ma.person_id = l.person_a_id
  LEFT JOIN mine mb ON mb.person_id = l.person_b_id
 WHERE l.tenant_id = $1 AND l.status = $4
   AND (ma.person_id IS NOT NULL OR mb.person_id IS NOT NULL)
   AND ($6::uuid IS NULL OR (l.created_at, l.id) > (
        SELECT x.created_at, x.id FROM link_reviews x
         WHERE x.tenant_id = $1 AND x.id = $6::uuid
           AND (x.person_a_id IN (SELECT person_id FROM mine) OR x.person_b_id IN (SELECT person_id FROM mine))))
 ORDER BY l.created_at ASC, l.id ASC
 LIMIT $5;

-- listReviewsByCreatedAtDesc
WITH mine AS (
  SELECT c.person_id, array_agg(c.reference ORDER BY c.reference) AS refs
    FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
   WHERE c.tenant_id = $1 AND ((c.region_id = $2::uuid) OR (r.coordination_area_id = $3::uuid))
   GROUP BY c.person_id)
SELECT l.id, l.person_a_id AS "personAId", l.person_b_id AS "personBId", l.score, l.evidence, l.capped,
       l.source, l.status, l.created_at AS "createdAt", l.decided_at AS "decidedAt", l.note,
       coalesce(ma.refs, '{}') AS "casesA", coalesce(mb.refs, '{}') AS "casesB"
  FROM link_reviews l
  LEFT JOIN mine ma ON ma.person_id = l.person_a_id
  LEFT JOIN mine mb ON mb.person_id = l.person_b_id
 WHERE l.tenant_id = $1 AND l.status = $4
   AND (ma.person_id IS NOT NULL OR mb.person_id IS NOT NULL)
   AND ($6::uuid IS NULL OR (l.created_at, l.id) < (
        SELECT x.created_at, x.id FROM link_reviews x
         WHERE x.tenant_id = $1 AND x.id = $6::uuid
           AND (x.person_a_id IN (SELECT person_id FROM mine) OR x.person_b_id IN (SELECT person_id FROM mine))))
 ORDER BY l.created_at DESC, l.id DESC
 LIMIT $5;

-- listReviewsByScoreAsc
WITH mine AS (
  SELECT c.person_id, array_agg(c.reference ORDER BY c.reference) AS refs
    FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
   WHERE c.tenant_id = $1 AND ((c.region_id = $2::uuid) OR (r.coordination_area_id = $3::uuid))
   GROUP BY c.person_id)
SELECT l.id, l.person_a_id AS "personAId", l.person_b_id AS "personBId", l.score, l.evidence, l.capped,
       l.source, l.status, l.created_at AS "createdAt", l.decided_at AS "decidedAt", l.note,
       coalesce(ma.refs, '{}') AS "casesA", coalesce(mb.refs, '{}') AS "casesB"
  FROM link_reviews l
  LEFT JOIN mine ma ON ma.person_id = l.person_a_id
  LEFT JOIN mine mb ON mb.person_id = l.person_b_id
 WHERE l.tenant_id = $1 AND l.status = $4
   AND (ma.person_id IS NOT NULL OR mb.person_id IS NOT NULL)
   AND ($6::uuid IS NULL OR (l.score, l.id) > (
        SELECT x.score, x.id FROM link_reviews x
         WHERE x.tenant_id = $1 AND x.id = $6::uuid
           AND (x.person_a_id IN (SELECT person_id FROM mine) OR x.person_b_id IN (SELECT person_id FROM mine))))
 ORDER BY l.score ASC, l.id ASC
 LIMIT $5;

-- listReviewsByScoreDesc
WITH mine AS (
  SELECT c.person_id, array_agg(c.reference ORDER BY c.reference) AS refs
    FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
   WHERE c.tenant_id = $1 AND ((c.region_id = $2::uuid) OR (r.coordination_area_id = $3::uuid))
   GROUP BY c.person_id)
SELECT l.id, l.person_a_id AS "personAId", l.person_b_id AS "personBId", l.score, l.evidence, l.capped,
       l.source, l.status, l.created_at AS "createdAt", l.decided_at AS "decidedAt", l.note,
       coalesce(ma.refs, '{}') AS "casesA", coalesce(mb.refs, '{}') AS "casesB"
  FROM link_reviews l
  LEFT JOIN mine ma ON ma.person_id = l.person_a_id
  LEFT JOIN mine mb ON mb.person_id = l.person_b_id
 WHERE l.tenant_id = $1 AND l.status = $4
   AND (ma.person_id IS NOT NULL OR mb.person_id IS NOT NULL)
   AND ($6::uuid IS NULL OR (l.score, l.id) < (
        SELECT x.score, x.id FROM link_reviews x
         WHERE x.tenant_id = $1 AND x.id = $6::uuid
           AND (x.person_a_id IN (SELECT person_id FROM mine) OR x.person_b_id IN (SELECT person_id FROM mine))))
 ORDER BY l.score DESC, l.id DESC
 LIMIT $5;

-- lockMatchRequest
SELECT person_id, done_at FROM person_match_requests WHERE tenant_id = $1 AND id = $2 FOR UPDATE;

-- lockMerge
SELECT tenant_id AS "tenantId", id, survivor_id AS "survivorId", merged_id AS "mergedId", basis, score,
         review_id AS "reviewId", reason, merged_by AS "mergedBy", merged_at AS "mergedAt", undone_at AS "undoneAt",
         undone_by AS "undoneBy", undo_reason AS "undoReason" FROM person_merges WHERE tenant_id = $1 AND id = $2 FOR UPDATE;

-- lockPersons
SELECT id, merged_into_id FROM persons WHERE tenant_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE;

-- lockReview
SELECT tenant_id AS "tenantId", id, person_a_id AS "personAId", person_b_id AS "personBId", score,
         evidence, capped, source, status, decided_by AS "decidedBy", decided_at AS "decidedAt", note,
         created_at AS "createdAt" FROM link_reviews WHERE tenant_id = $1 AND id = $2 FOR UPDATE;

-- lockStillMerged
SELECT 1 AS one FROM persons WHERE tenant_id = $1 AND id = $2 AND merged_into_id = $3 FOR UPDATE;

-- lockTenant
SELECT pg_advisory_xact_lock(hashtext($1));

-- markEnqueued
UPDATE person_match_requests r SET enqueued_at = now()
  FROM unnest($1::uuid[], $2::uuid[]) AS x(tenant_id, id)
 WHERE r.tenant_id = x.tenant_id AND r.id = x.id AND r.done_at IS NULL;

-- matchRequestDone
UPDATE person_match_requests SET done_at = now(), merges = $3, reviews = $4, last_error = NULL
 WHERE tenant_id = $1 AND id = $2;

-- mergesById
SELECT tenant_id AS "tenantId", id, survivor_id AS "survivorId", merged_id AS "mergedId", basis, score,
         review_id AS "reviewId", reason, merged_by AS "mergedBy", merged_at AS "mergedAt", undone_at AS "undoneAt",
         undone_by AS "undoneBy", undo_reason AS "undoReason" FROM person_merges WHERE tenant_id = $1 AND id = ANY($2::uuid[]) ORDER BY merged_at DESC;

-- mergesInArea
SELECT DISTINCT g.id, g.merged_at FROM person_merges g
  JOIN cases c ON c.tenant_id = g.tenant_id AND c.person_id IN (g.survivor_id, g.merged_id)
  JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
 WHERE g.tenant_id = $1 AND ((c.region_id = $2::uuid) OR (r.coordination_area_id = $3::uuid)) AND g.undone_at IS NULL
 ORDER BY g.merged_at DESC LIMIT $4;

-- pairGuard
WITH RECURSIVE tree AS (
  SELECT id AS root, id FROM persons WHERE tenant_id = $1 AND id IN ($2::uuid, $3::uuid)
  UNION
  SELECT t.root, p.id FROM persons p JOIN tree t ON p.tenant_id = $1 AND p.merged_into_id = t.id)
SELECT EXISTS (SELECT 1 FROM tree tx JOIN cases cx ON cx.tenant_id = $1 AND cx.person_id = tx.id
                 JOIN cases cy ON cy.tenant_id = $1 AND cy.region_id = cx.region_id
                 JOIN tree ty ON ty.id = cy.person_id AND ty.root = $3::uuid
                WHERE tx.root = $2::uuid) AS shared_area,
       EXISTS (SELECT 1 FROM tree tx JOIN tree ty ON ty.root = $3::uuid
                 JOIN link_reviews l ON l.tenant_id = $1 AND l.status = 'different-persons'
                  AND l.person_a_id = LEAST(tx.id, ty.id) AND l.person_b_id = GREATEST(tx.id, ty.id)
                WHERE tx.root = $2::uuid) AS decided_different;

-- pendingForRelay
SELECT tenant_id AS "tenantId", id AS "requestId", trace_id AS "traceId"
  FROM person_match_requests
 WHERE done_at IS NULL AND failures < $1
   AND created_at < now() - make_interval(secs => $2::double precision / 1000)
   AND (enqueued_at IS NULL OR enqueued_at < now() - make_interval(secs => $3::double precision / 1000))
 ORDER BY created_at LIMIT $4;

-- personRecords
SELECT p.id, p.given_names AS "givenNames", p.family_name AS "familyName",
       p.name_original_script AS "nameOriginalScript", p.birth_date::text AS "birthDate",
       p.birth_date_precision AS "birthDatePrecision", p.sex, p.nationality, p.municipality,
       p.created_at AS "createdAt", p.merged_into_id AS "mergedIntoId",
       (SELECT min(i.value) FROM person_identifiers i
         WHERE i.tenant_id = p.tenant_id AND i.person_id = p.id AND i.kind = 'azr') AS azr
  FROM persons p
 WHERE p.tenant_id = $1 AND p.erased_at IS NULL
 ORDER BY p.created_at, p.id;

-- personsCreated
SELECT id, created_at AS "createdAt" FROM persons WHERE tenant_id = $1 AND id = ANY($2::uuid[]);

-- recordFailure
UPDATE person_match_requests SET failures = failures + 1, last_error = left($3, 1000)
 WHERE tenant_id = $1 AND id = $2 AND done_at IS NULL;

-- reviewListed
SELECT 1 AS one FROM link_reviews x
 WHERE x.tenant_id = $1 AND x.id = $4::uuid
   AND EXISTS (SELECT 1 FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
                WHERE c.tenant_id = $1 AND ((c.region_id = $2::uuid) OR (r.coordination_area_id = $3::uuid)) AND c.person_id IN (x.person_a_id, x.person_b_id));

-- reviewPairs
SELECT person_a_id AS a, person_b_id AS b, status FROM link_reviews WHERE tenant_id = $1;

-- rootOf
WITH RECURSIVE up AS (
  SELECT id, merged_into_id, 0 AS depth FROM persons WHERE tenant_id = $1 AND id = $2
  UNION ALL
  SELECT p.id, p.merged_into_id, up.depth + 1 FROM persons p JOIN up ON p.tenant_id = $1 AND p.id = up.merged_into_id
   WHERE up.depth < 100)
SELECT id FROM up WHERE merged_into_id IS NULL;

-- seesOneOf
SELECT 1 AS one FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
 WHERE c.tenant_id = $1 AND ((c.region_id = $2::uuid) OR (r.coordination_area_id = $3::uuid)) AND c.person_id = ANY($4::uuid[]) LIMIT 1;

-- setMergedInto
UPDATE persons SET merged_into_id = $3 WHERE tenant_id = $1 AND id = $2;

-- undoMerge
UPDATE person_merges SET undone_at = now(), undone_by = $3, undo_reason = $4
 WHERE tenant_id = $1 AND id = $2
RETURNING tenant_id AS "tenantId", id, survivor_id AS "survivorId", merged_id AS "mergedId", basis, score,
       review_id AS "reviewId", reason, merged_by AS "mergedBy", merged_at AS "mergedAt", undone_at AS "undoneAt",
       undone_by AS "undoneBy", undo_reason AS "undoReason";


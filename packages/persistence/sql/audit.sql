-- chain
SELECT link::text, coalesce(hash = audit_event_digest(prev_hash, e), false) AS ok_hash,
       coalesce(prev_hash = coalesce(lag(hash) OVER w, ''), false) AS ok_link,
       (row_number() OVER w)::text AS expected_link
  FROM audit_events e WHERE tenant_id = $1 AND link IS NOT NULL WINDOW w AS (ORDER BY e.link) ORDER BY e.link;

-- disclosures
SELECT count(*)::int AS n FROM audit_events
 WHERE tenant_id = $1 AND subject_id = $2 AND action = 'referral.disclose' AND allowed;

-- insert (prepared)
INSERT INTO audit_events (tenant_id, actor_kind, actor_id, action, subject_type, subject_id, categories, basis,
                          allowed, reason, person_id, agency_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12);

-- insertMany (prepared)
INSERT INTO audit_events (tenant_id, actor_kind, actor_id, action, subject_type, subject_id, categories, basis,
                          allowed, reason, person_id, agency_id)
SELECT x."tenantId", x."actorKind", x."actorId", x.action, x."subjectType", x."subjectId", x.categories, x.basis,
       x.allowed, x.reason, x."personId", x."agencyId"
  FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS ("tenantId" uuid, "actorKind" text, "actorId" uuid, action text,
                  "subjectType" text, "subjectId" uuid, categories text[], basis text, allowed boolean,
                  reason text, "personId" uuid, "agencyId" uuid)) WITH ORDINALITY AS x
 ORDER BY x.ordinality;

-- receivedUnder
SELECT 1 AS one FROM audit_events
 WHERE tenant_id = $1 AND person_id = $2 AND agency_id = $3 AND allowed
   AND $4 = ANY(string_to_array(basis, ',')) LIMIT 1;

-- seal
SELECT kim_audit_seal($1::uuid, $2::int) AS n;

-- unsealed
SELECT count(*)::int AS n, min(seq)::text AS "firstSeq", min(at) AS "oldestAt"
  FROM audit_events WHERE tenant_id = $1 AND link IS NULL;


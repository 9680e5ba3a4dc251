-- chain
SELECT seq::text, hash = audit_event_digest(prev_hash, e) AS ok_hash,
       prev_hash = coalesce(lag(hash) OVER w, '') AS ok_link,
       (row_number() OVER w)::text AS expected_seq
  FROM audit_events e WHERE tenant_id = $1 WINDOW w AS (ORDER BY seq) ORDER BY seq;

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
SELECT e."tenantId", e."actorKind", e."actorId", e.action, e."subjectType", e."subjectId", e.categories, e.basis,
       e.allowed, e.reason, e."personId", e."agencyId"
  FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS ("tenantId" uuid, "actorKind" text, "actorId" uuid, action text,
       "subjectType" text, "subjectId" uuid, categories text[], basis text, allowed boolean, reason text,
       "personId" uuid, "agencyId" uuid)) WITH ORDINALITY AS e
 ORDER BY e.ordinality;

-- receivedUnder
SELECT 1 AS one FROM audit_events
 WHERE tenant_id = $1 AND person_id = $2 AND agency_id = $3 AND allowed
   AND $4 = ANY(string_to_array(basis, ',')) LIMIT 1;


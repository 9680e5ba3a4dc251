-- acknowledged
UPDATE outbox_messages SET delivery_state = 'acknowledged', attempts = attempts + 1, sent_at = now(), sent_body = $3,
       last_error = NULL
 WHERE tenant_id = $1 AND id = $2;

-- acknowledgedMany (prepared)
UPDATE outbox_messages o SET delivery_state = 'acknowledged', attempts = o.attempts + 1, sent_at = now(),
       sent_body = v.body::jsonb, last_error = NULL
  FROM unnest($2::uuid[], $3::text[]) AS v(id, body)
 WHERE o.tenant_id = $1 AND o.id = v.id;

-- attemptFailed
UPDATE outbox_messages SET attempts = attempts + 1, last_error = $3,
       delivery_state = CASE WHEN $4 THEN 'dead' ELSE delivery_state END
 WHERE tenant_id = $1 AND id = $2 AND delivery_state = 'queued';

-- claimForExport
UPDATE outbox_messages SET delivery_state = 'sent', handoff_run_id = $3, sent_at = now(), sent_body = $4,
       attempts = attempts + 1, last_error = NULL
 WHERE tenant_id = $1 AND id = $2 AND delivery_state = 'queued' AND handoff_run_id IS NULL;

-- deadIds
SELECT id FROM outbox_messages
 WHERE tenant_id = $1 AND delivery_state = 'dead' AND ($2::uuid IS NULL OR agency_id = $2)
 ORDER BY created_at;

-- discard
UPDATE outbox_messages SET delivery_state = 'discarded', discarded_at = $3, discarded_by = $4, discard_reason = $5
 WHERE tenant_id = $1 AND id = $2;

-- inCoordinationArea
SELECT 1 AS one FROM outbox_messages o
 WHERE o.tenant_id = $1 AND o.id = $2 AND EXISTS (SELECT 1 FROM cases mc JOIN regions mr ON mr.tenant_id = mc.tenant_id AND mr.id = mc.region_id
          WHERE mc.tenant_id = o.tenant_id AND mr.coordination_area_id = $3::uuid
            AND mc.id IN (SELECT mref.case_id FROM referrals mref WHERE mref.tenant_id = o.tenant_id AND mref.id = o.referral_id
                          UNION ALL
                          SELECT mcon.case_id FROM consents mcon WHERE mcon.tenant_id = o.tenant_id AND mcon.id = o.consent_id));

-- insert (prepared)
INSERT INTO outbox_messages (tenant_id, id, agency_id, referral_id, consent_id, event_type, event_id, delivery_state, trace_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, 'queued', $8);

-- latestStateOfReferrals (prepared)
SELECT DISTINCT ON (referral_id) referral_id AS "referralId", delivery_state AS "deliveryState" FROM outbox_messages
 WHERE tenant_id = $1 AND referral_id = ANY($2::uuid[]) ORDER BY referral_id, created_at DESC;

-- listed
SELECT 1 AS one FROM outbox_messages o WHERE o.id = $4::uuid AND o.tenant_id = $1 AND (NOT $2::boolean OR EXISTS (SELECT 1 FROM cases mc JOIN regions mr ON mr.tenant_id = mc.tenant_id AND mr.id = mc.region_id
          WHERE mc.tenant_id = o.tenant_id AND mr.coordination_area_id = $3::uuid
            AND mc.id IN (SELECT mref.case_id FROM referrals mref WHERE mref.tenant_id = o.tenant_id AND mref.id = o.referral_id
                          UNION ALL
                          SELECT mcon.case_id FROM consents mcon WHERE mcon.tenant_id = o.tenant_id AND mcon.id = o.consent_id)));

-- lock (prepared)
SELECT tenant_id AS "tenantId", id, agency_id AS "agencyId", referral_id AS "referralId",
       consent_id AS "consentId", event_type AS "eventType", event_id AS "eventId",
       delivery_state AS "deliveryState", enqueued, enqueued_at AS "enqueuedAt", attempts, replays,
       last_error AS "lastError", sent_body AS "sentBody", trace_id AS "traceId", created_at AS "createdAt",
       sent_at AS "sentAt", handoff_run_id AS "handoffRunId", discarded_at AS "discardedAt",
       discarded_by AS "discardedBy", discard_reason AS "discardReason"
  FROM outbox_messages WHERE tenant_id = $1 AND id = $2 FOR UPDATE;

-- lockMany (prepared)
SELECT tenant_id AS "tenantId", id, agency_id AS "agencyId", referral_id AS "referralId",
       consent_id AS "consentId", event_type AS "eventType", event_id AS "eventId",
       delivery_state AS "deliveryState", enqueued, enqueued_at AS "enqueuedAt", attempts, replays,
       last_error AS "lastError", sent_body AS "sentBody", trace_id AS "traceId", created_at AS "createdAt",
       sent_at AS "sentAt", handoff_run_id AS "handoffRunId", discarded_at AS "discardedAt",
       discarded_by AS "discardedBy", discard_reason AS "discardReason"
  FROM outbox_messages WHERE tenant_id = $1 AND id = ANY($2::uuid[])
 ORDER BY id FOR UPDATE;

-- lockQueuedOfAgency
SELECT tenant_id AS "tenantId", id, agency_id AS "agencyId", referral_id AS "referralId",
       consent_id AS "consentId", event_type AS "eventType", event_id AS "eventId",
       delivery_state AS "deliveryState", enqueued, enqueued_at AS "enqueuedAt", attempts, replays,
       last_error AS "lastError", sent_body AS "sentBody", trace_id AS "traceId", created_at AS "createdAt",
       sent_at AS "sentAt", handoff_run_id AS "handoffRunId", discarded_at AS "discardedAt",
       discarded_by AS "discardedBy", discard_reason AS "discardReason"
  FROM outbox_messages WHERE tenant_id = $1 AND agency_id = $2 AND delivery_state = 'queued'
 ORDER BY created_at, id FOR UPDATE;

-- markEnqueued
UPDATE outbox_messages o SET enqueued = true, enqueued_at = now()
  FROM (SELECT m.tenant_id, m.id FROM outbox_messages m
          JOIN unnest($1::uuid[], $2::uuid[]) AS x(tenant_id, id) ON m.tenant_id = x.tenant_id AND m.id = x.id
         WHERE NOT m.enqueued FOR UPDATE OF m SKIP LOCKED) s
 WHERE o.tenant_id = s.tenant_id AND o.id = s.id;

-- markReEnqueued
UPDATE outbox_messages o SET enqueued_at = now()
  FROM unnest($1::uuid[], $2::uuid[]) AS x(tenant_id, id)
 WHERE o.tenant_id = x.tenant_id AND o.id = x.id AND o.delivery_state = 'queued';

-- ofAgency
SELECT tenant_id AS "tenantId", id, agency_id AS "agencyId", referral_id AS "referralId",
       consent_id AS "consentId", event_type AS "eventType", event_id AS "eventId",
       delivery_state AS "deliveryState", enqueued, enqueued_at AS "enqueuedAt", attempts, replays,
       last_error AS "lastError", sent_body AS "sentBody", trace_id AS "traceId", created_at AS "createdAt",
       sent_at AS "sentAt", handoff_run_id AS "handoffRunId", discarded_at AS "discardedAt",
       discarded_by AS "discardedBy", discard_reason AS "discardReason"
  FROM outbox_messages o
 WHERE o.tenant_id = $1
   AND (o.agency_id = $2 OR 'agency.deliveries.own-only' = ANY($4::text[]))
   AND (o.delivery_state <> 'suppressed' OR 'agency.deliveries.never-suppressed' = ANY($4::text[]))
 ORDER BY o.created_at DESC, o.id DESC
 LIMIT $3;

-- page
SELECT tenant_id AS "tenantId", id, agency_id AS "agencyId", referral_id AS "referralId",
       consent_id AS "consentId", event_type AS "eventType", event_id AS "eventId",
       delivery_state AS "deliveryState", enqueued, enqueued_at AS "enqueuedAt", attempts, replays,
       last_error AS "lastError", sent_body AS "sentBody", trace_id AS "traceId", created_at AS "createdAt",
       sent_at AS "sentAt", handoff_run_id AS "handoffRunId", discarded_at AS "discardedAt",
       discarded_by AS "discardedBy", discard_reason AS "discardReason", (extract(epoch FROM o.created_at) * 1000000)::bigint::text AS "createdUs"
  FROM outbox_messages o
 WHERE o.tenant_id = $1 AND o.delivery_state = $2
   AND (NOT $3::boolean OR EXISTS (SELECT 1 FROM cases mc JOIN regions mr ON mr.tenant_id = mc.tenant_id AND mr.id = mc.region_id
          WHERE mc.tenant_id = o.tenant_id AND mr.coordination_area_id = $4::uuid
            AND mc.id IN (SELECT mref.case_id FROM referrals mref WHERE mref.tenant_id = o.tenant_id AND mref.id = o.referral_id
                          UNION ALL
                          SELECT mcon.case_id FROM consents mcon WHERE mcon.tenant_id = o.tenant_id AND mcon.id = o.consent_id)))
   AND ($5::uuid IS NULL OR o.agency_id = $5)
   AND (NOT $6::boolean OR o.last_error IS NOT NULL)
   AND ($7::bigint IS NULL
        OR (o.created_at, o.id) < (timestamptz 'epoch' + $7::bigint * interval '1 microsecond', $8::uuid))
 ORDER BY o.created_at DESC, o.id DESC
 LIMIT $9;

-- pageByAgencyNameAsc
SELECT tenant_id AS "tenantId", id, agency_id AS "agencyId", referral_id AS "referralId",
       consent_id AS "consentId", event_type AS "eventType", event_id AS "eventId",
       delivery_state AS "deliveryState", enqueued, enqueued_at AS "enqueuedAt", attempts, replays,
       last_error AS "lastError", sent_body AS "sentBody", trace_id AS "traceId", created_at AS "createdAt",
       sent_at AS "sentAt", handoff_run_id AS "handoffRunId", discarded_at AS "discardedAt",
       discarded_by AS "discardedBy", discard_reason AS "discardReason"
  FROM outbox_messages o
 WHERE o.tenant_id = $1 AND (NOT $3::boolean OR EXISTS (SELECT 1 FROM cases mc JOIN regions mr ON mr.tenant_id = mc.tenant_id AND mr.id = mc.region_id
          WHERE mc.tenant_id = o.tenant_id AND mr.coordination_area_id = $4::uuid
            AND mc.id IN (SELECT mref.case_id FROM referrals mref WHERE mref.tenant_id = o.tenant_id AND mref.id = o.referral_id
                          UNION ALL
                          SELECT mcon.case_id FROM consents mcon WHERE mcon.tenant_id = o.tenant_id AND mcon.id = o.consent_id))) AND o.delivery_state = $2
   AND ($5::uuid IS NULL OR o.agency_id = $5)
   AND (NOT $6::boolean OR o.last_error IS NOT NULL)
   AND ($7::uuid IS NULL OR ((SELECT lower(ag.name) FROM agencies ag WHERE ag.tenant_id = o.tenant_id AND ag.id = o.agency_id), o.id) > (
        SELECT (SELECT lower(ag.name) FROM agencies ag WHERE ag.tenant_id = x.tenant_id AND ag.id = x.agency_id), x.id FROM outbox_messages x WHERE x.tenant_id = $1 AND (NOT $3::boolean OR EXISTS (SELECT 1 FROM cases mc JOIN regions mr ON mr.tenant_id = mc.tenant_id AND mr.id = mc.region_id
          WHERE mc.tenant_id = x.tenant_id AND mr.coordination_area_id = $4::uuid
            AND mc.id IN (SELECT mref.case_id FROM referrals mref WHERE mref.tenant_id = x.tenant_id AND mref.id = x.referral_id
                          UNION ALL
                          SELECT mcon.case_id FROM consents mcon WHERE mcon.tenant_id = x.tenant_id AND mcon.id = x.consent_id))) AND x.id = $7::uuid))
 ORDER BY (SELECT lower(ag.name) FROM agencies ag WHERE ag.tenant_id = o.tenant_id AND ag.id = o.agency_id) ASC, o.id ASC
 LIMIT $8;

-- pageByAgencyNameDesc
SELECT tenant_id AS "tenantId", id, agency_id AS "agencyId", referral_id AS "referralId",
       consent_id AS "consentId", event_type AS "eventType", event_id AS "eventId",
       delivery_state AS "deliveryState", enqueued, enqueued_at AS "enqueuedAt", attempts, replays,
       last_error AS "lastError", sent_body AS "sentBody", trace_id AS "traceId", created_at AS "createdAt",
       sent_at AS "sentAt", handoff_run_id AS "handoffRunId", discarded_at AS "discardedAt",
       discarded_by AS "discardedBy", discard_reason AS "discardReason"
  FROM outbox_messages o
 WHERE o.tenant_id = $1 AND (NOT $3::boolean OR EXISTS (SELECT 1 FROM cases mc JOIN regions mr ON mr.tenant_id = mc.tenant_id AND mr.id = mc.region_id
          WHERE mc.tenant_id = o.tenant_id AND mr.coordination_area_id = $4::uuid
            AND mc.id IN (SELECT mref.case_id FROM referrals mref WHERE mref.tenant_id = o.tenant_id AND mref.id = o.referral_id
                          UNION ALL
                          SELECT mcon.case_id FROM consents mcon WHERE mcon.tenant_id = o.tenant_id AND mcon.id = o.consent_id))) AND o.delivery_state = $2
   AND ($5::uuid IS NULL OR o.agency_id = $5)
   AND (NOT $6::boolean OR o.last_error IS NOT NULL)
   AND ($7::uuid IS NULL OR ((SELECT lower(ag.name) FROM agencies ag WHERE ag.tenant_id = o.tenant_id AND ag.id = o.agency_id), o.id) < (
        SELECT (SELECT lower(ag.name) FROM agencies ag WHERE ag.tenant_id = x.tenant_id AND ag.id = x.agency_id), x.id FROM outbox_messages x WHERE x.tenant_id = $1 AND (NOT $3::boolean OR EXISTS (SELECT 1 FROM cases mc JOIN regions mr ON mr.tenant_id = mc.tenant_id AND mr.id = mc.region_id
          WHERE mc.tenant_id = x.tenant_id AND mr.coordination_area_id = $4::uuid
            AND mc.id IN (SELECT mref.case_id FROM referrals mref WHERE mref.tenant_id = x.tenant_id AND mref.id = x.referral_id
                          UNION ALL
                          SELECT mcon.case_id FROM consents mcon WHERE mcon.tenant_id = x.tenant_id AND mcon.id = x.consent_id))) AND x.id = $7::uuid))
 ORDER BY (SELECT lower(ag.name) FROM agencies ag WHERE ag.tenant_id = o.tenant_id AND ag.id = o.agency_id) DESC, o.id DESC
 LIMIT $8;

-- pageByAttemptsAsc
SELECT tenant_id AS "tenantId", id, agency_id AS "agencyId", referral_id AS "referralId",
       consent_id AS "consentId", event_type AS "eventType", event_id AS "eventId",
       delivery_state AS "deliveryState", enqueued, enqueued_at AS "enqueuedAt", attempts, replays,
       last_error AS "lastError", sent_body AS "sentBody", trace_id AS "traceId", created_at AS "createdAt",
       sent_at AS "sentAt", handoff_run_id AS "handoffRunId", discarded_at AS "discardedAt",
       discarded_by AS "discardedBy", discard_reason AS "discardReason"
  FROM outbox_messages o
 WHERE o.tenant_id = $1 AND (NOT $3::boolean OR EXISTS (SELECT 1 FROM cases mc JOIN regions mr ON mr.tenant_id = mc.tenant_id AND mr.id = mc.region_id
          WHERE mc.tenant_id = o.tenant_id AND mr.coordination_area_id = $4::uuid
            AND mc.id IN (SELECT mref.case_id FROM referrals mref WHERE mref.tenant_id = o.tenant_id AND mref.id = o.referral_id
                          UNION ALL
                          SELECT mcon.case_id FROM consents mcon WHERE mcon.tenant_id = o.tenant_id AND mcon.id = o.consent_id))) AND o.delivery_state = $2
   AND ($5::uuid IS NULL OR o.agency_id = $5)
   AND (NOT $6::boolean OR o.last_error IS NOT NULL)
   AND ($7::uuid IS NULL OR (o.attempts, o.id) > (
        SELECT x.attempts, x.id FROM outbox_messages x WHERE x.tenant_id = $1 AND (NOT $3::boolean OR EXISTS (SELECT 1 FROM cases mc JOIN regions mr ON mr.tenant_id = mc.tenant_id AND mr.id = mc.region_id
          WHERE mc.tenant_id = x.tenant_id AND mr.coordination_area_id = $4::uuid
            AND mc.id IN (SELECT mref.case_id FROM referrals mref WHERE mref.tenant_id = x.tenant_id AND mref.id = x.referral_id
                          UNION ALL
                          SELECT mcon.case_id FROM consents mcon WHERE mcon.tenant_id = x.tenant_id AND mcon.id = x.consent_id))) AND x.id = $7::uuid))
 ORDER BY o.attempts ASC, o.id ASC
 LIMIT $8;

-- pageByAttemptsDesc
SELECT tenant_id AS "tenantId", id, agency_id AS "agencyId", referral_id AS "referralId",
       consent_id AS "consentId", event_type AS "eventType", event_id AS "eventId",
       delivery_state AS "deliveryState", enqueued, enqueued_at AS "enqueuedAt", attempts, replays,
       last_error AS "lastError", sent_body AS "sentBody", trace_id AS "traceId", created_at AS "createdAt",
       sent_at AS "sentAt", handoff_run_id AS "handoffRunId", discarded_at AS "discardedAt",
       discarded_by AS "discardedBy", discard_reason AS "discardReason"
  FROM outbox_messages o
 WHERE o.tenant_id = $1 AND (NOT $3::boolean OR EXISTS (SELECT 1 FROM cases mc JOIN regions mr ON mr.tenant_id = mc.tenant_id AND mr.id = mc.region_id
          WHERE mc.tenant_id = o.tenant_id AND mr.coordination_area_id = $4::uuid
            AND mc.id IN (SELECT mref.case_id FROM referrals mref WHERE mref.tenant_id = o.tenant_id AND mref.id = o.referral_id
                          UNION ALL
                          SELECT mcon.case_id FROM consents mcon WHERE mcon.tenant_id = o.tenant_id AND mcon.id = o.consent_id))) AND o.delivery_state = $2
   AND ($5::uuid IS NULL OR o.agency_id = $5)
   AND (NOT $6::boolean OR o.last_error IS NOT NULL)
   AND ($7::uuid IS NULL OR (o.attempts, o.id) < (
        SELECT x.attempts, x.id FROM outbox_messages x WHERE x.tenant_id = $1 AND (NOT $3::boolean OR EXISTS (SELECT 1 FROM cases mc JOIN regions mr ON mr.tenant_id = mc.tenant_id AND mr.id = mc.region_id
          WHERE mc.tenant_id = x.tenant_id AND mr.coordination_area_id = $4::uuid
            AND mc.id IN (SELECT mref.case_id FROM referrals mref WHERE mref.tenant_id = x.tenant_id AND mref.id = x.referral_id
                          UNION ALL
                          SELECT mcon.case_id FROM consents mcon WHERE mcon.tenant_id = x.tenant_id AND mcon.id = x.consent_id))) AND x.id = $7::uuid))
 ORDER BY o.attempts DESC, o.id DESC
 LIMIT $8;

-- pageByCreatedAtAsc
SELECT tenant_id AS "tenantId", id, agency_id AS "agencyId", referral_id AS "referralId",
       consent_id AS "consentId", event_type AS "eventType", event_id AS "eventId",
       delivery_state AS "deliveryState", enqueued, enqueued_at AS "enqueuedAt", attempts, replays,
       last_error AS "lastError", sent_body AS "sentBody", trace_id AS "traceId", created_at AS "createdAt",
       sent_at AS "sentAt", handoff_run_id AS "handoffRunId", discarded_at AS "discardedAt",
       discarded_by AS "discardedBy", discard_reason AS "discardReason"
  FROM outbox_messages o
 WHERE o.tenant_id = $1 AND (NOT $3::boolean OR EXISTS (SELECT 1 FROM cases mc JOIN regions mr ON mr.tenant_id = mc.tenant_id AND mr.id = mc.region_id
          WHERE mc.tenant_id = o.tenant_id AND mr.coordination_area_id = $4::uuid
            AND mc.id IN (SELECT mref.case_id FROM referrals mref WHERE mref.tenant_id = o.tenant_id AND mref.id = o.referral_id
                          UNION ALL
                          SELECT mcon.case_id FROM consents mcon WHERE mcon.tenant_id = o.tenant_id AND mcon.id = o.consent_id))) AND o.delivery_state = $2
   AND ($5::uuid IS NULL OR o.agency_id = $5)
   AND (NOT $6::boolean OR o.last_error IS NOT NULL)
   AND ($7::uuid IS NULL OR (o.created_at, o.id) > (
        SELECT x.created_at, x.id FROM outbox_messages x WHERE x.tenant_id = $1 AND (NOT $3::boolean OR EXISTS (SELECT 1 FROM cases mc JOIN regions mr ON mr.tenant_id = mc.tenant_id AND mr.id = mc.region_id
          WHERE mc.tenant_id = x.tenant_id AND mr.coordination_area_id = $4::uuid
            AND mc.id IN (SELECT mref.case_id FROM referrals mref WHERE mref.tenant_id = x.tenant_id AND mref.id = x.referral_id
                          UNION ALL
                          SELECT mcon.case_id FROM consents mcon WHERE mcon.tenant_id = x.tenant_id AND mcon.id = x.consent_id))) AND x.id = $7::uuid))
 ORDER BY o.created_at ASC, o.id ASC
 LIMIT $8;

-- pageByCreatedAtDesc
SELECT tenant_id AS "tenantId", id, agency_id AS "agencyId", referral_id AS "referralId",
       consent_id AS "consentId", event_type AS "eventType", event_id AS "eventId",
       delivery_state AS "deliveryState", enqueued, enqueued_at AS "enqueuedAt", attempts, replays,
       last_error AS "lastError", sent_body AS "sentBody", trace_id AS "traceId", created_at AS "createdAt",
       sent_at AS "sentAt", handoff_run_id AS "handoffRunId", discarded_at AS "discardedAt",
       discarded_by AS "discardedBy", discard_reason AS "discardReason"
  FROM outbox_messages o
 WHERE o.tenant_id = $1 AND (NOT $3::boolean OR EXISTS (SELECT 1 FROM cases mc JOIN regions mr ON mr.tenant_id = mc.tenant_id AND mr.id = mc.region_id
          WHERE mc.tenant_id = o.tenant_id AND mr.coordination_area_id = $4::uuid
            AND mc.id IN (SELECT mref.case_id FROM referrals mref WHERE mref.tenant_id = o.tenant_id AND mref.id = o.referral_id
                          UNION ALL
                          SELECT mcon.case_id FROM consents mcon WHERE mcon.tenant_id = o.tenant_id AND mcon.id = o.consent_id))) AND o.delivery_state = $2
   AND ($5::uuid IS NULL OR o.agency_id = $5)
   AND (NOT $6::boolean OR o.last_error IS NOT NULL)
   AND ($7::uuid IS NULL OR (o.created_at, o.id) < (
        SELECT x.created_at, x.id FROM outbox_messages x WHERE x.tenant_id = $1 AND (NOT $3::boolean OR EXISTS (SELECT 1 FROM cases mc JOIN regions mr ON mr.tenant_id = mc.tenant_id AND mr.id = mc.region_id
          WHERE mc.tenant_id = x.tenant_id AND mr.coordination_area_id = $4::uuid
            AND mc.id IN (SELECT mref.case_id FROM referrals mref WHERE mref.tenant_id = x.tenant_id AND mref.id = x.referral_id
                          UNION ALL
                          SELECT mcon.case_id FROM consents mcon WHERE mcon.tenant_id = x.tenant_id AND mcon.id = x.consent_id))) AND x.id = $7::uuid))
 ORDER BY o.created_at DESC, o.id DESC
 LIMIT $8;

-- pageByReplaysAsc
SELECT tenant_id AS "tenantId", id, agency_id AS "agencyId", referral_id AS "referralId",
       consent_id AS "consentId", event_type AS "eventType", event_id AS "eventId",
       delivery_state AS "deliveryState", enqueued, enqueued_at AS "enqueuedAt", attempts, replays,
       last_error AS "lastError", sent_body AS "sentBody", trace_id AS "traceId", created_at AS "createdAt",
       sent_at AS "sentAt", handoff_run_id AS "handoffRunId", discarded_at AS "discardedAt",
       discarded_by AS "discardedBy", discard_reason AS "discardReason"
  FROM outbox_messages o
 WHERE o.tenant_id = $1 AND (NOT $3::boolean OR EXISTS (SELECT 1 FROM cases mc JOIN regions mr ON mr.tenant_id = mc.tenant_id AND mr.id = mc.region_id
          WHERE mc.tenant_id = o.tenant_id AND mr.coordination_area_id = $4::uuid
            AND mc.id IN (SELECT mref.case_id FROM referrals mref WHERE mref.tenant_id = o.tenant_id AND mref.id = o.referral_id
                          UNION ALL
                          SELECT mcon.case_id FROM consents mcon WHERE mcon.tenant_id = o.tenant_id AND mcon.id = o.consent_id))) AND o.delivery_state = $2
   AND ($5::uuid IS NULL OR o.agency_id = $5)
   AND (NOT $6::boolean OR o.last_error IS NOT NULL)
   AND ($7::uuid IS NULL OR (o.replays, o.id) > (
        SELECT x.replays, x.id FROM outbox_messages x WHERE x.tenant_id = $1 AND (NOT $3::boolean OR EXISTS (SELECT 1 FROM cases mc JOIN regions mr ON mr.tenant_id = mc.tenant_id AND mr.id = mc.region_id
          WHERE mc.tenant_id = x.tenant_id AND mr.coordination_area_id = $4::uuid
            AND mc.id IN (SELECT mref.case_id FROM referrals mref WHERE mref.tenant_id = x.tenant_id AND mref.id = x.referral_id
                          UNION ALL
                          SELECT mcon.case_id FROM consents mcon WHERE mcon.tenant_id = x.tenant_id AND mcon.id = x.consent_id))) AND x.id = $7::uuid))
 ORDER BY o.replays ASC, o.id ASC
 LIMIT $8;

-- pageByReplaysDesc
SELECT tenant_id AS "tenantId", id, agency_id AS "agencyId", referral_id AS "referralId",
       consent_id AS "consentId", event_type AS "eventType", event_id AS "eventId",
       delivery_state AS "deliveryState", enqueued, enqueued_at AS "enqueuedAt", attempts, replays,
       last_error AS "lastError", sent_body AS "sentBody", trace_id AS "traceId", created_at AS "createdAt",
       sent_at AS "sentAt", handoff_run_id AS "handoffRunId", discarded_at AS "discardedAt",
       discarded_by AS "discardedBy", discard_reason AS "discardReason"
  FROM outbox_messages o
 WHERE o.tenant_id = $1 AND (NOT $3::boolean OR EXISTS (SELECT 1 FROM cases mc JOIN regions mr ON mr.tenant_id = mc.tenant_id AND mr.id = mc.region_id
          WHERE mc.tenant_id = o.tenant_id AND mr.coordination_area_id = $4::uuid
            AND mc.id IN (SELECT mref.case_id FROM referrals mref WHERE mref.tenant_id = o.tenant_id AND mref.id = o.referral_id
                          UNION ALL
                          SELECT mcon.case_id FROM consents mcon WHERE mcon.tenant_id = o.tenant_id AND mcon.id = o.consent_id))) AND o.delivery_state = $2
   AND ($5::uuid IS NULL OR o.agency_id = $5)
   AND (NOT $6::boolean OR o.last_error IS NOT NULL)
   AND ($7::uuid IS NULL OR (o.replays, o.id) < (
        SELECT x.replays, x.id FROM outbox_messages x WHERE x.tenant_id = $1 AND (NOT $3::boolean OR EXISTS (SELECT 1 FROM cases mc JOIN regions mr ON mr.tenant_id = mc.tenant_id AND mr.id = mc.region_id
          WHERE mc.tenant_id = x.tenant_id AND mr.coordination_area_id = $4::uuid
            AND mc.id IN (SELECT mref.case_id FROM referrals mref WHERE mref.tenant_id = x.tenant_id AND mref.id = x.referral_id
                          UNION ALL
                          SELECT mcon.case_id FROM consents mcon WHERE mcon.tenant_id = x.tenant_id AND mcon.id = x.consent_id))) AND x.id = $7::uuid))
 ORDER BY o.replays DESC, o.id DESC
 LIMIT $8;

-- pendingForRelay
SELECT tenant_id AS "tenantId", id AS "outboxId", trace_id AS "traceId", replays
  FROM outbox_messages WHERE enqueued = false AND delivery_state = 'queued' ORDER BY created_at LIMIT $1;

-- positioned
SELECT tenant_id AS "tenantId", id, agency_id AS "agencyId", referral_id AS "referralId",
       consent_id AS "consentId", event_type AS "eventType", event_id AS "eventId",
       delivery_state AS "deliveryState", enqueued, enqueued_at AS "enqueuedAt", attempts, replays,
       last_error AS "lastError", sent_body AS "sentBody", trace_id AS "traceId", created_at AS "createdAt",
       sent_at AS "sentAt", handoff_run_id AS "handoffRunId", discarded_at AS "discardedAt",
       discarded_by AS "discardedBy", discard_reason AS "discardReason", (extract(epoch FROM created_at) * 1000000)::bigint::text AS "createdUs"
  FROM outbox_messages WHERE tenant_id = $1 AND id = $2;

-- replay
UPDATE outbox_messages SET delivery_state = 'queued', attempts = 0, replays = replays + 1, enqueued = false
 WHERE tenant_id = $1 AND id = $2
RETURNING replays;

-- revocationNoticeCancelledReferrals
SELECT DISTINCT r.id FROM timeline_events t
  JOIN cases c ON c.tenant_id = t.tenant_id AND c.id = t.case_id
  JOIN referrals r ON r.tenant_id = t.tenant_id AND r.id = t.referral_id
 WHERE t.tenant_id = $1 AND c.person_id = $2 AND r.agency_id = $3 AND t.kind = 'referral.status-changed'
   AND t.data->>'consentId' = $4 AND t.data->>'notified' = 'true'
 ORDER BY r.id;

-- revocationNoticeCases
SELECT DISTINCT c.reference FROM audit_events e
  LEFT JOIN referrals r ON e.subject_type = 'referral' AND r.tenant_id = e.tenant_id AND r.id = e.subject_id
  JOIN cases c ON c.tenant_id = e.tenant_id
              AND c.id = coalesce(r.case_id, CASE WHEN e.subject_type = 'case' THEN e.subject_id END)
 WHERE e.tenant_id = $1 AND e.person_id = $2 AND e.agency_id = $3 AND e.allowed
   AND $4 = ANY(string_to_array(e.basis, ','))
 ORDER BY c.reference;

-- sentBodiesOfRun
SELECT sent_body AS "sentBody" FROM outbox_messages WHERE tenant_id = $1 AND handoff_run_id = $2
 ORDER BY created_at, id;

-- staleEnqueued
SELECT o.tenant_id AS "tenantId", o.id AS "outboxId", o.trace_id AS "traceId", o.replays
  FROM outbox_messages o
  JOIN agencies a ON a.tenant_id = o.tenant_id AND a.id = o.agency_id
 WHERE o.enqueued AND o.delivery_state = 'queued' AND a.webhook_url IS NOT NULL
   AND o.enqueued_at < now() - make_interval(secs => $1::double precision / 1000)
 ORDER BY o.enqueued_at LIMIT $2;

-- suppress
UPDATE outbox_messages SET delivery_state = 'suppressed', last_error = $3 WHERE tenant_id = $1 AND id = $2;

-- suppressUncoveredAfterExpiry
UPDATE outbox_messages o SET delivery_state = 'suppressed', last_error = $4
  FROM referrals r
 WHERE o.tenant_id = $1 AND o.delivery_state = 'queued' AND o.agency_id = $2 AND o.event_type = 'de.kim-hub.referral.requested.v1'
   AND r.tenant_id = o.tenant_id AND r.id = o.referral_id AND r.case_id = $3
   AND NOT EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = o.tenant_id AND k.person_id = $5 AND k.recipient_agency_id = $2
                     AND k.kind = 'disclosure' AND ((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)))
   AND NOT EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = o.tenant_id AND b.recipient_agency_id = $2
                     AND ((b.review_status = 'confirmed' OR 'agency.grant.legal-basis-confirmed' = ANY($8::text[]))
  AND (b.valid_from <= $6::date AND (b.valid_until IS NULL OR b.valid_until >= $6::date) OR 'agency.grant.in-force' = ANY($8::text[]))
  AND ((b.case_id = r.case_id
       OR b.coordination_area_id = (SELECT lr.coordination_area_id FROM cases lc
                                         JOIN regions lr ON lr.tenant_id = lc.tenant_id AND lr.id = lc.region_id
                                        WHERE lc.tenant_id = b.tenant_id AND lc.id = r.case_id)) OR 'agency.grant.legal-basis-scope' = ANY($8::text[]))))
RETURNING o.id;

-- suppressUnsentOfReferral
UPDATE outbox_messages SET delivery_state = 'suppressed', last_error = $3
 WHERE tenant_id = $1 AND referral_id = $2 AND delivery_state IN ('queued', 'dead') AND event_type = $4
RETURNING id;


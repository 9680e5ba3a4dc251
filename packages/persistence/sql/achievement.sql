-- byCases
SELECT 
       tenant_id AS "tenantId", id, case_id AS "caseId", person_id AS "personId", kind,
       achieved_on::text AS "achievedOn", ended_on::text AS "endedOn", details, source,
       agency_id AS "agencyId", referral_id AS "referralId", inbound_event_id AS "inboundEventId",
       evidence_kind AS "evidenceKind", evidence_reference AS "evidenceReference",
       evidence_seen_on::text AS "evidenceSeenOn", recorded_by_kind AS "recordedByKind",
       recorded_by_id AS "recordedById", recorded_at AS "recordedAt", corrects_id AS "correctsId",
       correction_reason AS "correctionReason", superseded_at AS "supersededAt",
       superseded_by_id AS "supersededById"
  FROM achievements WHERE tenant_id = $1 AND case_id = ANY($2)
 ORDER BY achieved_on, recorded_at, id;

-- byIds
SELECT 
       tenant_id AS "tenantId", id, case_id AS "caseId", person_id AS "personId", kind,
       achieved_on::text AS "achievedOn", ended_on::text AS "endedOn", details, source,
       agency_id AS "agencyId", referral_id AS "referralId", inbound_event_id AS "inboundEventId",
       evidence_kind AS "evidenceKind", evidence_reference AS "evidenceReference",
       evidence_seen_on::text AS "evidenceSeenOn", recorded_by_kind AS "recordedByKind",
       recorded_by_id AS "recordedById", recorded_at AS "recordedAt", corrects_id AS "correctsId",
       correction_reason AS "correctionReason", superseded_at AS "supersededAt",
       superseded_by_id AS "supersededById"
  FROM achievements WHERE tenant_id = $1 AND id = ANY($2)
 ORDER BY achieved_on, recorded_at, id;

-- insert
INSERT INTO achievements (tenant_id, id, case_id, person_id, kind, achieved_on, ended_on, details, source,
                          agency_id, referral_id, inbound_event_id, evidence_kind, evidence_reference,
                          evidence_seen_on, recorded_by_kind, recorded_by_id, corrects_id, correction_reason)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
ON CONFLICT (tenant_id, agency_id, inbound_event_id) WHERE inbound_event_id IS NOT NULL DO NOTHING
RETURNING 
       tenant_id AS "tenantId", id, case_id AS "caseId", person_id AS "personId", kind,
       achieved_on::text AS "achievedOn", ended_on::text AS "endedOn", details, source,
       agency_id AS "agencyId", referral_id AS "referralId", inbound_event_id AS "inboundEventId",
       evidence_kind AS "evidenceKind", evidence_reference AS "evidenceReference",
       evidence_seen_on::text AS "evidenceSeenOn", recorded_by_kind AS "recordedByKind",
       recorded_by_id AS "recordedById", recorded_at AS "recordedAt", corrects_id AS "correctsId",
       correction_reason AS "correctionReason", superseded_at AS "supersededAt",
       superseded_by_id AS "supersededById";

-- lock
SELECT 
       tenant_id AS "tenantId", id, case_id AS "caseId", person_id AS "personId", kind,
       achieved_on::text AS "achievedOn", ended_on::text AS "endedOn", details, source,
       agency_id AS "agencyId", referral_id AS "referralId", inbound_event_id AS "inboundEventId",
       evidence_kind AS "evidenceKind", evidence_reference AS "evidenceReference",
       evidence_seen_on::text AS "evidenceSeenOn", recorded_by_kind AS "recordedByKind",
       recorded_by_id AS "recordedById", recorded_at AS "recordedAt", corrects_id AS "correctsId",
       correction_reason AS "correctionReason", superseded_at AS "supersededAt",
       superseded_by_id AS "supersededById"
  FROM achievements WHERE tenant_id = $1 AND id = $2 FOR UPDATE;

-- supersede
UPDATE achievements SET superseded_at = now(), superseded_by_id = $3
 WHERE tenant_id = $1 AND id = $2 AND superseded_at IS NULL;


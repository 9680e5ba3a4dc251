-- agencies
INSERT INTO agencies (tenant_id, id, name, kind, legal_domain, channel, webhook_url, webhook_secret, api_key_hash)
SELECT x."tenantId", x."id", x."name", x."kind", x."legalDomain", x."channel", x."webhookUrl", x."webhookSecret", x."apiKeyHash"
  FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS ("tenantId" uuid, "id" uuid, "name" text, "kind" text, "legalDomain" text, "channel" text, "webhookUrl" text, "webhookSecret" text, "apiKeyHash" text))
       WITH ORDINALITY AS x("tenantId", "id", "name", "kind", "legalDomain", "channel", "webhookUrl", "webhookSecret", "apiKeyHash", n)
 ORDER BY x.n;

-- agencySecrets
SELECT id, webhook_secret AS "webhookSecret" FROM agencies WHERE tenant_id = $1;

-- cases
INSERT INTO cases (tenant_id, id, reference, person_id, case_manager_id, region_id, phase, opened_at, closed_at, version)
SELECT x."tenantId", x."id", x."reference", x."personId", x."caseManagerId", x."regionId", x."phase", x."openedAt", x."closedAt", x."version"
  FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS ("tenantId" uuid, "id" uuid, "reference" text, "personId" uuid, "caseManagerId" uuid, "regionId" uuid, "phase" text, "openedAt" timestamptz, "closedAt" timestamptz, "version" integer))
       WITH ORDINALITY AS x("tenantId", "id", "reference", "personId", "caseManagerId", "regionId", "phase", "openedAt", "closedAt", "version", n)
 ORDER BY x.n;

-- consents
INSERT INTO consents (tenant_id, id, person_id, case_id, recipient_agency_id, purposes, categories, valid_from, valid_until, revoked_at, evidence, captured_by)
SELECT x."tenantId", x."id", x."personId", x."caseId", x."recipientAgencyId", x."purposes", x."categories", x."validFrom", x."validUntil", x."revokedAt", x."evidence", x."capturedBy"
  FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS ("tenantId" uuid, "id" uuid, "personId" uuid, "caseId" uuid, "recipientAgencyId" uuid, "purposes" text[], "categories" text[], "validFrom" date, "validUntil" date, "revokedAt" timestamptz, "evidence" jsonb, "capturedBy" uuid))
       WITH ORDINALITY AS x("tenantId", "id", "personId", "caseId", "recipientAgencyId", "purposes", "categories", "validFrom", "validUntil", "revokedAt", "evidence", "capturedBy", n)
 ORDER BY x.n;

-- coordinationAreas
INSERT INTO coordination_areas (tenant_id, id, name, kind)
SELECT x."tenantId", x."id", x."name", x."kind"
  FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS ("tenantId" uuid, "id" uuid, "name" text, "kind" text))
       WITH ORDINALITY AS x("tenantId", "id", "name", "kind", n)
 ORDER BY x.n;

-- goals
INSERT INTO goals (tenant_id, case_id, domain, description, target_date, status)
SELECT x."tenantId", x."caseId", x."domain", x."description", x."targetDate", x."status"
  FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS ("tenantId" uuid, "caseId" uuid, "domain" text, "description" text, "targetDate" date, "status" text))
       WITH ORDINALITY AS x("tenantId", "caseId", "domain", "description", "targetDate", "status", n)
 ORDER BY x.n;

-- ledger
INSERT INTO audit_events (tenant_id, at, actor_kind, actor_id, action, subject_type, subject_id, categories, basis, allowed, reason, person_id, agency_id)
SELECT x."tenantId", x."at", x."actorKind", x."actorId", x."action", x."subjectType", x."subjectId", x."categories", x."basis", x."allowed", x."reason", x."personId", x."agencyId"
  FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS ("tenantId" uuid, "at" timestamptz, "actorKind" text, "actorId" uuid, "action" text, "subjectType" text, "subjectId" uuid, "categories" text[], "basis" text, "allowed" boolean, "reason" text, "personId" uuid, "agencyId" uuid))
       WITH ORDINALITY AS x("tenantId", "at", "actorKind", "actorId", "action", "subjectType", "subjectId", "categories", "basis", "allowed", "reason", "personId", "agencyId", n)
 ORDER BY x.n;

-- needs
INSERT INTO case_needs (tenant_id, case_id, domain, description)
SELECT x."tenantId", x."caseId", x."domain", x."description"
  FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS ("tenantId" uuid, "caseId" uuid, "domain" text, "description" text))
       WITH ORDINALITY AS x("tenantId", "caseId", "domain", "description", n)
 ORDER BY x.n;

-- persons
INSERT INTO persons (tenant_id, id, given_names, family_name, name_original_script, aliases, birth_date, birth_date_precision, sex, nationality, languages, residence_status, municipality, arrival_date)
SELECT x."tenantId", x."id", x."givenNames", x."familyName", x."nameOriginalScript", x."aliases", x."birthDate", x."birthDatePrecision", x."sex", x."nationality", x."languages", x."residenceStatus", x."municipality", x."arrivalDate"
  FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS ("tenantId" uuid, "id" uuid, "givenNames" text, "familyName" text, "nameOriginalScript" text, "aliases" jsonb, "birthDate" date, "birthDatePrecision" text, "sex" text, "nationality" text, "languages" text[], "residenceStatus" text, "municipality" text, "arrivalDate" date))
       WITH ORDINALITY AS x("tenantId", "id", "givenNames", "familyName", "nameOriginalScript", "aliases", "birthDate", "birthDatePrecision", "sex", "nationality", "languages", "residenceStatus", "municipality", "arrivalDate", n)
 ORDER BY x.n;

-- referrals
INSERT INTO referrals (tenant_id, id, case_id, service_id, agency_id, purpose, categories, status, business_status, status_reason, services_delivered, outcome, note, respond_by, created_by, last_agency_update_at, last_agency_event_id, requested_at, accepted_at, started_at, finished_at, created_at, updated_at, version)
SELECT x."tenantId", x."id", x."caseId", x."serviceId", x."agencyId", x."purpose", x."categories", x."status", x."businessStatus", x."statusReason", x."servicesDelivered", x."outcome", x."note", x."respondBy", x."createdBy", x."lastAgencyUpdateAt", x."lastAgencyEventId", x."requestedAt", x."acceptedAt", x."startedAt", x."finishedAt", x."createdAt", x."updatedAt", x."version"
  FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS ("tenantId" uuid, "id" uuid, "caseId" uuid, "serviceId" uuid, "agencyId" uuid, "purpose" text, "categories" text[], "status" text, "businessStatus" text, "statusReason" text, "servicesDelivered" text[], "outcome" text, "note" text, "respondBy" date, "createdBy" uuid, "lastAgencyUpdateAt" timestamptz, "lastAgencyEventId" text, "requestedAt" timestamptz, "acceptedAt" timestamptz, "startedAt" timestamptz, "finishedAt" timestamptz, "createdAt" timestamptz, "updatedAt" timestamptz, "version" integer))
       WITH ORDINALITY AS x("tenantId", "id", "caseId", "serviceId", "agencyId", "purpose", "categories", "status", "businessStatus", "statusReason", "servicesDelivered", "outcome", "note", "respondBy", "createdBy", "lastAgencyUpdateAt", "lastAgencyEventId", "requestedAt", "acceptedAt", "startedAt", "finishedAt", "createdAt", "updatedAt", "version", n)
 ORDER BY x.n;

-- regions
INSERT INTO regions (tenant_id, id, name, fte, caseload_key, coordination_area_id)
SELECT x."tenantId", x."id", x."name", x."fte", x."caseloadKey", x."coordinationAreaId"
  FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS ("tenantId" uuid, "id" uuid, "name" text, "fte" numeric, "caseloadKey" integer, "coordinationAreaId" uuid))
       WITH ORDINALITY AS x("tenantId", "id", "name", "fte", "caseloadKey", "coordinationAreaId", n)
 ORDER BY x.n;

-- services
INSERT INTO services (tenant_id, id, agency_id, code, name, life_domain, response_days, integration_course, funding_line)
SELECT x."tenantId", x."id", x."agencyId", x."code", x."name", x."lifeDomain", x."responseDays", x."integrationCourse", x."fundingLine"
  FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS ("tenantId" uuid, "id" uuid, "agencyId" uuid, "code" text, "name" text, "lifeDomain" text, "responseDays" integer, "integrationCourse" boolean, "fundingLine" text))
       WITH ORDINALITY AS x("tenantId", "id", "agencyId", "code", "name", "lifeDomain", "responseDays", "integrationCourse", "fundingLine", n)
 ORDER BY x.n;

-- staff
INSERT INTO staff_users (tenant_id, id, display_name, email, role, region_id, coordination_area_id, fte, token_hash, may_override)
SELECT x."tenantId", x."id", x."displayName", x."email", x."role", x."regionId", x."coordinationAreaId", x."fte", x."tokenHash", x."mayOverride"
  FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS ("tenantId" uuid, "id" uuid, "displayName" text, "email" text, "role" text, "regionId" uuid, "coordinationAreaId" uuid, "fte" numeric, "tokenHash" text, "mayOverride" boolean))
       WITH ORDINALITY AS x("tenantId", "id", "displayName", "email", "role", "regionId", "coordinationAreaId", "fte", "tokenHash", "mayOverride", n)
 ORDER BY x.n;

-- tenantExists
SELECT 1 AS one FROM tenants WHERE id = $1;

-- tenants
INSERT INTO tenants (id, slug, name)
SELECT x."id", x."slug", x."name"
  FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS ("id" uuid, "slug" text, "name" text))
       WITH ORDINALITY AS x("id", "slug", "name", n)
 ORDER BY x.n;

-- timeline
INSERT INTO timeline_events (tenant_id, case_id, referral_id, kind, occurred_at, actor_role, actor_id, summary, summary_code, summary_params, data)
SELECT x."tenantId", x."caseId", x."referralId", x."kind", x."occurredAt", x."actorRole", x."actorId", x."summary", x."summaryCode", x."summaryParams", x."data"
  FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS ("tenantId" uuid, "caseId" uuid, "referralId" uuid, "kind" text, "occurredAt" timestamptz, "actorRole" text, "actorId" uuid, "summary" text, "summaryCode" text, "summaryParams" jsonb, "data" jsonb))
       WITH ORDINALITY AS x("tenantId", "caseId", "referralId", "kind", "occurredAt", "actorRole", "actorId", "summary", "summaryCode", "summaryParams", "data", n)
 ORDER BY x.n;


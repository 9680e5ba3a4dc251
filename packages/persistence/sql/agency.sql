-- byIdInTenants
SELECT tenant_id AS "tenantId", name FROM agencies WHERE id = $1 AND ($2::uuid[] IS NULL OR tenant_id = ANY($2));

-- byIds (prepared)
SELECT tenant_id AS "tenantId",
       id,
       name,
       kind,
       legal_domain AS "legalDomain",
       channel,
       webhook_url AS "webhookUrl",
       webhook_secret AS "webhookSecret",
       next_webhook_secret AS "nextWebhookSecret",
       secret_rotation_started_at AS "secretRotationStartedAt",
       api_key_hash AS "apiKeyHash",
       contact_phone AS "contactPhone",
       contact_email AS "contactEmail",
       contact_address AS "contactAddress",
       contact_hours AS "contactHours"
  FROM agencies WHERE tenant_id = $1 AND id = ANY($2);

-- finishRotation
UPDATE agencies SET webhook_secret = next_webhook_secret, next_webhook_secret = NULL, secret_rotation_started_at = NULL
 WHERE tenant_id = $1 AND id = $2;

-- insert
INSERT INTO agencies (tenant_id, name, kind, legal_domain, channel, webhook_url, webhook_secret, api_key_hash)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
RETURNING id;

-- insertAdministered
INSERT INTO agencies (tenant_id, name, kind, legal_domain, channel, webhook_url, webhook_secret,
                      contact_phone, contact_email, contact_address, contact_hours)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
RETURNING id;

-- insertService
INSERT INTO services (tenant_id, agency_id, code, name, life_domain, response_days, integration_course, funding_line)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
RETURNING id;

-- labels
SELECT t.slug AS tenant, a.name AS agency FROM agencies a JOIN tenants t ON t.id = a.tenant_id
 WHERE a.tenant_id = $1 AND a.id = $2;

-- list
SELECT tenant_id AS "tenantId",
       id,
       name,
       kind,
       legal_domain AS "legalDomain",
       channel,
       webhook_url AS "webhookUrl",
       webhook_secret AS "webhookSecret",
       next_webhook_secret AS "nextWebhookSecret",
       secret_rotation_started_at AS "secretRotationStartedAt",
       api_key_hash AS "apiKeyHash",
       contact_phone AS "contactPhone",
       contact_email AS "contactEmail",
       contact_address AS "contactAddress",
       contact_hours AS "contactHours"
  FROM agencies WHERE tenant_id = $1 ORDER BY name;

-- lock
SELECT tenant_id AS "tenantId",
       id,
       name,
       kind,
       legal_domain AS "legalDomain",
       channel,
       webhook_url AS "webhookUrl",
       webhook_secret AS "webhookSecret",
       next_webhook_secret AS "nextWebhookSecret",
       secret_rotation_started_at AS "secretRotationStartedAt",
       api_key_hash AS "apiKeyHash",
       contact_phone AS "contactPhone",
       contact_email AS "contactEmail",
       contact_address AS "contactAddress",
       contact_hours AS "contactHours"
  FROM agencies WHERE tenant_id = $1 AND id = $2 FOR UPDATE;

-- lockRotation
SELECT next_webhook_secret AS "nextWebhookSecret", secret_rotation_started_at AS "secretRotationStartedAt"
  FROM agencies WHERE tenant_id = $1 AND id = $2 FOR UPDATE;

-- lockService
SELECT tenant_id AS "tenantId",
       id,
       agency_id AS "agencyId",
       code,
       name,
       life_domain AS "lifeDomain",
       response_days AS "responseDays",
       integration_course AS "integrationCourse",
       funding_line AS "fundingLine"
  FROM services WHERE tenant_id = $1 AND id = $2 FOR UPDATE;

-- services
SELECT tenant_id AS "tenantId",
       id,
       agency_id AS "agencyId",
       code,
       name,
       life_domain AS "lifeDomain",
       response_days AS "responseDays",
       integration_course AS "integrationCourse",
       funding_line AS "fundingLine"
  FROM services WHERE tenant_id = $1 ORDER BY code;

-- servicesByAgencies (prepared)
SELECT tenant_id AS "tenantId",
       id,
       agency_id AS "agencyId",
       code,
       name,
       life_domain AS "lifeDomain",
       response_days AS "responseDays",
       integration_course AS "integrationCourse",
       funding_line AS "fundingLine"
  FROM services WHERE tenant_id = $1 AND agency_id = ANY($2) ORDER BY code;

-- servicesByIds (prepared)
SELECT tenant_id AS "tenantId",
       id,
       agency_id AS "agencyId",
       code,
       name,
       life_domain AS "lifeDomain",
       response_days AS "responseDays",
       integration_course AS "integrationCourse",
       funding_line AS "fundingLine"
  FROM services WHERE tenant_id = $1 AND id = ANY($2);

-- startRotation
UPDATE agencies SET next_webhook_secret = $3, secret_rotation_started_at = $4
 WHERE tenant_id = $1 AND id = $2;

-- write
UPDATE agencies
   SET name = $3, kind = $4, legal_domain = $5, channel = $6, webhook_url = $7,
       contact_phone = $8, contact_email = $9, contact_address = $10, contact_hours = $11
 WHERE tenant_id = $1 AND id = $2;

-- writeService
UPDATE services SET name = $3, life_domain = $4, response_days = $5, integration_course = $6, funding_line = $7
 WHERE tenant_id = $1 AND id = $2;


-- closeAs
UPDATE cases SET phase = 'closed', closed_at = now(), closing_reason = $3, updated_at = now(), version = version + 1
 WHERE tenant_id = $1 AND id = $2 AND phase <> 'closed'
RETURNING tenant_id AS "tenantId", id, reference, person_id AS "personId", case_manager_id AS "caseManagerId",
       region_id AS "regionId", phase, opened_at AS "openedAt", closed_at AS "closedAt", updated_at AS "updatedAt",
       version;

-- goalsByCases (prepared)
SELECT tenant_id AS "tenantId", id, case_id AS "caseId", domain, description, target_date::text AS "targetDate",
       status, created_at AS "createdAt"
  FROM goals WHERE tenant_id = $1 AND case_id = ANY($2) ORDER BY created_at;

-- idsOfPerson
SELECT id FROM cases WHERE tenant_id = $1 AND person_id = $2;

-- inListScope
SELECT 1 AS one FROM cases c
 WHERE c.tenant_id = $1
   AND ($2 <> 'region' OR c.region_id = $3::uuid OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'area'
        OR c.region_id IN (SELECT r.id FROM regions r WHERE r.tenant_id = c.tenant_id AND r.coordination_area_id = $4::uuid)
        OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'agency' OR (
        ((EXISTS (SELECT 1 FROM referrals f WHERE f.tenant_id = c.tenant_id AND f.case_id = c.id AND f.agency_id = $5::uuid
                    AND (f.status <> 'draft' OR 'agency.referral.sent-only' = ANY($9::text[])))
          OR EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = c.tenant_id AND k.case_id = c.id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
          OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = c.tenant_id
                       AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[])) AND b.case_id = c.id))
         OR 'agency.case.connected' = ANY($9::text[]))
        AND ((EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = c.tenant_id AND k.person_id = c.person_id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
              OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = c.tenant_id
                           AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
                           AND (b.person_id = c.person_id OR b.person_id IS NULL OR 'agency.grant.legal-basis-scope' = ANY($9::text[]))))
             OR 'agency.case.grant-required' = ANY($9::text[]))))
   AND c.id = $10::uuid;

-- insert
INSERT INTO cases (tenant_id, id, reference, person_id, case_manager_id, region_id, phase, version)
VALUES ($1, $2, $3, $4, $5, $6, $7, 1)
RETURNING opened_at AS "openedAt", updated_at AS "updatedAt", version;

-- insertGoal
INSERT INTO goals (tenant_id, id, case_id, domain, description, target_date, status)
VALUES ($1, $2, $3, $4, $5, $6, 'open')
RETURNING created_at AS "createdAt";

-- insertNeed
INSERT INTO case_needs (tenant_id, case_id, domain, description) VALUES ($1, $2, $3, $4);

-- lastReference
SELECT max(reference) AS max FROM cases WHERE tenant_id = $1 AND reference ~ $2;

-- listPageByFamilyNameAsc
SELECT c.tenant_id AS "tenantId", c.id, c.reference, c.person_id AS "personId", c.case_manager_id AS "caseManagerId",
       c.region_id AS "regionId", c.phase, c.opened_at AS "openedAt", c.closed_at AS "closedAt", c.updated_at AS "updatedAt",
       c.version
  FROM cases c
  JOIN persons c_pn ON c_pn.tenant_id = c.tenant_id AND c_pn.id = c.person_id
 WHERE c.tenant_id = $1
   AND ($2 <> 'region' OR c.region_id = $3::uuid OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'area'
        OR c.region_id IN (SELECT r.id FROM regions r WHERE r.tenant_id = c.tenant_id AND r.coordination_area_id = $4::uuid)
        OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'agency' OR (
        ((EXISTS (SELECT 1 FROM referrals f WHERE f.tenant_id = c.tenant_id AND f.case_id = c.id AND f.agency_id = $5::uuid
                    AND (f.status <> 'draft' OR 'agency.referral.sent-only' = ANY($9::text[])))
          OR EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = c.tenant_id AND k.case_id = c.id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
          OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = c.tenant_id
                       AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[])) AND b.case_id = c.id))
         OR 'agency.case.connected' = ANY($9::text[]))
        AND ((EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = c.tenant_id AND k.person_id = c.person_id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
              OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = c.tenant_id
                           AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
                           AND (b.person_id = c.person_id OR b.person_id IS NULL OR 'agency.grant.legal-basis-scope' = ANY($9::text[]))))
             OR 'agency.case.grant-required' = ANY($9::text[]))))
   AND ($10::text IS NULL OR c.phase = $10)
   AND ($11::uuid IS NULL OR c.region_id = $11)
   AND ($12::uuid IS NULL OR c.case_manager_id = $12)
   AND ($13::text IS NULL
        OR c.reference ILIKE $13
        OR EXISTS (SELECT 1 FROM persons p WHERE p.tenant_id = c.tenant_id AND p.id = c.person_id
                     AND (p.family_name ILIKE $13 OR p.given_names ILIKE $13 OR p.name_original_script ILIKE $13
                          OR EXISTS (SELECT 1 FROM jsonb_array_elements(p.aliases) a
                                      WHERE a->>'familyName' ILIKE $13 OR a->>'givenNames' ILIKE $13
                                         OR a->>'originalScript' ILIKE $13))))
   AND ($14::uuid IS NULL OR (lower(c_pn.family_name), c.id) > (
        SELECT lower(x_pn.family_name), x.id FROM cases x
  JOIN persons x_pn ON x_pn.tenant_id = x.tenant_id AND x_pn.id = x.person_id
       WHERE x.tenant_id = $1
   AND ($2 <> 'region' OR x.region_id = $3::uuid OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'area'
        OR x.region_id IN (SELECT r.id FROM regions r WHERE r.tenant_id = x.tenant_id AND r.coordination_area_id = $4::uuid)
        OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'agency' OR (
        ((EXISTS (SELECT 1 FROM referrals f WHERE f.tenant_id = x.tenant_id AND f.case_id = x.id AND f.agency_id = $5::uuid
                    AND (f.status <> 'draft' OR 'agency.referral.sent-only' = ANY($9::text[])))
          OR EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = x.tenant_id AND k.case_id = x.id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
          OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = x.tenant_id
                       AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[])) AND b.case_id = x.id))
         OR 'agency.case.connected' = ANY($9::text[]))
        AND ((EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = x.tenant_id AND k.person_id = x.person_id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
              OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = x.tenant_id
                           AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
                           AND (b.person_id = x.person_id OR b.person_id IS NULL OR 'agency.grant.legal-basis-scope' = ANY($9::text[]))))
             OR 'agency.case.grant-required' = ANY($9::text[]))))
         AND x.id = $14::uuid))
 ORDER BY lower(c_pn.family_name) ASC, c.id ASC
 LIMIT $15;

-- listPageByFamilyNameDesc
SELECT c.tenant_id AS "tenantId", c.id, c.reference, c.person_id AS "personId", c.case_manager_id AS "caseManagerId",
       c.region_id AS "regionId", c.phase, c.opened_at AS "openedAt", c.closed_at AS "closedAt", c.updated_at AS "updatedAt",
       c.version
  FROM cases c
  JOIN persons c_pn ON c_pn.tenant_id = c.tenant_id AND c_pn.id = c.person_id
 WHERE c.tenant_id = $1
   AND ($2 <> 'region' OR c.region_id = $3::uuid OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'area'
        OR c.region_id IN (SELECT r.id FROM regions r WHERE r.tenant_id = c.tenant_id AND r.coordination_area_id = $4::uuid)
        OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'agency' OR (
        ((EXISTS (SELECT 1 FROM referrals f WHERE f.tenant_id = c.tenant_id AND f.case_id = c.id AND f.agency_id = $5::uuid
                    AND (f.status <> 'draft' OR 'agency.referral.sent-only' = ANY($9::text[])))
          OR EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = c.tenant_id AND k.case_id = c.id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
          OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = c.tenant_id
                       AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[])) AND b.case_id = c.id))
         OR 'agency.case.connected' = ANY($9::text[]))
        AND ((EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = c.tenant_id AND k.person_id = c.person_id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
              OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = c.tenant_id
                           AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
                           AND (b.person_id = c.person_id OR b.person_id IS NULL OR 'agency.grant.legal-basis-scope' = ANY($9::text[]))))
             OR 'agency.case.grant-required' = ANY($9::text[]))))
   AND ($10::text IS NULL OR c.phase = $10)
   AND ($11::uuid IS NULL OR c.region_id = $11)
   AND ($12::uuid IS NULL OR c.case_manager_id = $12)
   AND ($13::text IS NULL
        OR c.reference ILIKE $13
        OR EXISTS (SELECT 1 FROM persons p WHERE p.tenant_id = c.tenant_id AND p.id = c.person_id
                     AND (p.family_name ILIKE $13 OR p.given_names ILIKE $13 OR p.name_original_script ILIKE $13
                          OR EXISTS (SELECT 1 FROM jsonb_array_elements(p.aliases) a
                                      WHERE a->>'familyName' ILIKE $13 OR a->>'givenNames' ILIKE $13
                                         OR a->>'originalScript' ILIKE $13))))
   AND ($14::uuid IS NULL OR (lower(c_pn.family_name), c.id) < (
        SELECT lower(x_pn.family_name), x.id FROM cases x
  JOIN persons x_pn ON x_pn.tenant_id = x.tenant_id AND x_pn.id = x.person_id
       WHERE x.tenant_id = $1
   AND ($2 <> 'region' OR x.region_id = $3::uuid OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'area'
        OR x.region_id IN (SELECT r.id FROM regions r WHERE r.tenant_id = x.tenant_id AND r.coordination_area_id = $4::uuid)
        OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'agency' OR (
        ((EXISTS (SELECT 1 FROM referrals f WHERE f.tenant_id = x.tenant_id AND f.case_id = x.id AND f.agency_id = $5::uuid
                    AND (f.status <> 'draft' OR 'agency.referral.sent-only' = ANY($9::text[])))
          OR EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = x.tenant_id AND k.case_id = x.id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
          OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = x.tenant_id
                       AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[])) AND b.case_id = x.id))
         OR 'agency.case.connected' = ANY($9::text[]))
        AND ((EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = x.tenant_id AND k.person_id = x.person_id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
              OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = x.tenant_id
                           AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
                           AND (b.person_id = x.person_id OR b.person_id IS NULL OR 'agency.grant.legal-basis-scope' = ANY($9::text[]))))
             OR 'agency.case.grant-required' = ANY($9::text[]))))
         AND x.id = $14::uuid))
 ORDER BY lower(c_pn.family_name) DESC, c.id DESC
 LIMIT $15;

-- listPageByOpenedAtAsc
SELECT c.tenant_id AS "tenantId", c.id, c.reference, c.person_id AS "personId", c.case_manager_id AS "caseManagerId",
       c.region_id AS "regionId", c.phase, c.opened_at AS "openedAt", c.closed_at AS "closedAt", c.updated_at AS "updatedAt",
       c.version
  FROM cases c
 WHERE c.tenant_id = $1
   AND ($2 <> 'region' OR c.region_id = $3::uuid OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'area'
        OR c.region_id IN (SELECT r.id FROM regions r WHERE r.tenant_id = c.tenant_id AND r.coordination_area_id = $4::uuid)
        OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'agency' OR (
        ((EXISTS (SELECT 1 FROM referrals f WHERE f.tenant_id = c.tenant_id AND f.case_id = c.id AND f.agency_id = $5::uuid
                    AND (f.status <> 'draft' OR 'agency.referral.sent-only' = ANY($9::text[])))
          OR EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = c.tenant_id AND k.case_id = c.id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
          OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = c.tenant_id
                       AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[])) AND b.case_id = c.id))
         OR 'agency.case.connected' = ANY($9::text[]))
        AND ((EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = c.tenant_id AND k.person_id = c.person_id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
              OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = c.tenant_id
                           AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
                           AND (b.person_id = c.person_id OR b.person_id IS NULL OR 'agency.grant.legal-basis-scope' = ANY($9::text[]))))
             OR 'agency.case.grant-required' = ANY($9::text[]))))
   AND ($10::text IS NULL OR c.phase = $10)
   AND ($11::uuid IS NULL OR c.region_id = $11)
   AND ($12::uuid IS NULL OR c.case_manager_id = $12)
   AND ($13::text IS NULL
        OR c.reference ILIKE $13
        OR EXISTS (SELECT 1 FROM persons p WHERE p.tenant_id = c.tenant_id AND p.id = c.person_id
                     AND (p.family_name ILIKE $13 OR p.given_names ILIKE $13 OR p.name_original_script ILIKE $13
                          OR EXISTS (SELECT 1 FROM jsonb_array_elements(p.aliases) a
                                      WHERE a->>'familyName' ILIKE $13 OR a->>'givenNames' ILIKE $13
                                         OR a->>'originalScript' ILIKE $13))))
   AND ($14::uuid IS NULL OR (c.opened_at, c.id) > (
        SELECT x.opened_at, x.id FROM cases x
       WHERE x.tenant_id = $1
   AND ($2 <> 'region' OR x.region_id = $3::uuid OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'area'
        OR x.region_id IN (SELECT r.id FROM regions r WHERE r.tenant_id = x.tenant_id AND r.coordination_area_id = $4::uuid)
        OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'agency' OR (
        ((EXISTS (SELECT 1 FROM referrals f WHERE f.tenant_id = x.tenant_id AND f.case_id = x.id AND f.agency_id = $5::uuid
                    AND (f.status <> 'draft' OR 'agency.referral.sent-only' = ANY($9::text[])))
          OR EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = x.tenant_id AND k.case_id = x.id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
          OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = x.tenant_id
                       AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[])) AND b.case_id = x.id))
         OR 'agency.case.connected' = ANY($9::text[]))
        AND ((EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = x.tenant_id AND k.person_id = x.person_id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
              OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = x.tenant_id
                           AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
                           AND (b.person_id = x.person_id OR b.person_id IS NULL OR 'agency.grant.legal-basis-scope' = ANY($9::text[]))))
             OR 'agency.case.grant-required' = ANY($9::text[]))))
         AND x.id = $14::uuid))
 ORDER BY c.opened_at ASC, c.id ASC
 LIMIT $15;

-- listPageByOpenedAtDesc
SELECT c.tenant_id AS "tenantId", c.id, c.reference, c.person_id AS "personId", c.case_manager_id AS "caseManagerId",
       c.region_id AS "regionId", c.phase, c.opened_at AS "openedAt", c.closed_at AS "closedAt", c.updated_at AS "updatedAt",
       c.version
  FROM cases c
 WHERE c.tenant_id = $1
   AND ($2 <> 'region' OR c.region_id = $3::uuid OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'area'
        OR c.region_id IN (SELECT r.id FROM regions r WHERE r.tenant_id = c.tenant_id AND r.coordination_area_id = $4::uuid)
        OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'agency' OR (
        ((EXISTS (SELECT 1 FROM referrals f WHERE f.tenant_id = c.tenant_id AND f.case_id = c.id AND f.agency_id = $5::uuid
                    AND (f.status <> 'draft' OR 'agency.referral.sent-only' = ANY($9::text[])))
          OR EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = c.tenant_id AND k.case_id = c.id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
          OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = c.tenant_id
                       AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[])) AND b.case_id = c.id))
         OR 'agency.case.connected' = ANY($9::text[]))
        AND ((EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = c.tenant_id AND k.person_id = c.person_id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
              OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = c.tenant_id
                           AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
                           AND (b.person_id = c.person_id OR b.person_id IS NULL OR 'agency.grant.legal-basis-scope' = ANY($9::text[]))))
             OR 'agency.case.grant-required' = ANY($9::text[]))))
   AND ($10::text IS NULL OR c.phase = $10)
   AND ($11::uuid IS NULL OR c.region_id = $11)
   AND ($12::uuid IS NULL OR c.case_manager_id = $12)
   AND ($13::text IS NULL
        OR c.reference ILIKE $13
        OR EXISTS (SELECT 1 FROM persons p WHERE p.tenant_id = c.tenant_id AND p.id = c.person_id
                     AND (p.family_name ILIKE $13 OR p.given_names ILIKE $13 OR p.name_original_script ILIKE $13
                          OR EXISTS (SELECT 1 FROM jsonb_array_elements(p.aliases) a
                                      WHERE a->>'familyName' ILIKE $13 OR a->>'givenNames' ILIKE $13
                                         OR a->>'originalScript' ILIKE $13))))
   AND ($14::uuid IS NULL OR (c.opened_at, c.id) < (
        SELECT x.opened_at, x.id FROM cases x
       WHERE x.tenant_id = $1
   AND ($2 <> 'region' OR x.region_id = $3::uuid OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'area'
        OR x.region_id IN (SELECT r.id FROM regions r WHERE r.tenant_id = x.tenant_id AND r.coordination_area_id = $4::uuid)
        OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'agency' OR (
        ((EXISTS (SELECT 1 FROM referrals f WHERE f.tenant_id = x.tenant_id AND f.case_id = x.id AND f.agency_id = $5::uuid
                    AND (f.status <> 'draft' OR 'agency.referral.sent-only' = ANY($9::text[])))
          OR EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = x.tenant_id AND k.case_id = x.id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
          OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = x.tenant_id
                       AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[])) AND b.case_id = x.id))
         OR 'agency.case.connected' = ANY($9::text[]))
        AND ((EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = x.tenant_id AND k.person_id = x.person_id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
              OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = x.tenant_id
                           AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
                           AND (b.person_id = x.person_id OR b.person_id IS NULL OR 'agency.grant.legal-basis-scope' = ANY($9::text[]))))
             OR 'agency.case.grant-required' = ANY($9::text[]))))
         AND x.id = $14::uuid))
 ORDER BY c.opened_at DESC, c.id DESC
 LIMIT $15;

-- listPageByPhaseAsc
SELECT c.tenant_id AS "tenantId", c.id, c.reference, c.person_id AS "personId", c.case_manager_id AS "caseManagerId",
       c.region_id AS "regionId", c.phase, c.opened_at AS "openedAt", c.closed_at AS "closedAt", c.updated_at AS "updatedAt",
       c.version
  FROM cases c
 WHERE c.tenant_id = $1
   AND ($2 <> 'region' OR c.region_id = $3::uuid OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'area'
        OR c.region_id IN (SELECT r.id FROM regions r WHERE r.tenant_id = c.tenant_id AND r.coordination_area_id = $4::uuid)
        OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'agency' OR (
        ((EXISTS (SELECT 1 FROM referrals f WHERE f.tenant_id = c.tenant_id AND f.case_id = c.id AND f.agency_id = $5::uuid
                    AND (f.status <> 'draft' OR 'agency.referral.sent-only' = ANY($9::text[])))
          OR EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = c.tenant_id AND k.case_id = c.id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
          OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = c.tenant_id
                       AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[])) AND b.case_id = c.id))
         OR 'agency.case.connected' = ANY($9::text[]))
        AND ((EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = c.tenant_id AND k.person_id = c.person_id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
              OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = c.tenant_id
                           AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
                           AND (b.person_id = c.person_id OR b.person_id IS NULL OR 'agency.grant.legal-basis-scope' = ANY($9::text[]))))
             OR 'agency.case.grant-required' = ANY($9::text[]))))
   AND ($10::text IS NULL OR c.phase = $10)
   AND ($11::uuid IS NULL OR c.region_id = $11)
   AND ($12::uuid IS NULL OR c.case_manager_id = $12)
   AND ($13::text IS NULL
        OR c.reference ILIKE $13
        OR EXISTS (SELECT 1 FROM persons p WHERE p.tenant_id = c.tenant_id AND p.id = c.person_id
                     AND (p.family_name ILIKE $13 OR p.given_names ILIKE $13 OR p.name_original_script ILIKE $13
                          OR EXISTS (SELECT 1 FROM jsonb_array_elements(p.aliases) a
                                      WHERE a->>'familyName' ILIKE $13 OR a->>'givenNames' ILIKE $13
                                         OR a->>'originalScript' ILIKE $13))))
   AND ($14::uuid IS NULL OR (array_position(ARRAY['intake','assessment','planning','linking','monitoring','reassessment','closed']::text[], c.phase), c.id) > (
        SELECT array_position(ARRAY['intake','assessment','planning','linking','monitoring','reassessment','closed']::text[], x.phase), x.id FROM cases x
       WHERE x.tenant_id = $1
   AND ($2 <> 'region' OR x.region_id = $3::uuid OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'area'
        OR x.region_id IN (SELECT r.id FROM regions r WHERE r.tenant_id = x.tenant_id AND r.coordination_area_id = $4::uuid)
        OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'agency' OR (
        ((EXISTS (SELECT 1 FROM referrals f WHERE f.tenant_id = x.tenant_id AND f.case_id = x.id AND f.agency_id = $5::uuid
                    AND (f.status <> 'draft' OR 'agency.referral.sent-only' = ANY($9::text[])))
          OR EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = x.tenant_id AND k.case_id = x.id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
          OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = x.tenant_id
                       AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[])) AND b.case_id = x.id))
         OR 'agency.case.connected' = ANY($9::text[]))
        AND ((EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = x.tenant_id AND k.person_id = x.person_id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
              OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = x.tenant_id
                           AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
                           AND (b.person_id = x.person_id OR b.person_id IS NULL OR 'agency.grant.legal-basis-scope' = ANY($9::text[]))))
             OR 'agency.case.grant-required' = ANY($9::text[]))))
         AND x.id = $14::uuid))
 ORDER BY array_position(ARRAY['intake','assessment','planning','linking','monitoring','reassessment','closed']::text[], c.phase) ASC, c.id ASC
 LIMIT $15;

-- listPageByPhaseDesc
SELECT c.tenant_id AS "tenantId", c.id, c.reference, c.person_id AS "personId", c.case_manager_id AS "caseManagerId",
       c.region_id AS "regionId", c.phase, c.opened_at AS "openedAt", c.closed_at AS "closedAt", c.updated_at AS "updatedAt",
       c.version
  FROM cases c
 WHERE c.tenant_id = $1
   AND ($2 <> 'region' OR c.region_id = $3::uuid OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'area'
        OR c.region_id IN (SELECT r.id FROM regions r WHERE r.tenant_id = c.tenant_id AND r.coordination_area_id = $4::uuid)
        OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'agency' OR (
        ((EXISTS (SELECT 1 FROM referrals f WHERE f.tenant_id = c.tenant_id AND f.case_id = c.id AND f.agency_id = $5::uuid
                    AND (f.status <> 'draft' OR 'agency.referral.sent-only' = ANY($9::text[])))
          OR EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = c.tenant_id AND k.case_id = c.id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
          OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = c.tenant_id
                       AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[])) AND b.case_id = c.id))
         OR 'agency.case.connected' = ANY($9::text[]))
        AND ((EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = c.tenant_id AND k.person_id = c.person_id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
              OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = c.tenant_id
                           AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
                           AND (b.person_id = c.person_id OR b.person_id IS NULL OR 'agency.grant.legal-basis-scope' = ANY($9::text[]))))
             OR 'agency.case.grant-required' = ANY($9::text[]))))
   AND ($10::text IS NULL OR c.phase = $10)
   AND ($11::uuid IS NULL OR c.region_id = $11)
   AND ($12::uuid IS NULL OR c.case_manager_id = $12)
   AND ($13::text IS NULL
        OR c.reference ILIKE $13
        OR EXISTS (SELECT 1 FROM persons p WHERE p.tenant_id = c.tenant_id AND p.id = c.person_id
                     AND (p.family_name ILIKE $13 OR p.given_names ILIKE $13 OR p.name_original_script ILIKE $13
                          OR EXISTS (SELECT 1 FROM jsonb_array_elements(p.aliases) a
                                      WHERE a->>'familyName' ILIKE $13 OR a->>'givenNames' ILIKE $13
                                         OR a->>'originalScript' ILIKE $13))))
   AND ($14::uuid IS NULL OR (array_position(ARRAY['intake','assessment','planning','linking','monitoring','reassessment','closed']::text[], c.phase), c.id) < (
        SELECT array_position(ARRAY['intake','assessment','planning','linking','monitoring','reassessment','closed']::text[], x.phase), x.id FROM cases x
       WHERE x.tenant_id = $1
   AND ($2 <> 'region' OR x.region_id = $3::uuid OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'area'
        OR x.region_id IN (SELECT r.id FROM regions r WHERE r.tenant_id = x.tenant_id AND r.coordination_area_id = $4::uuid)
        OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'agency' OR (
        ((EXISTS (SELECT 1 FROM referrals f WHERE f.tenant_id = x.tenant_id AND f.case_id = x.id AND f.agency_id = $5::uuid
                    AND (f.status <> 'draft' OR 'agency.referral.sent-only' = ANY($9::text[])))
          OR EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = x.tenant_id AND k.case_id = x.id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
          OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = x.tenant_id
                       AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[])) AND b.case_id = x.id))
         OR 'agency.case.connected' = ANY($9::text[]))
        AND ((EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = x.tenant_id AND k.person_id = x.person_id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
              OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = x.tenant_id
                           AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
                           AND (b.person_id = x.person_id OR b.person_id IS NULL OR 'agency.grant.legal-basis-scope' = ANY($9::text[]))))
             OR 'agency.case.grant-required' = ANY($9::text[]))))
         AND x.id = $14::uuid))
 ORDER BY array_position(ARRAY['intake','assessment','planning','linking','monitoring','reassessment','closed']::text[], c.phase) DESC, c.id DESC
 LIMIT $15;

-- listPageByReferenceAsc
SELECT c.tenant_id AS "tenantId", c.id, c.reference, c.person_id AS "personId", c.case_manager_id AS "caseManagerId",
       c.region_id AS "regionId", c.phase, c.opened_at AS "openedAt", c.closed_at AS "closedAt", c.updated_at AS "updatedAt",
       c.version
  FROM cases c
 WHERE c.tenant_id = $1
   AND ($2 <> 'region' OR c.region_id = $3::uuid OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'area'
        OR c.region_id IN (SELECT r.id FROM regions r WHERE r.tenant_id = c.tenant_id AND r.coordination_area_id = $4::uuid)
        OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'agency' OR (
        ((EXISTS (SELECT 1 FROM referrals f WHERE f.tenant_id = c.tenant_id AND f.case_id = c.id AND f.agency_id = $5::uuid
                    AND (f.status <> 'draft' OR 'agency.referral.sent-only' = ANY($9::text[])))
          OR EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = c.tenant_id AND k.case_id = c.id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
          OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = c.tenant_id
                       AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[])) AND b.case_id = c.id))
         OR 'agency.case.connected' = ANY($9::text[]))
        AND ((EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = c.tenant_id AND k.person_id = c.person_id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
              OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = c.tenant_id
                           AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
                           AND (b.person_id = c.person_id OR b.person_id IS NULL OR 'agency.grant.legal-basis-scope' = ANY($9::text[]))))
             OR 'agency.case.grant-required' = ANY($9::text[]))))
   AND ($10::text IS NULL OR c.phase = $10)
   AND ($11::uuid IS NULL OR c.region_id = $11)
   AND ($12::uuid IS NULL OR c.case_manager_id = $12)
   AND ($13::text IS NULL
        OR c.reference ILIKE $13
        OR EXISTS (SELECT 1 FROM persons p WHERE p.tenant_id = c.tenant_id AND p.id = c.person_id
                     AND (p.family_name ILIKE $13 OR p.given_names ILIKE $13 OR p.name_original_script ILIKE $13
                          OR EXISTS (SELECT 1 FROM jsonb_array_elements(p.aliases) a
                                      WHERE a->>'familyName' ILIKE $13 OR a->>'givenNames' ILIKE $13
                                         OR a->>'originalScript' ILIKE $13))))
   AND ($14::uuid IS NULL OR (c.reference, c.id) > (
        SELECT x.reference, x.id FROM cases x
       WHERE x.tenant_id = $1
   AND ($2 <> 'region' OR x.region_id = $3::uuid OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'area'
        OR x.region_id IN (SELECT r.id FROM regions r WHERE r.tenant_id = x.tenant_id AND r.coordination_area_id = $4::uuid)
        OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'agency' OR (
        ((EXISTS (SELECT 1 FROM referrals f WHERE f.tenant_id = x.tenant_id AND f.case_id = x.id AND f.agency_id = $5::uuid
                    AND (f.status <> 'draft' OR 'agency.referral.sent-only' = ANY($9::text[])))
          OR EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = x.tenant_id AND k.case_id = x.id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
          OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = x.tenant_id
                       AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[])) AND b.case_id = x.id))
         OR 'agency.case.connected' = ANY($9::text[]))
        AND ((EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = x.tenant_id AND k.person_id = x.person_id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
              OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = x.tenant_id
                           AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
                           AND (b.person_id = x.person_id OR b.person_id IS NULL OR 'agency.grant.legal-basis-scope' = ANY($9::text[]))))
             OR 'agency.case.grant-required' = ANY($9::text[]))))
         AND x.id = $14::uuid))
 ORDER BY c.reference ASC, c.id ASC
 LIMIT $15;

-- listPageByReferenceDesc
SELECT c.tenant_id AS "tenantId", c.id, c.reference, c.person_id AS "personId", c.case_manager_id AS "caseManagerId",
       c.region_id AS "regionId", c.phase, c.opened_at AS "openedAt", c.closed_at AS "closedAt", c.updated_at AS "updatedAt",
       c.version
  FROM cases c
 WHERE c.tenant_id = $1
   AND ($2 <> 'region' OR c.region_id = $3::uuid OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'area'
        OR c.region_id IN (SELECT r.id FROM regions r WHERE r.tenant_id = c.tenant_id AND r.coordination_area_id = $4::uuid)
        OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'agency' OR (
        ((EXISTS (SELECT 1 FROM referrals f WHERE f.tenant_id = c.tenant_id AND f.case_id = c.id AND f.agency_id = $5::uuid
                    AND (f.status <> 'draft' OR 'agency.referral.sent-only' = ANY($9::text[])))
          OR EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = c.tenant_id AND k.case_id = c.id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
          OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = c.tenant_id
                       AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[])) AND b.case_id = c.id))
         OR 'agency.case.connected' = ANY($9::text[]))
        AND ((EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = c.tenant_id AND k.person_id = c.person_id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
              OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = c.tenant_id
                           AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
                           AND (b.person_id = c.person_id OR b.person_id IS NULL OR 'agency.grant.legal-basis-scope' = ANY($9::text[]))))
             OR 'agency.case.grant-required' = ANY($9::text[]))))
   AND ($10::text IS NULL OR c.phase = $10)
   AND ($11::uuid IS NULL OR c.region_id = $11)
   AND ($12::uuid IS NULL OR c.case_manager_id = $12)
   AND ($13::text IS NULL
        OR c.reference ILIKE $13
        OR EXISTS (SELECT 1 FROM persons p WHERE p.tenant_id = c.tenant_id AND p.id = c.person_id
                     AND (p.family_name ILIKE $13 OR p.given_names ILIKE $13 OR p.name_original_script ILIKE $13
                          OR EXISTS (SELECT 1 FROM jsonb_array_elements(p.aliases) a
                                      WHERE a->>'familyName' ILIKE $13 OR a->>'givenNames' ILIKE $13
                                         OR a->>'originalScript' ILIKE $13))))
   AND ($14::uuid IS NULL OR (c.reference, c.id) < (
        SELECT x.reference, x.id FROM cases x
       WHERE x.tenant_id = $1
   AND ($2 <> 'region' OR x.region_id = $3::uuid OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'area'
        OR x.region_id IN (SELECT r.id FROM regions r WHERE r.tenant_id = x.tenant_id AND r.coordination_area_id = $4::uuid)
        OR 'staff.case.own-area' = ANY($9::text[]))
   AND ($2 <> 'agency' OR (
        ((EXISTS (SELECT 1 FROM referrals f WHERE f.tenant_id = x.tenant_id AND f.case_id = x.id AND f.agency_id = $5::uuid
                    AND (f.status <> 'draft' OR 'agency.referral.sent-only' = ANY($9::text[])))
          OR EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = x.tenant_id AND k.case_id = x.id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
          OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = x.tenant_id
                       AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[])) AND b.case_id = x.id))
         OR 'agency.case.connected' = ANY($9::text[]))
        AND ((EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = x.tenant_id AND k.person_id = x.person_id AND ((k.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
  AND k.purposes && $8::text[]
  AND k.categories && ARRAY['identity', 'contact', 'residence-status', 'benefits', 'education-work', 'family', 'health']::text[]
  AND (k.kind = 'disclosure' OR 'agency.grant.disclosure-kind-only' = ANY($9::text[]))
  AND (((k.revoked_at IS NULL OR date_trunc('milliseconds', k.revoked_at) > CAST($7 AS timestamptz))
  AND k.valid_from <= CAST($6 AS date) AND k.valid_until >= CAST($6 AS date)) OR 'agency.grant.in-force' = ANY($9::text[]))))
              OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = x.tenant_id
                           AND (b.recipient_agency_id = $5::uuid OR 'agency.grant.recipient' = ANY($9::text[]))
                           AND (b.person_id = x.person_id OR b.person_id IS NULL OR 'agency.grant.legal-basis-scope' = ANY($9::text[]))))
             OR 'agency.case.grant-required' = ANY($9::text[]))))
         AND x.id = $14::uuid))
 ORDER BY c.reference DESC, c.id DESC
 LIMIT $15;

-- lockGoal
SELECT tenant_id AS "tenantId", id, case_id AS "caseId", domain, description, target_date::text AS "targetDate",
       status, created_at AS "createdAt"
  FROM goals WHERE tenant_id = $1 AND id = $2 FOR UPDATE;

-- lockReferences
SELECT pg_advisory_xact_lock(hashtext($1));

-- lockScope (prepared)
SELECT c.id AS "id", c.person_id AS "personId", c.region_id AS "regionId",
       r.coordination_area_id AS "coordinationAreaId", c.case_manager_id AS "caseManagerId",
       c.phase AS "phase", c.reference AS "reference", c.opened_at AS "openedAt",
       c.closed_at AS "closedAt"
  FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
 WHERE c.tenant_id = $1 AND c.id = $2 FOR UPDATE OF c;

-- needsByCases (prepared)
SELECT tenant_id AS "tenantId", id, case_id AS "caseId", domain, description
  FROM case_needs WHERE tenant_id = $1 AND case_id = ANY($2);

-- personHasCaseInArea
WITH RECURSIVE tree AS (
  SELECT id FROM persons WHERE tenant_id = $1 AND id = $2
  UNION
  SELECT x.id FROM persons x JOIN tree t ON x.tenant_id = $1 AND x.merged_into_id = t.id)
SELECT 1 AS one FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
 WHERE c.tenant_id = $1 AND c.person_id IN (SELECT id FROM tree)
   AND (c.region_id = $3::uuid OR r.coordination_area_id = $4::uuid)
 LIMIT 1;

-- scope (prepared)
SELECT c.id AS "id", c.person_id AS "personId", c.region_id AS "regionId",
       r.coordination_area_id AS "coordinationAreaId", c.case_manager_id AS "caseManagerId",
       c.phase AS "phase", c.reference AS "reference", c.opened_at AS "openedAt",
       c.closed_at AS "closedAt"
  FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
 WHERE c.tenant_id = $1 AND c.id = $2;

-- scopeWithPerson (prepared)
SELECT c.id AS "id", c.person_id AS "personId", c.region_id AS "regionId",
       r.coordination_area_id AS "coordinationAreaId", c.case_manager_id AS "caseManagerId",
       c.phase AS "phase", c.reference AS "reference", c.opened_at AS "openedAt",
       c.closed_at AS "closedAt",
       p.id AS "p_id", p.given_names AS "p_givenNames", p.family_name AS "p_familyName",
       p.name_original_script AS "p_nameOriginalScript", p.aliases AS "p_aliases",
       p.birth_date::text AS "p_birthDate", p.birth_date_precision AS "p_birthDatePrecision", p.sex AS "p_sex",
       p.nationality AS "p_nationality", p.languages AS "p_languages", p.residence_status AS "p_residenceStatus",
       p.municipality AS "p_municipality", p.arrival_date::text AS "p_arrivalDate",
       p.do_not_contact AS "p_doNotContact", p.erased_at AS "p_erasedAt", p.created_at AS "p_createdAt",
       p.merged_into_id AS "p_mergedIntoId"
  FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
       LEFT JOIN persons p ON p.tenant_id = c.tenant_id AND p.id = c.person_id
 WHERE c.tenant_id = $1 AND c.id = $2;

-- setCaseManager
UPDATE cases SET case_manager_id = $3, updated_at = now(), version = version + 1
 WHERE tenant_id = $1 AND id = $2
RETURNING tenant_id AS "tenantId", id, reference, person_id AS "personId", case_manager_id AS "caseManagerId",
       region_id AS "regionId", phase, opened_at AS "openedAt", closed_at AS "closedAt", updated_at AS "updatedAt",
       version;

-- setPhase
UPDATE cases SET phase = $3, closed_at = coalesce($4, closed_at), updated_at = now(), version = version + 1
 WHERE tenant_id = $1 AND id = $2
RETURNING tenant_id AS "tenantId", id, reference, person_id AS "personId", case_manager_id AS "caseManagerId",
       region_id AS "regionId", phase, opened_at AS "openedAt", closed_at AS "closedAt", updated_at AS "updatedAt",
       version;

-- updateGoal
UPDATE goals SET status = $3, description = $4, target_date = $5 WHERE tenant_id = $1 AND id = $2;


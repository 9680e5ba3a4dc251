-- events
SELECT kind, occurred_at, actor_role, referral_id, data FROM timeline_events
 WHERE tenant_id = $1 AND case_id = $2 ORDER BY occurred_at, recorded_at, id;

-- goals
SELECT domain, status FROM goals WHERE tenant_id = $1 AND case_id = $2 ORDER BY created_at, id;

-- needs
SELECT DISTINCT domain FROM case_needs WHERE tenant_id = $1 AND case_id = $2 ORDER BY domain;

-- person
SELECT arrival_date::text AS arrival, birth_date::text AS birth, birth_date_precision AS precision,
       residence_status AS residence, languages FROM persons WHERE tenant_id = $1 AND id = $2;

-- referrals
SELECT f.id, a.kind, a.legal_domain, s.name AS service, f.status, f.requested_at, f.accepted_at, f.started_at, f.finished_at
  FROM referrals f JOIN agencies a ON a.tenant_id = f.tenant_id AND a.id = f.agency_id
  JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
 WHERE f.tenant_id = $1 AND f.case_id = $2 ORDER BY coalesce(f.requested_at, f.created_at), f.id;

-- region
SELECT name, coordination_area_id AS area FROM regions WHERE tenant_id = $1 AND id = $2;


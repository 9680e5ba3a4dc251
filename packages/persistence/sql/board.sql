-- areaName
SELECT name FROM coordination_areas WHERE tenant_id = $1 AND id = $2;

-- asOf
SELECT as_of FROM board_as_of WHERE tenant_id = $1;

-- caseCounts
SELECT region_id, case_manager_id, phase, cases FROM board_case_counts
 WHERE tenant_id = $1 AND region_id = ANY($2::uuid[]) AND phase <> 'closed';

-- caseManagers
SELECT id, display_name AS name, region_id, fte FROM staff_users
 WHERE tenant_id = $1 AND region_id = ANY($2::uuid[]) AND role = 'case-manager' ORDER BY display_name, id;

-- caseMonths
SELECT to_char(month, 'YYYY-MM') AS month, sum(opened) AS opened, sum(closed) AS closed FROM board_case_months
 WHERE tenant_id = $1 AND region_id = ANY($2::uuid[]) AND month BETWEEN $3 AND $4 GROUP BY month;

-- flags
SELECT f.kind, f.case_id, c.reference, r.name AS region_name FROM board_flags f
  JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
  JOIN regions r ON r.tenant_id = f.tenant_id AND r.id = f.region_id
 WHERE f.tenant_id = $1 AND f.region_id = ANY($2::uuid[]) ORDER BY f.kind, c.reference LIMIT 1000;

-- needs
SELECT domain, sum(needs) AS needs, sum(referred) AS referred FROM board_needs
 WHERE tenant_id = $1 AND region_id = ANY($2::uuid[]) GROUP BY domain ORDER BY domain;

-- overdueMonths
SELECT to_char(month, 'YYYY-MM') AS month, service_id AS "serviceId", sum(referrals)::int AS overdue
  FROM board_deadlines
 WHERE tenant_id = $1 AND ($2::uuid IS NULL OR coordination_area_id = $2) AND month BETWEEN $3 AND $4
   AND respond_by < $5::date
 GROUP BY month, service_id;

-- referralMonths
SELECT to_char(month, 'YYYY-MM') AS month, service_id, status, reason, referrals, open_loops FROM board_referrals
 WHERE tenant_id = $1 AND ($2::uuid IS NULL OR coordination_area_id = $2) AND month BETWEEN $3 AND $4;

-- regions
SELECT id, name, fte, caseload_key AS "caseloadKey" FROM regions
 WHERE tenant_id = $1 AND ($2::uuid IS NULL OR coordination_area_id = $2) ORDER BY name;

-- replicaLag
SELECT CASE
         WHEN NOT pg_is_in_recovery() THEN NULL
         WHEN EXISTS (SELECT 1 FROM pg_stat_wal_receiver)
              AND pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
         ELSE greatest(0, extract(epoch FROM now() - coalesce(pg_last_xact_replay_timestamp(), pg_postmaster_start_time())))
       END::float8 AS lag_seconds;

-- serviceDomains
SELECT life_domain, count(*) AS n FROM services WHERE tenant_id = $1 GROUP BY life_domain;

-- services
SELECT s.id AS service_id, s.name AS service_name, a.id AS agency_id, a.name AS agency_name, s.integration_course
  FROM services s JOIN agencies a ON a.tenant_id = s.tenant_id AND a.id = s.agency_id WHERE s.tenant_id = $1;

-- tenantName
SELECT name FROM tenants WHERE id = $1;

-- waitMonths
SELECT to_char(month, 'YYYY-MM') AS month, service_id, measure, to_json(days) AS days, to_json(counts) AS counts
  FROM board_waits
 WHERE tenant_id = $1 AND ($2::uuid IS NULL OR coordination_area_id = $2) AND month BETWEEN $3 AND $4;


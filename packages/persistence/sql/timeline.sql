-- append (prepared)
INSERT INTO timeline_events (tenant_id, case_id, referral_id, kind, occurred_at, actor_role, actor_id, summary, data)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);


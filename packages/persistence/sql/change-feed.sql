-- read
WITH horizon AS (
  SELECT LEAST(now(), coalesce(kim_oldest_open_transaction(), now())) AS t
)
SELECT o.id, o.event_id, o.event_type, o.delivery_state, o.referral_id, o.consent_id, o.created_at,
       (extract(epoch FROM o.created_at) * 1000000)::bigint::text AS created_us,
       r.case_id, r.status AS referral_status
  FROM outbox_messages o
  LEFT JOIN referrals r ON r.tenant_id = o.tenant_id AND r.id = o.referral_id
 WHERE o.tenant_id = $1 AND (o.agency_id = $2 OR NOT $7::boolean) AND o.delivery_state <> ALL($3::text[])
   AND o.created_at < (SELECT t FROM horizon)
   AND ($4::bigint IS NULL OR (o.created_at, o.id) > (timestamptz 'epoch' + $4::bigint * interval '1 microsecond', $5::uuid))
 ORDER BY o.created_at, o.id
 LIMIT $6;


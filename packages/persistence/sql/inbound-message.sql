-- knownAndPending (prepared)
SELECT true AS known, i.id, i.event_id AS "eventId", i.referral_id AS "referralId", i.occurred_at AS "occurredAt",
       NULL::jsonb AS data
  FROM unnest($3::text[]) AS e(event_id)
 CROSS JOIN LATERAL (SELECT id, event_id, referral_id, occurred_at FROM inbound_messages
                      WHERE tenant_id = $1 AND agency_id = $2 AND event_id = e.event_id LIMIT 1) i
UNION ALL
SELECT false, i.id, i.event_id, i.referral_id, i.occurred_at, i.data
  FROM unnest($4::uuid[]) AS r(referral_id)
 CROSS JOIN LATERAL (SELECT id, event_id, referral_id, occurred_at, body->'data' AS data FROM inbound_messages
                      WHERE tenant_id = $1 AND referral_id = r.referral_id AND state = 'pending' OFFSET 0) i;

-- setStates
UPDATE inbound_messages i SET state = x.state, error = x.error
  FROM unnest($2::uuid[], $3::text[], $4::text[]) AS x(id, state, error)
 WHERE i.tenant_id = $1 AND i.id = x.id;


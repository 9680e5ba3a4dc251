-- knownAndPending (prepared)
SELECT true AS known, id, event_id AS "eventId", referral_id AS "referralId", occurred_at AS "occurredAt", NULL::jsonb AS data
  FROM inbound_messages
 WHERE tenant_id = $1 AND agency_id = $2 AND event_id = ANY($3::text[])
UNION ALL
SELECT false, id, event_id, referral_id, occurred_at, body->'data'
  FROM inbound_messages
 WHERE tenant_id = $1 AND referral_id = ANY($4::uuid[]) AND state = 'pending';

-- setStates
UPDATE inbound_messages i SET state = x.state, error = x.error
  FROM unnest($2::uuid[], $3::text[], $4::text[]) AS x(id, state, error)
 WHERE i.tenant_id = $1 AND i.id = x.id;


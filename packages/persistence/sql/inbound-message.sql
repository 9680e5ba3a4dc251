-- insertMany
INSERT INTO inbound_messages (tenant_id, agency_id, id, event_id, referral_id, occurred_at, body, state, error)
SELECT $1, $2, x.id, x.event_id, x.referral_id, x.occurred_at, x.body::jsonb, x.state, x.error
  FROM unnest($3::uuid[], $4::text[], $5::uuid[], $6::timestamptz[], $7::text[], $8::text[], $9::text[])
       AS x(id, event_id, referral_id, occurred_at, body, state, error);

-- knownEventIds
SELECT event_id AS "eventId" FROM inbound_messages
 WHERE tenant_id = $1 AND agency_id = $2 AND event_id = ANY($3::text[]);

-- pendingOfReferrals
SELECT id, event_id AS "eventId", referral_id AS "referralId", occurred_at AS "occurredAt", body->'data' AS data
  FROM inbound_messages
 WHERE tenant_id = $1 AND referral_id = ANY($2::uuid[]) AND state = 'pending';

-- setStates
UPDATE inbound_messages i SET state = x.state, error = x.error
  FROM unnest($2::uuid[], $3::text[], $4::text[]) AS x(id, state, error)
 WHERE i.tenant_id = $1 AND i.id = x.id;


-- denials
SELECT t.slug AS tenant, e.action, count(*)::int AS n
  FROM audit_events e JOIN tenants t ON t.id = e.tenant_id
 WHERE e.allowed = false GROUP BY t.slug, e.action;

-- oldestQueued
SELECT t.slug AS tenant, extract(epoch FROM now() - min(o.created_at))::float8 AS age
  FROM outbox_messages o JOIN tenants t ON t.id = o.tenant_id
 WHERE o.delivery_state = 'queued' GROUP BY t.slug;

-- outboxByState
SELECT t.slug AS tenant, a.name AS agency, o.delivery_state AS state, count(*)::int AS n
  FROM outbox_messages o
  JOIN tenants t ON t.id = o.tenant_id
  JOIN agencies a ON a.tenant_id = o.tenant_id AND a.id = o.agency_id
 GROUP BY t.slug, a.id, a.name, o.delivery_state;


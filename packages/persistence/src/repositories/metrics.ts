import { rows, statement, type Db } from './statement.js';

// Counts only, never case data; each statement sees one tenant (the caller sets the tenant
// fence per tenant), labelled with the tenant's slug and the agency's name, never with ids.

const outboxByState = statement<{ tenant: string; agency: string; state: string; n: number }, []>(
  'metrics',
  'outboxByState',
  `
  SELECT t.slug AS tenant, a.name AS agency, o.delivery_state AS state, count(*)::int AS n
    FROM outbox_messages o
    JOIN tenants t ON t.id = o.tenant_id
    JOIN agencies a ON a.tenant_id = o.tenant_id AND a.id = o.agency_id
   GROUP BY t.slug, a.id, a.name, o.delivery_state`,
);

const oldestQueued = statement<{ tenant: string; age: number }, []>(
  'metrics',
  'oldestQueued',
  `
  SELECT t.slug AS tenant, extract(epoch FROM now() - min(o.created_at))::float8 AS age
    FROM outbox_messages o JOIN tenants t ON t.id = o.tenant_id
   WHERE o.delivery_state = 'queued' GROUP BY t.slug`,
);

// audit_events has no index on `allowed`: a scan, which the caller's snapshot time bounds.
const denials = statement<{ tenant: string; action: string; n: number }, []>(
  'metrics',
  'denials',
  `
  SELECT t.slug AS tenant, e.action, count(*)::int AS n
    FROM audit_events e JOIN tenants t ON t.id = e.tenant_id
   WHERE e.allowed = false GROUP BY t.slug, e.action`,
);

/** What monitoring reads from the database: counts per tenant, agency, state and action. */
export const metricsRepository = {
  outboxByState: (db: Db) => rows(db, outboxByState, []),
  oldestQueued: (db: Db) => rows(db, oldestQueued, []),
  denials: (db: Db) => rows(db, denials, []),
};

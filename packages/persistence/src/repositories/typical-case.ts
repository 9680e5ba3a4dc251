import type { LifeDomain, ReferralStatus, TimelineKind } from '@kim/contracts';
import { maybeOne, rows, statement, type Db } from './statement.js';

// The typical-case export (core/board/typical-case.ts): one case, pseudonymised, with days
// relative to its opening. Only what the export needs is read.

const person = statement<
  { arrival: string | null; birth: string | null; precision: string; residence: string | null; languages: string[] },
  [string, string]
>(
  'typical-case',
  'person',
  `
  SELECT arrival_date::text AS arrival, birth_date::text AS birth, birth_date_precision AS precision,
         residence_status AS residence, languages FROM persons WHERE tenant_id = $1 AND id = $2`,
);

const region = statement<{ name: string; area: string }, [string, string]>(
  'typical-case',
  'region',
  `
  SELECT name, coordination_area_id AS area FROM regions WHERE tenant_id = $1 AND id = $2`,
);

const needs = statement<{ domain: LifeDomain }, [string, string]>(
  'typical-case',
  'needs',
  `
  SELECT DISTINCT domain FROM case_needs WHERE tenant_id = $1 AND case_id = $2 ORDER BY domain`,
);

const goals = statement<{ domain: LifeDomain; status: string }, [string, string]>(
  'typical-case',
  'goals',
  `
  SELECT domain, status FROM goals WHERE tenant_id = $1 AND case_id = $2 ORDER BY created_at, id`,
);

const referrals = statement<
  {
    id: string;
    kind: string;
    legal_domain: string;
    service: string;
    status: ReferralStatus;
    requested_at: Date | null;
    accepted_at: Date | null;
    started_at: Date | null;
    finished_at: Date | null;
  },
  [string, string]
>(
  'typical-case',
  'referrals',
  `
  SELECT f.id, a.kind, a.legal_domain, s.name AS service, f.status, f.requested_at, f.accepted_at, f.started_at, f.finished_at
    FROM referrals f JOIN agencies a ON a.tenant_id = f.tenant_id AND a.id = f.agency_id
    JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
   WHERE f.tenant_id = $1 AND f.case_id = $2 ORDER BY coalesce(f.requested_at, f.created_at), f.id`,
);

const events = statement<
  { kind: TimelineKind; occurred_at: Date; actor_role: string; referral_id: string | null; data: { to?: unknown } },
  [string, string]
>(
  'typical-case',
  'events',
  `
  SELECT kind, occurred_at, actor_role, referral_id, data FROM timeline_events
   WHERE tenant_id = $1 AND case_id = $2 ORDER BY occurred_at, recorded_at, id`,
);

export const typicalCaseRepository = {
  person: (db: Db, tenantId: string, personId: string) => maybeOne(db, person, [tenantId, personId]),
  region: (db: Db, tenantId: string, regionId: string) => maybeOne(db, region, [tenantId, regionId]),
  needs: (db: Db, tenantId: string, caseId: string) => rows(db, needs, [tenantId, caseId]),
  goals: (db: Db, tenantId: string, caseId: string) => rows(db, goals, [tenantId, caseId]),
  referrals: (db: Db, tenantId: string, caseId: string) => rows(db, referrals, [tenantId, caseId]),
  events: (db: Db, tenantId: string, caseId: string) => rows(db, events, [tenantId, caseId]),
};

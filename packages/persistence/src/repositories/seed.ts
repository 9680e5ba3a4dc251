import type {
  AgencyEntity,
  AuditEventEntity,
  CaseEntity,
  CaseNeedEntity,
  ConsentEntity,
  CoordinationAreaEntity,
  GoalEntity,
  PersonEntity,
  ReferralEntity,
  RegionEntity,
  ServiceEntity,
  StaffUserEntity,
  TenantEntity,
  TimelineEventEntity,
} from '../entities/index.js';
import { execute, maybeOne, rows, statement, type Db } from './statement.js';

/**
 * An INSERT of many rows from one JSON array ($1): each element an object with the given
 * (camelCase) fields, inserted in the array's order (the audit ledger's hash chain follows the
 * insertion order); columns not listed take their defaults.
 */
function bulkInsert(table: string, columns: readonly (readonly [field: string, column: string, type: string])[]) {
  return `
  INSERT INTO ${table} (${columns.map(([, column]) => column).join(', ')})
  SELECT ${columns.map(([field]) => `x."${field}"`).join(', ')}
    FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (${columns.map(([field, , type]) => `"${field}" ${type}`).join(', ')}))
         WITH ORDINALITY AS x(${columns.map(([field]) => `"${field}"`).join(', ')}, n)
   ORDER BY x.n`;
}

const insertOf = (name: string, table: string, columns: readonly (readonly [string, string, string])[]) =>
  statement<never, [string]>('seed', name, bulkInsert(table, columns));

const tenantExists = statement<{ one: number }, [string]>(
  'seed',
  'tenantExists',
  `
  SELECT 1 AS one FROM tenants WHERE id = $1`,
);

const agencySecrets = statement<{ id: string; webhookSecret: string }, [string]>(
  'seed',
  'agencySecrets',
  `
  SELECT id, webhook_secret AS "webhookSecret" FROM agencies WHERE tenant_id = $1`,
);

const tenants = insertOf('tenants', 'tenants', [
  ['id', 'id', 'uuid'],
  ['slug', 'slug', 'text'],
  ['name', 'name', 'text'],
]);

const coordinationAreas = insertOf('coordinationAreas', 'coordination_areas', [
  ['tenantId', 'tenant_id', 'uuid'],
  ['id', 'id', 'uuid'],
  ['name', 'name', 'text'],
  ['kind', 'kind', 'text'],
]);

const regions = insertOf('regions', 'regions', [
  ['tenantId', 'tenant_id', 'uuid'],
  ['id', 'id', 'uuid'],
  ['name', 'name', 'text'],
  ['fte', 'fte', 'numeric'],
  ['caseloadKey', 'caseload_key', 'integer'],
  ['coordinationAreaId', 'coordination_area_id', 'uuid'],
]);

const staff = insertOf('staff', 'staff_users', [
  ['tenantId', 'tenant_id', 'uuid'],
  ['id', 'id', 'uuid'],
  ['displayName', 'display_name', 'text'],
  ['email', 'email', 'text'],
  ['role', 'role', 'text'],
  ['regionId', 'region_id', 'uuid'],
  ['coordinationAreaId', 'coordination_area_id', 'uuid'],
  ['fte', 'fte', 'numeric'],
  ['tokenHash', 'token_hash', 'text'],
  ['mayOverride', 'may_override', 'boolean'],
]);

const agencies = insertOf('agencies', 'agencies', [
  ['tenantId', 'tenant_id', 'uuid'],
  ['id', 'id', 'uuid'],
  ['name', 'name', 'text'],
  ['kind', 'kind', 'text'],
  ['legalDomain', 'legal_domain', 'text'],
  ['channel', 'channel', 'text'],
  ['webhookUrl', 'webhook_url', 'text'],
  ['webhookSecret', 'webhook_secret', 'text'],
  ['apiKeyHash', 'api_key_hash', 'text'],
]);

const services = insertOf('services', 'services', [
  ['tenantId', 'tenant_id', 'uuid'],
  ['id', 'id', 'uuid'],
  ['agencyId', 'agency_id', 'uuid'],
  ['code', 'code', 'text'],
  ['name', 'name', 'text'],
  ['lifeDomain', 'life_domain', 'text'],
  ['responseDays', 'response_days', 'integer'],
  ['integrationCourse', 'integration_course', 'boolean'],
  ['fundingLine', 'funding_line', 'text'],
]);

const persons = insertOf('persons', 'persons', [
  ['tenantId', 'tenant_id', 'uuid'],
  ['id', 'id', 'uuid'],
  ['givenNames', 'given_names', 'text'],
  ['familyName', 'family_name', 'text'],
  ['nameOriginalScript', 'name_original_script', 'text'],
  ['aliases', 'aliases', 'jsonb'],
  ['birthDate', 'birth_date', 'date'],
  ['birthDatePrecision', 'birth_date_precision', 'text'],
  ['sex', 'sex', 'text'],
  ['nationality', 'nationality', 'text'],
  ['languages', 'languages', 'text[]'],
  ['residenceStatus', 'residence_status', 'text'],
  ['municipality', 'municipality', 'text'],
  ['arrivalDate', 'arrival_date', 'date'],
]);

const cases = insertOf('cases', 'cases', [
  ['tenantId', 'tenant_id', 'uuid'],
  ['id', 'id', 'uuid'],
  ['reference', 'reference', 'text'],
  ['personId', 'person_id', 'uuid'],
  ['caseManagerId', 'case_manager_id', 'uuid'],
  ['regionId', 'region_id', 'uuid'],
  ['phase', 'phase', 'text'],
  ['openedAt', 'opened_at', 'timestamptz'],
  ['closedAt', 'closed_at', 'timestamptz'],
  ['version', 'version', 'integer'],
]);

const needs = insertOf('needs', 'case_needs', [
  ['tenantId', 'tenant_id', 'uuid'],
  ['caseId', 'case_id', 'uuid'],
  ['domain', 'domain', 'text'],
  ['description', 'description', 'text'],
]);

const goals = insertOf('goals', 'goals', [
  ['tenantId', 'tenant_id', 'uuid'],
  ['caseId', 'case_id', 'uuid'],
  ['domain', 'domain', 'text'],
  ['description', 'description', 'text'],
  ['targetDate', 'target_date', 'date'],
  ['status', 'status', 'text'],
]);

const consents = insertOf('consents', 'consents', [
  ['tenantId', 'tenant_id', 'uuid'],
  ['id', 'id', 'uuid'],
  ['personId', 'person_id', 'uuid'],
  ['caseId', 'case_id', 'uuid'],
  ['recipientAgencyId', 'recipient_agency_id', 'uuid'],
  ['purposes', 'purposes', 'text[]'],
  ['categories', 'categories', 'text[]'],
  ['validFrom', 'valid_from', 'date'],
  ['validUntil', 'valid_until', 'date'],
  ['revokedAt', 'revoked_at', 'timestamptz'],
  ['evidence', 'evidence', 'jsonb'],
  ['capturedBy', 'captured_by', 'uuid'],
]);

const referrals = insertOf('referrals', 'referrals', [
  ['tenantId', 'tenant_id', 'uuid'],
  ['id', 'id', 'uuid'],
  ['caseId', 'case_id', 'uuid'],
  ['serviceId', 'service_id', 'uuid'],
  ['agencyId', 'agency_id', 'uuid'],
  ['purpose', 'purpose', 'text'],
  ['categories', 'categories', 'text[]'],
  ['status', 'status', 'text'],
  ['businessStatus', 'business_status', 'text'],
  ['statusReason', 'status_reason', 'text'],
  ['servicesDelivered', 'services_delivered', 'text[]'],
  ['outcome', 'outcome', 'text'],
  ['note', 'note', 'text'],
  ['respondBy', 'respond_by', 'date'],
  ['createdBy', 'created_by', 'uuid'],
  ['lastAgencyUpdateAt', 'last_agency_update_at', 'timestamptz'],
  ['lastAgencyEventId', 'last_agency_event_id', 'text'],
  ['requestedAt', 'requested_at', 'timestamptz'],
  ['acceptedAt', 'accepted_at', 'timestamptz'],
  ['startedAt', 'started_at', 'timestamptz'],
  ['finishedAt', 'finished_at', 'timestamptz'],
  ['createdAt', 'created_at', 'timestamptz'],
  ['updatedAt', 'updated_at', 'timestamptz'],
  ['version', 'version', 'integer'],
]);

const timeline = insertOf('timeline', 'timeline_events', [
  ['tenantId', 'tenant_id', 'uuid'],
  ['caseId', 'case_id', 'uuid'],
  ['referralId', 'referral_id', 'uuid'],
  ['kind', 'kind', 'text'],
  ['occurredAt', 'occurred_at', 'timestamptz'],
  ['actorRole', 'actor_role', 'text'],
  ['actorId', 'actor_id', 'uuid'],
  ['summary', 'summary', 'text'],
  ['summaryCode', 'summary_code', 'text'],
  ['summaryParams', 'summary_params', 'jsonb'],
  ['data', 'data', 'jsonb'],
]);

const ledger = insertOf('ledger', 'audit_events', [
  ['tenantId', 'tenant_id', 'uuid'],
  ['at', 'at', 'timestamptz'],
  ['actorKind', 'actor_kind', 'text'],
  ['actorId', 'actor_id', 'uuid'],
  ['action', 'action', 'text'],
  ['subjectType', 'subject_type', 'text'],
  ['subjectId', 'subject_id', 'uuid'],
  ['categories', 'categories', 'text[]'],
  ['basis', 'basis', 'text'],
  ['allowed', 'allowed', 'boolean'],
  ['reason', 'reason', 'text'],
  ['personId', 'person_id', 'uuid'],
  ['agencyId', 'agency_id', 'uuid'],
]);

/** Rows go in chunks: one JSON parameter each, of a size PostgreSQL parses without strain. */
const CHUNK = 2000;

async function insertAll(db: Db, s: typeof tenants, items: readonly object[]): Promise<void> {
  for (let i = 0; i < items.length; i += CHUNK) await execute(db, s, [JSON.stringify(items.slice(i, i + CHUNK))]);
}

/**
 * Seeding (the demo data and the benchmarks' tenants, development only): fixtures written in
 * bulk, a statement per table; in a transaction, each insert after the rows it refers to.
 */
export const seedRepository = {
  tenantExists: async (db: Db, tenantId: string) => (await maybeOne(db, tenantExists, [tenantId])) !== null,
  /** The agencies' stored webhook secrets (a second run hands out these). */
  agencySecrets: (db: Db, tenantId: string) => rows(db, agencySecrets, [tenantId]),
  tenants: (db: Db, r: readonly Partial<TenantEntity>[]) => insertAll(db, tenants, r),
  coordinationAreas: (db: Db, r: readonly Partial<CoordinationAreaEntity>[]) => insertAll(db, coordinationAreas, r),
  regions: (db: Db, r: readonly Partial<RegionEntity>[]) => insertAll(db, regions, r),
  staff: (db: Db, r: readonly Partial<StaffUserEntity>[]) => insertAll(db, staff, r),
  agencies: (db: Db, r: readonly Partial<AgencyEntity>[]) => insertAll(db, agencies, r),
  services: (db: Db, r: readonly Partial<ServiceEntity>[]) => insertAll(db, services, r),
  persons: (db: Db, r: readonly Partial<PersonEntity>[]) => insertAll(db, persons, r),
  cases: (db: Db, r: readonly Partial<CaseEntity>[]) => insertAll(db, cases, r),
  needs: (db: Db, r: readonly Partial<CaseNeedEntity>[]) => insertAll(db, needs, r),
  goals: (db: Db, r: readonly Partial<GoalEntity>[]) => insertAll(db, goals, r),
  consents: (db: Db, r: readonly Partial<ConsentEntity>[]) => insertAll(db, consents, r),
  referrals: (db: Db, r: readonly Partial<ReferralEntity>[]) => insertAll(db, referrals, r),
  timeline: (db: Db, r: readonly Partial<TimelineEventEntity>[]) => insertAll(db, timeline, r),
  ledger: (db: Db, r: readonly Partial<AuditEventEntity>[]) => insertAll(db, ledger, r),
};

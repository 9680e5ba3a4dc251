import { execute, maybeOne, rows, statement, type Db } from './statement.js';

/** A partner agency as stored (the API key only as its hash). */
export interface AgencyRow {
  tenantId: string;
  id: string;
  name: string;
  kind: string;
  legalDomain: string;
  channel: string;
  webhookUrl: string | null;
  webhookSecret: string;
  nextWebhookSecret: string | null;
  secretRotationStartedAt: Date | null;
  apiKeyHash: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  contactAddress: string | null;
  contactHours: string | null;
}

/** A service an agency offers, with its deadlines in working days. */
export interface ServiceRow {
  tenantId: string;
  id: string;
  agencyId: string;
  code: string;
  name: string;
  lifeDomain: string;
  responseDays: number;
  integrationCourse: boolean;
  fundingLine: string | null;
}

/** Column and row field of an agency: one list for every statement that reads agencies, joins included. */
const AGENCY_FIELDS = [
  ['tenant_id', 'tenantId'],
  ['id', 'id'],
  ['name', 'name'],
  ['kind', 'kind'],
  ['legal_domain', 'legalDomain'],
  ['channel', 'channel'],
  ['webhook_url', 'webhookUrl'],
  ['webhook_secret', 'webhookSecret'],
  ['next_webhook_secret', 'nextWebhookSecret'],
  ['secret_rotation_started_at', 'secretRotationStartedAt'],
  ['api_key_hash', 'apiKeyHash'],
  ['contact_phone', 'contactPhone'],
  ['contact_email', 'contactEmail'],
  ['contact_address', 'contactAddress'],
  ['contact_hours', 'contactHours'],
] as const;
const SERVICE_FIELDS = [
  ['tenant_id', 'tenantId'],
  ['id', 'id'],
  ['agency_id', 'agencyId'],
  ['code', 'code'],
  ['name', 'name'],
  ['life_domain', 'lifeDomain'],
  ['response_days', 'responseDays'],
  ['integration_course', 'integrationCourse'],
  ['funding_line', 'fundingLine'],
] as const;

/** A select list: each column of the table alias `q`, named as its row field behind `prefix` (for joins). */
const selectList = (fields: readonly (readonly [string, string])[], q: string, prefix: string) =>
  fields
    .map(([column, field]) => (column === field && !prefix ? `${q}${column}` : `${q}${column} AS "${prefix}${field}"`))
    .join(',\n         ');

/** An agency's columns, of table alias `q` (e.g. `a.`), their fields named behind `prefix`. */
export const agencyColumns = (q = '', prefix = '') => selectList(AGENCY_FIELDS, q, prefix);
/** A service's columns, of table alias `q` (e.g. `s.`), their fields named behind `prefix`. */
export const serviceColumns = (q = '', prefix = '') => selectList(SERVICE_FIELDS, q, prefix);

const AGENCY_COLUMNS = agencyColumns();
const SERVICE_COLUMNS = serviceColumns();

const list = statement<AgencyRow, [string]>(
  'agency',
  'list',
  `
  SELECT ${AGENCY_COLUMNS}
    FROM agencies WHERE tenant_id = $1 ORDER BY name`,
);

const byIds = statement<AgencyRow, [string, string[]]>(
  'agency',
  'byIds',
  `
  SELECT ${AGENCY_COLUMNS}
    FROM agencies WHERE tenant_id = $1 AND id = ANY($2)`,
  { prepared: true },
);

const lockRotation = statement<Pick<AgencyRow, 'nextWebhookSecret' | 'secretRotationStartedAt'>, [string, string]>(
  'agency',
  'lockRotation',
  `
  SELECT next_webhook_secret AS "nextWebhookSecret", secret_rotation_started_at AS "secretRotationStartedAt"
    FROM agencies WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
);

const startRotation = statement<never, [string, string, string, Date]>(
  'agency',
  'startRotation',
  `
  UPDATE agencies SET next_webhook_secret = $3, secret_rotation_started_at = $4
   WHERE tenant_id = $1 AND id = $2`,
);

const finishRotation = statement<never, [string, string]>(
  'agency',
  'finishRotation',
  `
  UPDATE agencies SET webhook_secret = next_webhook_secret, next_webhook_secret = NULL, secret_rotation_started_at = NULL
   WHERE tenant_id = $1 AND id = $2`,
);

const insert = statement<{ id: string }, [string, string, string, string, string, string | null, string, string]>(
  'agency',
  'insert',
  `
  INSERT INTO agencies (tenant_id, name, kind, legal_domain, channel, webhook_url, webhook_secret, api_key_hash)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
  RETURNING id`,
);

const labels = statement<{ tenant: string; agency: string }, [string, string]>(
  'agency',
  'labels',
  `
  SELECT t.slug AS tenant, a.name AS agency FROM agencies a JOIN tenants t ON t.id = a.tenant_id
   WHERE a.tenant_id = $1 AND a.id = $2`,
);

const byIdInTenants = statement<{ tenantId: string; name: string }, [string, string[] | null]>(
  'agency',
  'byIdInTenants',
  `
  SELECT tenant_id AS "tenantId", name FROM agencies WHERE id = $1 AND ($2::uuid[] IS NULL OR tenant_id = ANY($2))`,
);

const servicesByIds = statement<ServiceRow, [string, string[]]>(
  'agency',
  'servicesByIds',
  `
  SELECT ${SERVICE_COLUMNS}
    FROM services WHERE tenant_id = $1 AND id = ANY($2)`,
  { prepared: true },
);

const servicesByAgencies = statement<ServiceRow, [string, string[]]>(
  'agency',
  'servicesByAgencies',
  `
  SELECT ${SERVICE_COLUMNS}
    FROM services WHERE tenant_id = $1 AND agency_id = ANY($2) ORDER BY code`,
  { prepared: true },
);

export interface AgencyInsert {
  tenantId: string;
  name: string;
  kind: string;
  legalDomain: string;
  channel: string;
  webhookUrl: string | null;
  webhookSecret: string;
  apiKeyHash: string | null;
}

/** What the administration sets on an agency. */
export interface AgencyWrite {
  name: string;
  kind: string;
  legalDomain: string;
  channel: string;
  webhookUrl: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  contactAddress: string | null;
  contactHours: string | null;
}

/** What the administration sets on a service. */
export interface ServiceWrite {
  name: string;
  lifeDomain: string;
  responseDays: number;
  integrationCourse: boolean;
  fundingLine: string | null;
}

const insertAdministered = statement<
  { id: string },
  [
    string,
    string,
    string,
    string,
    string,
    string | null,
    string,
    string | null,
    string | null,
    string | null,
    string | null,
  ]
>(
  'agency',
  'insertAdministered',
  `
  INSERT INTO agencies (tenant_id, name, kind, legal_domain, channel, webhook_url, webhook_secret,
                        contact_phone, contact_email, contact_address, contact_hours)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
  RETURNING id`,
);

const lock = statement<AgencyRow, [string, string]>(
  'agency',
  'lock',
  `
  SELECT ${AGENCY_COLUMNS}
    FROM agencies WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
);

const write = statement<
  never,
  [
    string,
    string,
    string,
    string,
    string,
    string,
    string | null,
    string | null,
    string | null,
    string | null,
    string | null,
  ]
>(
  'agency',
  'write',
  `
  UPDATE agencies
     SET name = $3, kind = $4, legal_domain = $5, channel = $6, webhook_url = $7,
         contact_phone = $8, contact_email = $9, contact_address = $10, contact_hours = $11
   WHERE tenant_id = $1 AND id = $2`,
);

const services = statement<ServiceRow, [string]>(
  'agency',
  'services',
  `
  SELECT ${SERVICE_COLUMNS}
    FROM services WHERE tenant_id = $1 ORDER BY code`,
);

const insertService = statement<
  { id: string },
  [string, string, string, string, string, number, boolean, string | null]
>(
  'agency',
  'insertService',
  `
  INSERT INTO services (tenant_id, agency_id, code, name, life_domain, response_days, integration_course, funding_line)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
  RETURNING id`,
);

const lockService = statement<ServiceRow, [string, string]>(
  'agency',
  'lockService',
  `
  SELECT ${SERVICE_COLUMNS}
    FROM services WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
);

const writeService = statement<never, [string, string, string, string, number, boolean, string | null]>(
  'agency',
  'writeService',
  `
  UPDATE services SET name = $3, life_domain = $4, response_days = $5, integration_course = $6, funding_line = $7
   WHERE tenant_id = $1 AND id = $2`,
);

/** Agencies, their services and webhook secrets. */
export const agencyRepository = {
  list: (db: Db, tenantId: string) => rows(db, list, [tenantId]),
  /** An agency made by the administration: its API keys are credentials of their own. */
  async insertAdministered(db: Db, tenantId: string, a: AgencyWrite, webhookSecret: string): Promise<string> {
    const [row] = await rows(db, insertAdministered, [
      tenantId,
      a.name,
      a.kind,
      a.legalDomain,
      a.channel,
      a.webhookUrl,
      webhookSecret,
      a.contactPhone,
      a.contactEmail,
      a.contactAddress,
      a.contactHours,
    ]);
    return row!.id;
  },
  /** Lock an agency for a change of its details (inside a transaction). */
  lock: (db: Db, tenantId: string, id: string) => maybeOne(db, lock, [tenantId, id]),
  write: (db: Db, tenantId: string, id: string, a: AgencyWrite) =>
    execute(db, write, [
      tenantId,
      id,
      a.name,
      a.kind,
      a.legalDomain,
      a.channel,
      a.webhookUrl,
      a.contactPhone,
      a.contactEmail,
      a.contactAddress,
      a.contactHours,
    ]),
  /** Every service of a tenant, by code. */
  services: (db: Db, tenantId: string) => rows(db, services, [tenantId]),
  async insertService(db: Db, tenantId: string, agencyId: string, code: string, sv: ServiceWrite): Promise<string> {
    const [row] = await rows(db, insertService, [
      tenantId,
      agencyId,
      code,
      sv.name,
      sv.lifeDomain,
      sv.responseDays,
      sv.integrationCourse,
      sv.fundingLine,
    ]);
    return row!.id;
  },
  lockService: (db: Db, tenantId: string, id: string) => maybeOne(db, lockService, [tenantId, id]),
  writeService: (db: Db, tenantId: string, id: string, sv: ServiceWrite) =>
    execute(db, writeService, [
      tenantId,
      id,
      sv.name,
      sv.lifeDomain,
      sv.responseDays,
      sv.integrationCourse,
      sv.fundingLine,
    ]),
  byIds: (db: Db, tenantId: string, ids: readonly string[]) => rows(db, byIds, [tenantId, [...ids]]),
  byId: (db: Db, tenantId: string, id: string) => maybeOne(db, byIds, [tenantId, [id]]),
  /** Lock an agency for a change of its webhook secrets (inside a transaction). */
  lockRotation: (db: Db, tenantId: string, id: string) => maybeOne(db, lockRotation, [tenantId, id]),
  startRotation: (db: Db, tenantId: string, id: string, nextSecret: string, startedAt: Date) =>
    execute(db, startRotation, [tenantId, id, nextSecret, startedAt]),
  finishRotation: (db: Db, tenantId: string, id: string) => execute(db, finishRotation, [tenantId, id]),
  async insert(db: Db, a: AgencyInsert): Promise<string> {
    const [row] = await rows(db, insert, [
      a.tenantId,
      a.name,
      a.kind,
      a.legalDomain,
      a.channel,
      a.webhookUrl,
      a.webhookSecret,
      a.apiKeyHash,
    ]);
    return row!.id;
  },
  /** The tenant's slug and the agency's name, as metrics label a delivery. */
  labels: (db: Db, tenantId: string, id: string) => maybeOne(db, labels, [tenantId, id]),
  /** An agency by id in any of the given tenants (all when null): for operators who know only the id. */
  byIdInTenants: (db: Db, id: string, tenantIds: readonly string[] | null) =>
    rows(db, byIdInTenants, [id, tenantIds ? [...tenantIds] : null]),
  servicesByIds: (db: Db, tenantId: string, ids: readonly string[]) => rows(db, servicesByIds, [tenantId, [...ids]]),
  servicesByAgencies: (db: Db, tenantId: string, agencyIds: readonly string[]) =>
    rows(db, servicesByAgencies, [tenantId, [...agencyIds]]),
};

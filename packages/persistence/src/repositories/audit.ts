import type { AuditAction } from '@kim/contracts';
import { execute, rows, statement, type Db } from './statement.js';

/** One entry of the audit ledger as written; id, seq, time and (when sealed) the hash chain are the database's. */
export interface AuditInsert {
  tenantId: string;
  actorKind: string;
  actorId: string | null;
  action: AuditAction;
  subjectType: string;
  subjectId: string;
  categories: readonly string[];
  basis: string | null;
  allowed: boolean;
  reason: string | null;
  personId: string | null;
  agencyId: string | null;
}

const insert = statement<
  never,
  [
    string,
    string,
    string | null,
    string,
    string,
    string,
    string[],
    string | null,
    boolean,
    string | null,
    string | null,
    string | null,
  ]
>(
  'audit',
  'insert',
  `
  INSERT INTO audit_events (tenant_id, actor_kind, actor_id, action, subject_type, subject_id, categories, basis,
                            allowed, reason, person_id, agency_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
  { prepared: true },
);

// Many entries as one statement (one JSON array, in its order): atomic on its own, so a
// request's entries of one tick need no transaction around them.
const insertMany = statement<never, [string]>(
  'audit',
  'insertMany',
  `
  INSERT INTO audit_events (tenant_id, actor_kind, actor_id, action, subject_type, subject_id, categories, basis,
                            allowed, reason, person_id, agency_id)
  SELECT x."tenantId", x."actorKind", x."actorId", x.action, x."subjectType", x."subjectId", x.categories, x.basis,
         x.allowed, x.reason, x."personId", x."agencyId"
    FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS ("tenantId" uuid, "actorKind" text, "actorId" uuid, action text,
                    "subjectType" text, "subjectId" uuid, categories text[], basis text, allowed boolean,
                    reason text, "personId" uuid, "agencyId" uuid)) WITH ORDINALITY AS x
   ORDER BY x.ordinality`,
  { prepared: true },
);

/** Each sealed entry of a tenant's chain with whether its hash and its link to the predecessor hold. */
export interface AuditChainLink {
  link: string;
  ok_hash: boolean;
  ok_link: boolean;
  expected_link: string;
}

const chain = statement<AuditChainLink, [string]>(
  'audit',
  'chain',
  `
  SELECT link::text, coalesce(hash = audit_event_digest(prev_hash, e), false) AS ok_hash,
         coalesce(prev_hash = coalesce(lag(hash) OVER w, ''), false) AS ok_link,
         (row_number() OVER w)::text AS expected_link
    FROM audit_events e WHERE tenant_id = $1 AND link IS NOT NULL WINDOW w AS (ORDER BY e.link) ORDER BY e.link`,
);

/** The entries of a tenant the sealer has not chained yet. */
export interface AuditUnsealed {
  n: number;
  /** seq of the oldest, and when it was written. */
  firstSeq: string | null;
  oldestAt: Date | null;
}

const unsealed = statement<AuditUnsealed, [string]>(
  'audit',
  'unsealed',
  `
  SELECT count(*)::int AS n, min(seq)::text AS "firstSeq", min(at) AS "oldestAt"
    FROM audit_events WHERE tenant_id = $1 AND link IS NULL`,
);

// The sealer (migration 1765610000000): chains a tenant's committed unsealed entries in seq order
// under the tenant's lock, in this statement's own transaction; NULL: every tenant.
const seal = statement<{ n: number }, [string | null, number]>(
  'audit',
  'seal',
  `
  SELECT kim_audit_seal($1::uuid, $2::int) AS n`,
);

const disclosures = statement<{ n: number }, [string, string]>(
  'audit',
  'disclosures',
  `
  SELECT count(*)::int AS n FROM audit_events
   WHERE tenant_id = $1 AND subject_id = $2 AND action = 'referral.disclose' AND allowed`,
);

// A disclosure or read whose recorded basis names the consent.
const receivedUnder = statement<{ one: number }, [string, string, string, string]>(
  'audit',
  'receivedUnder',
  `
  SELECT 1 AS one FROM audit_events
   WHERE tenant_id = $1 AND person_id = $2 AND agency_id = $3 AND allowed
     AND $4 = ANY(string_to_array(basis, ',')) LIMIT 1`,
);

const insertArgs = (e: AuditInsert) => ({
  tenantId: e.tenantId,
  actorKind: e.actorKind,
  actorId: e.actorId,
  action: e.action,
  subjectType: e.subjectType,
  subjectId: e.subjectId,
  categories: [...e.categories],
  basis: e.basis,
  allowed: e.allowed,
  reason: e.reason,
  personId: e.personId,
  agencyId: e.agencyId,
});

/**
 * The audit ledger: append-only (the database refuses updates and deletes); entries are chained
 * per tenant by the sealer, after they were written.
 */
export const auditRepository = {
  async insert(db: Db, e: AuditInsert): Promise<void> {
    await execute(db, insert, [
      e.tenantId,
      e.actorKind,
      e.actorId,
      e.action,
      e.subjectType,
      e.subjectId,
      [...e.categories],
      e.basis,
      e.allowed,
      e.reason,
      e.personId,
      e.agencyId,
    ]);
  },

  /** Several entries in one statement, in the given order (no transaction needed around it). */
  async insertMany(db: Db, entries: readonly AuditInsert[]): Promise<void> {
    if (entries.length === 0) return;
    await execute(db, insertMany, [JSON.stringify(entries.map(insertArgs))]);
  },

  chain: (db: Db, tenantId: string): Promise<AuditChainLink[]> => rows(db, chain, [tenantId]),
  unsealed: async (db: Db, tenantId: string): Promise<AuditUnsealed> =>
    (await rows(db, unsealed, [tenantId]))[0] ?? { n: 0, firstSeq: null, oldestAt: null },
  /** Chain up to maxRows committed unsealed entries (of one tenant, or null: of all); how many it sealed. */
  seal: async (db: Db, tenantId: string | null, maxRows: number): Promise<number> =>
    (await rows(db, seal, [tenantId, maxRows]))[0]?.n ?? 0,
  /** How often a referral's data was disclosed (prepared for sending). */
  disclosures: async (db: Db, tenantId: string, referralId: string): Promise<number> =>
    (await rows(db, disclosures, [tenantId, referralId]))[0]?.n ?? 0,
  /** Whether the agency received data of the person on the strength of this consent. */
  receivedUnder: async (
    db: Db,
    c: { tenantId: string; personId: string; agencyId: string; consentId: string },
  ): Promise<boolean> => (await rows(db, receivedUnder, [c.tenantId, c.personId, c.agencyId, c.consentId])).length > 0,
};

import type { AuditAction } from '@kim/contracts';
import { execute, rows, statement, type Db } from './statement.js';

/** One entry of the audit ledger as written; id, seq, time and hash chain are the database's. */
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

/**
 * Several entries in one statement, chained in the order given (the chain's trigger runs for each
 * row as it is inserted, in that order). Categories are arrays of varying length, so the rows go
 * as one JSON array rather than as parallel arrays.
 */
const insertMany = statement<never, [string]>(
  'audit',
  'insertMany',
  `
  INSERT INTO audit_events (tenant_id, actor_kind, actor_id, action, subject_type, subject_id, categories, basis,
                            allowed, reason, person_id, agency_id)
  SELECT e."tenantId", e."actorKind", e."actorId", e.action, e."subjectType", e."subjectId", e.categories, e.basis,
         e.allowed, e.reason, e."personId", e."agencyId"
    FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS ("tenantId" uuid, "actorKind" text, "actorId" uuid, action text,
         "subjectType" text, "subjectId" uuid, categories text[], basis text, allowed boolean, reason text,
         "personId" uuid, "agencyId" uuid)) WITH ORDINALITY AS e
   ORDER BY e.ordinality`,
  { prepared: true },
);

/** Each entry of a tenant's chain with whether its hash and its link to the predecessor hold. */
export interface AuditChainLink {
  seq: string;
  ok_hash: boolean;
  ok_link: boolean;
  expected_seq: string;
}

const chain = statement<AuditChainLink, [string]>(
  'audit',
  'chain',
  `
  SELECT seq::text, hash = audit_event_digest(prev_hash, e) AS ok_hash,
         prev_hash = coalesce(lag(hash) OVER w, '') AS ok_link,
         (row_number() OVER w)::text AS expected_seq
    FROM audit_events e WHERE tenant_id = $1 WINDOW w AS (ORDER BY seq) ORDER BY seq`,
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

/** The audit ledger: append-only (the database chains each row and refuses updates and deletes). */
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

  /** Several entries, chained in the order given (one statement). */
  async insertMany(db: Db, entries: readonly AuditInsert[]): Promise<void> {
    if (entries.length === 1) return this.insert(db, entries[0]!);
    if (entries.length > 0) await execute(db, insertMany, [JSON.stringify(entries)]);
  },

  chain: (db: Db, tenantId: string): Promise<AuditChainLink[]> => rows(db, chain, [tenantId]),
  /** How often a referral's data was disclosed (prepared for sending). */
  disclosures: async (db: Db, tenantId: string, referralId: string): Promise<number> =>
    (await rows(db, disclosures, [tenantId, referralId]))[0]?.n ?? 0,
  /** Whether the agency received data of the person on the strength of this consent. */
  receivedUnder: async (
    db: Db,
    c: { tenantId: string; personId: string; agencyId: string; consentId: string },
  ): Promise<boolean> => (await rows(db, receivedUnder, [c.tenantId, c.personId, c.agencyId, c.consentId])).length > 0,
};

import { execute, maybeOne, rows, statement, type Db } from './statement.js';

/**
 * Moving a case to another Kreis (issue 19): the channel between two tenants. The offers table
 * (case_transfers) is readable by both parties under row-level security; its state changes only
 * through the kim_transfer_* functions of migration 1765520000000 (see docs/privacy.md).
 */
export type TransferStatus = 'offered' | 'withdrawn' | 'declined' | 'accepted';

/** An offer as the receiving Kreis sees it: nothing personal. */
export interface IncomingTransferRow {
  id: string;
  fromTenantId: string;
  fromTenantName: string;
  categories: string[];
  status: TransferStatus;
  offeredAt: Date;
  decidedAt: Date | null;
  declineReason: string | null;
}

/** An offer as the sending Kreis sees it: with its own case. */
export interface OutgoingTransferRow extends Omit<IncomingTransferRow, 'fromTenantId' | 'fromTenantName'> {
  toTenantId: string;
  toTenantName: string;
  caseId: string;
  caseReference: string;
  personId: string;
  consentId: string;
  offeredBy: string;
  closedAt: Date | null;
}

const insertOffer = statement<{ offeredAt: Date }, [string, string, string, string[]]>(
  'transfer',
  'insertOffer',
  `
  INSERT INTO case_transfers (tenant_id, id, to_tenant_id, categories)
  VALUES ($1, $2, $3, $4)
  RETURNING offered_at AS "offeredAt"`,
);

const insertSource = statement<never, [string, string, string, string, string, string, string]>(
  'transfer',
  'insertSource',
  `
  INSERT INTO case_transfer_sources (tenant_id, id, case_id, person_id, consent_id, offered_by, package)
  VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
);

const OUTGOING = `
  SELECT t.id, t.to_tenant_id AS "toTenantId", rt.name AS "toTenantName", t.categories, t.status,
         t.offered_at AS "offeredAt", t.decided_at AS "decidedAt", t.decline_reason AS "declineReason",
         s.case_id AS "caseId", c.reference AS "caseReference", s.person_id AS "personId",
         s.consent_id AS "consentId", s.offered_by AS "offeredBy", s.closed_at AS "closedAt"
    FROM case_transfers t
    JOIN case_transfer_sources s ON s.tenant_id = t.tenant_id AND s.id = t.id
    JOIN cases c ON c.tenant_id = s.tenant_id AND c.id = s.case_id
    JOIN tenants rt ON rt.id = t.to_tenant_id`;

const outgoingOfCases = statement<OutgoingTransferRow, [string, string[]]>(
  'transfer',
  'outgoingOfCases',
  `${OUTGOING}
   WHERE t.tenant_id = $1 AND s.case_id = ANY($2)
   ORDER BY t.offered_at DESC`,
);

const outgoingById = statement<OutgoingTransferRow, [string, string]>(
  'transfer',
  'outgoingById',
  `${OUTGOING}
   WHERE t.tenant_id = $1 AND t.id = $2`,
);

const openOfConsent = statement<{ id: string }, [string, string]>(
  'transfer',
  'openOfConsent',
  `
  SELECT t.id FROM case_transfers t JOIN case_transfer_sources s ON s.tenant_id = t.tenant_id AND s.id = t.id
   WHERE t.tenant_id = $1 AND s.consent_id = $2 AND t.status = 'offered'`,
);

// Accepted offers whose sending case is not closed yet (the sender's side of an accept).
const acceptedUnclosed = statement<OutgoingTransferRow, [string]>(
  'transfer',
  'acceptedUnclosed',
  `${OUTGOING}
   WHERE t.tenant_id = $1 AND t.status = 'accepted' AND s.closed_at IS NULL
   ORDER BY t.decided_at
     FOR UPDATE OF s SKIP LOCKED`,
);

const markClosed = statement<never, [string, string]>(
  'transfer',
  'markClosed',
  `
  UPDATE case_transfer_sources SET closed_at = now() WHERE tenant_id = $1 AND id = $2`,
);

const INCOMING = `
  SELECT t.id, t.tenant_id AS "fromTenantId", ft.name AS "fromTenantName", t.categories, t.status,
         t.offered_at AS "offeredAt", t.decided_at AS "decidedAt", t.decline_reason AS "declineReason"
    FROM case_transfers t JOIN tenants ft ON ft.id = t.tenant_id`;

const incoming = statement<IncomingTransferRow, [string]>(
  'transfer',
  'incoming',
  `${INCOMING}
   WHERE t.to_tenant_id = $1
   ORDER BY t.offered_at DESC`,
);

const incomingById = statement<IncomingTransferRow, [string, string]>(
  'transfer',
  'incomingById',
  `${INCOMING}
   WHERE t.to_tenant_id = $1 AND t.id = $2`,
);

const withdraw = statement<{ done: boolean }, [string, string]>(
  'transfer',
  'withdraw',
  `
  SELECT kim_transfer_withdraw($1, $2) AS done`,
);

const decline = statement<{ done: boolean }, [string, string]>(
  'transfer',
  'decline',
  `
  SELECT kim_transfer_decline($1, $2) AS done`,
);

const accept = statement<{ outcome: 'accepted' | 'not-open' | 'consent-ended'; package: unknown }, [string]>(
  'transfer',
  'accept',
  `
  SELECT outcome, package FROM kim_transfer_accept($1)`,
);

const note = statement<{ done: boolean }, [string, string]>(
  'transfer',
  'note',
  `
  SELECT kim_transfer_note($1, $2) AS done`,
);

const receivingTenants = statement<{ id: string; name: string }, [string]>(
  'transfer',
  'receivingTenants',
  `
  SELECT id, name FROM tenants WHERE accepts_transfers AND id <> $1 ORDER BY name`,
);

const setAcceptsTransfers = statement<never, [string, boolean]>(
  'transfer',
  'setAcceptsTransfers',
  `
  UPDATE tenants SET accepts_transfers = $2 WHERE id = $1`,
);

export const transferRepository = {
  insertOffer: async (db: Db, o: { tenantId: string; id: string; toTenantId: string; categories: string[] }) =>
    (await rows(db, insertOffer, [o.tenantId, o.id, o.toTenantId, o.categories]))[0]!,
  insertSource: (
    db: Db,
    s: {
      tenantId: string;
      id: string;
      caseId: string;
      personId: string;
      consentId: string;
      offeredBy: string;
      package: unknown;
    },
  ) =>
    execute(db, insertSource, [
      s.tenantId,
      s.id,
      s.caseId,
      s.personId,
      s.consentId,
      s.offeredBy,
      JSON.stringify(s.package),
    ]),
  outgoingOfCases: (db: Db, tenantId: string, caseIds: readonly string[]) =>
    rows(db, outgoingOfCases, [tenantId, [...caseIds]]),
  outgoingById: (db: Db, tenantId: string, id: string) => maybeOne(db, outgoingById, [tenantId, id]),
  openOfConsent: async (db: Db, tenantId: string, consentId: string) =>
    (await rows(db, openOfConsent, [tenantId, consentId])).map((r) => r.id),
  acceptedUnclosed: (db: Db, tenantId: string) => rows(db, acceptedUnclosed, [tenantId]),
  markClosed: (db: Db, tenantId: string, id: string) => execute(db, markClosed, [tenantId, id]),
  incoming: (db: Db, tenantId: string) => rows(db, incoming, [tenantId]),
  incomingById: (db: Db, tenantId: string, id: string) => maybeOne(db, incomingById, [tenantId, id]),
  /** The sender withdraws an open offer; false if it is not (or no longer) open. */
  withdraw: async (db: Db, id: string, why: string) => (await rows(db, withdraw, [id, why]))[0]!.done,
  /** The receiver declines an open offer addressed to it; false if there is none. */
  decline: async (db: Db, id: string, reason: string) => (await rows(db, decline, [id, reason]))[0]!.done,
  /** The receiver accepts: the package, once, while the consent is in force. */
  accept: async (db: Db, id: string) => (await rows(db, accept, [id]))[0]!,
  /** A step for the other party's ledger. */
  note: async (
    db: Db,
    id: string,
    what: 'transfer.offered' | 'transfer.viewed' | 'transfer.copied' | 'transfer.closed',
  ) => (await rows(db, note, [id, what]))[0]!.done,
  /** Kreise of the hub that take transfers, except the caller's own. */
  receivingTenants: (db: Db, tenantId: string) => rows(db, receivingTenants, [tenantId]),
  /** Whether a tenant takes cases from other Kreise (the platform operator decides). */
  setAcceptsTransfers: (db: Db, tenantId: string, accepts: boolean) =>
    execute(db, setAcceptsTransfers, [tenantId, accepts]),
};

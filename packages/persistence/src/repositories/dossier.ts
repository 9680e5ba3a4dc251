import { maybeOne, rows, statement, type Db } from './statement.js';

export interface DossierRow {
  tenantId: string;
  id: string;
  caseId: string;
  agencyId: string;
  achievementIds: string[];
  note: string | null;
  outboxId: string;
  createdBy: string;
  createdAt: Date;
}

const COLUMNS = `
         tenant_id AS "tenantId", id, case_id AS "caseId", agency_id AS "agencyId",
         achievement_ids AS "achievementIds", note, outbox_id AS "outboxId", created_by AS "createdBy",
         created_at AS "createdAt"`;

const insert = statement<DossierRow, [string, string, string, string, string[], string | null, string, string]>(
  'dossier',
  'insert',
  `
  INSERT INTO dossiers (tenant_id, id, case_id, agency_id, achievement_ids, note, outbox_id, created_by)
  VALUES ($1, $2, $3, $4, $5::uuid[], $6, $7, $8)
  RETURNING ${COLUMNS}`,
);

const byOutbox = statement<DossierRow, [string, string]>(
  'dossier',
  'byOutbox',
  `
  SELECT ${COLUMNS} FROM dossiers WHERE tenant_id = $1 AND outbox_id = $2`,
);

// With the delivery state of each dossier's message, for the case page.
const byCases = statement<DossierRow & { deliveryState: string }, [string, string[]]>(
  'dossier',
  'byCases',
  `
  SELECT d.tenant_id AS "tenantId", d.id, d.case_id AS "caseId", d.agency_id AS "agencyId",
         d.achievement_ids AS "achievementIds", d.note, d.outbox_id AS "outboxId", d.created_by AS "createdBy",
         d.created_at AS "createdAt", o.delivery_state AS "deliveryState"
    FROM dossiers d JOIN outbox_messages o ON o.tenant_id = d.tenant_id AND o.id = d.outbox_id
   WHERE d.tenant_id = $1 AND d.case_id = ANY($2)
   ORDER BY d.created_at, d.id`,
);

export const dossierRepository = {
  async insert(db: Db, d: Omit<DossierRow, 'createdAt'>): Promise<DossierRow> {
    const [row] = await rows(db, insert, [
      d.tenantId,
      d.id,
      d.caseId,
      d.agencyId,
      d.achievementIds,
      d.note,
      d.outboxId,
      d.createdBy,
    ]);
    return row!;
  },
  byOutbox: (db: Db, tenantId: string, outboxId: string) => maybeOne(db, byOutbox, [tenantId, outboxId]),
  /** The dossiers of the cases with the delivery state of each one's message, oldest first. */
  byCases: (db: Db, tenantId: string, caseIds: readonly string[]) => rows(db, byCases, [tenantId, [...caseIds]]),
};

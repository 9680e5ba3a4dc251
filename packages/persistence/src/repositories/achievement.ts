import { execute, maybeOne, rows, statement, type Db } from './statement.js';

/** An integration achievement as stored (details hold the kind's own facts). */
export interface AchievementRow {
  tenantId: string;
  id: string;
  caseId: string;
  personId: string;
  kind: string;
  achievedOn: string;
  endedOn: string | null;
  details: Record<string, unknown>;
  source: string;
  agencyId: string | null;
  referralId: string | null;
  inboundEventId: string | null;
  evidenceKind: string;
  evidenceReference: string;
  evidenceSeenOn: string;
  recordedByKind: string;
  recordedById: string | null;
  recordedAt: Date;
  correctsId: string | null;
  correctionReason: string | null;
  supersededAt: Date | null;
  supersededById: string | null;
}

export type AchievementInsert = Omit<AchievementRow, 'recordedAt' | 'supersededAt' | 'supersededById'>;

const COLUMNS = `
         tenant_id AS "tenantId", id, case_id AS "caseId", person_id AS "personId", kind,
         achieved_on::text AS "achievedOn", ended_on::text AS "endedOn", details, source,
         agency_id AS "agencyId", referral_id AS "referralId", inbound_event_id AS "inboundEventId",
         evidence_kind AS "evidenceKind", evidence_reference AS "evidenceReference",
         evidence_seen_on::text AS "evidenceSeenOn", recorded_by_kind AS "recordedByKind",
         recorded_by_id AS "recordedById", recorded_at AS "recordedAt", corrects_id AS "correctsId",
         correction_reason AS "correctionReason", superseded_at AS "supersededAt",
         superseded_by_id AS "supersededById"`;

const insert = statement<
  AchievementRow,
  [
    string,
    string,
    string,
    string,
    string,
    string,
    string | null,
    string,
    string,
    string | null,
    string | null,
    string | null,
    string,
    string,
    string,
    string,
    string | null,
    string | null,
    string | null,
  ]
>(
  'achievement',
  'insert',
  `
  INSERT INTO achievements (tenant_id, id, case_id, person_id, kind, achieved_on, ended_on, details, source,
                            agency_id, referral_id, inbound_event_id, evidence_kind, evidence_reference,
                            evidence_seen_on, recorded_by_kind, recorded_by_id, corrects_id, correction_reason)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
  ON CONFLICT (tenant_id, agency_id, inbound_event_id) WHERE inbound_event_id IS NOT NULL DO NOTHING
  RETURNING ${COLUMNS}`,
);

const byCases = statement<AchievementRow, [string, string[]]>(
  'achievement',
  'byCases',
  `
  SELECT ${COLUMNS}
    FROM achievements WHERE tenant_id = $1 AND case_id = ANY($2)
   ORDER BY achieved_on, recorded_at, id`,
);

const byIds = statement<AchievementRow, [string, string[]]>(
  'achievement',
  'byIds',
  `
  SELECT ${COLUMNS}
    FROM achievements WHERE tenant_id = $1 AND id = ANY($2)
   ORDER BY achieved_on, recorded_at, id`,
);

const lock = statement<AchievementRow, [string, string]>(
  'achievement',
  'lock',
  `
  SELECT ${COLUMNS}
    FROM achievements WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
);

// Only the two columns the trigger lets change, and only once.
const supersede = statement<never, [string, string, string]>(
  'achievement',
  'supersede',
  `
  UPDATE achievements SET superseded_at = now(), superseded_by_id = $3
   WHERE tenant_id = $1 AND id = $2 AND superseded_at IS NULL`,
);

export const achievementRepository = {
  /** Insert one; an agency's achievement already taken from the same event is not inserted again (null). */
  async insert(db: Db, a: AchievementInsert): Promise<AchievementRow | null> {
    return maybeOne(db, insert, [
      a.tenantId,
      a.id,
      a.caseId,
      a.personId,
      a.kind,
      a.achievedOn,
      a.endedOn,
      JSON.stringify(a.details),
      a.source,
      a.agencyId,
      a.referralId,
      a.inboundEventId,
      a.evidenceKind,
      a.evidenceReference,
      a.evidenceSeenOn,
      a.recordedByKind,
      a.recordedById,
      a.correctsId,
      a.correctionReason,
    ]);
  },
  /** Every achievement of the cases, corrected ones included, oldest first. */
  byCases: (db: Db, tenantId: string, caseIds: readonly string[]) => rows(db, byCases, [tenantId, [...caseIds]]),
  byIds: (db: Db, tenantId: string, ids: readonly string[]) => rows(db, byIds, [tenantId, [...ids]]),
  /** One achievement, locked for a correction (inside a transaction). */
  lock: (db: Db, tenantId: string, id: string) => maybeOne(db, lock, [tenantId, id]),
  /** Mark as superseded by its correction; 0 when it already was. */
  supersede: (db: Db, tenantId: string, id: string, byId: string) => execute(db, supersede, [tenantId, id, byId]),
};

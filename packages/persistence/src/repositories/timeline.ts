import type { TimelineKind } from '@kim/contracts';
import { execute, rows, statement, type Db } from './statement.js';

/** One entry of a case's timeline as written; id and recording time are the database's. */
export interface TimelineInsert {
  tenantId: string;
  caseId: string;
  referralId: string | null;
  kind: TimelineKind;
  occurredAt: Date;
  actorRole: string;
  actorId: string | null;
  /** The English sentence (the API's plain-text field). */
  summary: string;
  /** What happened, as a code and its parameters (TIMELINE_SUMMARY_PARAMS in @kim/contracts). */
  summaryCode: string;
  summaryParams: Record<string, string | readonly string[]>;
  data: Record<string, unknown>;
}

const append = statement<
  never,
  [string, string, string | null, string, Date, string, string | null, string, string, string, string]
>(
  'timeline',
  'append',
  `
  INSERT INTO timeline_events (tenant_id, case_id, referral_id, kind, occurred_at, actor_role, actor_id, summary,
                               summary_code, summary_params, data)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
  { prepared: true },
);

/** One entry of a case's timeline as stored. */
export interface TimelineRow {
  tenantId: string;
  id: string;
  caseId: string;
  referralId: string | null;
  kind: TimelineKind;
  occurredAt: Date;
  recordedAt: Date;
  actorRole: string;
  actorId: string | null;
  summary: string;
  /** Null on an old entry whose sentence could not be read back (see the migration). */
  summaryCode: string | null;
  summaryParams: Record<string, string | string[]> | null;
  data: Record<string, unknown>;
}

const byCases = statement<TimelineRow, [string, string[]]>(
  'timeline',
  'byCases',
  `
  SELECT tenant_id AS "tenantId", id, case_id AS "caseId", referral_id AS "referralId", kind,
         occurred_at AS "occurredAt", recorded_at AS "recordedAt", actor_role AS "actorRole", actor_id AS "actorId",
         summary, summary_code AS "summaryCode", summary_params AS "summaryParams", data
    FROM timeline_events WHERE tenant_id = $1 AND case_id = ANY($2) ORDER BY occurred_at, recorded_at`,
  { prepared: true },
);

/** The case timeline: what happened to a case, in the order it happened. */
export const timelineRepository = {
  async append(db: Db, e: TimelineInsert): Promise<void> {
    // jsonb goes as text: node-postgres would send a JavaScript array as a PostgreSQL array.
    await execute(db, append, [
      e.tenantId,
      e.caseId,
      e.referralId,
      e.kind,
      e.occurredAt,
      e.actorRole,
      e.actorId,
      e.summary,
      e.summaryCode,
      JSON.stringify(e.summaryParams),
      JSON.stringify(e.data),
    ]);
  },

  /** The entries of cases, in the order they happened. */
  byCases: (db: Db, tenantId: string, caseIds: readonly string[]) => rows(db, byCases, [tenantId, [...caseIds]]),
};

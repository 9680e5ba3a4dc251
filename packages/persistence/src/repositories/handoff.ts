import { execute, maybeOne, rows, statement, type Db } from './statement.js';

/** One overnight run for an agency (export or import): the run report coordinators and operators read. */
export interface HandoffRunRow {
  tenantId: string;
  id: string;
  agencyId: string;
  kind: string;
  /** running; prepared (export: messages claimed, files not yet published); finished; failed */
  state: string;
  traceId: string;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  exported: number;
  suppressed: number;
  imported: number;
  rejected: number;
  duplicates: number;
  outcomes: Record<string, number>;
  files: string[];
  errorReport: string | null;
  error: string | null;
}

/** A status file's checkpoint: imported up to this line, resumed from here after a crash. */
export interface ImportCheckpoint {
  id: string;
  state: string;
  lastLine: number;
}

/** A line of a status file the hub refused (or kept without applying), for the agency's error report. */
export interface ImportErrorRow {
  line: number;
  field: string;
  reason: string;
  eventId: string | null;
}

const RUN_COLUMNS = `tenant_id AS "tenantId", id, agency_id AS "agencyId", kind, state, trace_id AS "traceId",
         started_at AS "startedAt", finished_at AS "finishedAt", duration_ms AS "durationMs", exported, suppressed,
         imported, rejected, duplicates, outcomes, files, error_report AS "errorReport", error`;

const failInterrupted = statement<never, [string, string, string]>(
  'handoff',
  'failInterrupted',
  `
  UPDATE handoff_runs SET state = 'failed', error = 'interrupted (the process running it stopped)', finished_at = now()
   WHERE tenant_id = $1 AND agency_id = $2 AND kind = $3 AND state = 'running'`,
);

const startRun = statement<HandoffRunRow, [string, string, string, string]>(
  'handoff',
  'startRun',
  `
  INSERT INTO handoff_runs (tenant_id, agency_id, kind, state, trace_id) VALUES ($1, $2, $3, 'running', $4)
  RETURNING ${RUN_COLUMNS}`,
);

const runById = statement<HandoffRunRow, [string, string]>(
  'handoff',
  'runById',
  `
  SELECT ${RUN_COLUMNS}
    FROM handoff_runs WHERE tenant_id = $1 AND id = $2`,
);

const finishRun = statement<HandoffRunRow, unknown[]>(
  'handoff',
  'finishRun',
  `
  UPDATE handoff_runs SET state = 'finished', finished_at = $3, duration_ms = $4, exported = $5, suppressed = $6,
         imported = $7, rejected = $8, duplicates = $9, outcomes = $10::jsonb, files = $11, error_report = $12
   WHERE tenant_id = $1 AND id = $2
  RETURNING ${RUN_COLUMNS}`,
);

const runs = statement<HandoffRunRow, [string, string | null, string | null, number]>(
  'handoff',
  'runs',
  `
  SELECT ${RUN_COLUMNS}
    FROM handoff_runs
   WHERE tenant_id = $1 AND ($2::uuid IS NULL OR agency_id = $2) AND ($3::text IS NULL OR kind = $3)
   ORDER BY started_at DESC
   LIMIT $4`,
);

const failRun = statement<never, [string, string, Date, number, string]>(
  'handoff',
  'failRun',
  `
  UPDATE handoff_runs SET state = 'failed', finished_at = $3, duration_ms = $4, error = $5
   WHERE tenant_id = $1 AND id = $2`,
);

const preparedExports = statement<{ id: string }, [string, string]>(
  'handoff',
  'preparedExports',
  `
  SELECT id FROM handoff_runs
   WHERE tenant_id = $1 AND agency_id = $2 AND kind = 'export' AND state = 'prepared'
   ORDER BY started_at`,
);

const markPrepared = statement<never, [string, string, number, number]>(
  'handoff',
  'markPrepared',
  `
  UPDATE handoff_runs SET state = 'prepared', exported = $3, suppressed = $4 WHERE tenant_id = $1 AND id = $2`,
);

const previousExportStart = statement<{ at: Date | null }, [string, string, Date]>(
  'handoff',
  'previousExportStart',
  `
  SELECT max(started_at) AS at FROM handoff_runs
   WHERE tenant_id = $1 AND agency_id = $2 AND kind = 'export' AND started_at < $3 AND state <> 'failed'`,
);

const openImport = statement<never, [string, string, string, string]>(
  'handoff',
  'openImport',
  `
  INSERT INTO handoff_imports (tenant_id, agency_id, file_name, file_hash, state)
  VALUES ($1, $2, $3, $4, 'importing') ON CONFLICT (tenant_id, agency_id, file_hash) DO NOTHING`,
);

const importCheckpoint = statement<ImportCheckpoint, [string, string, string]>(
  'handoff',
  'importCheckpoint',
  `
  SELECT id, state, last_line AS "lastLine" FROM handoff_imports
   WHERE tenant_id = $1 AND agency_id = $2 AND file_hash = $3`,
);

const lockImportLine = statement<{ lastLine: number }, [string, string]>(
  'handoff',
  'lockImportLine',
  `
  SELECT last_line AS "lastLine" FROM handoff_imports WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
);

const advanceImport = statement<never, unknown[]>(
  'handoff',
  'advanceImport',
  `
  UPDATE handoff_imports SET last_line = $3, imported = imported + $4, rejected = rejected + $5,
         duplicates = duplicates + $6, updated_at = now(),
         outcomes = jsonb_build_object(
           'applied', coalesce((outcomes->>'applied')::int, 0) + $7,
           'pending', coalesce((outcomes->>'pending')::int, 0) + $8,
           'stale', coalesce((outcomes->>'stale')::int, 0) + $9,
           'rejected', coalesce((outcomes->>'rejected')::int, 0) + $10)
   WHERE tenant_id = $1 AND id = $2`,
);

const finishImport = statement<never, [string, string]>(
  'handoff',
  'finishImport',
  `
  UPDATE handoff_imports SET state = 'done', finished_at = now(), updated_at = now() WHERE tenant_id = $1 AND id = $2`,
);

const insertErrors = statement<never, [string, string, number[], string[], string[], (string | null)[]]>(
  'handoff',
  'insertImportErrors',
  `
  INSERT INTO handoff_import_errors (tenant_id, import_id, line, field, reason, event_id)
  SELECT $1, $2, x.line, x.field, x.reason, x.event_id
    FROM unnest($3::int[], $4::text[], $5::text[], $6::text[]) AS x(line, field, reason, event_id)`,
);

const countErrors = statement<{ n: number }, [string, string]>(
  'handoff',
  'countImportErrors',
  `
  SELECT count(*)::int AS n FROM handoff_import_errors WHERE tenant_id = $1 AND import_id = $2`,
);

const errorPage = statement<ImportErrorRow, [string, string, number, number]>(
  'handoff',
  'importErrorPage',
  `
  SELECT line, field, reason, event_id AS "eventId" FROM handoff_import_errors
   WHERE tenant_id = $1 AND import_id = $2 AND line > $3 ORDER BY line, field LIMIT $4`,
);

/** An agency as the overnight handoff sees it. */
export interface HandoffAgency {
  tenantId: string;
  id: string;
  name: string;
  channel: string;
  webhookSecret: string;
}

const fileAgencies = statement<{ tenantId: string; agencyId: string; name: string }, []>(
  'handoff',
  'fileAgencies',
  `
  SELECT tenant_id AS "tenantId", id AS "agencyId", name FROM agencies WHERE channel = 'file' ORDER BY tenant_id, name`,
);

const agency = statement<HandoffAgency, [string, string]>(
  'handoff',
  'agency',
  `
  SELECT tenant_id AS "tenantId", id, name, channel, webhook_secret AS "webhookSecret"
    FROM agencies WHERE tenant_id = $1 AND id = $2`,
);

const tryLock = statement<{ ok: boolean }, [string]>(
  'handoff',
  'tryLock',
  `
  SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok`,
);

const unlock = statement<never, [string]>(
  'handoff',
  'unlock',
  `
  SELECT pg_advisory_unlock(hashtextextended($1, 0))`,
);

export const handoffRepository = {
  /** Every file-channel agency the caller's tenant fence lets through. */
  fileAgencies: (db: Db) => rows(db, fileAgencies, []),

  agency: (db: Db, tenantId: string, id: string) => maybeOne(db, agency, [tenantId, id]),

  /** A session lock: pass the entity manager of one pinned connection (a query runner's). */
  tryLock: async (db: Db, key: string) => (await maybeOne(db, tryLock, [key]))?.ok === true,

  unlock: (db: Db, key: string) => execute(db, unlock, [key]),

  /** Holding the agency's lock, any run of this kind still "running" belongs to a process that died. */
  failInterrupted: (db: Db, tenantId: string, agencyId: string, kind: string) =>
    execute(db, failInterrupted, [tenantId, agencyId, kind]),

  startRun: async (db: Db, tenantId: string, agencyId: string, kind: string, traceId: string) =>
    (await maybeOne(db, startRun, [tenantId, agencyId, kind, traceId]))!,

  runById: (db: Db, tenantId: string, id: string) => maybeOne(db, runById, [tenantId, id]),

  /** The tenant's runs, newest first, of one agency and kind when given. */
  runs: (db: Db, tenantId: string, filter: { agencyId: string | null; kind: string | null }, limit: number) =>
    rows(db, runs, [tenantId, filter.agencyId, filter.kind, limit]),

  /** Finish a run with its figures; the row as written comes back. */
  async finishRun(db: Db, run: HandoffRunRow): Promise<HandoffRunRow> {
    const written = await maybeOne(db, finishRun, [
      run.tenantId,
      run.id,
      run.finishedAt,
      run.durationMs,
      run.exported,
      run.suppressed,
      run.imported,
      run.rejected,
      run.duplicates,
      JSON.stringify(run.outcomes),
      run.files,
      run.errorReport,
    ]);
    if (!written) throw new Error(`handoff run ${run.id} to finish was not found`);
    return written;
  },

  failRun: (db: Db, tenantId: string, id: string, finishedAt: Date, durationMs: number, error: string) =>
    execute(db, failRun, [tenantId, id, finishedAt, durationMs, error]),

  /** Export runs that claimed their messages but never published them (a crash between the steps). */
  preparedExports: async (db: Db, tenantId: string, agencyId: string) =>
    (await rows(db, preparedExports, [tenantId, agencyId])).map((r) => r.id),

  markPrepared: (db: Db, tenantId: string, runId: string, exported: number, suppressed: number) =>
    execute(db, markPrepared, [tenantId, runId, exported, suppressed]),

  /** Where the export's period starts: the start of the agency's previous export that did not fail. */
  previousExportStart: async (db: Db, tenantId: string, agencyId: string, before: Date) =>
    (await maybeOne(db, previousExportStart, [tenantId, agencyId, before]))?.at ?? null,

  /** The file's checkpoint, made on its first import (a file is known by its hash). */
  async importCheckpoint(
    db: Db,
    tenantId: string,
    agencyId: string,
    fileName: string,
    fileHash: string,
  ): Promise<ImportCheckpoint | null> {
    await execute(db, openImport, [tenantId, agencyId, fileName, fileHash]);
    return maybeOne(db, importCheckpoint, [tenantId, agencyId, fileHash]);
  },

  /** The checkpoint's line, locked for a chunk's transaction. */
  lockImportLine: async (db: Db, tenantId: string, importId: string) =>
    (await maybeOne(db, lockImportLine, [tenantId, importId]))?.lastLine ?? null,

  /** The checkpoint moves in the same transaction as the lines it covers. */
  advanceImport: (
    db: Db,
    tenantId: string,
    importId: string,
    toLine: number,
    c: {
      imported: number;
      rejected: number;
      duplicates: number;
      outcomes: { applied: number; pending: number; stale: number; rejected: number };
    },
  ) =>
    execute(db, advanceImport, [
      tenantId,
      importId,
      toLine,
      c.imported,
      c.rejected,
      c.duplicates,
      c.outcomes.applied,
      c.outcomes.pending,
      c.outcomes.stale,
      c.outcomes.rejected,
    ]),

  finishImport: (db: Db, tenantId: string, importId: string) => execute(db, finishImport, [tenantId, importId]),

  async insertImportErrors(db: Db, tenantId: string, importId: string, errors: ImportErrorRow[]): Promise<void> {
    if (errors.length === 0) return;
    await execute(db, insertErrors, [
      tenantId,
      importId,
      errors.map((e) => e.line),
      errors.map((e) => e.field),
      errors.map((e) => e.reason),
      errors.map((e) => e.eventId),
    ]);
  },

  countImportErrors: async (db: Db, tenantId: string, importId: string) =>
    (await maybeOne(db, countErrors, [tenantId, importId]))?.n ?? 0,

  importErrorPage: (db: Db, tenantId: string, importId: string, afterLine: number, limit: number) =>
    rows(db, errorPage, [tenantId, importId, afterLine, limit]),
};

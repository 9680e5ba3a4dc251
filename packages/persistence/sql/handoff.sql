-- advanceImport
UPDATE handoff_imports SET last_line = $3, imported = imported + $4, rejected = rejected + $5,
       duplicates = duplicates + $6, updated_at = now(),
       outcomes = jsonb_build_object(
         'applied', coalesce((outcomes->>'applied')::int, 0) + $7,
         'pending', coalesce((outcomes->>'pending')::int, 0) + $8,
         'stale', coalesce((outcomes->>'stale')::int, 0) + $9,
         'rejected', coalesce((outcomes->>'rejected')::int, 0) + $10)
 WHERE tenant_id = $1 AND id = $2;

-- agency
SELECT tenant_id AS "tenantId", id, name, channel, webhook_secret AS "webhookSecret"
  FROM agencies WHERE tenant_id = $1 AND id = $2;

-- countImportErrors
SELECT count(*)::int AS n FROM handoff_import_errors WHERE tenant_id = $1 AND import_id = $2;

-- failInterrupted
UPDATE handoff_runs SET state = 'failed', error = 'interrupted (the process running it stopped)', finished_at = now()
 WHERE tenant_id = $1 AND agency_id = $2 AND kind = $3 AND state = 'running';

-- failRun
UPDATE handoff_runs SET state = 'failed', finished_at = $3, duration_ms = $4, error = $5
 WHERE tenant_id = $1 AND id = $2;

-- fileAgencies
SELECT tenant_id AS "tenantId", id AS "agencyId", name FROM agencies WHERE channel = 'file' ORDER BY tenant_id, name;

-- finishImport
UPDATE handoff_imports SET state = 'done', finished_at = now(), updated_at = now() WHERE tenant_id = $1 AND id = $2;

-- finishRun
UPDATE handoff_runs SET state = 'finished', finished_at = $3, duration_ms = $4, exported = $5, suppressed = $6,
       imported = $7, rejected = $8, duplicates = $9, outcomes = $10::jsonb, files = $11, error_report = $12
 WHERE tenant_id = $1 AND id = $2
RETURNING tenant_id AS "tenantId", id, agency_id AS "agencyId", kind, state, trace_id AS "traceId",
       started_at AS "startedAt", finished_at AS "finishedAt", duration_ms AS "durationMs", exported, suppressed,
       imported, rejected, duplicates, outcomes, files, error_report AS "errorReport", error;

-- importCheckpoint
SELECT id, state, last_line AS "lastLine" FROM handoff_imports
 WHERE tenant_id = $1 AND agency_id = $2 AND file_hash = $3;

-- importErrorPage
SELECT line, field, reason, event_id AS "eventId" FROM handoff_import_errors
 WHERE tenant_id = $1 AND import_id = $2 AND line > $3 ORDER BY line, field LIMIT $4;

-- insertImportErrors
INSERT INTO handoff_import_errors (tenant_id, import_id, line, field, reason, event_id)
SELECT $1, $2, x.line, x.field, x.reason, x.event_id
  FROM unnest($3::int[], $4::text[], $5::text[], $6::text[]) AS x(line, field, reason, event_id);

-- lockImportLine
SELECT last_line AS "lastLine" FROM handoff_imports WHERE tenant_id = $1 AND id = $2 FOR UPDATE;

-- markPrepared
UPDATE handoff_runs SET state = 'prepared', exported = $3, suppressed = $4 WHERE tenant_id = $1 AND id = $2;

-- openImport
INSERT INTO handoff_imports (tenant_id, agency_id, file_name, file_hash, state)
VALUES ($1, $2, $3, $4, 'importing') ON CONFLICT (tenant_id, agency_id, file_hash) DO NOTHING;

-- preparedExports
SELECT id FROM handoff_runs
 WHERE tenant_id = $1 AND agency_id = $2 AND kind = 'export' AND state = 'prepared'
 ORDER BY started_at;

-- previousExportStart
SELECT max(started_at) AS at FROM handoff_runs
 WHERE tenant_id = $1 AND agency_id = $2 AND kind = 'export' AND started_at < $3 AND state <> 'failed';

-- runById
SELECT tenant_id AS "tenantId", id, agency_id AS "agencyId", kind, state, trace_id AS "traceId",
       started_at AS "startedAt", finished_at AS "finishedAt", duration_ms AS "durationMs", exported, suppressed,
       imported, rejected, duplicates, outcomes, files, error_report AS "errorReport", error
  FROM handoff_runs WHERE tenant_id = $1 AND id = $2;

-- runs
SELECT tenant_id AS "tenantId", id, agency_id AS "agencyId", kind, state, trace_id AS "traceId",
       started_at AS "startedAt", finished_at AS "finishedAt", duration_ms AS "durationMs", exported, suppressed,
       imported, rejected, duplicates, outcomes, files, error_report AS "errorReport", error
  FROM handoff_runs
 WHERE tenant_id = $1 AND ($2::uuid IS NULL OR agency_id = $2) AND ($3::text IS NULL OR kind = $3)
 ORDER BY started_at DESC
 LIMIT $4;

-- startRun
INSERT INTO handoff_runs (tenant_id, agency_id, kind, state, trace_id) VALUES ($1, $2, $3, 'running', $4)
RETURNING tenant_id AS "tenantId", id, agency_id AS "agencyId", kind, state, trace_id AS "traceId",
       started_at AS "startedAt", finished_at AS "finishedAt", duration_ms AS "durationMs", exported, suppressed,
       imported, rejected, duplicates, outcomes, files, error_report AS "errorReport", error;

-- tryLock
SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok;

-- unlock
SELECT pg_advisory_unlock(hashtextextended($1, 0));


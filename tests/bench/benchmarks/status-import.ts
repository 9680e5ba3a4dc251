import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readLines } from '@kim/core';
import { createReadStream } from 'node:fs';
import pg from 'pg';
import { QueueName } from '@kim/contracts';
import { addJobs, createQueue } from '@kim/messaging';
import {
  Cleanup,
  REDIS_URL,
  benchDatabase,
  cpuOf,
  databaseCpu,
  dropRedisPrefix,
  epochMs,
  hubEnv,
  machineCpu,
  productionLogin,
  seedTenant,
  sleep,
  startChild,
  suffix,
} from '../lib/env.js';
import { round, type BenchContext, type BenchResult } from '../lib/results.js';
import { seedRequestedReferrals, writeStatusFile } from '@kim/test-support/status-files';

/** Status lines in the file (default 1,000,000) and in the baseline's sample. */
const LINES = Number(process.env.BENCH_IMPORT_LINES ?? 1_000_000);
const BASELINE_LINES = Math.min(LINES, Number(process.env.BENCH_IMPORT_BASELINE_LINES ?? 100_000));
/** Give up on the import after this long. */
const DEADLINE_MS = 30 * 60_000;
const CHUNK = Number(process.env.BENCH_IMPORT_CHUNK ?? 5000);

/**
 * status_import: an agency's status file of LINES lines (four steps per referral, a tenth of
 * them out of order) imported as production imports it: the worker process (its own login, a
 * member of kim_app only, so row-level security fences every statement; info logs) takes an
 * AgencyHandoffJob from the handoff queue and streams the file, validates line by line and
 * applies it through the workflow's reconciliation in checkpointed chunks. The clock runs from
 * the job's enqueue to the run's finish as the database records it. Baseline: the first
 * BASELINE_LINES lines (≥ 100,000 by default), parsed as JSON, each stored with its own durable
 * INSERT (autocommit, the server's default synchronous_commit), the way a naive import goes.
 */
interface RunRow {
  state: string;
  error: string | null;
  imported: number;
  rejected: number;
  duplicates: number;
  outcomes: Record<string, number> | null;
  errorReport: string | null;
  durationMs: number | null;
  finishedAtMs: string | null;
}

export async function statusImport(ctx: BenchContext): Promise<BenchResult> {
  const cleanup = new Cleanup();
  try {
    const db = await benchDatabase('import');
    cleanup.add('database', () => db.drop());
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kim-bench-import-'));
    cleanup.add('folder', () => rm(dir, { recursive: true, force: true }));
    const creds = await seedTenant(db.ds, 'import', 20);
    const agency = creds.agencies.find((a) => a.channel === 'file')!;
    const referrals = Math.ceil(LINES / 4);
    let t = epochMs();
    const ids = await seedRequestedReferrals(db.ds, creds, agency.key, referrals, 'bench');
    ctx.log(`  ${referrals} requested referrals to ${agency.name} in ${round((epochMs() - t) / 1000, 1)} s`);
    const inbox = path.join(dir, creds.tenantId, agency.id, 'inbox');
    await mkdir(inbox, { recursive: true });
    const file = path.join(inbox, 'status.jsonl');
    t = epochMs();
    await writeStatusFile(file, agency.id, ids, LINES, 'bench');
    const bytes = (await stat(file)).size;
    ctx.log(`  status file: ${LINES} lines, ${round(bytes / 2 ** 20, 1)} MiB in ${round((epochMs() - t) / 1000, 1)} s`);

    // Baseline: one INSERT per line into a table shaped like the hub's inbound messages.
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    cleanup.add('baseline client', () => client.end());
    await client.query(
      `CREATE TABLE baseline_lines (event_id text PRIMARY KEY, referral_id uuid NOT NULL, occurred_at timestamptz NOT NULL, body jsonb NOT NULL)`,
    );
    let n = 0;
    t = epochMs();
    for await (const line of readLines(createReadStream(file))) {
      if (n >= BASELINE_LINES) break;
      const e = JSON.parse(line.text!) as { id: string; data: { referralId: string; occurredAt: string } };
      await client.query(`INSERT INTO baseline_lines VALUES ($1, $2, $3, $4)`, [
        e.id,
        e.data.referralId,
        e.data.occurredAt,
        line.text,
      ]);
      n++;
    }
    const baselineSeconds = (epochMs() - t) / 1000;
    const baselineRate = n / baselineSeconds;
    ctx.log(
      `  baseline: ${n} single-row inserts in ${round(baselineSeconds, 1)} s (${round(baselineRate, 0)} lines/s)`,
    );

    // The hub's import, by the production worker.
    const prefix = `bench_i${suffix()}`;
    cleanup.add('redis keys', () => dropRedisPrefix(prefix));
    const env = hubEnv(await productionLogin(db, cleanup), 'redis', prefix, {
      HANDOFF_DIR: dir,
      HANDOFF_IMPORT_CHUNK: String(CHUNK),
    });
    const worker = await startChild('worker', env);
    cleanup.add('worker', () => worker.stop());
    const rssBeforeMiB = worker.peakRssMiB();
    const queue = createQueue(QueueName.HANDOFF, { kind: 'redis', url: REDIS_URL, prefix });
    cleanup.add('queue', () => queue.close());
    const workerCpu = await cpuOf([worker]);
    const cpu = machineCpu();
    const backendsCpu = await databaseCpu(db.ds);
    t = epochMs();
    await addJobs(queue, 'AgencyHandoffJob', [
      {
        data: {
          tenantId: creds.tenantId,
          agencyId: agency.id,
          traceId: 'bench-status-import',
          export: false,
          import: true,
        },
        opts: { jobId: `bench-import-${suffix()}`, attempts: 1 },
      },
    ]);
    let run: RunRow | undefined;
    let lastLog = epochMs();
    for (;;) {
      [run] = await db.ds.query<RunRow[]>(
        `SELECT state, error, imported, rejected, duplicates, outcomes, error_report AS "errorReport",
                duration_ms AS "durationMs", extract(epoch FROM finished_at) * 1000 AS "finishedAtMs"
           FROM handoff_runs WHERE tenant_id = $1 AND agency_id = $2 AND kind = 'import'
          ORDER BY started_at DESC LIMIT 1`,
        [creds.tenantId, agency.id],
      );
      if (run && run.state !== 'running') break;
      if (epochMs() - t > DEADLINE_MS) throw new Error(`import not finished after ${DEADLINE_MS / 60_000} min`);
      if (epochMs() - lastLog > 10_000) {
        lastLog = epochMs();
        // The import's own checkpoint, not count(*) of the messages: that scan of a growing table
        // (~0.5 GB at 1,000,000 lines) every 10 s took PostgreSQL's CPU from the measured import.
        const [n] = await db.ds.query<{ n: number }[]>(
          `SELECT coalesce(sum(last_line), 0)::int AS n FROM handoff_imports WHERE tenant_id = $1 AND agency_id = $2`,
          [creds.tenantId, agency.id],
        );
        ctx.log(`  … ${n!.n} lines checkpointed (${round((n!.n / (epochMs() - t)) * 1000, 0)} lines/s)`);
      }
      await sleep(200);
    }
    // From enqueue to the finish the database recorded (not to when the poll saw it).
    const seconds = (Number(run.finishedAtMs) - t) / 1000;
    const used = cpu();
    const backends = await backendsCpu();
    const workerCpuMs = await workerCpu();
    const peakRssMiB = worker.peakRssMiB();
    if (run.state !== 'finished') throw new Error(`import did not finish: ${run.error ?? run.state}`);
    const rate = LINES / seconds;
    const [check] = await db.ds.query(
      `SELECT (SELECT count(*) FROM inbound_messages)::int AS stored,
              (SELECT count(*) FROM referrals WHERE status = 'completed')::int AS completed`,
    );
    if (check.stored !== LINES) throw new Error(`stored ${check.stored} of ${LINES} lines`);
    const report = run.errorReport
      ? await readFile(path.join(dir, creds.tenantId, agency.id, run.errorReport), 'utf8')
      : '';
    ctx.log(
      `  hub: ${LINES} lines in ${round(seconds, 1)} s (${round(rate, 0)} lines/s), worker peak RSS ${peakRssMiB} MiB`,
    );
    return {
      name: 'status_import',
      value: round(rate, 0),
      unit: 'lines/s',
      baseline: round(baselineRate, 0),
      ratio: round(rate / baselineRate, 2),
      details: {
        lines: LINES,
        fileMiB: round(bytes / 2 ** 20, 1),
        importSeconds: round(seconds, 1),
        runDurationSeconds: round(Number(run.durationMs) / 1000, 1),
        chunkLines: CHUNK,
        applied: run.outcomes?.applied ?? 0,
        rejected: run.rejected,
        refusedReportLines: report ? report.trim().split('\n').length - 1 : 0,
        referralsCompleted: check.completed,
        workerPeakRssMiB: peakRssMiB,
        workerRssAtStartMiB: rssBeforeMiB,
        workerLogLines: worker.logLines(),
        baselineLines: n,
        baselineSeconds: round(baselineSeconds, 1),
        // Where the import's CPU went: the worker (reading, JSON, validation, reconciliation) and
        // PostgreSQL (storing), in microseconds per line.
        ...(used && {
          cpuMicrosPerLine: {
            worker: round((workerCpuMs * 1000) / LINES, 1),
            postgres: round((used.postgresMs * 1000) / LINES, 1),
            // Only the sessions of the benchmark's database: other work on a shared server
            // moves the figure above, not this one.
            ...(backends && { postgresBackends: round((backends.all * 1000) / LINES, 1) }),
            machine: round((used.machineMs * 1000) / LINES, 1),
          },
        }),
      },
    };
  } finally {
    await cleanup.run(ctx.log);
  }
}

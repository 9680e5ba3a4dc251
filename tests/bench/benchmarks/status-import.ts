import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HandoffRunner, LocalHandoffStore, readLines } from '@kim/core';
import { createReadStream } from 'node:fs';
import pg from 'pg';
import { Cleanup, benchDatabase, epochMs, machineCpu, seedTenant } from '../lib/env.js';
import { round, type BenchContext, type BenchResult } from '../lib/results.js';
import { seedRequestedReferrals, writeStatusFile } from '@kim/test-support/status-files';

/** Status lines in the file (default 1,000,000) and in the baseline's sample. */
const LINES = Number(process.env.BENCH_IMPORT_LINES ?? 1_000_000);
const BASELINE_LINES = Math.min(LINES, Number(process.env.BENCH_IMPORT_BASELINE_LINES ?? 20_000));
const CHUNK = Number(process.env.BENCH_IMPORT_CHUNK ?? 5000);

/**
 * status_import: an agency's status file of LINES lines (four steps per referral, a tenth of
 * them out of order) imported by the hub's importer: streamed, validated line by line, applied
 * through the workflow's reconciliation in checkpointed chunks. Baseline: the same lines,
 * validated as JSON, each stored with its own INSERT (autocommit), the way a naive import goes.
 */
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

    // The hub's import, with its resident memory sampled throughout.
    const rssBefore = process.memoryUsage.rss();
    let peakRss = rssBefore;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 100);
    const runner = new HandoffRunner(db.ds, new LocalHandoffStore(dir), { source: 'urn:kim-hub', chunkSize: CHUNK });
    let lastLog = 0;
    const cpu = machineCpu();
    t = epochMs();
    const [run] = await runner.run(creds.tenantId, agency.id, {
      export: false,
      traceId: 'bench-status-import',
      onProgress: (p) => {
        if (!p.import || epochMs() - lastLog < 10_000) return;
        lastLog = epochMs();
        ctx.log(`  … line ${p.import.line} (${round((p.import.line / (epochMs() - t)) * 1000, 0)} lines/s)`);
      },
    });
    const seconds = (epochMs() - t) / 1000;
    const used = cpu();
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    if (!run || run.state !== 'finished') throw new Error(`import did not finish: ${run?.error ?? 'no run'}`);
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
      `  hub: ${LINES} lines in ${round(seconds, 1)} s (${round(rate, 0)} lines/s), peak RSS ${round(peakRss / 2 ** 20, 0)} MiB`,
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
        underTenMinutes: seconds < 600,
        chunkLines: CHUNK,
        applied: run.outcomes.applied ?? 0,
        rejected: run.rejected,
        refusedReportLines: report ? report.trim().split('\n').length - 1 : 0,
        referralsCompleted: check.completed,
        peakRssMiB: round(peakRss / 2 ** 20, 0),
        rssBeforeMiB: round(rssBefore / 2 ** 20, 0),
        baselineLines: n,
        baselineSeconds: round(baselineSeconds, 1),
        // Where the import's CPU went: the importer (this process: reading, JSON, validation,
        // reconciliation) and PostgreSQL (storing), in microseconds per line.
        ...(used && {
          cpuMicrosPerLine: {
            importer: round((used.harnessMs * 1000) / LINES, 1),
            postgres: round((used.postgresMs * 1000) / LINES, 1),
            machine: round((used.machineMs * 1000) / LINES, 1),
          },
        }),
      },
    };
  } finally {
    await cleanup.run(ctx.log);
  }
}

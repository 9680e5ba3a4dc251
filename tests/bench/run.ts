/**
 * `npm run bench` (all) or `npm run bench -- NAME [NAME…]`: benchmarks against real
 * PostgreSQL and Redis, each as a ratio against a baseline measured in the same run. Prints
 * a table and writes bench-results.json at the repository root. Goals are reported, never
 * enforced: a missed goal does not fail the run; a benchmark that breaks does (exit 1).
 */
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Redis } from 'ioredis';
import { handoff } from './benchmarks/handoff.js';
import { enqueueBulk } from './benchmarks/enqueue-bulk.js';
import { linkedCaseQuery } from './benchmarks/linked-case.js';
import { caseListStatements } from './benchmarks/case-list.js';
import { statusImport } from './benchmarks/status-import.js';
import { consentOverhead } from './benchmarks/consent-overhead.js';
import { boardQuery } from './benchmarks/board.js';
import { LOG_DIR, REDIS_URL, machineBusy, pendingCleanups } from './lib/env.js';
import { TEST_DATABASE_URL } from '@kim/test-support/db';
import { round, table, verdict, type BenchContext, type BenchResult, type Benchmark } from './lib/results.js';

const BENCHMARKS: Benchmark[] = [
  {
    name: 'handoff_throughput',
    what: 'referrals/s through the whole path, queues on Redis',
    goal: '≥ 400 referrals/s; gateway + worker + PostgreSQL CPU ≤ 3 ms per referral',
    met: (r) => (r.value ?? 0) >= 400 && hubCpuPerReferral(r) <= 3,
    note: handoffNote,
    run: (ctx) => handoff('redis', 'handoff_throughput', ctx),
  },
  {
    name: 'handoff_throughput_pg',
    what: "the same path, queues on BullMQ's PostgreSQL backend",
    goal: '≥ 250 referrals/s',
    met: (r) => (r.value ?? 0) >= 250,
    note: handoffNote,
    run: (ctx) => handoff('postgres', 'handoff_throughput_pg', ctx),
  },
  {
    name: 'enqueue_bulk',
    what: 'bulk enqueue of outbox messages vs single adds',
    goal: 'ratio ≥ 5',
    met: (r) => (r.ratio ?? 0) >= 5,
    note: (r) => {
      const pg = r.details.postgresBackend as { bulk: number; single: number; ratio: number };
      return `PostgreSQL backend: ${pg.bulk} vs ${pg.single} messages/s, ratio ${pg.ratio}`;
    },
    run: enqueueBulk,
  },
  {
    name: 'linked_case_query',
    what: 'linked-case GraphQL query at 10 connections vs a raw pg handler with prepared statements',
    goal: 'throughput ratio ≥ 0.7, p99 ratio ≤ 1.5',
    met: (r) => (r.ratio ?? 0) >= 0.7 && Number(r.details.p99Ratio) <= 1.5,
    note: (r) =>
      `p99 ${String(r.details.p99Ms)} vs ${String(r.details.baselineP99Ms)} ms (ratio ${String(r.details.p99Ratio)}); ` +
      `CPU/request ${String(r.details.cpuMsPerRequest)} vs ${String(r.details.baselineCpuMsPerRequest)} ms`,
    run: linkedCaseQuery,
  },
  {
    name: 'case_list_statements',
    what: 'SQL statements sent for a page of 50 cases with referrals and timelines, tenant fence included',
    goal: 'ratio ≤ 1',
    met: (r) => (r.ratio ?? Infinity) <= 1,
    note: (r) => (r.details.statementTables as string[]).join(', '),
    run: caseListStatements,
  },
  {
    name: 'consent_overhead',
    what: 'linked-case query with consent enforcement vs without',
    goal: 'ratio ≤ 1.2',
    met: (r) => (r.ratio ?? Infinity) <= 1.2,
    note: (r) =>
      `${String(r.details.reqPerSecEnforced)} vs ${String(r.details.reqPerSecNotEnforced)} req/s; gateway CPU/request ratio ${String(r.details.cpuRatio)}; p99 ${JSON.stringify(r.details.p99MsEnforced)} vs ${JSON.stringify(r.details.p99MsNotEnforced)} ms`,
    run: consentOverhead,
  },
  {
    name: 'status_import',
    what: 'status lines/s imported by the production worker (fenced) vs one durable INSERT per line',
    goal: 'ratio ≥ 20; 1,000,000 lines < 5 min; worker RSS < 512 MiB',
    met: (r) =>
      (r.ratio ?? 0) >= 20 &&
      Number(r.details.lines) >= 1_000_000 &&
      Number(r.details.importSeconds) < 300 &&
      Number(r.details.workerPeakRssMiB) < 512,
    note: (r) =>
      `${String(r.details.lines)} lines in ${String(r.details.importSeconds)} s; worker peak RSS ${String(r.details.workerPeakRssMiB)} MiB for a ${String(r.details.fileMiB)} MiB file`,
    run: statusImport,
  },
  {
    name: 'board_query',
    what: "coordinator's board query (GraphQL, 1M cases, 5M referrals)",
    goal: 'p95 ≤ 100 ms',
    met: (r) => (r.value ?? Infinity) <= 100,
    note: (r) => {
      const d = r.details as {
        rheine: { p95: number };
        wholeTenantOperator: { p95: number };
        refreshSeconds: { first: number };
      };
      return `Rheine p95 ${d.rheine.p95} ms, whole tenant p95 ${d.wholeTenantOperator.p95} ms; aggregates refreshed in ${d.refreshSeconds.first} s`;
    },
    run: boardQuery,
  },
];

/** Gateway + worker + PostgreSQL CPU per referral (Infinity when PostgreSQL's share was not measured). */
function hubCpuPerReferral(r: BenchResult): number {
  const cpu = r.details.cpuMsPerReferral as { gateway: number; worker: number; postgres?: number } | undefined;
  return cpu?.postgres === undefined ? Infinity : cpu.gateway + cpu.worker + cpu.postgres;
}

function handoffNote(r: BenchResult): string {
  const cpu = r.details.cpuMsPerReferral as { gateway: number; worker: number; postgres?: number; machine?: number };
  const more = cpu.machine === undefined ? '' : ` + postgres ${cpu.postgres} ms (machine ${cpu.machine} ms)`;
  return `CPU/referral: gateway ${cpu.gateway} + worker ${cpu.worker}${more}; no-op job ${String(r.details.baselineWorkerCpuMsPerJob)} ms`;
}

async function environment(): Promise<Record<string, string>> {
  const env: Record<string, string> = {
    node: process.version,
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
  };
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  try {
    await client.connect();
    env.postgresql = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  } catch (e) {
    env.postgresql = `unreachable: ${(e as Error).message}`;
  } finally {
    await client.end().catch(() => undefined);
  }
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    env.redis = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? 'unknown';
  } catch (e) {
    env.redis = `unreachable: ${(e as Error).message}`;
  } finally {
    redis.disconnect();
  }
  return env;
}

async function main(): Promise<number> {
  const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = asked.filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length) {
    console.error(`unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
    return 2;
  }
  const selected = asked.length ? BENCHMARKS.filter((b) => asked.includes(b.name)) : BENCHMARKS;
  const env = await environment();
  const started = new Date();
  const ctx: BenchContext = { log: (line) => console.error(line) };
  console.error(
    `KIM Hub benchmarks, ${started.toISOString()}: ${Object.entries(env)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );

  const results: BenchResult[] = [];
  for (const b of selected) {
    // Interrupted: the running benchmark has failed; start no other (its database would be left).
    if (stopping()) break;
    console.error(`▶ ${b.name}: ${b.what}`);
    const t0 = Date.now();
    const busy = machineBusy();
    const loadBefore = os.loadavg();
    let result: BenchResult;
    try {
      result = await b.run(ctx);
    } catch (e) {
      console.error(`  failed: ${(e as Error).stack ?? String(e)}`);
      result = {
        name: b.name,
        value: null,
        unit: '',
        baseline: null,
        ratio: null,
        details: { error: (e as Error).message.split('\n')[0] },
      };
    }
    // The machine's load while the entry ran: a figure measured on a busy machine says so.
    result.details = {
      ...result.details,
      machine: {
        loadAverage1mBefore: round(loadBefore[0]!, 2),
        loadAverage1mAfter: round(os.loadavg()[0]!, 2),
        busyCpuShare: busy(),
        cpus: os.cpus().length,
      },
      goal: b.goal,
      met: verdict(b, result),
      seconds: round((Date.now() - t0) / 1000, 1),
    };
    results.push(result);
    console.error(`  done in ${round((Date.now() - t0) / 1000, 1)} s`);
  }

  const file = fileURLToPath(new URL('../../../../bench-results.json', import.meta.url));
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  // The processes' logs were only counted (lines per request); kept when asked, for reading.
  if (process.env.BENCH_KEEP_LOGS === '1') console.error(`logs kept in ${LOG_DIR}`);
  else rmSync(LOG_DIR, { recursive: true, force: true });
  console.log(
    `\nKIM Hub benchmarks (${started.toISOString()}; ${env.cpus}, Node ${env.node}, PostgreSQL ${env.postgresql}, Redis ${env.redis})\n`,
  );
  console.log(table(BENCHMARKS, results));
  console.log(`\nwritten to ${file}`);
  return results.some((r) => r.details.error) ? 1 : 0;
}

// Interrupted (Ctrl-C, or stopped by a supervisor or CI's timeout with SIGTERM): stop the
// processes, drop the databases and queues made so far, then leave. The benchmark that was
// running fails once its connections go, and main() then ends on its own: it must not exit the
// process before these cleanups are through (a drop cut short left a bench database behind).
let interrupted: { code: number; done: Promise<unknown> } | null = null;
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => {
    console.error(`${signal}: cleaning up`);
    const done = Promise.allSettled([...pendingCleanups].map((c) => c.run((line) => console.error(line))));
    interrupted = { code, done };
    void done.then(() => process.exit(code));
  });
}

const stopping = (): { code: number; done: Promise<unknown> } | null => interrupted;

async function exit(code: number): Promise<never> {
  // A getter, not the variable: TypeScript narrows a `let` to its first value across closures.
  const stop = stopping();
  if (stop) {
    await stop.done;
    process.exit(stop.code);
  }
  process.exit(code);
}

main().then(
  (code) => exit(code),
  (e: unknown) => {
    console.error(e);
    return exit(1);
  },
);

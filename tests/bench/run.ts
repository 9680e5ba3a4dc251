/**
 * `npm run bench` (all) or `npm run bench -- NAME [NAME…]`: benchmarks against real
 * PostgreSQL and Redis, each as a ratio against a baseline measured in the same run. Prints
 * a table and writes bench-results.json at the repository root. Goals are reported, never
 * enforced: a missed goal does not fail the run; a benchmark that breaks does (exit 1).
 */
import { writeFileSync } from 'node:fs';
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
import { REDIS_URL, pendingCleanups } from './lib/env.js';
import { TEST_DATABASE_URL } from '@kim/test-support/db';
import { round, table, verdict, type BenchContext, type BenchResult, type Benchmark } from './lib/results.js';

const BENCHMARKS: Benchmark[] = [
  {
    name: 'handoff_throughput',
    what: 'referrals/s through the whole path, queues on Redis',
    goal: 'ratio ≥ 0.4 and ≥ 1,000 referrals/s',
    met: (r) => (r.ratio ?? 0) >= 0.4 && (r.value ?? 0) >= 1000,
    note: handoffNote,
    run: (ctx) => handoff('redis', 'handoff_throughput', ctx),
  },
  {
    name: 'handoff_throughput_pg',
    what: "the same path, queues on BullMQ's PostgreSQL backend",
    goal: 'ratio ≥ 0.4',
    met: (r) => (r.ratio ?? 0) >= 0.4,
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
    what: 'linked-case GraphQL query at 10 connections vs raw pg handler',
    goal: 'throughput ratio ≥ 0.5, p99 ratio ≤ 2',
    met: (r) => (r.ratio ?? 0) >= 0.5 && Number(r.details.p99Ratio) <= 2,
    note: (r) =>
      `p99 ${String(r.details.p99Ms)} vs ${String(r.details.baselineP99Ms)} ms (ratio ${String(r.details.p99Ratio)}); ` +
      `CPU/request ${String(r.details.cpuMsPerRequest)} vs ${String(r.details.baselineCpuMsPerRequest)} ms`,
    run: linkedCaseQuery,
  },
  {
    name: 'case_list_statements',
    what: 'SQL statements for a page of 50 cases with referrals and timelines',
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
    what: 'status lines/s imported from a file vs single-row inserts',
    goal: 'ratio ≥ 20, under 10 minutes, bounded memory',
    met: (r) => (r.ratio ?? 0) >= 20 && r.details.underTenMinutes === true,
    note: (r) =>
      `${String(r.details.lines)} lines in ${String(r.details.importSeconds)} s; peak RSS ${String(r.details.peakRssMiB)} MiB for a ${String(r.details.fileMiB)} MiB file`,
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
    console.error(`▶ ${b.name}: ${b.what}`);
    const t0 = Date.now();
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
    result.details = {
      ...result.details,
      goal: b.goal,
      met: verdict(b, result),
      seconds: round((Date.now() - t0) / 1000, 1),
    };
    results.push(result);
    console.error(`  done in ${round((Date.now() - t0) / 1000, 1)} s`);
  }

  const file = fileURLToPath(new URL('../../../../bench-results.json', import.meta.url));
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    `\nKIM Hub benchmarks (${started.toISOString()}; ${env.cpus}, Node ${env.node}, PostgreSQL ${env.postgresql}, Redis ${env.redis})\n`,
  );
  console.log(table(BENCHMARKS, results));
  console.log(`\nwritten to ${file}`);
  return results.some((r) => r.details.error) ? 1 : 0;
}

// Interrupted: stop the processes, drop the databases and queues made so far, then leave.
process.once('SIGINT', () => {
  console.error('interrupted: cleaning up');
  void Promise.allSettled([...pendingCleanups].map((c) => c.run((line) => console.error(line)))).then(() =>
    process.exit(130),
  );
});

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);

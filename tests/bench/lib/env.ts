import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  createWriteStream,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  type WriteStream,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { Rng, seedDemo, type DemoCredentials } from '@kim/demo-data';
import { ensureAppLogin } from '@kim/persistence';
import { round } from './results.js';
import { isolatedDatabase, type TestDatabase } from '@kim/test-support/db';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export type Backend = 'redis' | 'postgres';

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes. */
export const epochMs = (): number => performance.timeOrigin + performance.now();

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export const suffix = () => randomBytes(3).toString('hex');

/** A fresh, migrated database of its own (dropped by the caller). */
export function benchDatabase(label: string): Promise<TestDatabase> {
  return isolatedDatabase(`bench_${label}`);
}

/**
 * The hub's environment (as the processes read it at start) for one benchmark: what `npm start`
 * gives gateway and worker in production. NODE_ENV=production, the default log level (info:
 * a line per request and per delivery, written to a file as a log shipper would read it), no
 * migrations at start, and `databaseUrl` should be the applications' own login
 * (productionLogin), so every statement runs under row-level security as in production.
 */
export function hubEnv(
  databaseUrl: string,
  backend: Backend,
  prefix: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_ENV: 'production',
    // The benchmarks call as seeded staff with their tokens (single sign-on needs a browser).
    STAFF_TOKENS: 'true',
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    QUEUE_BACKEND: backend,
    QUEUE_PREFIX: prefix,
    GATEWAY_HOST: '127.0.0.1',
    GATEWAY_PORT: '0',
    MIGRATE_ON_START: 'false',
    ...extra,
  };
}

/**
 * The applications' login for a benchmark database, made as scripts/start-hub.mjs makes it for
 * production: a role that is only a member of kim_app (no owner rights, row-level security
 * always on). A role of its own per benchmark, dropped with it.
 */
export async function productionLogin(
  db: TestDatabase,
  cleanup: Cleanup,
  opts: { backend?: Backend; queuePrefix?: string } = {},
): Promise<string> {
  const role = `kim_bench_${suffix()}`;
  const url = await ensureAppLogin(db.ds, db.url, {
    role,
    password: randomBytes(18).toString('base64url'),
    ...(opts.backend === 'postgres' && opts.queuePrefix ? { queueSchema: `bullmq_${opts.queuePrefix}` } : {}),
  });
  // Runs before the database is dropped (cleanups run in reverse), after the processes stopped.
  cleanup.add(`login ${role}`, async () => {
    await db.ds.query(`DROP OWNED BY "${role}"`);
    await db.ds.query(`DROP ROLE "${role}"`);
  });
  return url;
}

/** Where the hub processes of this run write their logs (one file per process). */
export const LOG_DIR = path.join(os.tmpdir(), `kim-bench-logs-${process.pid}`);

/** A log destination for a gateway started in the harness's own process (statement counting). */
export function logFile(label: string): { stream: WriteStream; lines: () => number } {
  mkdirSync(LOG_DIR, { recursive: true });
  const file = path.join(LOG_DIR, `${label}-${suffix()}.log`);
  const stream = createWriteStream(file);
  return { stream, lines: () => countLines(file) };
}

function countLines(file: string): number {
  try {
    const text = readFileSync(file, 'utf8');
    let n = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
    return n;
  } catch {
    return 0;
  }
}

/** The demo tenant (Kreis Steinfurt: areas, staff, agencies, services), seeded and reproducible. */
export function seedTenant(
  ds: DataSource,
  label: string,
  persons: number,
  simulatorUrl = 'http://127.0.0.1:9',
): Promise<DemoCredentials> {
  const s = suffix();
  return seedDemo(ds, {
    credentialPrefix: `bench-${label}-${s}`,
    tenantSlug: `bench-${label}-${s}`,
    persons,
    simulatorUrl,
    seed: 20210228,
  });
}

export const tokenOf = (creds: DemoCredentials, key: string): string => {
  const staff = creds.staff.find((s) => s.key === key);
  if (!staff) throw new Error(`no demo staff member ${key}`);
  return staff.token;
};

/** Every key of a queue namespace, a page of the scan at a time. */
async function forEachKeyPage(prefix: string, page: (redis: Redis, keys: string[]) => Promise<void>): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 3 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await page(redis, keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Delete every Redis key of a queue namespace. */
export async function dropRedisPrefix(prefix: string): Promise<void> {
  await forEachKeyPage(prefix, async (redis, keys) => {
    await redis.del(...keys);
  });
}

/**
 * What a queue namespace holds in Redis: its keys and the bytes Redis reports for them
 * (MEMORY USAGE, every nested value counted), read key by key so other users of the same Redis
 * do not count.
 */
export async function redisFootprint(prefix: string): Promise<{ keys: number; bytes: number }> {
  let keys = 0;
  let bytes = 0;
  await forEachKeyPage(prefix, async (redis, page) => {
    for (const key of page) {
      keys += 1;
      bytes += Number((await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0')) ?? 0);
    }
  });
  return { keys, bytes };
}

/** The demo's seeded PRNG (mulberry32), plus UUIDs: generated data is the same on every run. */
export class SeededRandom extends Rng {
  /** A version-4-shaped UUID from the stream (valid for the hub's uuid checks). */
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => Math.floor(this.next() * 16).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

export type ChildRole = 'gateway' | 'gateway-unenforced' | 'worker' | 'noop-worker' | 'baseline-http';

export interface ChildMessage {
  type: 'ready' | 'armed' | 'done' | 'error' | 'stopped' | 'cpu' | 'statements';
  url?: string;
  at?: number;
  count?: number;
  message?: string;
  /** CPU time the process has used so far (user + system), in milliseconds. */
  cpuMs?: number;
  /** With BENCH_COUNT_STATEMENTS=1: statements sent so far, by text. */
  statements?: Record<string, number>;
}

/** A hub process (or a baseline process) the harness started; stopped by its own pid only. */
export interface BenchChild {
  role: ChildRole;
  url: string | undefined;
  send(msg: Record<string, unknown>): void;
  next(type: ChildMessage['type'], timeoutMs?: number): Promise<ChildMessage>;
  /** CPU milliseconds the process has used so far. */
  cpuMs(): Promise<number>;
  /** Statements sent so far, by text (only with BENCH_COUNT_STATEMENTS=1; otherwise null). */
  statements(): Promise<Record<string, number> | null>;
  /** Peak resident memory of the process so far (VmHWM), in MiB; null off Linux. */
  peakRssMiB(): number | null;
  /** Lines the process has logged so far (its stdout goes to a file under LOG_DIR). */
  logLines(): number;
  stop(): Promise<void>;
}

const CHILD_SCRIPT = fileURLToPath(new URL('../child.js', import.meta.url));

/**
 * Start one role in a process of its own, as the hub is deployed (gateway and worker are
 * separate processes), so the harness and the load generator do not share its event loop.
 */
export async function startChild(
  role: ChildRole,
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<BenchChild> {
  // BENCH_CPU_PROF=<folder>: each hub process writes a V8 CPU profile there when it stops.
  const profileDir = process.env.BENCH_CPU_PROF;
  // The process logs at its configured level to stdout, as in production; a file takes it, so
  // the cost of logging is paid and the lines can be counted (and read when something fails).
  mkdirSync(LOG_DIR, { recursive: true });
  const log = path.join(LOG_DIR, `${role}-${suffix()}.log`);
  const logFd = openSync(log, 'a');
  const proc: ChildProcess = fork(CHILD_SCRIPT, [], {
    env: { ...process.env, ...env, BENCH_ROLE: role },
    execArgv: profileDir
      ? [
          ...process.execArgv,
          '--cpu-prof',
          '--cpu-prof-dir',
          profileDir,
          '--cpu-prof-name',
          `${role}-${Date.now()}.cpuprofile`,
        ]
      : process.execArgv,
    stdio: ['ignore', logFd, 'inherit', 'ipc'],
  });
  closeSync(logFd);
  const inbox: ChildMessage[] = [];
  const waiters: { type: ChildMessage['type']; resolve: (m: ChildMessage) => void; reject: (e: Error) => void }[] = [];
  let exited: Error | null = null;
  proc.on('message', (raw) => {
    const msg = raw as ChildMessage;
    const i = waiters.findIndex((w) => w.type === msg.type || msg.type === 'error');
    if (i >= 0) {
      const [w] = waiters.splice(i, 1);
      if (msg.type === 'error') w!.reject(new Error(`${role}: ${msg.message}`));
      else w!.resolve(msg);
    } else inbox.push(msg);
  });
  const exitedPromise = new Promise<void>((resolve) =>
    proc.on('exit', (code, signal) => {
      exited = new Error(`${role} process exited (${signal ?? code})`);
      for (const w of waiters.splice(0)) w.reject(exited);
      resolve();
    }),
  );

  function next(type: ChildMessage['type'], ms = 120_000): Promise<ChildMessage> {
    const i = inbox.findIndex((m) => m.type === type || m.type === 'error');
    if (i >= 0) {
      const [m] = inbox.splice(i, 1);
      return m!.type === 'error' ? Promise.reject(new Error(`${role}: ${m!.message}`)) : Promise.resolve(m!);
    }
    if (exited) return Promise.reject(exited);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${role}: no '${type}' within ${ms} ms`)), ms);
      waiters.push({
        type,
        resolve: (m) => (clearTimeout(timer), resolve(m)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
    });
  }

  const child: BenchChild = {
    role,
    url: undefined,
    send: (msg) => {
      if (proc.connected) proc.send(msg);
    },
    next,
    async cpuMs() {
      child.send({ type: 'cpu' });
      return (await next('cpu', 10_000)).cpuMs!;
    },
    async statements() {
      if (process.env.BENCH_COUNT_STATEMENTS !== '1') return null;
      child.send({ type: 'statements' });
      return (await next('statements', 10_000)).statements ?? {};
    },
    peakRssMiB() {
      try {
        const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'))?.[1];
        return kb ? Math.round(Number(kb) / 1024) : null;
      } catch {
        return null;
      }
    },
    logLines: () => countLines(log),
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      child.send({ type: 'stop' });
      const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      await exitedPromise;
      clearTimeout(timer);
    },
  };
  try {
    const ready = await next('ready', timeoutMs);
    child.url = ready.url;
  } catch (e) {
    if (proc.exitCode === null) proc.kill('SIGKILL');
    throw e;
  }
  return child;
}

/** Cleanups not yet run, for an interrupted run (Ctrl-C). */
export const pendingCleanups = new Set<Cleanup>();

/** Run cleanups in reverse order, all of them, whatever fails. */
export class Cleanup {
  private readonly steps: { label: string; fn: () => Promise<unknown> }[] = [];
  constructor() {
    pendingCleanups.add(this);
  }
  add(label: string, fn: () => Promise<unknown>): void {
    this.steps.push({ label, fn });
  }
  async run(log: (line: string) => void): Promise<void> {
    pendingCleanups.delete(this);
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step.fn();
      } catch (e) {
        log(`cleanup ${step.label} failed: ${(e as Error).message}`);
      }
    }
  }
}

/**
 * Statements a process sent between two readings, per unit of work: the total and the most
 * frequent texts (null unless BENCH_COUNT_STATEMENTS=1).
 */
export async function statementsOf(
  child: BenchChild,
): Promise<(units: number) => Promise<{ total: number; top: { sql: string; perUnit: number }[] } | null>> {
  const before = await child.statements();
  return async (units) => {
    const after = await child.statements();
    if (!before || !after) return null;
    const per = Object.entries(after)
      .map(([sql, n]) => ({ sql, perUnit: round((n - (before[sql] ?? 0)) / Math.max(units, 1), 2) }))
      .filter((s) => s.perUnit > 0)
      .sort((a, b) => b.perUnit - a.perUnit);
    return {
      total: round(
        per.reduce((sum, s) => sum + s.perUnit, 0),
        2,
      ),
      top: per.slice(0, 25),
    };
  };
}

/** CPU milliseconds used by processes between two readings. */
export async function cpuOf(children: BenchChild[]): Promise<() => Promise<number>> {
  const before = await Promise.all(children.map((c) => c.cpuMs()));
  return async () => {
    const after = await Promise.all(children.map((c) => c.cpuMs()));
    return after.reduce((sum, a, i) => sum + a - before[i]!, 0);
  };
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** The machine's CPU time so far from /proc/stat, in ticks: busy and in all; null off Linux. */
function machineTicks(): { busy: number; total: number } | null {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = cpu.reduce((a, b) => a + b, 0);
    // user nice system idle iowait irq softirq steal: busy is all but idle and iowait
    return { busy: total - cpu[3]! - cpu[4]!, total };
  } catch {
    return null;
  }
}

/**
 * CPU milliseconds used machine-wide, by PostgreSQL's processes and by this (harness) process,
 * between two readings, from /proc (Linux; null elsewhere). Together with each hub process's own
 * figure this says where a benchmark's CPU went, which on a machine of two cores is what bounds
 * throughput. PostgreSQL backends that ended in between are not counted.
 */
export function machineCpu(): () => { machineMs: number; postgresMs: number; harnessMs: number } | null {
  const machine = (): number | null => {
    const ticks = machineTicks();
    return ticks && ticks.busy * TICK_MS;
  };
  const postgres = (): Map<string, number> => {
    const out = new Map<string, number>();
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        if (comm !== 'postgres') continue;
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        out.set(pid, (Number(fields[11]) + Number(fields[12])) * TICK_MS);
      } catch {
        // the process ended while we looked
      }
    }
    return out;
  };
  const m0 = machine();
  const p0 = postgres();
  const h0 = process.cpuUsage();
  return () => {
    const m1 = machine();
    if (m0 === null || m1 === null) return null;
    let postgresMs = 0;
    for (const [pid, ms] of postgres()) postgresMs += ms - (p0.get(pid) ?? 0);
    const h = process.cpuUsage(h0);
    return { machineMs: m1 - m0, postgresMs, harnessMs: (h.user + h.system) / 1000 };
  };
}

/**
 * CPU time of the PostgreSQL backends serving one database (its sessions in pg_stat_activity,
 * from /proc), between now and the call of the returned function: the database's own share of
 * PostgreSQL's work, which other databases on a shared server do not move. Sessions that end in
 * between are missed (pooled sessions stay); PostgreSQL's background writers are not included.
 * Zero off Linux.
 */
export async function databaseBackendsCpu(
  ds: DataSource,
): Promise<() => Promise<{ backendsMs: number; sessions: number }>> {
  const pidMs = (pid: number): number | null => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    } catch {
      return null;
    }
  };
  const backends = async () => {
    const rows = await ds.query<{ pid: number }[]>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    return new Map(rows.map((r) => [r.pid, pidMs(r.pid)]));
  };
  const start = await backends();
  return async () => {
    const end = await backends();
    let backendsMs = 0;
    for (const [pid, ms] of end) if (ms !== null) backendsMs += ms - (start.get(pid) ?? 0);
    return { backendsMs, sessions: end.size };
  };
}

/**
 * The share of the machine's CPU time that was busy (all processes) between now and the call of
 * the returned function, from /proc/stat; null off Linux.
 */
export function machineBusy(): () => number | null {
  const a = machineTicks();
  return () => {
    const b = machineTicks();
    if (!a || !b || b.total === a.total) return null;
    return Math.round(((b.busy - a.busy) / (b.total - a.total)) * 1000) / 1000;
  };
}

/** Run `count` tasks with at most `concurrency` in flight. */
export async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) {
      const i = next++;
      await task(i);
    }
  });
  await Promise.all(lanes);
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

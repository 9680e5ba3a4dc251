/**
 * Real processes for the fault scenarios: the built worker as a child process, a private
 * redis-server and a private PostgreSQL on free ports. The shared PostgreSQL (5432) and Redis
 * (6379) are never stopped: only what a test starts here is killed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, chownSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HubConfig } from '@kim/config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WORKER_MAIN = path.join(root, 'apps/worker/dist/main.js');

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** The environment a worker process reads for this configuration. */
export function envOf(config: HubConfig, over: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  // OIDC_PROVIDERS is parsed JSON in the configuration: back to JSON for the environment.
  for (const [k, v] of Object.entries(config)) {
    if (v !== undefined) env[k] = typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  return { ...env, ...over };
}

export interface WorkerProcess {
  pid: number;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What it wrote so far (JSON log lines), for diagnostics. */
  output(): string;
  kill(signal: NodeJS.Signals): void;
}

/** The built worker (apps/worker/dist/main.js) as its own process, as it runs in production. */
export function spawnWorker(env: Record<string, string>): WorkerProcess {
  if (!existsSync(WORKER_MAIN))
    throw new Error(`${WORKER_MAIN} is missing: build the worker (npm run test:faults does)`);
  const child = spawn(process.execPath, [WORKER_MAIN], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-200_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.on('exit', (code, signal) => r({ code, signal })),
  );
  return {
    pid: child.pid!,
    exited,
    output: () => out,
    kill: (signal) => void child.kill(signal),
  };
}

/** Stop a worker if it still runs (test cleanup): SIGKILL, it is a test's own child. */
export async function stopWorker(w: WorkerProcess | undefined): Promise<void> {
  if (!w) return;
  w.kill('SIGKILL');
  await w.exited;
}

async function waitForPort(port: number, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((r) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        r(true);
      });
      s.once('error', () => r(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface PrivateRedis {
  url: string;
  port: number;
  /** SIGKILL: with persistence off, everything it held is gone. */
  kill(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** A redis-server of this test's own, persistence off, on a free port. */
export async function privateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let proc: ChildProcess | undefined;
  const start = async () => {
    proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    await waitForPort(port);
  };
  const kill = async () => {
    const p = proc;
    proc = undefined;
    if (!p || p.exitCode !== null) return;
    const gone = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await gone;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, kill, start, close: kill };
}

export interface PrivatePostgres {
  /** Admin URL (database postgres, user postgres, trust). */
  url: string;
  port: number;
  /** Immediate shutdown: like a crash, open transactions are cut off and rolled back at recovery. */
  stopImmediately(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

const PG_BIN = ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin'].find((d) =>
  existsSync(path.join(d, 'pg_ctl')),
);

/**
 * A PostgreSQL server of this test's own (initdb into a temporary folder). PostgreSQL refuses
 * to run as root, so when the tests run as root its programs run as the postgres user.
 */
export async function privatePostgres(): Promise<PrivatePostgres> {
  if (!PG_BIN) throw new Error('no PostgreSQL server programs found under /usr/lib/postgresql/*/bin');
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kim-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const full = path.join(PG_BIN, cmd);
    const r = asRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', full, ...args], { encoding: 'utf8' })
      : spawnSync(full, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  if (asRoot) {
    const pw = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    chownSync(dir, Number(pw.stdout.trim()), Number(gid.stdout.trim()));
  }
  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const start = async () => {
    run('pg_ctl', ['-D', data, '-o', opts, '-l', path.join(dir, 'log'), '-w', 'start']);
    await waitForPort(port);
  };
  const stopImmediately = () => Promise.resolve(run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']));
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stopImmediately,
    close() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        /* already stopped */
      }
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

export interface DedupingAgency {
  url: string;
  /** Every POST that arrived (raw deliveries, redeliveries included), by webhook-id. */
  raw: string[];
  /** The agency's effects: one per webhook-id, as a correct agency deduplicates. */
  effects: Map<string, { referralId: string; type: string }>;
  /** POSTs whose answer is still being held back. */
  inFlight(): number;
  close(): Promise<void>;
}

/**
 * An agency that does what a correct one does: applies each message once, keyed by its
 * webhook-id (the CloudEvents id), and answers 204 (after holding the answer `delayMs`, so
 * deliveries are in flight when a fault strikes).
 */
export async function dedupingAgency(delayMs = 0): Promise<DedupingAgency> {
  const raw: string[] = [];
  const effects = new Map<string, { referralId: string; type: string }>();
  let inFlight = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const id = String(req.headers['webhook-id']);
      const event = JSON.parse(Buffer.concat(chunks).toString()) as { type: string; data: { referralId?: string } };
      raw.push(id);
      inFlight++;
      setTimeout(() => {
        inFlight--;
        if (!effects.has(id)) effects.set(id, { referralId: event.data.referralId ?? '', type: event.type });
        res.writeHead(204).end();
      }, delayMs);
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    raw,
    effects,
    inFlight: () => inFlight,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

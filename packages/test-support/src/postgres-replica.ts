/**
 * A PostgreSQL primary and a streaming replica of the test's own, on free loopback ports: the
 * primary made by initdb into a temporary folder, the replica by `pg_basebackup -R` from it
 * (a hot standby that streams the primary's WAL). Trust authentication on loopback only, fsync
 * off. PostgreSQL refuses to run as root, so when the tests run as root its programs run as the
 * postgres user. Everything is stopped and removed again by close(), and by the start itself
 * when it fails half-way; a suite that dies without its afterAll leaves no server behind either
 * (a watching shell stops each server within a second of the test process being gone, and
 * removes its data; only the two small logs stay in the temporary folder).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface PostgresServer {
  port: number;
  /** Admin URL: user postgres, database postgres, trust. */
  url: string;
  /** One statement as the superuser, on database `database` (default postgres). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], database?: string): Promise<T[]>;
  /** What the server wrote to its log so far (for a failure's message). */
  log(): string;
}

export interface TestPostgresReplica {
  primary: PostgresServer;
  replica: PostgresServer;
  /** The same URL (user, password, database, options) with the replica's port: its copy of that database. */
  onReplica(url: string): string;
  /** Stop applying WAL on the replica (pg_wal_replay_pause) and wait until it has stopped. */
  pauseReplay(): Promise<void>;
  /** Apply WAL again (pg_wal_replay_resume). */
  resumeReplay(): Promise<void>;
  /** Wait until the replica has replayed everything the primary had written when this was called. */
  waitForReplay(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const PG_BIN = ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin'].find((d) =>
  existsSync(path.join(d, 'postgres')),
);
const asRoot = process.getuid?.() === 0;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** A PostgreSQL program run to its end, as the postgres user when we are root. */
function run(program: string, args: string[]): void {
  const full = path.join(PG_BIN!, program);
  const r = asRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', full, ...args], { encoding: 'utf8', timeout: 120_000 })
    : spawnSync(full, args, { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${program} failed: ${r.stderr || r.stdout || r.error?.message}`);
}

const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The server in the foreground of a shell of its own: SIGTERM to the shell is a fast shutdown
 * (SIGINT to the server) awaited; the test process gone is an immediate one (SIGQUIT).
 */
function spawnServer(data: string, port: number, socketDir: string, logFile: string): ChildProcess {
  const server = [
    ...(asRoot ? ['setpriv', '--reuid=postgres', '--regid=postgres', '--init-groups', '--'] : []),
    path.join(PG_BIN!, 'postgres'),
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    socketDir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'max_connections=100',
  ]
    .map(sh)
    .join(' ');
  const script = [
    `${server} >>${sh(logFile)} 2>&1 & node=$!`,
    `trap 'kill -INT $node 2>/dev/null; wait $node; exit 0' TERM`,
    `while kill -0 ${process.pid} 2>/dev/null && kill -0 $node 2>/dev/null; do sleep 1 & wait $!; done`,
    // Only here when the test process is gone (close() ends the shell through the trap): its data goes too.
    `kill -QUIT $node 2>/dev/null; wait $node; rm -rf ${sh(data)}`,
  ].join('\n');
  return spawn('sh', ['-c', script], { stdio: 'ignore', detached: true });
}

async function stopServer(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return;
  const gone = new Promise((r) => p.once('exit', r));
  p.kill('SIGTERM');
  const timer = setTimeout(() => {
    try {
      process.kill(-p.pid!, 'SIGKILL');
    } catch {
      /* gone meanwhile */
    }
  }, 15_000);
  await gone;
  clearTimeout(timer);
}

function serverOf(port: number, logFile: string): PostgresServer {
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    port,
    url,
    async query<T>(sql: string, params: unknown[] = [], database = 'postgres') {
      const u = new URL(url);
      u.pathname = `/${database}`;
      const c = new pg.Client({ connectionString: u.toString() });
      await c.connect();
      try {
        return (await c.query(sql, params)).rows as T[];
      } finally {
        await c.end();
      }
    },
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
  };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, s?: PostgresServer) {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      const tail = s ? `\n${s.log().slice(-2000)}` : '';
      throw new Error(
        `postgres replica: ${what} within ${timeoutMs} ms (${last instanceof Error ? last.message : 'not yet'})${tail}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Start a primary, copy it with pg_basebackup -R, start the copy as its streaming replica. */
export async function startPostgresReplica(): Promise<TestPostgresReplica> {
  if (!PG_BIN) throw new Error('no PostgreSQL server programs found under /usr/lib/postgresql/*/bin');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kim-pg-replica-'));
  const procs: ChildProcess[] = [];
  const close = async () => {
    // The replica first: stopped after its primary, it would wait for it in vain.
    for (const p of [...procs].reverse()) await stopServer(p);
    procs.length = 0;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (asRoot) {
      const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
      const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
      chownSync(dir, uid, gid);
    }
    const primaryPort = await freePort();
    let replicaPort = await freePort();
    // A port just closed may be handed out again: the two servers need two.
    while (replicaPort === primaryPort) replicaPort = await freePort();
    const primaryData = path.join(dir, 'primary');
    const replicaData = path.join(dir, 'replica');
    const primaryLog = path.join(dir, 'primary.log');
    const replicaLog = path.join(dir, 'replica.log');
    // initdb's pg_hba.conf admits replication connections from loopback with -A (trust).
    run('initdb', ['-D', primaryData, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
    procs.push(spawnServer(primaryData, primaryPort, dir, primaryLog));
    const primary = serverOf(primaryPort, primaryLog);
    await until(
      'the primary answers',
      async () => (await primary.query('SELECT 1')).length || undefined,
      30_000,
      primary,
    );

    run('pg_basebackup', [
      ...['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres'],
      ...['-D', replicaData, '-R', '-X', 'stream', '-c', 'fast', '--no-sync'],
    ]);
    procs.push(spawnServer(replicaData, replicaPort, dir, replicaLog));
    const replica = serverOf(replicaPort, replicaLog);
    await until(
      'the replica streams from the primary',
      async () => {
        const [r] = await replica.query<{ recovery: boolean; status: string | null }>(
          `SELECT pg_is_in_recovery() AS recovery, (SELECT status FROM pg_stat_wal_receiver) AS status`,
        );
        return r?.recovery && r.status === 'streaming' ? true : undefined;
      },
      30_000,
      replica,
    );

    const waitForReplay = async (timeoutMs = 30_000) => {
      const [row] = await primary.query<{ lsn: string }>(`SELECT pg_current_wal_lsn()::text AS lsn`);
      const lsn = row!.lsn;
      await until(
        `the replica replays up to ${lsn}`,
        async () => {
          const [r] = await replica.query<{ done: boolean }>(`SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done`, [
            lsn,
          ]);
          return r?.done ? true : undefined;
        },
        timeoutMs,
        replica,
      );
    };
    return {
      primary,
      replica,
      onReplica(url) {
        const u = new URL(url);
        u.port = String(replicaPort);
        return u.toString();
      },
      async pauseReplay() {
        await replica.query(`SELECT pg_wal_replay_pause()`);
        await until(
          'replay pauses',
          async () => {
            const [r] = await replica.query<{ state: string }>(`SELECT pg_get_wal_replay_pause_state() AS state`);
            return r?.state === 'paused' ? true : undefined;
          },
          10_000,
          replica,
        );
      },
      async resumeReplay() {
        await replica.query(`SELECT pg_wal_replay_resume()`);
      },
      waitForReplay,
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

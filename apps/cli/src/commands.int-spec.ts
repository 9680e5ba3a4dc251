import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isolatedDatabase, type TestDatabase } from '@kim/test-support/db';
import {
  createAgencyCommand,
  discardDeadCommand,
  migrateCommand,
  replayDeadCommand,
  seedDemoCommand,
  verifyAuditCommand,
} from './commands.js';
import { runAdminCommand } from './admin.js';

describe('operator commands', () => {
  let db: TestDatabase;
  const lines: string[] = [];
  const out = (l: string) => lines.push(l);

  beforeAll(async () => {
    db = await isolatedDatabase('cli');
  });
  afterAll(() => db.drop());
  beforeEach(() => (lines.length = 0));

  it('migrate says the schema is current, seed-demo is idempotent', async () => {
    expect(await migrateCommand(db.ds, out)).toBe(0);
    expect(lines).toEqual(['schema is up to date']);
    expect(await seedDemoCommand(db.ds, out, { simulatorUrl: 'http://127.0.0.1:9', persons: 60 })).toBe(0);
    expect(await seedDemoCommand(db.ds, out, { simulatorUrl: 'http://127.0.0.1:9', persons: 60 })).toBe(0);
    const [n] = await db.ds.query(`SELECT count(*)::int AS n FROM persons`);
    expect(n.n).toBe(60);
  });

  it('seed-demo refuses production and hands the simulator the stored secrets in a file only its owner reads', async () => {
    await expect(
      seedDemoCommand(db.ds, out, { simulatorUrl: 'http://127.0.0.1:9', nodeEnv: 'production' }),
    ).rejects.toThrow(/NODE_ENV=production/);
    const dir = mkdtempSync(path.join(tmpdir(), 'kim-seed-'));
    try {
      const file = path.join(dir, 'simulator-agencies.json');
      expect(await seedDemoCommand(db.ds, out, { simulatorUrl: 'http://127.0.0.1:9', agenciesFile: file })).toBe(0);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const written = JSON.parse(readFileSync(file, 'utf8')) as { agencies: { id: string; webhookSecret: string }[] };
      const stored: { id: string; webhook_secret: string }[] = await db.ds.query(
        `SELECT id, webhook_secret FROM agencies`,
      );
      expect(written.agencies.map((a) => [a.id, a.webhookSecret]).sort()).toEqual(
        stored.map((r) => [r.id, r.webhook_secret]).sort(),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('verify-audit reports an intact chain with exit 0 and a tampered one with exit 1', async () => {
    expect(await verifyAuditCommand(db.ds, out)).toBe(0);
    expect(lines[0]).toMatch(/^kreis-steinfurt: ok, [1-9]\d* entries$/);
    await db.ds.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`);
    await db.ds.query(`UPDATE audit_events SET categories = '{health}' WHERE seq = 1`);
    await db.ds.query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`);
    expect(await verifyAuditCommand(db.ds, out, 'kreis-steinfurt')).toBe(1);
    expect(lines.at(-1)).toMatch(/BROKEN at entry 1 \(hash-mismatch\)/);
  });

  it('create-agency validates its options and shows credentials once', async () => {
    await expect(
      createAgencyCommand(db.ds, out, {
        tenant: 'kreis-steinfurt',
        name: 'Jugendamt',
        kind: 'youth-office',
        channel: 'webhook',
      }),
    ).rejects.toThrow(/--webhook-url is required/);
    await expect(
      createAgencyCommand(db.ds, out, { tenant: 'kreis-steinfurt', name: 'X', kind: 'castle' }),
    ).rejects.toThrow(/kind/);
    expect(
      await createAgencyCommand(db.ds, out, {
        tenant: 'kreis-steinfurt',
        name: 'Jugendamt Kreis Steinfurt',
        kind: 'youth-office',
        legalDomain: 'sgb-viii',
        webhookUrl: 'https://jugendamt.example/kim',
      }),
    ).toBe(0);
    expect(lines.find((l) => l.startsWith('API key'))).toMatch(/^API key \(shown once\): kim_/);
    const [row] = await db.ds.query(`SELECT api_key_hash FROM agencies WHERE name = 'Jugendamt Kreis Steinfurt'`);
    expect(row.api_key_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('replay-dead queues dead messages again and says how many', async () => {
    const [a] = await db.ds.query(`SELECT tenant_id, id FROM agencies WHERE channel = 'webhook' LIMIT 1`);
    const [r] = await db.ds.query(`SELECT id FROM referrals WHERE agency_id = $1 LIMIT 1`, [a.id]);
    await db.ds.query(
      `INSERT INTO outbox_messages (tenant_id, agency_id, referral_id, event_type, event_id, delivery_state, trace_id, enqueued)
       VALUES ($1, $2, $3, 'de.kim-hub.referral.requested.v1', gen_random_uuid()::text, 'dead', 't', true)`,
      [a.tenant_id, a.id, r?.id ?? null],
    );
    expect(await replayDeadCommand(db.ds, out, {})).toBe(0);
    expect(lines).toEqual(['kreis-steinfurt: 1 dead message(s) queued again', '1 message(s) in all']);
    const [m] = await db.ds.query(
      `SELECT delivery_state, enqueued, replays FROM outbox_messages WHERE agency_id = $1`,
      [a.id],
    );
    expect(m).toEqual({ delivery_state: 'queued', enqueued: false, replays: 1 });
  });

  it("discard-dead gives up on one agency's dead messages for good, with the reason in the ledger", async () => {
    const [a] = await db.ds.query(`SELECT tenant_id, id FROM agencies WHERE channel = 'webhook' ORDER BY name LIMIT 1`);
    const [other] = await db.ds.query(`SELECT id FROM agencies WHERE channel = 'webhook' AND id <> $1 LIMIT 1`, [a.id]);
    const insertDead = (agencyId: string) =>
      db.ds.query(
        `INSERT INTO outbox_messages (tenant_id, agency_id, event_type, event_id, delivery_state, trace_id, enqueued, last_error)
         VALUES ($1, $2, 'de.kim-hub.referral.requested.v1', gen_random_uuid()::text, 'dead', 't', true, 'agency answered HTTP 410') RETURNING id`,
        [a.tenant_id, agencyId],
      );
    const [[mine], [theirs]] = [await insertDead(a.id), await insertDead(other.id)];
    await expect(discardDeadCommand(db.ds, out, { agency: 'Caritas', reason: 'left the network' })).rejects.toThrow(
      /UUID/,
    );
    expect(await discardDeadCommand(db.ds, out, { agency: a.id, reason: 'agency left the network' })).toBe(0);
    expect(lines).toEqual(['kreis-steinfurt: 1 dead message(s) discarded', '1 message(s) in all']);
    const states = await db.ds.query(
      `SELECT id, delivery_state, discard_reason FROM outbox_messages WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [[mine.id, theirs.id]],
    );
    expect(states).toEqual(
      expect.arrayContaining([
        {
          id: mine.id,
          delivery_state: 'discarded',
          discard_reason: 'agency left the network (npm run hub -- discard-dead)',
        },
        { id: theirs.id, delivery_state: 'dead', discard_reason: null },
      ]),
    );
    const [entry] = await db.ds.query(`SELECT action, actor_kind, reason FROM audit_events WHERE subject_id = $1`, [
      mine.id,
    ]);
    expect(entry).toEqual({
      action: 'message.discard',
      actor_kind: 'system',
      reason: 'dead: agency left the network (npm run hub -- discard-dead)',
    });
    // Replaying dead messages afterwards leaves the discarded one alone.
    lines.length = 0;
    await replayDeadCommand(db.ds, out, { agency: a.id });
    expect(lines).toEqual(['kreis-steinfurt: 0 dead message(s) queued again', '0 message(s) in all']);
  });

  it('set-transfers lets a Kreis take cases moved from other Kreise, or stop, in its ledger', async () => {
    const accepts = async () =>
      (await db.ds.query(`SELECT accepts_transfers AS a FROM tenants WHERE slug = 'kreis-borken-cli'`))[0].a;
    expect(await runAdminCommand(db.ds, out, 'create-tenant', { slug: 'kreis-borken-cli', name: 'Kreis Borken' })).toBe(
      0,
    );
    expect(await accepts()).toBe(false);
    await expect(runAdminCommand(db.ds, out, 'set-transfers', { tenant: 'kreis-borken-cli' })).rejects.toThrow(
      /exactly one of --accept and --refuse/,
    );
    expect(await runAdminCommand(db.ds, out, 'set-transfers', { tenant: 'kreis-borken-cli', accept: true })).toBe(0);
    expect(await accepts()).toBe(true);
    expect(await runAdminCommand(db.ds, out, 'set-transfers', { tenant: 'kreis-borken-cli', refuse: true })).toBe(0);
    expect(await accepts()).toBe(false);
    const ledger = await db.ds.query(
      `SELECT e.reason FROM audit_events e JOIN tenants t ON t.id = e.tenant_id
        WHERE t.slug = 'kreis-borken-cli' AND e.action = 'tenant.transfers-set' ORDER BY e.seq`,
    );
    expect(ledger).toEqual([
      { reason: 'takes cases from other Kreise' },
      { reason: 'takes no cases from other Kreise' },
    ]);
  });
});

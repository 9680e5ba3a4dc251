import { randomUUID } from 'node:crypto';
import { isolatedDatabase, type TestDatabase } from '@kim/test-support/db';
import { seedDemo } from '@kim/demo-data';
import { audit, auditAll, sealAuditChain, verifyAuditChain, SEAL_GRACE_MS } from './audit.js';
import { LedgerSealer } from './sealer.js';
import type { Principal } from '../common/principal.js';

describe('audit ledger', () => {
  let db: TestDatabase;
  let system: Principal;

  beforeAll(async () => {
    db = await isolatedDatabase('audit');
    const creds = await seedDemo(db.ds, { simulatorUrl: 'http://127.0.0.1:9', persons: 0, credentialPrefix: 'audit' });
    system = { kind: 'system', tenantId: creds.tenantId };
    // Concurrent writers, each asking a sealer to chain what it wrote, while another process's
    // sealer (a second LedgerSealer) and the sweep seal the same tenant: one unbroken chain.
    const mine = new LedgerSealer(db.ds);
    const theirs = new LedgerSealer(db.ds);
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        await db.ds.transaction((m) =>
          audit(m, system, {
            action: 'case.read',
            subjectType: 'test',
            subjectId: randomUUID(),
            allowed: i % 3 !== 0,
            reason: `entry ${i}`,
          }),
        );
        (i % 2 ? mine : theirs).request(system.tenantId);
        if (i % 10 === 0) await sealAuditChain(db.ds, null);
      }),
    );
    await Promise.all([mine.idle(), theirs.idle()]);
  });
  afterAll(() => db.drop());

  it('chains every entry of a tenant, also under concurrent writers and sealers', async () => {
    expect(await verifyAuditChain(db.ds, system.tenantId)).toEqual({ ok: true, checked: 40, unsealed: 0 });
    // At positions 1..40, each entry once.
    const order: { link: string }[] = await db.ds.query(
      `SELECT link::text FROM audit_events e WHERE tenant_id = $1 ORDER BY e.link`,
      [system.tenantId],
    );
    expect(order.map((r) => r.link)).toEqual(Array.from({ length: 40 }, (_, i) => String(i + 1)));
  });

  it('takes no chain position from the writer: an INSERT that brings its own is written unsealed', async () => {
    const other = randomUUID();
    await db.ds.query(
      `INSERT INTO audit_events (tenant_id, actor_kind, action, subject_type, subject_id, categories, allowed, seq, link, prev_hash, hash)
       SELECT tenant_id, 'system', 'case.read', 'test', $2, '{}', true, 1, 41, hash, 'forged' FROM audit_events
        WHERE tenant_id = $1 AND link = 40`,
      [system.tenantId, other],
    );
    const [row]: { link: string | null; hash: string | null }[] = await db.ds.query(
      `SELECT link, hash FROM audit_events WHERE tenant_id = $1 AND subject_id = $2`,
      [system.tenantId, other],
    );
    expect(row).toEqual({ link: null, hash: null });
    // Young and unsealed is no fault; left longer than the grace, it is.
    expect(await verifyAuditChain(db.ds, system.tenantId)).toEqual({ ok: true, checked: 40, unsealed: 1 });
    const later = new Date(Date.now() + SEAL_GRACE_MS + 60_000);
    expect(await verifyAuditChain(db.ds, system.tenantId, { now: later })).toMatchObject({
      ok: false,
      broken: { problem: 'unsealed' },
    });
    // A request's entries in one statement, in their order, sealed after the one above.
    await auditAll(db.ds, system, [
      { action: 'case.read', subjectType: 'test', subjectId: randomUUID(), allowed: true, reason: 'a' },
      { action: 'case.read', subjectType: 'test', subjectId: randomUUID(), allowed: true, reason: 'b' },
    ]);
    expect(await sealAuditChain(db.ds, system.tenantId)).toBe(3);
    const tail: { reason: string | null; link: string }[] = await db.ds.query(
      `SELECT reason, link::text FROM audit_events WHERE tenant_id = $1 AND link > 40 ORDER BY link`,
      [system.tenantId],
    );
    expect(tail).toEqual([
      { reason: null, link: '41' },
      { reason: 'a', link: '42' },
      { reason: 'b', link: '43' },
    ]);
    expect(await verifyAuditChain(db.ds, system.tenantId, { now: later })).toEqual({
      ok: true,
      checked: 43,
      unsealed: 0,
    });
  });

  it('refuses updates, deletes and truncation, even for the owner of the table', async () => {
    await expect(db.ds.query(`UPDATE audit_events SET allowed = true`)).rejects.toThrow(/append-only: UPDATE refused/);
    // Sealing again, or sealing while changing what an unsealed entry says, is refused too.
    await expect(db.ds.query(`UPDATE audit_events SET hash = 'again' WHERE link = 1`)).rejects.toThrow(
      /append-only: UPDATE refused/,
    );
    await auditAll(db.ds, system, [
      { action: 'case.read', subjectType: 'test', subjectId: randomUUID(), allowed: false, reason: 'unsealed' },
    ]);
    await expect(
      db.ds.query(`UPDATE audit_events SET hash = 'x', allowed = true WHERE hash IS NULL AND reason = 'unsealed'`),
    ).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(db.ds.query(`DELETE FROM audit_events WHERE hash IS NULL`)).rejects.toThrow(
      /append-only: DELETE refused/,
    );
    expect(await sealAuditChain(db.ds, system.tenantId)).toBe(1);
    await expect(db.ds.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only: DELETE refused/);
    await expect(db.ds.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only: TRUNCATE refused/);
  });

  it('detects a row changed behind the application’s back, and a removed row', async () => {
    // Someone with superuser rights switches the guard off and edits history.
    await db.ds.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`);
    await db.ds.query(`UPDATE audit_events SET allowed = NOT allowed WHERE tenant_id = $1 AND link = 17`, [
      system.tenantId,
    ]);
    expect(await verifyAuditChain(db.ds, system.tenantId)).toEqual({
      ok: false,
      checked: 44,
      unsealed: 0,
      broken: { entry: '17', problem: 'hash-mismatch' },
    });
    await db.ds.query(`UPDATE audit_events SET allowed = NOT allowed WHERE tenant_id = $1 AND link = 17`, [
      system.tenantId,
    ]);
    // Re-chaining a row's place in the chain (its seq, which the digest covers once it differs from its link).
    await db.ds.query(`UPDATE audit_events SET seq = seq + 1000 WHERE tenant_id = $1 AND link = 42`, [system.tenantId]);
    expect((await verifyAuditChain(db.ds, system.tenantId)).broken).toEqual({ entry: '42', problem: 'hash-mismatch' });
    await db.ds.query(`UPDATE audit_events SET seq = seq - 1000 WHERE tenant_id = $1 AND link = 42`, [system.tenantId]);
    await db.ds.query(`DELETE FROM audit_events WHERE tenant_id = $1 AND link = 30`, [system.tenantId]);
    await db.ds.query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`);
    expect(await verifyAuditChain(db.ds, system.tenantId)).toEqual({
      ok: false,
      checked: 43,
      unsealed: 0,
      broken: { entry: '31', problem: 'gap' },
    });
  });
});

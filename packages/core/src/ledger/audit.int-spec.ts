import { randomUUID } from 'node:crypto';
import { isolatedDatabase, type TestDatabase } from '@kim/test-support/db';
import { seedDemo } from '@kim/demo-data';
import { audit, verifyAuditChain } from './audit.js';
import type { Principal } from '../common/principal.js';

describe('audit ledger', () => {
  let db: TestDatabase;
  let system: Principal;

  beforeAll(async () => {
    db = await isolatedDatabase('audit');
    const creds = await seedDemo(db.ds, { simulatorUrl: 'http://127.0.0.1:9', persons: 0, credentialPrefix: 'audit' });
    system = { kind: 'system', tenantId: creds.tenantId };
    // Concurrent writers still form one unbroken chain.
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        db.ds.transaction((m) =>
          audit(m, system, {
            action: 'case.read',
            subjectType: 'test',
            subjectId: randomUUID(),
            allowed: i % 3 !== 0,
            reason: `entry ${i}`,
          }),
        ),
      ),
    );
  });
  afterAll(() => db.drop());

  it('chains every entry of a tenant, also under concurrent writers', async () => {
    expect(await verifyAuditChain(db.ds, system.tenantId)).toEqual({ ok: true, checked: 40 });
  });

  it('refuses updates, deletes and truncation, even for the owner of the table', async () => {
    await expect(db.ds.query(`UPDATE audit_events SET allowed = true`)).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(db.ds.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only: DELETE refused/);
    await expect(db.ds.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only: TRUNCATE refused/);
  });

  it('detects a row changed behind the application’s back, and a removed row', async () => {
    // Someone with superuser rights switches the guard off and edits history.
    await db.ds.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`);
    await db.ds.query(`UPDATE audit_events SET allowed = NOT allowed WHERE tenant_id = $1 AND seq = 17`, [
      system.tenantId,
    ]);
    expect(await verifyAuditChain(db.ds, system.tenantId)).toEqual({
      ok: false,
      checked: 40,
      broken: { seq: '17', problem: 'hash-mismatch' },
    });
    await db.ds.query(`UPDATE audit_events SET allowed = NOT allowed WHERE tenant_id = $1 AND seq = 17`, [
      system.tenantId,
    ]);
    await db.ds.query(`DELETE FROM audit_events WHERE tenant_id = $1 AND seq = 30`, [system.tenantId]);
    await db.ds.query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`);
    expect(await verifyAuditChain(db.ds, system.tenantId)).toEqual({
      ok: false,
      checked: 39,
      broken: { seq: '31', problem: 'gap' },
    });
  });
});

import { randomUUID } from 'node:crypto';
import { isolatedDatabase, type TestDatabase } from '@kim/test-support/db';
import { seedDemo } from '@kim/demo-data';
import type { AuditEntry } from './audit.js';
import { LedgerWriter } from './writer.js';
import type { Principal } from '../common/principal.js';

const entry = (subjectId: string, reason: string): AuditEntry => ({
  action: 'case.read',
  subjectType: 'test',
  subjectId,
  allowed: true,
  reason,
});

describe('ledger writer (group commit of requests’ entries)', () => {
  let db: TestDatabase;
  let system: Principal;

  beforeAll(async () => {
    db = await isolatedDatabase('ledger-writer');
    const creds = await seedDemo(db.ds, { simulatorUrl: 'http://127.0.0.1:9', persons: 0, credentialPrefix: 'lw' });
    system = { kind: 'system', tenantId: creds.tenantId };
  });
  afterAll(() => db.drop());

  /** Rows of these subjects, with the transaction that wrote each (rows of one statement share it). */
  const written = (subjects: string[]) =>
    db.ds.query<{ subject_id: string; reason: string; xid: string }[]>(
      `SELECT subject_id, reason, xmin::text AS xid FROM audit_events WHERE subject_id = ANY($1::uuid[]) ORDER BY seq`,
      [subjects],
    );

  it('settles each request only once its own entries are committed, and writes requests that finish together in one statement', async () => {
    const writer = new LedgerWriter(db.ds);
    const requests = Array.from({ length: 30 }, (_, i) => [randomUUID(), randomUUID()].map((s) => ({ s, i })));
    const seenOnSettle: number[] = [];
    await Promise.all(
      requests.map(async (pair, i) => {
        await writer.write(
          system,
          pair.map(({ s }) => entry(s, `request ${i}`)),
        );
        // Read on another connection of the pool: committed, not merely sent.
        seenOnSettle.push((await written(pair.map(({ s }) => s))).length);
      }),
    );
    expect(seenOnSettle).toEqual(Array.from({ length: 30 }, () => 2));
    const rows = await written(requests.flat().map(({ s }) => s));
    expect(rows).toHaveLength(60);
    // Each request's two entries are next to each other and in the same statement.
    for (let i = 0; i < 30; i++) {
      const mine = rows.filter((r) => r.reason === `request ${i}`);
      expect(mine.map((r) => r.subject_id)).toEqual(requests[i]!.map(({ s }) => s));
      expect(new Set(mine.map((r) => r.xid)).size).toBe(1);
    }
    // The first request found the writer idle and went alone; the rest waited for it and went
    // together: fewer transactions than requests.
    const transactions = new Set(rows.map((r) => r.xid)).size;
    expect(transactions).toBeGreaterThanOrEqual(2);
    expect(transactions).toBeLessThan(30);
  });

  it('fails only the request whose entries cannot be written; the others of its statement are written', async () => {
    const writer = new LedgerWriter(db.ds);
    const first = randomUUID();
    const good = [randomUUID(), randomUUID(), randomUUID()];
    // The first write holds the lane, so the next four wait and are tried as one statement.
    const results = await Promise.allSettled([
      writer.write(system, [entry(first, 'first')]),
      writer.write(system, [entry(good[0]!, 'good 0')]),
      writer.write(system, [entry('not-a-uuid', 'bad')]),
      writer.write(system, [entry(good[1]!, 'good 1')]),
      writer.write(system, [entry(good[2]!, 'good 2')]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((await written([first, ...good])).map((r) => r.reason)).toEqual(['first', 'good 0', 'good 1', 'good 2']);
    const [bad] = await db.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_events WHERE reason = 'bad'`,
    );
    expect(bad!.n).toBe(0);
  });

  it('writes nothing and resolves for a request without entries', async () => {
    const [before] = await db.ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_events`);
    await new LedgerWriter(db.ds).write(system, []);
    const [after] = await db.ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_events`);
    expect(after!.n).toBe(before!.n);
  });
});

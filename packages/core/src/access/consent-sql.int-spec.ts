import fc from 'fast-check';
import { DataCategory, Purpose } from '@kim/contracts';
import { In } from 'typeorm';
import { ConsentEntity } from '@kim/persistence';
import { isolatedDatabase, type TestDatabase } from '@kim/test-support/db';
import { berlinDay } from '../common/calendar.js';
import { seedDemo, type DemoCredentials } from '@kim/demo-data';
import { consentMayGrantSql } from './consent-sql.js';
import { consentGrantsRead } from './grant.js';
import { toGrantConsent } from './reads.js';

/**
 * The one SQL fragment of consent validity against the engine, on random consents stored in
 * PostgreSQL: it never drops a consent the engine counts, and where it can say everything the
 * engine says (no provisions) it admits exactly what the engine admits. With provisions it is
 * a pre-filter, and what it admits is always judged again by the engine.
 */
describe('the consent SQL fragment agrees with the consent engine', () => {
  let db: TestDatabase;
  let creds: DemoCredentials;
  let person: { personId: string; caseId: string; staffId: string };

  beforeAll(async () => {
    db = await isolatedDatabase('consent_sql');
    creds = await seedDemo(db.ds, { simulatorUrl: 'http://127.0.0.1:9', persons: 2, credentialPrefix: 'csql' });
    const [row] = await db.ds.query<{ personId: string; caseId: string; staffId: string }[]>(
      `SELECT person_id AS "personId", id AS "caseId", case_manager_id AS "staffId" FROM cases WHERE tenant_id = $1 LIMIT 1`,
      [creds.tenantId],
    );
    person = row!;
  });
  afterAll(() => db.drop());

  const DAY = 86_400_000;
  const BASE = Date.parse('2026-06-15T12:00:00Z');
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const sub = <T>(values: readonly T[]) => fc.subarray([...values]);
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

  function consentArb(agencies: string[]) {
    const provision = fc.record({
      type: fc.constantFrom('permit', 'deny'),
      agencyIds: maybe(sub(agencies)),
      purposes: maybe(sub(Object.values(Purpose))),
      categories: maybe(sub(Object.values(DataCategory))),
      actions: maybe(sub(['disclose', 'access'] as const)),
    });
    return fc.record({
      // Weighted towards consents that may grant, so both answers are reached often.
      kind: fc.oneof(
        { arbitrary: fc.constant('disclosure'), weight: 3 },
        { arbitrary: fc.constant('service'), weight: 1 },
      ),
      recipient: fc.oneof(
        { arbitrary: fc.constant(agencies[0]!), weight: 3 },
        { arbitrary: fc.constantFrom(...agencies), weight: 1 },
      ),
      purposes: sub([...Object.values(Purpose), 'unknown-purpose']),
      categories: sub([...Object.values(DataCategory), 'unknown-category']),
      fromDays: fc.integer({ min: -3, max: 2 }),
      lengthDays: fc.integer({ min: -1, max: 6 }),
      // Revoked around the decision instant, to the microsecond (PostgreSQL keeps microseconds, a Date milliseconds).
      revokedUs: fc.option(fc.integer({ min: -3_000, max: 3_000 }), { nil: null, freq: 2 }),
      provisions: fc.option(fc.array(provision, { maxLength: 3 }), { nil: null, freq: 2 }),
    });
  }

  it('never drops what the engine counts, and without provisions admits exactly that', async () => {
    const agencies = creds.agencies.slice(0, 2).map((a) => a.id);
    const reader = { id: agencies[0]!, kind: creds.agencies[0]!.kind };
    let compared = 0;
    let withProvisions = 0;
    let admittedByBoth = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: -3 * DAY, max: 3 * DAY }),
        fc.array(consentArb(agencies), { minLength: 1, maxLength: 25 }),
        async (offset, specs) => {
          const at = new Date(BASE + offset);
          const ids: string[] = [];
          const disagreements: unknown[] = [];
          for (const c of specs) {
            const from = BASE + offset + c.fromDays * DAY;
            let revoked: string | null = null;
            if (c.revokedUs !== null) {
              const us = at.getTime() * 1000 + c.revokedUs;
              const ms = Math.floor(us / 1000);
              revoked = new Date(ms).toISOString().replace('Z', `${String(us - ms * 1000).padStart(3, '0')}Z`);
            }
            const [row] = await db.ds.query<{ id: string }[]>(
              `INSERT INTO consents (tenant_id, person_id, case_id, recipient_agency_id, purposes, categories, valid_from,
                                     valid_until, revoked_at, evidence, captured_by, kind, provisions)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '{"formVersion":"p","signedOn":"2026-01-01","explainedInLanguage":"de","interpreterUsed":false}',
                       $10, $11, $12) RETURNING id`,
              [
                creds.tenantId,
                person.personId,
                person.caseId,
                c.recipient,
                c.purposes,
                c.categories,
                iso(from),
                iso(from + c.lengthDays * DAY),
                revoked,
                person.staffId,
                c.kind,
                c.provisions === null ? null : JSON.stringify(c.provisions),
              ],
            );
            ids.push(row!.id);
          }
          try {
            const admitted = new Map(
              (
                await db.ds.query<{ id: string; admits: boolean }[]>(
                  `SELECT k.id, ${consentMayGrantSql('k', { agency: '$2', today: '$3', now: '$4' })} AS admits
                     FROM consents k WHERE k.tenant_id = $1 AND k.id = ANY($5::uuid[])`,
                  [creds.tenantId, reader.id, berlinDay(at), at, ids],
                )
              ).map((r) => [r.id, r.admits]),
            );
            const rows = await db.ds.getRepository(ConsentEntity).findBy({ tenantId: creds.tenantId, id: In(ids) });
            for (const row of rows) {
              const engine = consentGrantsRead(toGrantConsent(row), reader, at);
              const sql = admitted.get(row.id)!;
              compared++;
              // Never drops what the engine counts; without provisions, exactly the engine's answer.
              const provisions = row.provisions !== null && row.provisions.length > 0;
              if (provisions) withProvisions++;
              if ((engine && !sql) || (!provisions && sql !== engine)) disagreements.push({ row, sql, engine });
              if (engine && sql) admittedByBoth++;
            }
            expect(disagreements).toEqual([]);
          } finally {
            await db.ds.query(`DELETE FROM consents WHERE id = ANY($1::uuid[])`, [ids]);
          }
        },
      ),
      // 80 runs: with 60, fast-check's small arrays (1 to 25 long, mostly short) came to 300
      // consents or fewer in 10 of 300 sampled sets of runs (counted offline) and the
      // check below failed without anything being wrong; with 80 the fewest of 1,000 was 397.
      { numRuns: 80 },
    );
    // The generator must reach both sides of the rule, or the property says little.
    expect(admittedByBoth).toBeGreaterThan(20);
    expect(withProvisions).toBeGreaterThan(50);
    expect(compared).toBeGreaterThan(300);
  });
});

import { isolatedDatabase, type TestDatabase } from '@kim/test-support/db';
import { seedDemo, type DemoCredentials } from '@kim/demo-data';
import { PrivacyMaintenance } from './maintenance.js';
import { berlinDay } from '../common/calendar.js';
import { verifyAuditChain } from '../ledger/audit.js';

describe('privacy maintenance', () => {
  let db: TestDatabase;
  let creds: DemoCredentials;
  let maintenance: PrivacyMaintenance;

  beforeAll(async () => {
    db = await isolatedDatabase('maintenance');
    creds = await seedDemo(db.ds, { simulatorUrl: 'http://127.0.0.1:9', persons: 80, credentialPrefix: 'mnt' });
    maintenance = new PrivacyMaintenance(db.ds);
  });
  afterAll(() => db.drop());

  it('counts consent days in Berlin', () => {
    expect(berlinDay(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29');
    expect(berlinDay(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
  });

  it('marks expired consents once, records them, and stops messages still waiting on them', async () => {
    const [c] = await db.ds.query(`SELECT id, case_id, recipient_agency_id FROM consents LIMIT 1`);
    await db.ds.query(`UPDATE consents SET valid_from = '2024-01-01', valid_until = '2025-01-01' WHERE case_id = $1`, [
      c.case_id,
    ]);
    const [r] = await db.ds.query(`SELECT id FROM referrals WHERE case_id = $1 AND agency_id = $2 LIMIT 1`, [
      c.case_id,
      c.recipient_agency_id,
    ]);
    await db.ds.query(
      `INSERT INTO outbox_messages (tenant_id, agency_id, referral_id, event_type, event_id, delivery_state, trace_id)
       VALUES ($1, $2, $3, 'de.kim-hub.referral.requested.v1', gen_random_uuid()::text, 'queued', 'test')`,
      [creds.tenantId, c.recipient_agency_id, r.id],
    );
    const first = await maintenance.sweepExpiredConsents();
    expect(first.expired).toBeGreaterThanOrEqual(1);
    expect(first.suppressedMessages).toBe(1);
    expect(await maintenance.sweepExpiredConsents()).toEqual({ expired: 0, suppressedMessages: 0 });
    const [timeline] = await db.ds.query(
      `SELECT count(*)::int AS n FROM timeline_events WHERE case_id = $1 AND kind = 'consent.expired'`,
      [c.case_id],
    );
    expect(timeline.n).toBeGreaterThanOrEqual(1);
  });

  it('erases a person once every case has been closed longer than the retention period, keeping the statistics', async () => {
    const [victim] = await db.ds.query(
      `SELECT p.id, p.family_name, p.birth_date::text AS birth_date FROM persons p JOIN cases c ON c.person_id = p.id WHERE c.phase = 'closed' LIMIT 1`,
    );
    const [open] = await db.ds.query(
      `SELECT p.id FROM persons p JOIN cases c ON c.person_id = p.id WHERE c.phase <> 'closed' LIMIT 1`,
    );
    await db.ds.query(`UPDATE cases SET closed_at = now() - interval '4 years' WHERE person_id = $1`, [victim.id]);
    // Linkage reviews that quote the person's name beside another person's: one undecided, one
    // decided "different persons" with a note, one decided "same person" (a merge, undone since).
    const [third, fourth] = await db.ds.query<{ id: string }[]>(
      `SELECT p.id FROM persons p WHERE p.id <> ALL($1::uuid[]) ORDER BY p.id LIMIT 2`,
      [[victim.id, open.id]],
    );
    const quoted = JSON.stringify([
      { field: 'family', level: 'variant', weight: 2.1, valueA: victim.family_name, valueB: 'X' },
    ]);
    const review = async (other: string, status: string, note: string | null) => {
      const [a, b] = [victim.id, other].sort();
      const [row] = await db.ds.query<{ id: string }[]>(
        `INSERT INTO link_reviews (tenant_id, person_a_id, person_b_id, score, evidence, source, status, note)
         VALUES ($1, $2, $3, 1.5, $4, 'case-opened', $5, $6) RETURNING id`,
        [creds.tenantId, a, b, quoted, status, note],
      );
      return row!.id;
    };
    const undecided = await review(open.id, 'open', null);
    const different = await review(third!.id, 'different-persons', `Nicht ${victim.family_name}: anderer Vater`);
    const same = await review(fourth!.id, 'same-person', 'Pass geprüft');
    await db.ds.query(
      `INSERT INTO person_merges (tenant_id, survivor_id, merged_id, basis, score, review_id, reason, undone_at, undo_reason)
       VALUES ($1, $2, $3, 'review', 1.5, $4, $5, now(), $6)`,
      [creds.tenantId, fourth!.id, victim.id, same, `Gleiche Person ${victim.family_name}`, 'doch nicht'],
    );
    // An achievement with its correction, and a dossier that named it.
    const [victimCase] = await db.ds.query(`SELECT id FROM cases WHERE person_id = $1 LIMIT 1`, [victim.id]);
    const cm = creds.staff.find((s) => s.key === 'cm-rheine-1')!.id;
    const achievement = async (correctsId: string | null) => {
      const [row] = await db.ds.query<{ id: string }[]>(
        `INSERT INTO achievements (tenant_id, case_id, person_id, kind, achieved_on, details, source, evidence_kind,
                                   evidence_reference, evidence_seen_on, recorded_by_kind, recorded_by_id,
                                   corrects_id, correction_reason)
         VALUES ($1, $2, $3, 'language-certificate', '2023-05-02', $4, 'case-manager', 'certificate',
                 $5, '2023-05-10', 'staff', $6, $7, $8) RETURNING id`,
        [
          creds.tenantId,
          victimCase.id,
          victim.id,
          JSON.stringify({ cefrLevel: 'B1', test: 'DTZ', provider: 'VHS Rheine' }),
          `Zertifikat ${victim.family_name}`,
          cm,
          correctsId,
          correctsId ? 'Niveau falsch übertragen' : null,
        ],
      );
      return row!.id;
    };
    const first = await achievement(null);
    const corrected = await achievement(first);
    const abh = creds.agencies.find((a) => a.kind === 'foreigners-authority')!.id;
    const [outbox] = await db.ds.query(`SELECT id FROM outbox_messages LIMIT 1`);
    await db.ds.query(
      `INSERT INTO dossiers (tenant_id, case_id, agency_id, achievement_ids, note, outbox_id, created_by)
       VALUES ($1, $2, $3, $4::uuid[], $5, $6, $7)`,
      [creds.tenantId, victimCase.id, abh, [corrected], `Für ${victim.family_name}`, outbox.id, cm],
    );
    const othersAchievements = async () =>
      (await db.ds.query(`SELECT count(*)::int AS n FROM achievements WHERE person_id <> $1`, [victim.id]))[0].n;
    const keptAchievements = await othersAchievements();
    const before = await db.ds.query(
      `SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM referrals)::int AS referrals`,
    );

    expect(await maintenance.eraseAfterRetention(3 * 365)).toEqual({ erasedPersons: 1 });
    // Achievements and dossiers of the erased person are gone; nobody else's.
    expect(
      await db.ds.query(
        `SELECT (SELECT count(*) FROM achievements WHERE person_id = $1)::int AS achievements,
                (SELECT count(*) FROM dossiers WHERE case_id = $2)::int AS dossiers`,
        [victim.id, victimCase.id],
      ),
    ).toEqual([{ achievements: 0, dossiers: 0 }]);
    expect(await othersAchievements()).toBe(keptAchievements);
    const [after] = await db.ds.query(
      `SELECT given_names, family_name, birth_date::text AS birth_date, birth_date_precision, erased_at FROM persons WHERE id = $1`,
      [victim.id],
    );
    expect(after).toMatchObject({
      given_names: '[gelöscht]',
      family_name: '[gelöscht]',
      birth_date_precision: 'year-only',
    });
    expect(after.birth_date.endsWith('-01-01')).toBe(true);
    expect(after.birth_date.slice(0, 4)).toBe(victim.birth_date.slice(0, 4));
    // Review evidence of an erased person is gone: the undecided item whole; a decided one keeps
    // only who decided what (so "different persons" still holds), without evidence or note.
    const reviews = await db.ds.query<{ id: string; status: string; evidence: unknown; note: string | null }[]>(
      `SELECT id, status, evidence, note FROM link_reviews WHERE id = ANY($1::uuid[]) ORDER BY status`,
      [[undecided, different, same]],
    );
    expect(reviews).toEqual([
      { id: different, status: 'different-persons', evidence: [], note: null },
      { id: same, status: 'same-person', evidence: [], note: null },
    ]);
    const [merge] = await db.ds.query(`SELECT reason, undo_reason FROM person_merges WHERE review_id = $1`, [same]);
    expect(merge).toEqual({ reason: '[gelöscht]', undo_reason: '[gelöscht]' });
    const [untouched] = await db.ds.query(`SELECT erased_at FROM persons WHERE id = $1`, [open.id]);
    expect(untouched.erased_at).toBeNull();
    expect(
      await db.ds.query(
        `SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM referrals)::int AS referrals`,
      ),
    ).toEqual(before);
    expect(await maintenance.eraseAfterRetention(3 * 365)).toEqual({ erasedPersons: 0 });
    expect((await verifyAuditChain(db.ds, creds.tenantId)).ok).toBe(true);
  });
});

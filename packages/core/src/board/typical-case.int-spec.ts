import { StaffRole } from '@kim/contracts';
import { isolatedDatabase, type TestDatabase } from '@kim/test-support/db';
import { seedDemo, type DemoCredentials } from '@kim/demo-data';
import type { Principal } from '../common/principal.js';
import { TypicalCases, type TypicalCaseExport } from './typical-case.js';

/**
 * The typical-case export, read as its recipient would: a working group that may know one date
 * of the case (an agency knows the day it received its referral). Whatever it knows, the export
 * must not let it work out the person's arrival or birth date. The test's oracle: moving the
 * arrival date or the birth date (within the bands the export names) must not change a single
 * byte of the export but its fresh pseudonym; then no field, offset or combination of them can
 * carry either date.
 */
describe('typical-case export', () => {
  let db: TestDatabase;
  let creds: DemoCredentials;
  let exports: TypicalCases;
  let target: { caseId: string; personId: string; opened: string; areaId: string };
  const areaOf: Record<string, string> = {};

  const coordinator = (key: 'coordinator-rheine' | 'coordinator-kreis'): Principal => {
    const s = creds.staff.find((x) => x.key === key)!;
    return {
      kind: 'staff',
      tenantId: creds.tenantId,
      userId: s.id,
      role: StaffRole.COORDINATOR,
      displayName: s.displayName,
      regionId: null,
      coordinationAreaId: areaOf[key]!,
    };
  };
  const withoutPseudonym = (e: TypicalCaseExport) => JSON.stringify({ ...e, pseudonym: '' });
  const setPerson = (column: 'arrival_date' | 'birth_date', isoDate: string) =>
    db.ds.query(`UPDATE persons SET ${column} = $2 WHERE id = $1`, [target.personId, isoDate]);
  const shift = (isoDate: string, days: number) =>
    new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    db = await isolatedDatabase('typical_case');
    creds = await seedDemo(db.ds, { simulatorUrl: 'http://127.0.0.1:9', persons: 40, credentialPrefix: 'tc' });
    for (const key of ['coordinator-rheine', 'coordinator-kreis'] as const) {
      const [s] = await db.ds.query(`SELECT coordination_area_id AS a FROM staff_users WHERE id = $1`, [
        creds.staff.find((x) => x.key === key)!.id,
      ]);
      areaOf[key] = s.a;
    }
    // A Rheine case with referrals that moved, so the export has offsets to give away.
    const [c] = await db.ds.query(
      `SELECT c.id, c.person_id, (c.opened_at AT TIME ZONE 'Europe/Berlin')::date::text AS opened, r.coordination_area_id AS area
         FROM cases c JOIN regions r ON r.id = c.region_id
        WHERE r.name = 'Rheine' AND EXISTS (SELECT 1 FROM referrals f WHERE f.case_id = c.id AND f.accepted_at IS NOT NULL)
        ORDER BY c.id LIMIT 1`,
    );
    target = { caseId: c.id, personId: c.person_id, opened: c.opened, areaId: c.area };
    await db.ds.query(
      `UPDATE persons SET birth_date_precision = 'exact', residence_status = 'Aufenthaltserlaubnis § 25 Abs. 2 AufenthG, gültig bis 31.12.2027' WHERE id = $1`,
      [target.personId],
    );
    exports = new TypicalCases(db.ds);
  });

  afterAll(() => db?.drop());

  it('reveals neither the arrival date nor the birth date: moving either within its band changes nothing', async () => {
    // Arrived 400 days before the case opened (band: one to two years, i.e. 365 to 729 days; the
    // shifts below stay inside it), born in the spring of a year (band 30-39 at the opening).
    const arrival = shift(target.opened, -400);
    const birthYear = Number(target.opened.slice(0, 4)) - 34;
    await setPerson('arrival_date', arrival);
    await setPerson('birth_date', `${birthYear}-04-17`);
    const base = await exports.export(coordinator('coordinator-rheine'), target.caseId);
    expect(base.person).toEqual({
      ageBandAtOpening: '30-39',
      timeSinceArrivalAtOpening: '1-to-2-years',
      residenceStatus: 'aufenthaltserlaubnis',
      languages: expect.any(Number),
    });
    const text = JSON.stringify(base);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4}/);
    expect(text).not.toContain(arrival);
    for (const days of [-300, -120, -30, -1, 1, 7, 30]) {
      await setPerson('arrival_date', shift(arrival, days));
      const moved = await exports.export(coordinator('coordinator-rheine'), target.caseId);
      expect([`arrival ${days} days`, withoutPseudonym(moved)]).toEqual([
        `arrival ${days} days`,
        withoutPseudonym(base),
      ]);
    }
    await setPerson('arrival_date', arrival);
    for (const birth of [
      `${birthYear}-01-01`,
      `${birthYear}-12-31`,
      `${birthYear - 3}-06-30`,
      `${birthYear + 4}-02-02`,
    ]) {
      await setPerson('birth_date', birth);
      const moved = await exports.export(coordinator('coordinator-rheine'), target.caseId);
      expect([`born ${birth}`, withoutPseudonym(moved)]).toEqual([`born ${birth}`, withoutPseudonym(base)]);
    }
    // Days are counted from the opening, which the export already is day 0 of.
    expect(base.dayZero).toBe('case-opened');
    expect(base.openedDay).toBe(0);
  });

  it('records every export in the ledger (who, which area, how many cases), and every refusal', async () => {
    const ledger = () =>
      db.ds.query<
        {
          actor_id: string;
          subject_type: string;
          subject_id: string;
          person_id: string | null;
          allowed: boolean;
          reason: string;
        }[]
      >(
        `SELECT actor_id, subject_type, subject_id, person_id, allowed, reason FROM audit_events
          WHERE action = 'report.typical-case' ORDER BY seq`,
      );
    const before = (await ledger()).length;
    await exports.export(coordinator('coordinator-rheine'), target.caseId);
    await expect(exports.export(coordinator('coordinator-kreis'), target.caseId)).rejects.toThrow(/was not found/);
    const rows = (await ledger()).slice(before);
    expect(rows).toEqual([
      {
        actor_id: creds.staff.find((s) => s.key === 'coordinator-rheine')!.id,
        subject_type: 'coordination-area',
        subject_id: target.areaId,
        person_id: target.personId,
        allowed: true,
        reason: expect.stringMatching(/\b1 case\b/),
      },
      {
        actor_id: creds.staff.find((s) => s.key === 'coordinator-kreis')!.id,
        subject_type: 'case',
        subject_id: target.caseId,
        person_id: null,
        allowed: false,
        reason: expect.stringMatching(/was not found/),
      },
    ]);
  });
});

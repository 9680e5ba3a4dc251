import { StaffRole } from '@kim/contracts';
import { isolatedDatabase, type TestDatabase } from '@kim/test-support/db';
import { seedDemo, type DemoCredentials } from '@kim/demo-data';
import { AchievementCommands } from '../achievement/achievements.js';
import type { Principal } from '../common/principal.js';
import { BoardAggregates } from './board-refresh.js';
import { MilestoneQueries } from './milestone-queries.js';

/**
 * The board's milestones against a table written by hand from the achievements below (not from
 * the code): persons per month who first reached each milestone, 1 to 4 suppressed, and where a
 * month's count is hidden alone, the smallest other month of that milestone hidden too (the
 * months add up to the year's total, which is shown).
 */
const year = new Date().getFullYear() - 3; // a year the demo data leaves empty
const m = (month: number) => `${year}-${String(month).padStart(2, '0')}`;
const day = (month: number, d = 15) => `${m(month)}-${String(d).padStart(2, '0')}`;

type Row = [b1: number | null, course: number | null, livelihood: number | null, naturalised: number | null];
/** Months without a row are all 0. `null`: shown as "< 5". */
const RHEINE: Record<number, Row> = {
  // March: six certificates at B1, B2, C1, C2 (an A2 does not count); hidden, because May's 2 would come back from the total.
  3: [null, 0, 0, 0],
  // April: seven persons completed the integration course.
  4: [0, 7, 0, 0],
  // May: two more at B1 (one of them corrected from B1 to A2 does not count): suppressed.
  5: [null, 0, 0, 0],
  // September: five more completed the course (one had completed it before: counted in April).
  9: [0, 5, 0, 0],
  // October: five took up employment that secures the livelihood (one that does not, does not count);
  // hidden because November's single one would come back from the total.
  10: [0, 0, null, 0],
  11: [0, 0, null, 0],
};
const RHEINE_TOTAL: Row = [8, 12, 6, 0];
/** The operator sees the Kreis: Rheine's and one naturalisation in Steinfurt in July (suppressed, and so its total). */
const KREIS: Record<number, Row> = { ...RHEINE, 7: [0, 0, 0, null] };
const KREIS_TOTAL: Row = [8, 12, 6, null];

const table = (rows: Record<number, Row>) =>
  Array.from({ length: 12 }, (_, i) => ({ month: m(i + 1), counts: rows[i + 1] ?? [0, 0, 0, 0] }));

describe('board milestones: persons per month and milestone, suppressed', () => {
  let db: TestDatabase;
  let creds: DemoCredentials;
  let queries: MilestoneQueries;
  let areas: { kreis: string; rheine: string };

  const principalOf = (id: string, area: string | null = null): Principal => {
    const s = creds.staff.find((x) => x.id === id)!;
    return {
      kind: 'staff',
      tenantId: creds.tenantId,
      userId: s.id,
      role: s.role as StaffRole,
      displayName: s.displayName,
      regionId: s.regionId,
      coordinationAreaId: area,
    };
  };
  const staff = (key: string) => creds.staff.find((x) => x.key === key)!.id;

  beforeAll(async () => {
    db = await isolatedDatabase('board_milestones');
    creds = await seedDemo(db.ds, { simulatorUrl: 'http://127.0.0.1:9', persons: 150, credentialPrefix: 'mile' });
    const [a] = await db.ds.query(`SELECT id FROM coordination_areas WHERE tenant_id = $1 AND kind = 'kreis'`, [
      creds.tenantId,
    ]);
    const [b] = await db.ds.query(`SELECT id FROM coordination_areas WHERE tenant_id = $1 AND kind = 'municipality'`, [
      creds.tenantId,
    ]);
    areas = { kreis: a.id, rheine: b.id };
    // One open case each of distinct persons, in Rheine and in Steinfurt.
    const casesIn = (region: string) =>
      db.ds.query<{ id: string; case_manager_id: string }[]>(
        `SELECT DISTINCT ON (c.person_id) c.id, c.case_manager_id FROM cases c
          WHERE c.tenant_id = $1 AND c.region_id = $2 AND c.phase <> 'closed' ORDER BY c.person_id, c.id`,
        [creds.tenantId, creds.regions.find((r) => r.key === region)!.id],
      );
    const rheine = await casesIn('rheine');
    const steinfurt = await casesIn('steinfurt');
    if (rheine.length < 14) throw new Error(`the demo data should give Rheine 14 persons, not ${rheine.length}`);

    const commands = new AchievementCommands(db.ds);
    const evidence = (month: number) => ({ kind: 'certificate', reference: `Z-${month}`, seenOn: day(month, 20) });
    const record = (c: { id: string; case_manager_id: string }, achievement: Record<string, unknown>, month: number) =>
      commands.record(principalOf(c.case_manager_id), c.id, { achievement, evidence: evidence(month) });
    const cert = (cefrLevel: string, month: number, d = 15) => ({
      kind: 'language-certificate',
      achievedOn: day(month, d),
      cefrLevel,
      test: 'telc Deutsch',
      provider: 'VHS Rheine',
    });
    const course = (month: number) => ({ kind: 'integration-course', achievedOn: day(month), provider: 'VHS Rheine' });
    const job = (month: number, securesLivelihood: boolean) => ({
      kind: 'employment',
      achievedOn: day(month),
      hoursPerWeek: 38,
      securesLivelihood,
    });
    const P = rheine;

    // B1: March P0..P5 at B1 or above; P8 at A2 (not B1); P0 again at B2 in June (counted in March).
    for (const [i, level] of ['B1', 'B1', 'B2', 'C1', 'C2', 'B1'].entries()) await record(P[i]!, cert(level, 3), 3);
    await record(P[8]!, cert('A2', 3), 3);
    await record(P[0]!, cert('B2', 6), 6);
    // May: P6, P7 at B1; P9 at A2; P10's B1 is corrected to A2.
    await record(P[6]!, cert('B1', 5), 5);
    await record(P[7]!, cert('B1', 5, 20), 5);
    await record(P[9]!, cert('A2', 5), 5);
    const wrong = await record(P[10]!, cert('B1', 5), 5);
    await commands.correct(principalOf(P[10]!.case_manager_id), wrong.id, {
      achievement: cert('A2', 5),
      evidence: evidence(5),
      reason: 'Zertifikat nochmals gesehen: Niveau A2',
    });
    // Integration course: P0..P6 in April, P7..P11 in September, P0 again in September; P12 the year before.
    for (let i = 0; i <= 6; i++) await record(P[i]!, course(4), 4);
    for (let i = 7; i <= 11; i++) await record(P[i]!, course(9), 9);
    await record(P[0]!, course(9), 9);
    await commands.record(principalOf(P[12]!.case_manager_id), P[12]!.id, {
      achievement: { kind: 'integration-course', achievedOn: `${year - 1}-12-10`, provider: 'VHS Rheine' },
      evidence: evidence(1),
    });
    // Livelihood: P0..P4 in October; P5 employed in October without securing it; P6 in November.
    for (let i = 0; i <= 4; i++) await record(P[i]!, job(10, true), 10);
    await record(P[5]!, job(10, false), 10);
    await record(P[6]!, job(11, true), 11);
    // Naturalised: one person in Steinfurt, in July.
    await record(steinfurt[0]!, { kind: 'naturalisation', achievedOn: day(7), provider: 'Kreis Steinfurt' }, 7);

    await new BoardAggregates(db.ds).refresh();
    queries = new MilestoneQueries(db.ds);
  }, 120_000);

  afterAll(() => db?.drop());

  const asTable = (f: Awaited<ReturnType<MilestoneQueries['figures']>>) => ({
    months: f.months.map((x) => ({
      month: x.month,
      counts: [x.b1Reached, x.courseCompleted, x.livelihoodSecured, x.naturalised],
    })),
    total: [f.total.b1Reached, f.total.courseCompleted, f.total.livelihoodSecured, f.total.naturalised],
  });

  it("gives Rheine's coordinator the table of the area's year", async () => {
    const f = await queries.figures(principalOf(staff('coordinator-rheine'), areas.rheine), null, {
      from: m(1),
      to: m(12),
    });
    expect(asTable(f)).toEqual({ months: table(RHEINE), total: RHEINE_TOTAL });
  });

  it('gives the operator the whole Kreis, with the one naturalisation suppressed', async () => {
    const f = await queries.figures(principalOf(staff('operator')), null, { from: m(1), to: m(12) });
    expect(asTable(f)).toEqual({ months: table(KREIS), total: KREIS_TOTAL });
  });

  it('counts the year before on its own: the course completed in December, suppressed', async () => {
    const f = await queries.figures(principalOf(staff('coordinator-rheine'), areas.rheine), null, {
      from: `${year - 1}-01`,
      to: `${year - 1}-12`,
    });
    expect(f.months.find((x) => x.month === `${year - 1}-12`)!.courseCompleted).toBeNull();
    expect(f.total).toEqual({ b1Reached: 0, courseCompleted: null, livelihoodSecured: 0, naturalised: 0 });
  });

  it('refuses another area and a case manager, like the board', async () => {
    await expect(
      queries.figures(principalOf(staff('coordinator-rheine'), areas.rheine), areas.kreis, null),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const cm = creds.staff.find((x) => x.role === 'case-manager')!;
    await expect(queries.figures(principalOf(cm.id), null, null)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

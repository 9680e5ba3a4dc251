/**
 * The milestones section of the committee report (issue 19 item 4), read back from the PDF with
 * pdf.js, and the same figures on the board over GraphQL, against a table written by hand from
 * the achievements recorded below: persons per month who first reached each milestone, "< 5"
 * where suppressed.
 */
import type { StaffRole } from '@kim/contracts';
import { AchievementCommands, BoardAggregates, type Principal } from '@kim/core';
import { startTestHub, type TestHub } from '@kim/test-support/hub';

const CONSOLE_CATALOG = '../../apps/console/src/i18n/de.js';
const { de } = (await import(CONSOLE_CATALOG)) as { de: any };

const year = new Date().getFullYear() - 3; // a year the demo data leaves empty
const day = (month: number) => `${year}-${String(month).padStart(2, '0')}-12`;

const S = '< 5';
/** Rheine's year, columns B1, course, livelihood, naturalised; months not listed are all "0". */
const ORACLE: Record<number, string[]> = {
  // Five at B1 or above in February, one in August: August's 1 hidden, and February's 5 with it
  // (the total 6 is shown, so February would be 6 − 1).
  2: [S, '0', '0', '0'],
  6: ['0', '6', '0', '0'],
  8: [S, '0', '0', '0'],
  // Three naturalised in December: hidden, and the total (it would be December itself).
  12: ['0', '0', '0', S],
};
const ORACLE_TOTAL = ['6', '6', '0', S];
const monthRows = () => Array.from({ length: 12 }, (_, i) => ORACLE[i + 1] ?? ['0', '0', '0', '0']);
const asText = (v: number | null) => (v === null ? S : String(v));

describe('committee report and board: milestones', () => {
  let hub: TestHub;
  let rows: string[][];
  let sectionWords: Set<string>;

  beforeAll(async () => {
    hub = await startTestHub('committee_milestones', { persons: 150 });
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const cases = await hub.db.ds.query<{ id: string; case_manager_id: string }[]>(
      `SELECT DISTINCT ON (person_id) id, case_manager_id FROM cases
        WHERE tenant_id = $1 AND region_id = $2 AND phase <> 'closed' ORDER BY person_id, id`,
      [hub.creds.tenantId, rheine],
    );
    if (cases.length < 9) throw new Error(`the demo data should give Rheine 9 persons, not ${cases.length}`);
    const commands = new AchievementCommands(hub.db.ds);
    const record = (i: number, achievement: Record<string, unknown>) => {
      const c = cases[i]!;
      const s = hub.creds.staff.find((x) => x.id === c.case_manager_id)!;
      const p: Principal = {
        kind: 'staff',
        tenantId: hub.creds.tenantId,
        userId: s.id,
        role: s.role as StaffRole,
        displayName: s.displayName,
        regionId: s.regionId,
        coordinationAreaId: null,
      };
      return commands.record(p, c.id, {
        achievement,
        evidence: { kind: 'certificate', reference: `K-${i}`, seenOn: `${year}-12-20` },
      });
    };
    const cert = (month: number, cefrLevel: string) => ({
      kind: 'language-certificate',
      achievedOn: day(month),
      cefrLevel,
      test: 'Deutsch-Test für Zuwanderer (DTZ)',
      provider: 'VHS Rheine',
    });
    for (const [i, level] of ['B1', 'B2', 'B1', 'C1', 'B1'].entries()) await record(i, cert(2, level));
    await record(5, cert(2, 'A2'));
    await record(6, cert(8, 'B1'));
    for (let i = 0; i < 6; i++) await record(i, { kind: 'integration-course', achievedOn: day(6), provider: 'VHS' });
    await record(7, { kind: 'employment', achievedOn: day(3), hoursPerWeek: 20, securesLivelihood: false });
    for (const i of [6, 7, 8]) await record(i, { kind: 'naturalisation', achievedOn: day(12) });
    await new BoardAggregates(hub.db.ds).refresh();

    const res = await fetch(`${hub.url}/reports/committee?format=pdf&from=${year}-01&to=${year}-12`, {
      headers: { authorization: `Bearer ${hub.token('coordinator-rheine')}` },
    });
    if (res.status !== 200) throw new Error(`committee report: HTTP ${res.status} ${await res.text()}`);
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(await res.arrayBuffer()), verbosity: 0 }).promise;
    // The text as lines (items of one page at one height, left to right), in reading order.
    const lines: string[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const text = await (await doc.getPage(n)).getTextContent();
      const byY = new Map<number, { x: number; s: string }[]>();
      for (const item of text.items as any[]) {
        if (!item.str?.trim()) continue;
        const y = Math.round(item.transform[5]);
        byY.set(y, [...(byY.get(y) ?? []), { x: item.transform[4], s: item.str.trim() }]);
      }
      for (const y of [...byY.keys()].sort((a, b) => b - a))
        lines.push(
          byY
            .get(y)!
            .sort((a, b) => a.x - b.x)
            .map((i) => i.s),
        );
    }
    const start = lines.findIndex((l) => l.join(' ') === '6. Meilensteine auf dem Weg der Personen');
    if (start <= 0) throw new Error('the committee PDF has no section 6 (Meilensteine auf dem Weg der Personen)');
    // The section's table: the months of the year, then the sum.
    sectionWords = new Set(lines.slice(start).flatMap((l) => l.join(' ').split(/\s+/)));
    rows = lines.slice(start).filter((l) => new RegExp(`^\\S+\\.? ${year}$|^Summe$`).test(l[0]!));
  }, 240_000);
  afterAll(() => hub?.close());

  it('prints the section with every month and the sum, counts and "< 5" as the table says', () => {
    expect(rows.map((r) => r.slice(1))).toEqual([...monthRows(), ORACLE_TOTAL]);
    expect(rows.at(-1)![0]).toBe('Summe');
  });

  it("names the milestones in the console's words (each word of the console's label in the section)", () => {
    const missing = ['b1Reached', 'courseCompleted', 'livelihoodSecured', 'naturalised'].flatMap((k) =>
      (de.board.milestoneKinds[k] as string).split(/\s+/).filter((w) => !sectionWords.has(w)),
    );
    expect(missing).toEqual([]);
  });

  it('gives the board the same figures over GraphQL', async () => {
    const r = await hub.gql(
      hub.token('coordinator-rheine'),
      `query($p: BoardPeriodInput) { statusBoard(period: $p) { milestones {
         months { month b1Reached courseCompleted livelihoodSecured naturalised }
         total { b1Reached courseCompleted livelihoodSecured naturalised } } } }`,
      { p: { from: `${year}-01`, to: `${year}-12` } },
    );
    const m = (r.data).statusBoard.milestones;
    const cols = (c: any) => [c.b1Reached, c.courseCompleted, c.livelihoodSecured, c.naturalised].map(asText);
    expect(m.months.map((x: any) => x.month)).toEqual(
      Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`),
    );
    expect([...m.months.map(cols), cols(m.total)]).toEqual([...monthRows(), ORACLE_TOTAL]);
  });
});

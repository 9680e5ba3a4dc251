import { randomUUID } from 'node:crypto';
import { StaffRole } from '@kim/contracts';
import { isolatedDatabase, type TestDatabase } from '@kim/test-support/db';
import { seedDemo, type DemoCredentials } from '@kim/demo-data';
import type { Principal } from '../common/principal.js';
import { BoardQueries, type StatusBoard } from './board.js';
import { BoardAggregates } from './board-refresh.js';

/**
 * An attacker with one caller's credentials asks the board for every period (and, for an
 * operator, every area) it can, and subtracts answers: where one answer's scope is another's
 * plus a third's, the difference of two shown counts is the third's count, and if the third
 * shows that cell as suppressed, it has come back. The attacker knows nothing of the board's
 * code: it only reads answers, and a request that is refused gives it nothing.
 */
type Cells = Map<string, number | null>;
interface Answer {
  areas: string[];
  months: string[];
  cells: Cells;
}

/** Every count of the answer that depends on the period, under a key that names it. */
function cellsOf(b: StatusBoard): Cells {
  const cells: Cells = new Map();
  const counts = [
    'requested',
    'awaitingAnswer',
    'accepted',
    'inProgress',
    'completed',
    'rejected',
    'failed',
    'cancelled',
  ] as const;
  for (const f of b.funnel) for (const c of counts) cells.set(`funnel|${f.serviceId}|${c}`, f[c]);
  for (const c of counts) cells.set(`total|${c}`, b.funnelTotal[c]);
  for (const w of b.waitingTimes) cells.set(`wait|${w.scope}|${w.serviceId ?? ''}|${w.measure}`, w.referrals);
  return cells;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
const minus = (a: string[], b: string[]) => a.filter((x) => !b.includes(x));

/** Cells of a suppressed answer that two other answers give back by subtraction. */
function differencing(answers: Answer[]): string[] {
  const found: string[] = [];
  for (const a of answers) {
    for (const b of answers) {
      if (a === b) continue;
      // A = B + C, in months (same areas) or in areas (same months).
      const rest =
        sameSet(a.areas, b.areas) && b.months.every((m) => a.months.includes(m))
          ? { areas: a.areas, months: minus(a.months, b.months) }
          : sameSet(a.months, b.months) && b.areas.every((x) => a.areas.includes(x))
            ? { areas: minus(a.areas, b.areas), months: a.months }
            : null;
      if (!rest || rest.months.length === 0 || rest.areas.length === 0) continue;
      for (const c of answers.filter((x) => sameSet(x.areas, rest.areas) && sameSet(x.months, rest.months))) {
        for (const [key, hidden] of c.cells) {
          // A row missing from an answer counts 0 there; a suppressed cell (null) is unknown.
          const big = a.cells.has(key) ? a.cells.get(key)! : 0;
          const small = b.cells.has(key) ? b.cells.get(key)! : 0;
          if (hidden === null && big !== null && small !== null)
            found.push(`${key} in ${c.areas.join('+')} ${c.months[0]}..${c.months.at(-1)} = ${big - small}`);
        }
      }
    }
  }
  return found;
}

describe('board: no suppressed cell comes back by differencing two answers', () => {
  let db: TestDatabase;
  let creds: DemoCredentials;
  let board: BoardQueries;
  let areas: { kreis: string; rheine: string };
  const year = new Date().getFullYear() - 3; // a year the demo data leaves empty
  const monthsOfYear = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

  const staff = (key: string): Principal => {
    const s = creds.staff.find((x) => x.key === key)!;
    return {
      kind: 'staff',
      tenantId: creds.tenantId,
      userId: s.id,
      role: s.role as StaffRole,
      displayName: s.displayName,
      regionId: s.regionId,
      coordinationAreaId:
        key === 'coordinator-rheine' ? areas.rheine : key === 'coordinator-kreis' ? areas.kreis : null,
    };
  };

  /** Every period (a run of months of the year, or a whole year around it) in every scope the caller may try. */
  async function ask(p: Principal, tryAreas: (string | null)[]): Promise<{ answers: Answer[]; refused: number }> {
    const periods: { from: string; to: string }[] = [];
    for (let i = 0; i < 12; i++)
      for (let j = i; j < 12; j++) periods.push({ from: monthsOfYear[i]!, to: monthsOfYear[j]! });
    for (const y of [year - 1, year + 1]) periods.push({ from: `${y}-01`, to: `${y}-12` });
    const answers: Answer[] = [];
    let refused = 0;
    for (const area of tryAreas) {
      for (const period of periods) {
        try {
          const b = await board.statusBoard(p, area, period);
          const from = Number(b.period.from.slice(5)) + Number(b.period.from.slice(0, 4)) * 12;
          const to = Number(b.period.to.slice(5)) + Number(b.period.to.slice(0, 4)) * 12;
          const months = Array.from({ length: to - from + 1 }, (_, k) => {
            const m = from + k - 1;
            return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
          });
          const scope = b.areaId ? [b.areaId] : [areas.kreis, areas.rheine];
          answers.push({ areas: scope, months, cells: cellsOf(b) });
        } catch {
          refused++;
        }
      }
    }
    return { answers, refused };
  }

  beforeAll(async () => {
    db = await isolatedDatabase('board_diff');
    creds = await seedDemo(db.ds, { simulatorUrl: 'http://127.0.0.1:9', persons: 60, credentialPrefix: 'diff' });
    const [a] = await db.ds.query(`SELECT id FROM coordination_areas WHERE tenant_id = $1 AND kind = 'kreis'`, [
      creds.tenantId,
    ]);
    const [b] = await db.ds.query(`SELECT id FROM coordination_areas WHERE tenant_id = $1 AND kind = 'municipality'`, [
      creds.tenantId,
    ]);
    areas = { kreis: a.id, rheine: b.id };
    // Referrals of that year, written as the figures need them: in Rheine, service A has 6 in
    // January, 7 in February and 3 in March; B 8 in January and 9 in March; C 2 in January. In
    // the Kreis area, A has 5 in January.
    const service = (code: string) => creds.services.find((s) => s.code === code)!;
    const agencyOf = (code: string) => creds.agencies.find((x) => x.key === service(code).agencyKey)!.id;
    const caseIn = async (region: string) =>
      (
        await db.ds.query(
          `SELECT c.id, c.case_manager_id FROM cases c WHERE c.tenant_id = $1 AND c.region_id = $2 ORDER BY c.id LIMIT 1`,
          [creds.tenantId, creds.regions.find((r) => r.key === region)!.id],
        )
      )[0] as { id: string; case_manager_id: string };
    const rheine = await caseIn('rheine');
    const steinfurt = await caseIn('steinfurt');
    const plan: [typeof rheine, string, number, number][] = [
      [rheine, 'JC-VERMITTLUNG', 1, 6],
      [rheine, 'JC-VERMITTLUNG', 2, 7],
      [rheine, 'JC-VERMITTLUNG', 3, 3],
      [rheine, 'SK-INTEGRATIONSKURS', 1, 8],
      [rheine, 'SK-INTEGRATIONSKURS', 3, 9],
      [rheine, 'CARITAS-MBE', 1, 2],
      [steinfurt, 'JC-VERMITTLUNG', 1, 5],
    ];
    for (const [c, code, month, n] of plan) {
      for (let i = 0; i < n; i++) {
        await db.ds.query(
          `INSERT INTO referrals (tenant_id, id, case_id, service_id, agency_id, purpose, categories, status, created_by, requested_at, created_at, version)
           VALUES ($1, $2, $3, $4, $5, 'referral', '{identity}', 'requested', $6, $7, $7, 1)`,
          [
            creds.tenantId,
            randomUUID(),
            c.id,
            service(code).id,
            agencyOf(code),
            c.case_manager_id,
            new Date(Date.UTC(year, month - 1, 10 + i, 9)),
          ],
        );
      }
    }
    await new BoardAggregates(db.ds).refresh();
    board = new BoardQueries(db.ds);
  });

  afterAll(() => db?.drop());

  it("gives a coordinator no suppressed count of the area's year back, whatever periods they ask for", async () => {
    const { answers, refused } = await ask(staff('coordinator-rheine'), [null]);
    expect(differencing(answers)).toEqual([]);
    // Only whole years are answered; the year of the figures holds suppressed cells (C's 2).
    expect(answers.map((a) => `${a.months[0]}..${a.months.at(-1)}`)).toEqual([
      `${year}-01..${year}-12`,
      `${year - 1}-01..${year - 1}-12`,
      `${year + 1}-01..${year + 1}-12`,
    ]);
    expect(refused).toBe(77);
    expect([...answers[0]!.cells.values()].filter((v) => v === null).length).toBeGreaterThan(0);
  });

  it("gives an operator no area's suppressed count back by subtracting one area from the Kreis", async () => {
    const { answers } = await ask(staff('operator'), [null, areas.kreis, areas.rheine]);
    expect(differencing(answers)).toEqual([]);
    expect(answers.every((a) => a.areas.length === 2)).toBe(true);
  });
});

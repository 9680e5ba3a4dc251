import { StaffRole } from '@kim/contracts';
import { isolatedDatabase, type TestDatabase } from '@kim/test-support/db';
import { seedDemo, type DemoCredentials } from '@kim/demo-data';
import type { Principal } from '../common/principal.js';
import { BoardAggregates } from './board-refresh.js';
import { BoardQueries } from './board.js';

/**
 * The board's overdue count against a table written by hand from the referrals below (not from
 * the code). Overdue: still waiting for the answer ('requested') and the deadline (respond_by)
 * before the day of the read, in Berlin. The design (migration 1765700000000): the waiting
 * referrals and their deadlines are those of the last refresh, the deadline is compared with the
 * day of the read; so a deadline passes without a refresh, while an answer (or a referral sent)
 * shows from the next refresh on, like the funnel's "awaiting answer" beside it.
 *
 * Each group is five referrals, so that no count is suppressed (1 to 4 would be).
 */
const year = new Date().getFullYear() - 3; // a year the demo data leaves empty
const d = (month: number, day: number) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

describe('board: overdue referrals, deadlines of the refresh against the day of the read', () => {
  let db: TestDatabase;
  let creds: DemoCredentials;
  let areas: { kreis: string; rheine: string };
  let cases: { rheine: { id: string; cm: string }; steinfurt: { id: string; cm: string } };
  let service: { id: string; agencyId: string };
  const refresh = () => new BoardAggregates(db.ds).refresh();

  const principalOf = (key: string, area: string | null = null): Principal => {
    const s = creds.staff.find((x) => x.key === key)!;
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

  /** Five referrals of one group: `label` in their purpose, sent at noon on `sent`. */
  const send = (label: string, at: 'rheine' | 'steinfurt', status: string, sent: string, respondBy: string) =>
    db.ds.query(
      `INSERT INTO referrals (tenant_id, case_id, service_id, agency_id, purpose, categories, status, respond_by,
                              created_by, requested_at, version)
       SELECT $1, $2, $3, $4, $5, '{identity}', $6, $7::date, $8, ($9::date + time '12:00') AT TIME ZONE 'Europe/Berlin', 1
         FROM generate_series(1, 5)`,
      [creds.tenantId, cases[at].id, service.id, service.agencyId, label, status, respondBy, cases[at].cm, sent],
    );

  /** The board's overdue total of the year, for a caller, on the Berlin day `today`. */
  const overdue = async (today: string, who: 'rheine' | 'kreis' | 'operator' = 'rheine') => {
    const p =
      who === 'operator'
        ? principalOf('operator')
        : principalOf(`coordinator-${who}`, who === 'rheine' ? areas.rheine : areas.kreis);
    // Ten in the morning in Berlin, on that day.
    const board = new BoardQueries(db.ds, () => new Date(`${today}T08:00:00Z`));
    const b = await board.statusBoard(p, null, { from: `${year}-01`, to: `${year}-12` });
    return b.funnelTotal.overdue;
  };

  beforeAll(async () => {
    db = await isolatedDatabase('board_overdue');
    creds = await seedDemo(db.ds, { simulatorUrl: 'http://127.0.0.1:9', persons: 60, credentialPrefix: 'due' });
    const area = async (kind: string) =>
      (
        await db.ds.query<{ id: string }[]>(`SELECT id FROM coordination_areas WHERE tenant_id = $1 AND kind = $2`, [
          creds.tenantId,
          kind,
        ])
      )[0]!.id;
    areas = { kreis: await area('kreis'), rheine: await area('municipality') };
    const caseIn = async (region: string) => {
      const [c] = await db.ds.query<{ id: string; case_manager_id: string }[]>(
        `SELECT id, case_manager_id FROM cases WHERE tenant_id = $1 AND region_id = $2 ORDER BY id LIMIT 1`,
        [creds.tenantId, creds.regions.find((r) => r.key === region)!.id],
      );
      return { id: c!.id, cm: c!.case_manager_id };
    };
    cases = { rheine: await caseIn('rheine'), steinfurt: await caseIn('steinfurt') };
    const [s] = await db.ds.query<{ id: string; agency_id: string }[]>(
      `SELECT id, agency_id FROM services WHERE tenant_id = $1 ORDER BY code LIMIT 1`,
      [creds.tenantId],
    );
    service = { id: s!.id, agencyId: s!.agency_id };
    const [counted] = await db.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM referrals WHERE tenant_id = $1 AND requested_at >= $2::date AND requested_at < $3::date`,
      [creds.tenantId, `${year - 1}-12-01`, `${year + 1}-01-01`],
    );
    if (counted?.n !== 0) throw new Error(`the demo data should leave ${year} without referrals, it has ${counted?.n}`);

    // Rheine: A, B and C waiting with deadlines in March, D answered (accepted) before its
    // deadline passed, E waiting in April. Steinfurt (the Kreis's area): F waiting.
    await send('A', 'rheine', 'requested', d(3, 2), d(3, 10));
    await send('B', 'rheine', 'requested', d(3, 4), d(3, 12));
    await send('C', 'rheine', 'requested', d(3, 12), d(3, 20));
    await send('D', 'rheine', 'accepted', d(3, 1), d(3, 5));
    await send('E', 'rheine', 'requested', d(4, 1), d(4, 9));
    await send('F', 'steinfurt', 'requested', d(3, 2), d(3, 10));
    await refresh();
  }, 120_000);

  afterAll(() => db?.drop());

  /** Rheine's coordinator, by the day of the read: which groups are overdue (five referrals each). */
  const RHEINE: [today: string, overdue: number, which: string][] = [
    [d(3, 9), 0, 'none: A is due on the 10th'],
    [d(3, 10), 0, "none: A's deadline is today, not passed"],
    [d(3, 11), 5, 'A'],
    [d(3, 13), 10, 'A, B'],
    [d(3, 20), 10, "A, B (C's deadline today)"],
    [d(3, 21), 15, 'A, B, C'],
    [d(4, 10), 20, 'A, B, C, E; never D, answered'],
  ];

  it.each(RHEINE)('on %s counts %i overdue (%s), with no refresh between the reads', async (today, expected) => {
    expect(await overdue(today)).toBe(expected);
  });

  it("counts each area's own: the Kreis F only, the whole tenant both", async () => {
    expect(await overdue(d(3, 10), 'kreis')).toBe(0);
    expect(await overdue(d(3, 11), 'kreis')).toBe(5);
    expect(await overdue(d(4, 10), 'operator')).toBe(25);
  });

  it('takes an answer and a new referral from the next refresh, as the funnel does', async () => {
    await db.ds.query(`UPDATE referrals SET status = 'accepted' WHERE tenant_id = $1 AND purpose = 'A'`, [
      creds.tenantId,
    ]);
    await send('G', 'rheine', 'requested', d(3, 3), d(3, 11));
    // Between refreshes: the board is that of the last refresh (its asOf), A still waiting, G unknown.
    expect(await overdue(d(4, 10))).toBe(20);
    await refresh();
    // A answered no longer counts; G counts once its deadline has passed.
    expect(await overdue(d(3, 11))).toBe(0);
    expect(await overdue(d(3, 12))).toBe(5);
    expect(await overdue(d(4, 10))).toBe(20);
  });
});

import { BoardAggregates } from '@kim/core';
import { startTestHub, type TestHub } from '@kim/test-support/hub';

const CASELOAD = /* GraphQL */ `
  query ($orderBy: CaseloadOrderInput) {
    statusBoard {
      caseManagers(orderBy: $orderBy) {
        staffId
      }
    }
  }
`;
const FLAGS = /* GraphQL */ `
  query ($orderBy: FlaggedCaseOrderInput) {
    barriers {
      flaggedCases(orderBy: $orderBy) {
        caseId
        kind
      }
    }
  }
`;

describe("sorting the coordinators' caseload and flagged cases (orderBy on statusBoard and barriers)", () => {
  let hub: TestHub;
  let cm1: string;
  let cm2: string;
  let first: string;
  let second: string;
  const token = () => hub.token('coordinator-rheine');

  beforeAll(async () => {
    hub = await startTestHub('boardorder', { persons: 40 });
    const ds = hub.db.ds;
    const staff = (key: string) => hub.creds.staff.find((s) => s.key === key)!.id;
    // Rheine's two case managers (1.0 and 0.9 posts in the demo data), named so that the name
    // order is the reverse of the post order.
    cm1 = staff('cm-rheine-1');
    cm2 = staff('cm-rheine-2');
    await ds.query(`UPDATE staff_users SET display_name = 'Zahn, Eva', fte = 1.0 WHERE id = $1`, [cm1]);
    await ds.query(`UPDATE staff_users SET display_name = 'Özdemir, Ayla', fte = 0.9 WHERE id = $1`, [cm2]);
    // Two Rheine cases, each in two funded language courses at once: double funding, twice.
    const cases: { id: string }[] = await ds.query(
      `SELECT c.id FROM cases c JOIN regions r ON r.id = c.region_id
        WHERE r.name = 'Rheine' AND c.phase <> 'closed' ORDER BY c.reference LIMIT 2`,
    );
    first = cases[0]!.id;
    second = cases[1]!.id;
    const ids = Object.fromEntries(hub.creds.services.map((s) => [s.code, s.id]));
    const sk = hub.creds.agencies.find((a) => a.key === 'sk')!.id;
    for (const c of [first, second])
      for (const code of ['SK-INTEGRATIONSKURS', 'SK-BERUFSSPRACHKURS'])
        await ds.query(
          `INSERT INTO referrals (tenant_id, case_id, service_id, agency_id, purpose, categories, status, created_by, requested_at, version)
           VALUES ($1, $2, $3, $4, 'referral', '{identity}', 'in-progress', $5, now() - interval '20 days', 1)`,
          [hub.creds.tenantId, c, ids[code], sk, cm1],
        );
    await new BoardAggregates(ds).refresh();
  }, 120_000);
  afterAll(() => hub?.close());

  const caseload = async (orderBy?: unknown) => {
    const r = await hub.gql(token(), CASELOAD, { orderBy });
    expect(r.errors).toBeUndefined();
    return (r.data.statusBoard.caseManagers as { staffId: string }[]).map((m) => m.staffId);
  };

  it('orders the caseload by name and by posts, both ways (expected orders written by hand)', async () => {
    expect(await caseload({ field: 'NAME', direction: 'ASC' })).toEqual([cm2, cm1]);
    expect(await caseload({ field: 'NAME', direction: 'DESC' })).toEqual([cm1, cm2]);
    expect(await caseload({ field: 'FTE', direction: 'ASC' })).toEqual([cm2, cm1]);
    expect(await caseload({ field: 'FTE', direction: 'DESC' })).toEqual([cm1, cm2]);
    expect(await caseload({ field: 'CAPACITY', direction: 'DESC' })).toEqual([cm1, cm2]);
  });

  it('orders the flagged cases by case reference, both ways', async () => {
    const flags = async (orderBy: unknown) => {
      const r = await hub.gql(token(), FLAGS, { orderBy });
      expect(r.errors).toBeUndefined();
      return (r.data.barriers.flaggedCases as { caseId: string; kind: string }[])
        .filter((f) => f.kind === 'double-funding')
        .map((f) => f.caseId);
    };
    expect(await flags({ field: 'CASE_REFERENCE', direction: 'ASC' })).toEqual([first, second]);
    expect(await flags({ field: 'CASE_REFERENCE', direction: 'DESC' })).toEqual([second, first]);
  });

  it('answers a bad order with a clear error, not a 500', async () => {
    for (const [query, orderBy, message] of [
      [CASELOAD, { field: 'SALARY', direction: 'ASC' }, /SALARY/],
      [CASELOAD, { field: 'NAME', direction: 'UP' }, /UP/],
      [FLAGS, { field: 'PERSON_NAME', direction: 'ASC' }, /PERSON_NAME/],
      [FLAGS, { field: 'KIND' }, /direction/],
    ] as const) {
      const r = await hub.gql(token(), query, { orderBy });
      expect(r.data ?? null).toBeNull();
      expect(r.errors?.[0].message).toMatch(message);
      expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(r.errors?.[0].extensions.code);
    }
  });
});

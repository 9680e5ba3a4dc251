import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { FULL_CASE_PAGE as PAGE } from '@kim/test-support/fixtures';

describe('case lists', () => {
  let hub: TestHub;
  let statements: string[] = [];

  beforeAll(async () => {
    hub = await startTestHub('caselist', { persons: 240, onQuery: (sql) => statements.push(sql) });
  });
  afterAll(() => hub.close());

  async function countStatements(first: number): Promise<number> {
    statements = [];
    const r = await hub.gql(hub.token('coordinator-kreis'), PAGE, { first });
    expect(r.errors).toBeUndefined();
    expect(r.data.cases.edges).toHaveLength(first);
    return statements.length;
  }

  it('costs the same number of SQL statements for 5 cases as for 50 (batched loading)', async () => {
    const five = await countStatements(5);
    const fifty = await countStatements(50);
    expect(fifty).toBe(five);
    // principal, page, and one batch per kind of linked row
    expect(fifty).toBeLessThanOrEqual(14);
  });

  it('pages through all cases of the area without gaps or repeats', async () => {
    const token = hub.token('coordinator-rheine');
    const seen = new Set<string>();
    let after: string | null = null;
    for (;;) {
      const r: any = await hub.gql(token, PAGE, { first: 25, after });
      for (const e of r.data.cases.edges) seen.add(e.node.id);
      if (!r.data.cases.pageInfo.hasNextPage) break;
      after = r.data.cases.pageInfo.endCursor;
    }
    const [expected] = await hub.db.ds.query(
      `SELECT count(*)::int AS n FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id JOIN coordination_areas a ON a.tenant_id = r.tenant_id AND a.id = r.coordination_area_id WHERE a.name = 'Stadt Rheine'`,
    );
    expect(seen.size).toBe(expected.n);
  });

  it('filters by phase and searches by family name', async () => {
    const token = hub.token('coordinator-kreis');
    const r = await hub.gql(token, `{ cases(first: 100, filter: { phase: MONITORING }) { edges { node { phase } } } }`);
    expect(r.data.cases.edges.length).toBeGreaterThan(0);
    expect(new Set(r.data.cases.edges.map((e: any) => e.node.phase))).toEqual(new Set(['MONITORING']));
    const s = await hub.gql(
      token,
      `{ cases(first: 100, filter: { search: "kov" }) { edges { node { person { familyName } } } } }`,
    );
    expect(s.data.cases.edges.length).toBeGreaterThan(0);
    for (const e of s.data.cases.edges) expect(e.node.person.familyName.toLowerCase().startsWith('kov')).toBe(true);
  });

  it('refuses a page larger than the limit and a forged cursor', async () => {
    const token = hub.token('coordinator-kreis');
    expect((await hub.gql(token, PAGE, { first: 1000 })).errors?.[0].extensions.code).toBe('INVALID_INPUT');
    expect((await hub.gql(token, PAGE, { first: 5, after: 'bm9wZQ' })).errors?.[0].extensions.code).toBe(
      'INVALID_INPUT',
    );
  });
});

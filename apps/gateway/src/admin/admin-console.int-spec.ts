import { startTestHub, type TestHub } from '@kim/test-support/hub';

/**
 * What the console's administration screens ask of the API beyond the administration's first
 * cut (issue 18, item 1): the staff list a page at a time, the agencies with their webhook URL
 * and services, and a deactivated user made active again. The expected sets are read from the
 * database as its owner, never from the use-cases under test.
 */
const PAGE = /* GraphQL */ `
  query Page($first: Int, $after: ID) {
    staffUserPage(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          displayName
          active
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const AGENCIES = /* GraphQL */ `
  {
    administeredAgencies {
      id
      name
      webhookUrl
      statusUrl
      contactPhone
      services {
        id
        code
      }
    }
  }
`;

interface StaffPage {
  edges: { cursor: string; node: { id: string; displayName: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe('administration for the console', () => {
  let hub: TestHub;
  let admin: string;
  beforeAll(async () => {
    hub = await startTestHub('admin-console', { persons: 2 });
    admin = hub.token('admin');
  }, 120_000);
  afterAll(() => hub?.close());

  const ids = async (sql: string): Promise<string[]> =>
    (await hub.db.ds.query<{ id: string }[]>(sql, [hub.creds.tenantId])).map((r) => r.id).sort();

  it('pages through every staff user of the tenant once, by name, and refuses bad page arguments', async () => {
    const seen: { id: string; displayName: string }[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const r: { data?: { staffUserPage: StaffPage }; errors?: unknown[] } = await hub.gql(admin, PAGE, {
        first: 4,
        after,
      });
      expect(r.errors).toBeUndefined();
      const page: StaffPage = r.data!.staffUserPage;
      pages += 1;
      expect(page.edges.length).toBeLessThanOrEqual(4);
      seen.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) break;
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)!.cursor);
      after = page.pageInfo.endCursor;
    }
    const all = await ids(`SELECT id FROM staff_users WHERE tenant_id = $1`);
    expect(seen.map((s) => s.id).sort()).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 4));
    // The order the database gives for the same names (its collation), not one the test invents.
    const byName = await hub.db.ds.query<{ id: string }[]>(
      `SELECT id FROM staff_users WHERE tenant_id = $1 ORDER BY display_name, email, id`,
      [hub.creds.tenantId],
    );
    expect(seen.map((s) => s.id)).toEqual(byName.map((r) => r.id));

    for (const [vars, path] of [
      [{ first: 0 }, 'first'],
      [{ first: 101 }, 'first'],
      [{ first: 5, after: '00000000-0000-4000-8000-000000000000' }, 'after'],
    ] as const) {
      const bad = await hub.gql(admin, PAGE, vars);
      expect(bad.data?.staffUserPage ?? null).toBeNull();
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_INPUT', problems: [{ path }] });
    }
  });

  it('lists the agencies with webhook URL, status URL and their own services; no secret', async () => {
    const caritas = hub.creds.agencies.find((a) => a.key === 'caritas')!;
    const url = 'https://fachverfahren.caritas.example/kim-hook';
    const up = await hub.gql(
      admin,
      `mutation($id: ID!, $u: AgencyUpdate!) { updateAgency(id: $id, input: $u) { id } }`,
      { id: caritas.id, u: { webhookUrl: url, contactPhone: '+49 5971 862-0' } },
    );
    expect(up.errors).toBeUndefined();

    const r = await hub.gql(admin, AGENCIES);
    expect(r.errors).toBeUndefined();
    const list = r.data.administeredAgencies as {
      id: string;
      webhookUrl: string | null;
      statusUrl: string;
      contactPhone: string | null;
      services: { id: string }[];
    }[];
    expect(list.map((a) => a.id).sort()).toEqual(await ids(`SELECT id FROM agencies WHERE tenant_id = $1`));
    const got = list.find((a) => a.id === caritas.id)!;
    expect(got).toMatchObject({
      webhookUrl: url,
      contactPhone: '+49 5971 862-0',
      statusUrl: `/webhooks/${hub.creds.tenantId}/agencies/${caritas.id}/status`,
    });
    for (const a of list) {
      const want = await hub.db.ds.query<{ id: string }[]>(
        `SELECT id FROM services WHERE tenant_id = $1 AND agency_id = $2`,
        [hub.creds.tenantId, a.id],
      );
      expect(a.services.map((s) => s.id).sort()).toEqual(want.map((w) => w.id).sort());
    }
    // The type has no field that could carry a secret.
    const fields = await hub.gql(admin, `{ __type(name: "AdministeredAgency") { fields { name } } }`);
    const names = fields.data.__type.fields.map((f: { name: string }) => f.name).join(' ');
    expect(names).not.toMatch(/secret|hash|apiKey/i);
  });

  it('refuses both lists to everyone but the tenant administrator', async () => {
    for (const key of ['cm-rheine-1', 'coordinator-rheine', 'operator']) {
      for (const q of ['{ administeredAgencies { id } }', '{ staffUserPage { edges { cursor } } }']) {
        const r = await hub.gql(hub.token(key), q);
        expect({ key, q, data: r.data ?? null, code: r.errors?.[0]?.extensions?.code }).toEqual({
          key,
          q,
          data: null,
          code: 'FORBIDDEN',
        });
      }
    }
  });

  it('deactivates and reactivates a staff user: the token is refused, then signs in again; both in the ledger', async () => {
    const cm = hub.creds.staff.find((s) => s.key === 'cm-steinfurt-2')!;
    const ME = `{ viewer { staff { id } } }`;
    const UPDATE = `mutation($id: ID!, $u: StaffUserUpdate!) { updateStaffUser(id: $id, input: $u) { id active } }`;
    expect((await hub.gql(cm.token, ME)).data?.viewer.staff.id).toBe(cm.id);

    const off = await hub.gql(admin, UPDATE, { id: cm.id, u: { active: false } });
    expect(off.data?.updateStaffUser).toEqual({ id: cm.id, active: false });
    expect((await hub.gql(cm.token, ME)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const on = await hub.gql(admin, UPDATE, { id: cm.id, u: { active: true } });
    expect(on.data?.updateStaffUser).toEqual({ id: cm.id, active: true });
    expect((await hub.gql(cm.token, ME)).data?.viewer.staff.id).toBe(cm.id);

    const ledger = await hub.db.ds.query<{ action: string; reason: string; actor_id: string }[]>(
      `SELECT action, reason, actor_id FROM audit_events WHERE tenant_id = $1 AND subject_id = $2 ORDER BY seq`,
      [hub.creds.tenantId, cm.id],
    );
    const adminId = hub.creds.staff.find((s) => s.key === 'admin')!.id;
    expect(ledger.filter((e) => e.action === 'staff.updated')).toEqual([
      { action: 'staff.updated', reason: 'active', actor_id: adminId },
      { action: 'staff.updated', reason: 'active', actor_id: adminId },
    ]);
  });
});

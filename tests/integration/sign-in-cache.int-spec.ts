import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { expectEventually } from '@kim/test-support/eventually';

const ME = `{ me { displayName role } }`;

/**
 * The gateway keeps signed-in principals (PRINCIPAL_CACHE_MS, here ten minutes so that the
 * lifetime can be ruled out) and drops them when the database announces a change.
 */
describe('sign-in cache', () => {
  let hub: TestHub;
  let lookups = 0;

  beforeAll(async () => {
    hub = await startTestHub('signincache', {
      env: { PRINCIPAL_CACHE_MS: '600000' },
      onQuery: (sql) => {
        if (sql.includes('kim_principal_by_token_hash')) lookups += 1;
      },
    });
  });
  afterAll(() => hub?.close());

  /** Lookups a request caused. */
  async function lookupsFor(token: string) {
    const before = lookups;
    const answer = await hub.gql<{ me: { displayName: string; role: string } }>(token, ME);
    return { lookups: lookups - before, answer };
  }

  const listenerPid = async () => {
    const [row] = await hub.db.ds.query<{ pid: number }[]>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'kim-gateway-principals'`,
    );
    return row?.pid;
  };

  it('answers a signed-in user from memory once the gateway listens for changes', async () => {
    const token = hub.token('cm-rheine-1');
    await expectEventually(async () => {
      await hub.gql(token, ME);
      expect((await lookupsFor(token)).lookups).toBe(0);
    });
    const again = await lookupsFor(token);
    expect(again.lookups).toBe(0);
    expect(again.answer.data?.me.role).toBe('case-manager');
  });

  it('refuses a withdrawn token at once, not when the kept sign-in would expire', async () => {
    const token = hub.token('cm-rheine-2');
    const staffId = hub.creds.staff.find((s) => s.key === 'cm-rheine-2')!.id;
    await expectEventually(async () => expect((await lookupsFor(token)).lookups).toBe(0));

    await hub.db.ds.query(`UPDATE staff_users SET token_hash = md5(random()::text) WHERE id = $1`, [staffId]);
    const refused = await expectEventually(
      async () => {
        const res = await hub.gql(token, ME);
        expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        return res;
      },
      { timeoutMs: 3000, intervalMs: 20 },
    );
    expect(refused.data?.me ?? null).toBeNull();
  });

  it('sees a changed name at once', async () => {
    const token = hub.token('coordinator-kreis');
    const staffId = hub.creds.staff.find((s) => s.key === 'coordinator-kreis')!.id;
    await expectEventually(async () => expect((await lookupsFor(token)).lookups).toBe(0));
    await hub.db.ds.query(`UPDATE staff_users SET display_name = 'Umbenannt' WHERE id = $1`, [staffId]);
    await expectEventually(async () => expect((await hub.gql(token, ME)).data?.me.displayName).toBe('Umbenannt'), {
      timeoutMs: 3000,
      intervalMs: 20,
    });
  });

  it('keeps nothing while its notification connection is down, and resumes after reconnecting', async () => {
    const token = hub.token('cm-rheine-1');
    const pid = await listenerPid();
    expect(pid).toBeDefined();
    await hub.db.ds.query(`SELECT pg_terminate_backend($1)`, [pid]);
    // The gateway notices the loss, drops what it kept and looks every credential up again.
    await expectEventually(async () => expect((await lookupsFor(token)).lookups).toBe(1));
    // Then it reconnects (a new backend) and keeps sign-ins again.
    await expectEventually(
      async () => {
        expect(await listenerPid()).not.toBe(pid);
        await hub.gql(token, ME);
        expect((await lookupsFor(token)).lookups).toBe(0);
      },
      { timeoutMs: 15000 },
    );
  });
});

/**
 * The queue dashboard (Bull Board) on /admin/queues: operators only, by bearer token or by
 * HTTP Basic with the token as password (what a browser's sign-in prompt sends), read-only.
 */
import { startTestHub, type TestHub } from '@kim/test-support/hub';

describe('queue dashboard', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub('dashboard');
  });
  afterAll(async () => {
    await hub.close();
  });

  const get = (path: string, authorization?: string) =>
    fetch(`${hub.url}/admin/queues${path}`, { headers: authorization ? { authorization } : {} });
  const basic = (password: string) => `Basic ${Buffer.from(`operator:${password}`).toString('base64')}`;

  it('asks for credentials without any, and for a token it does not know', async () => {
    const none = await get('/');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic realm="KIM Hub queues"/);
    expect((await get('/', 'Bearer not-a-token-of-this-hub')).status).toBe(401);
    expect((await get('/', basic('not-a-token-of-this-hub'))).status).toBe(401);
  });

  it('refuses coordinators, case managers and agencies', async () => {
    expect((await get('/', `Bearer ${hub.token('coordinator-rheine')}`)).status).toBe(403);
    expect((await get('/', basic(hub.token('cm-rheine-1')))).status).toBe(403);
    expect((await get('/', `Bearer ${hub.creds.agencies[0]!.apiKey}`)).status).toBe(403);
    // The board's API is behind the same door as its page.
    expect((await get('/api/queues', `Bearer ${hub.token('coordinator-rheine')}`)).status).toBe(403);
  });

  it("opens for the operator's token, as bearer or Basic password, and lists every queue read-only", async () => {
    const page = await get('/', basic(hub.token('operator')));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/<div id="root">/);

    const api = await get('/api/queues', `Bearer ${hub.token('operator')}`);
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: { name: string; readOnlyMode: boolean }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(['handoff', 'linkage', 'maintenance', 'outbox']);
    expect(body.queues.every((q) => q.readOnlyMode)).toBe(true);
  });

  it('lets no one change a queue through it', async () => {
    const res = await fetch(`${hub.url}/admin/queues/api/queues/outbox/pause`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${hub.token('operator')}` },
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    const [outbox] = (await hub.gql(hub.token('operator'), `{ queues { name isPaused } }`)).data.queues.filter(
      (q: { name: string }) => q.name === 'outbox',
    );
    expect(outbox).toEqual({ name: 'outbox', isPaused: false });
  });
});

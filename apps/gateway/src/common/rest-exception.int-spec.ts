import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { EventType } from '@kim/contracts';
import { buildCloudEvent, signWebhook } from '@kim/messaging';
import { startTestHub, type TestHub } from '@kim/test-support/hub';

/**
 * Bad input that gets past a controller's own checks and is refused by core: every REST
 * controller answers it with the code GraphQL gives and its HTTP status, never a 500
 * (RestExceptionFilter). The health controller takes no input and has nothing to refuse.
 */
describe('REST controllers answer what core refuses with its code and status', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub('restfilter', { persons: 60 });
  });
  afterAll(() => hub.close());

  const get = async (path: string, staffKey: string) => {
    const res = await fetch(`${hub.url}${path}`, { headers: { authorization: `Bearer ${hub.token(staffKey)}` } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('access report: a case that is not there (or not yours) is 404 NOT_FOUND', async () => {
    const { status, body } = await get(`/reports/access/${randomUUID()}`, 'cm-rheine-1');
    expect({ status, error: body.error }).toEqual({ status: 404, error: 'NOT_FOUND' });
  });

  it('committee report: a period core cannot read is 400 INVALID_INPUT naming it; typical case: 404', async () => {
    const bad = await get('/reports/committee?from=2025-13&to=2025-02', 'coordinator-rheine');
    expect({ status: bad.status, error: bad.body.error }).toEqual({ status: 400, error: 'INVALID_INPUT' });
    expect(bad.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.any(String) })]));
    const none = await get(`/reports/typical-case/${randomUUID()}`, 'coordinator-rheine');
    expect({ status: none.status, error: none.body.error }).toEqual({ status: 404, error: 'NOT_FOUND' });
  });

  it('status webhook: a date far ahead is 400 INVALID_INPUT on data.occurredAt, an unknown referral 404', async () => {
    const jc = hub.creds.agencies.find((a) => a.key === 'jc')!;
    const [sent] = await hub.db.ds.query(
      `SELECT id FROM referrals WHERE agency_id = $1 AND status NOT IN ('draft') ORDER BY id LIMIT 1`,
      [jc.id],
    );
    const post = async (referralId: string, occurredAt: Date) => {
      const event = buildCloudEvent({
        type: EventType.REFERRAL_STATUS_CHANGED,
        source: `urn:kim-agency:${jc.id}`,
        data: { referralId, status: 'in-progress', occurredAt: occurredAt.toISOString() },
      });
      const body = JSON.stringify(event);
      const res = await fetch(`${hub.url}/webhooks/${hub.creds.tenantId}/agencies/${jc.id}/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signWebhook(jc.webhookSecret, event.id, body).headers },
        body,
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const ahead = await post(sent.id, new Date(Date.now() + 30 * 86_400_000));
    expect({ status: ahead.status, error: ahead.body.error, problems: ahead.body.problems }).toEqual({
      status: 400,
      error: 'INVALID_INPUT',
      problems: [expect.objectContaining({ path: 'data.occurredAt' })],
    });
    const unknown = await post(randomUUID(), new Date());
    expect({ status: unknown.status, error: unknown.body.error }).toEqual({ status: 404, error: 'NOT_FOUND' });
  });

  it("keeps an idle connection open past Node's 5 s, so a client that reuses it is not reset", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const live = () =>
      new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
        const req = http.get(`${hub.url}/health/live`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
        });
        req.on('error', reject);
      });
    try {
      expect(await live()).toEqual({ status: 200, reused: false });
      await new Promise((r) => setTimeout(r, 6_000));
      // Still open after 6 s idle: the same socket answers (with Node's default it was closed at 5 s).
      expect(await live()).toEqual({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  }, 20_000);
});

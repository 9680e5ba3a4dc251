import type { NestExpressApplication } from '@nestjs/platform-express';
import { HubMetrics, createGateway } from '@kim/gateway';
import { startTestHub, type TestHub } from '@kim/test-support/hub';

const ME = `{ me { role } }`;

/**
 * Failed sign-ins are limited per credential prefix and per source address (here 3 and 5 a
 * minute), in Redis, so a second gateway holds the same budgets; a valid credential never counts.
 */
describe('failed sign-ins are rate-limited', () => {
  let hub: TestHub;
  let second: NestExpressApplication;
  let secondUrl: string;

  beforeAll(async () => {
    hub = await startTestHub('signinlimits', {
      persons: 1,
      env: { SIGN_IN_FAILURES_PER_PREFIX: '3', SIGN_IN_FAILURES_PER_SOURCE: '5' },
    });
    second = await createGateway(hub.config, { logger: ['error'] });
    await second.listen(0, '127.0.0.1');
    secondUrl = (await second.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await second?.close();
    await hub?.close();
  });

  async function call(url: string, token: string) {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: ME }),
    });
    const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    return {
      status: res.status,
      code: body.errors?.[0]?.extensions?.code ?? 'OK',
      retryAfter: res.headers.get('retry-after'),
    };
  }
  const failures = async () =>
    Object.fromEntries(
      (await hub.app.get(HubMetrics).signInFailed.get()).values.map((v) => [v.labels.reason, v.value]),
    );

  it('per prefix, shared by the gateways; then per source; valid sign-ins are not counted', async () => {
    const valid = hub.token('cm-rheine-1');
    // Expected answers, one per attempt (the oracle: budgets 3 per prefix and 5 per source).
    const plan: [url: string, token: string, expected: string][] = [
      [hub.url, valid, 'OK'],
      [hub.url, 'kim_guessAAAA-1', 'UNAUTHENTICATED'],
      [secondUrl, 'kim_guessAAAA-2', 'UNAUTHENTICATED'],
      [hub.url, valid, 'OK'],
      [secondUrl, 'kim_guessAAAA-3', 'UNAUTHENTICATED'],
      // The prefix kim_guessAAA has spent its 3: refused before the lookup, on either gateway.
      [hub.url, 'kim_guessAAAA-4', 'RATE_LIMITED'],
      [secondUrl, 'kim_guessAAAA-5', 'RATE_LIMITED'],
      // The source has 2 failures left.
      [hub.url, 'kim_otherBBBB-1', 'UNAUTHENTICATED'],
      [hub.url, valid, 'OK'],
      [secondUrl, 'kim_thirdCCCC-1', 'UNAUTHENTICATED'],
      // The source has spent its 5: nothing from it is looked up for the rest of the minute.
      [hub.url, 'kim_fourthDDD-1', 'RATE_LIMITED'],
      [secondUrl, valid, 'RATE_LIMITED'],
    ];
    const seen: string[] = [];
    const limited: { status: number; retryAfter: number }[] = [];
    for (const [url, token] of plan) {
      const r = await call(url, token);
      seen.push(r.code);
      if (r.code === 'RATE_LIMITED') limited.push({ status: r.status, retryAfter: Number(r.retryAfter) });
    }
    expect(seen).toEqual(plan.map(([, , expected]) => expected));
    expect(limited.every((l) => l.status === 429 && l.retryAfter >= 1 && l.retryAfter <= 60)).toBe(true);
    // This gateway's counter: the attempts made to it (the others are in the second's).
    const here = plan.filter(([url]) => url === hub.url);
    expect(await failures()).toEqual({
      unknown: here.filter(([, , e]) => e === 'UNAUTHENTICATED').length,
      'rate-limited': here.filter(([, , e]) => e === 'RATE_LIMITED').length,
    });
  });
});

/**
 * The queue dashboard takes a credential too (HTTP Basic or bearer, before the API's tenant
 * fence): its misses spend the same budgets, so guessing keys there gets no further than on the
 * API. Its own hub, so the budgets start full.
 */
describe('failed sign-ins at the queue dashboard are rate-limited', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub('dashlimits', {
      persons: 1,
      env: { SIGN_IN_FAILURES_PER_PREFIX: '3', SIGN_IN_FAILURES_PER_SOURCE: '5' },
    });
  });
  afterAll(async () => {
    await hub?.close();
  });

  const basic = (token: string) => `Basic ${Buffer.from(`operator:${token}`).toString('base64')}`;
  async function open(token: string) {
    const res = await fetch(`${hub.url}/admin/queues/api/queues`, { headers: { authorization: basic(token) } });
    await res.arrayBuffer();
    return res.status;
  }

  it('per prefix, then per source, counted with the API', async () => {
    const operator = hub.token('operator');
    // Expected answers (the oracle: budgets 3 per prefix and 5 per source, 401 for a miss).
    const plan: [token: string, expected: number][] = [
      [operator, 200],
      ['kim_dashEEEE-1', 401],
      ['kim_dashEEEE-2', 401],
      ['kim_dashEEEE-3', 401],
      // The prefix has spent its 3: refused before any lookup.
      ['kim_dashEEEE-4', 429],
      [operator, 200],
      ['kim_dashFFFF-1', 401],
      ['kim_dashGGGG-1', 401],
      // The source has spent its 5: even the operator waits out the minute.
      [operator, 429],
    ];
    const seen: number[] = [];
    for (const [token] of plan) seen.push(await open(token));
    expect(seen).toEqual(plan.map(([, expected]) => expected));
  });
});

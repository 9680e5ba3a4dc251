import { randomUUID } from 'node:crypto';
import type { HubConfig } from '@kim/config';
import { startRedisCluster, type TestRedisCluster } from '@kim/test-support/redis-cluster';
import { expectEventually } from '@kim/test-support/eventually';
import type { HubMetrics } from '../metrics/hub-metrics.js';
import { SignInLimits } from './sign-in-limits.js';

/** The budgets of these tests: 3 failures per credential prefix, 5 per source, a minute. */
const limitsOn = (redisUrl: string | undefined, queuePrefix: string) =>
  new SignInLimits(
    {
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: queuePrefix,
      SIGN_IN_FAILURES_PER_PREFIX: 3,
      SIGN_IN_FAILURES_PER_SOURCE: 5,
      SIGN_IN_STARTS_PER_SOURCE: 10,
    } as HubConfig,
    // The counter of refusals is not what these tests are about.
    { signInFailed: { inc: () => undefined } } as unknown as HubMetrics,
  );

/**
 * Every request's budget check (`blockedFor`) reads both budgets in one Redis command; it must
 * still refuse exactly when a budget is spent, whichever gateway counted the failures. The
 * oracle: EXPECTED, written from the budgets (3 per prefix, 5 per source).
 */
type Step = ['fail' | 'check', source: string, credential: string];
const PLAN: Step[] = [
  ['check', '10.0.0.1', 'kim_guessAAAA-1'],
  ['fail', '10.0.0.1', 'kim_guessAAAA-1'],
  ['fail', '10.0.0.1', 'kim_guessAAAA-2'],
  ['check', '10.0.0.1', 'kim_guessAAAA-3'],
  ['fail', '10.0.0.1', 'kim_guessAAAA-3'],
  ['check', '10.0.0.1', 'kim_guessAAAA-4'],
  ['check', '10.0.0.2', 'kim_guessAAAA-5'],
  ['check', '10.0.0.1', 'kim_otherBBBB-1'],
  ['fail', '10.0.0.1', 'kim_otherBBBB-1'],
  ['check', '10.0.0.1', 'kim_validCCCC-1'],
  ['fail', '10.0.0.1', 'kim_thirdDDDD-1'],
  ['check', '10.0.0.1', 'kim_validCCCC-1'],
  ['check', '10.0.0.3', 'kim_validCCCC-1'],
];
const EXPECTED = [
  'looked up', // nothing spent yet
  'looked up', // two of the prefix's three
  'refused', // the prefix has spent its 3 ...
  'refused', // ... from any source
  'looked up', // the source has 2 of 5 left for other prefixes
  'looked up', // 4 of 5
  'refused', // the source has spent its 5: a valid credential waits too
  'looked up', // another source with a fresh prefix
];

async function answers(counting: SignInLimits, checking: SignInLimits): Promise<string[]> {
  const seen: string[] = [];
  for (const [step, source, credential] of PLAN) {
    if (step === 'fail') await counting.failed(source, credential);
    else {
      const wait = await checking.blockedFor(source, credential);
      seen.push(wait === 0 ? 'looked up' : wait >= 1 && wait <= 60 ? 'refused' : `wait ${wait}`);
    }
  }
  return seen;
}

describe('the sign-in budget check', () => {
  it('refuses once a budget is spent, counted by another gateway on the same Redis', async () => {
    const prefix = `signin-${randomUUID().slice(0, 8)}`;
    const a = limitsOn(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix);
    const b = limitsOn(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix);
    try {
      // Both connected, so the check takes its one-command path.
      await expectEventually(() => expect(a.shared && b.shared).toBe(true));
      expect(await answers(a, b)).toEqual(EXPECTED);
    } finally {
      await a.onModuleDestroy();
      await b.onModuleDestroy();
    }
  });

  it('refuses once a budget is spent while Redis does not answer (each gateway counts in memory)', async () => {
    const alone = limitsOn('redis://127.0.0.1:1', `signin-${randomUUID().slice(0, 8)}`);
    try {
      expect(await answers(alone, alone)).toEqual(EXPECTED);
    } finally {
      await alone.onModuleDestroy();
    }
  });

  it('refuses once a budget is spent without Redis (QUEUE_BACKEND=postgres)', async () => {
    const alone = limitsOn(undefined, 'signin-memory');
    expect(await answers(alone, alone)).toEqual(EXPECTED);
  });

  describe('on a Redis Cluster (the two budgets on different slots)', () => {
    let cluster: TestRedisCluster;
    beforeAll(async () => {
      cluster = await startRedisCluster();
    }, 60_000);
    afterAll(() => cluster?.close());

    it('refuses once a budget is spent, counted by another gateway', async () => {
      const prefix = `signin-${randomUUID().slice(0, 8)}`;
      const a = limitsOn(cluster.url, prefix);
      const b = limitsOn(cluster.url, prefix);
      try {
        await expectEventually(() => expect(a.shared && b.shared).toBe(true));
        expect(await answers(a, b)).toEqual(EXPECTED);
      } finally {
        await a.onModuleDestroy();
        await b.onModuleDestroy();
      }
    });
  });
});

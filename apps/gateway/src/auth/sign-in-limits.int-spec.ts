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
 * oracle: the plan below, written from the budgets (3 per prefix, 5 per source).
 */
async function budgetsLimit(counting: SignInLimits, checking: SignInLimits): Promise<void> {
  const waits = async (source: string, credential: string) => checking.blockedFor(source, credential);
  const refused = (w: number) => w >= 1 && w <= 60;
  expect(await waits('10.0.0.1', 'kim_guessAAAA-1')).toBe(0);
  await counting.failed('10.0.0.1', 'kim_guessAAAA-1');
  await counting.failed('10.0.0.1', 'kim_guessAAAA-2');
  // Two of three: still looked up.
  expect(await waits('10.0.0.1', 'kim_guessAAAA-3')).toBe(0);
  await counting.failed('10.0.0.1', 'kim_guessAAAA-3');
  // The prefix has spent its 3, from this source and from any other.
  expect(refused(await waits('10.0.0.1', 'kim_guessAAAA-4'))).toBe(true);
  expect(refused(await waits('10.0.0.2', 'kim_guessAAAA-5'))).toBe(true);
  // The source has 2 of 5 left for other prefixes.
  expect(await waits('10.0.0.1', 'kim_otherBBBB-1')).toBe(0);
  await counting.failed('10.0.0.1', 'kim_otherBBBB-1');
  expect(await waits('10.0.0.1', 'kim_validCCCC-1')).toBe(0);
  await counting.failed('10.0.0.1', 'kim_thirdDDDD-1');
  // The source has spent its 5: nothing from it is looked up, a valid credential neither.
  expect(refused(await waits('10.0.0.1', 'kim_validCCCC-1'))).toBe(true);
  // Another source with a fresh prefix is not held back.
  expect(await waits('10.0.0.3', 'kim_validCCCC-1')).toBe(0);
}

describe('the sign-in budget check', () => {
  it('refuses once a budget is spent, counted by another gateway on the same Redis', async () => {
    const prefix = `signin-${randomUUID().slice(0, 8)}`;
    const a = limitsOn(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix);
    const b = limitsOn(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix);
    try {
      // Both connected, so the check takes its one-command path.
      await expectEventually(() => expect(a.shared && b.shared).toBe(true));
      await budgetsLimit(a, b);
    } finally {
      await a.onModuleDestroy();
      await b.onModuleDestroy();
    }
  });

  it('refuses once a budget is spent while Redis does not answer (each gateway counts in memory)', async () => {
    const alone = limitsOn('redis://127.0.0.1:1', `signin-${randomUUID().slice(0, 8)}`);
    try {
      await budgetsLimit(alone, alone);
    } finally {
      await alone.onModuleDestroy();
    }
  });

  it('refuses once a budget is spent without Redis (QUEUE_BACKEND=postgres)', async () => {
    const alone = limitsOn(undefined, 'signin-memory');
    await budgetsLimit(alone, alone);
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
        await budgetsLimit(a, b);
      } finally {
        await a.onModuleDestroy();
        await b.onModuleDestroy();
      }
    });
  });
});

import { dueSince, queueLagProblem } from './queue-lag.js';

describe('queue lag', () => {
  const job = (over: Partial<Parameters<typeof dueSince>[0]> = {}) => ({
    timestamp: 1_000,
    delay: 0,
    processedOn: undefined,
    attemptsMade: 0,
    opts: { backoff: { type: 'exponential', delay: 2_000 } },
    ...over,
  });

  it('dates a first attempt from when it was added, plus its delay', () => {
    expect(dueSince(job())).toBe(1_000);
    expect(dueSince(job({ delay: 500 }))).toBe(1_500);
  });

  it('dates a retry from its last attempt plus the backoff that followed', () => {
    expect(dueSince(job({ attemptsMade: 1, processedOn: 10_000 }))).toBe(12_000);
    expect(dueSince(job({ attemptsMade: 3, processedOn: 10_000 }))).toBe(18_000);
    expect(dueSince(job({ attemptsMade: 2, processedOn: 10_000, opts: { backoff: 300 } }))).toBe(10_300);
    expect(
      dueSince(job({ attemptsMade: 2, processedOn: 10_000, opts: { backoff: { type: 'fixed', delay: 700 } } })),
    ).toBe(10_700);
  });

  it('names the stuck part, or nothing when the queue moves', () => {
    expect(queueLagProblem({ relayOverdueMs: 100, oldestWaitingMs: 200, waiting: 1 }, 1_000)).toBeNull();
    expect(queueLagProblem({ relayOverdueMs: null, oldestWaitingMs: null, waiting: 0 }, 1_000)).toMatch(
      /not scheduled/,
    );
    expect(queueLagProblem({ relayOverdueMs: 2_500, oldestWaitingMs: null, waiting: 0 }, 1_000)).toBe(
      'the outbox relay is 2.5 s overdue (limit 1.0 s): no worker is taking jobs',
    );
    expect(queueLagProblem({ relayOverdueMs: 0, oldestWaitingMs: 61_000, waiting: 40 }, 60_000)).toBe(
      'the oldest of 40 waiting jobs has been due for 61.0 s (limit 60.0 s): workers are not keeping up',
    );
  });
});

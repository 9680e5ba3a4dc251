import { jobPayloadSchemas, jobQueue, jobSchedules, schedulesOf, QueueName } from './jobs.js';

describe('the job schedules of the registry', () => {
  it('name registered jobs, once each, under distinct ids', () => {
    const ids = jobSchedules.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    const jobs = jobSchedules.map((s) => s.job);
    expect(new Set(jobs).size).toBe(jobs.length);
    for (const s of jobSchedules) expect([s.job, s.job in jobPayloadSchemas]).toEqual([s.job, true]);
  });

  it("give each run a payload its job's schema accepts (the worker sends { traceId: id })", () => {
    for (const s of jobSchedules) {
      const parsed = jobPayloadSchemas[s.job].safeParse({ traceId: s.id });
      expect([s.id, parsed.success]).toEqual([s.id, true]);
    }
  });

  it('are split by queue exactly as their jobs are', () => {
    const byQueue = Object.values(QueueName).flatMap((q) => schedulesOf(q).map((s) => [q, s.job]));
    expect(byQueue).toHaveLength(jobSchedules.length);
    for (const [q, job] of byQueue) expect([job, jobQueue[job as keyof typeof jobQueue]]).toEqual([job, q]);
    // What runs on a timer, per queue, as the operations guide lists it.
    expect(schedulesOf('outbox').map((s) => s.id)).toEqual(['outbox-relay', 'outbox-reconcile']);
    expect(schedulesOf('handoff').map((s) => s.id)).toEqual(['nightly-handoff']);
    expect(
      schedulesOf('maintenance')
        .map((s) => s.id)
        .sort(),
    ).toEqual([
      'audit-seal-sweep',
      'board-refresh',
      'consent-expiry-sweep',
      'linkage-sweep',
      'retention-sweep',
      'transfer-close-sweep',
    ]);
  });
});

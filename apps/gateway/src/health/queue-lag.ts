import type { Job, Queue } from 'bullmq';
import { OUTBOX_RELAY_SCHEDULER_ID } from '@kim/contracts';

type WaitingJob = Pick<Job, 'timestamp' | 'delay' | 'processedOn' | 'attemptsMade' | 'opts'>;

/**
 * When a waiting job became due. A first attempt is due when it was added (plus any delay);
 * a retry is due when its last attempt started plus the backoff that followed it. The queue
 * keeps no "promoted at" time, so a retry's due time is estimated from its backoff policy.
 */
export function dueSince(job: WaitingJob): number {
  if (job.attemptsMade > 0 && job.processedOn) {
    const backoff = job.opts.backoff;
    const base = typeof backoff === 'number' ? backoff : (backoff?.delay ?? 0);
    const exponential = typeof backoff === 'object' && backoff.type === 'exponential';
    return job.processedOn + (exponential ? base * 2 ** (job.attemptsMade - 1) : base);
  }
  return job.timestamp + (job.delay || 0);
}

export interface QueueLag {
  /** How long the oldest waiting job has been due without a worker taking it; null when none waits. */
  oldestWaitingMs: number | null;
  waiting: number;
  /** How far the outbox relay's scheduled sweep is overdue; null when the scheduler does not exist. */
  relayOverdueMs: number | null;
}

/**
 * How far the queue lags, read from the queue itself so it works on Redis and PostgreSQL alike.
 * The relay scheduler's next run only moves on when a worker takes its job, so an overdue relay
 * means no worker is taking jobs even when nothing else is queued.
 */
export async function measureQueueLag(queue: Queue, now = Date.now()): Promise<QueueLag> {
  const waiting = await queue.getWaitingCount();
  const oldestWaitingMs = await oldestWaitingAge(queue, waiting, now);
  const relay = await queue.getJobScheduler(OUTBOX_RELAY_SCHEDULER_ID);
  const relayOverdueMs = relay?.next ? Math.max(0, now - relay.next) : null;
  return { oldestWaitingMs, waiting, relayOverdueMs };
}

/** How long the oldest of `waiting` waiting jobs has been due, in ms; null when none waits. */
export async function oldestWaitingAge(queue: Queue, waiting: number, now = Date.now()): Promise<number | null> {
  if (waiting <= 0) return null;
  // Newest first on both backends; the last index is the oldest. (An ascending slice is
  // ordered differently by the two backends.)
  const [oldest] = await queue.getJobs(['waiting'], waiting - 1, waiting - 1, false);
  return oldest ? Math.max(0, now - dueSince(oldest)) : null;
}

/** Why the queue counts as stuck, or null when it moves. */
export function queueLagProblem(lag: QueueLag, limitMs: number): string | null {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  if (lag.relayOverdueMs === null) return 'the outbox relay is not scheduled: no worker has started on this queue';
  if (lag.relayOverdueMs > limitMs) {
    return `the outbox relay is ${s(lag.relayOverdueMs)} overdue (limit ${s(limitMs)}): no worker is taking jobs`;
  }
  if (lag.oldestWaitingMs !== null && lag.oldestWaitingMs > limitMs) {
    return `the oldest of ${lag.waiting} waiting jobs has been due for ${s(lag.oldestWaitingMs)} (limit ${s(limitMs)}): workers are not keeping up`;
  }
  return null;
}

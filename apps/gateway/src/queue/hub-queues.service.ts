import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { queueBackendOf, serializeError, type HubConfig } from '@kim/config';
import { QueueName } from '@kim/contracts';
import { createQueue } from '@kim/messaging';
import { HUB_CONFIG, LINKAGE_QUEUE, OUTBOX_QUEUE } from '../common/tokens.js';
import { PINO_LOGGER } from '../logging/logger.js';
import { oldestWaitingAge } from '../health/queue-lag.js';

/** What one queue holds, read from BullMQ (Redis or its PostgreSQL backend alike). */
export interface QueueStats {
  name: QueueName;
  /** Waiting for a worker, prioritised jobs included. */
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
  /** Whether the queue is paused (workers take nothing from it). */
  isPaused: boolean;
  /** Jobs held back by the pause: the waiting ones while the queue is paused, else 0. */
  paused: number;
  /** How long the oldest waiting job has been due, in seconds; null when none waits. */
  oldestWaitingSeconds: number | null;
  readAt: Date;
}

/** Repeated reads within this time share one answer: a dashboard polling every second costs one read per queue. */
export const QUEUE_STATS_TTL_MS = 2000;

/**
 * Every queue of the hub, for the operators' views (the `queues` query and the dashboard). The
 * outbox queue is the gateway's own; the others are opened on first use only, since most
 * gateways never need them.
 */
@Injectable()
export class HubQueues implements OnModuleDestroy {
  private readonly opened = new Map<QueueName, Queue>();
  private cached?: { at: number; value: Promise<QueueStats[]> };

  constructor(
    @Inject(OUTBOX_QUEUE) outbox: Queue,
    @Inject(LINKAGE_QUEUE) linkage: Queue,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(PINO_LOGGER) private readonly log: Logger,
  ) {
    this.opened.set(QueueName.OUTBOX, outbox);
    this.opened.set(QueueName.LINKAGE, linkage);
  }

  /** All queues, in the registry's order. */
  all(): Queue[] {
    return Object.values(QueueName).map((name) => this.queue(name));
  }

  private queue(name: QueueName): Queue {
    let queue = this.opened.get(name);
    if (!queue) {
      queue = createQueue(name, queueBackendOf(this.config));
      queue.on('error', (e) => this.log.warn({ err: serializeError(e), queue: name }, 'queue connection error'));
      this.opened.set(name, queue);
    }
    return queue;
  }

  /** Counts of every queue, at most QUEUE_STATS_TTL_MS old; a failed read is not kept. */
  stats(now = Date.now()): Promise<QueueStats[]> {
    if (!this.cached || now - this.cached.at > QUEUE_STATS_TTL_MS) {
      const value = Promise.all(this.all().map((q) => readStats(q)));
      value.catch(() => {
        if (this.cached?.value === value) this.cached = undefined;
      });
      this.cached = { at: now, value };
    }
    return this.cached.value;
  }

  async onModuleDestroy(): Promise<void> {
    // The outbox and linkage queues belong to their publishers, which close them.
    const borrowed: QueueName[] = [QueueName.OUTBOX, QueueName.LINKAGE];
    await Promise.all([...this.opened].filter(([n]) => !borrowed.includes(n)).map(([, q]) => q.close()));
  }
}

async function readStats(queue: Queue): Promise<QueueStats> {
  // BullMQ keeps no 'paused' list any more: a paused queue's jobs stay waiting.
  const [counts, isPaused] = await Promise.all([
    queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'),
    queue.isPaused(),
  ]);
  const now = Date.now();
  const waitingAge = await oldestWaitingAge(queue, counts.waiting ?? 0, now);
  const waiting = (counts.waiting ?? 0) + (counts.prioritized ?? 0);
  return {
    name: queue.name as QueueName,
    waiting,
    active: counts.active ?? 0,
    delayed: counts.delayed ?? 0,
    failed: counts.failed ?? 0,
    completed: counts.completed ?? 0,
    isPaused,
    paused: isPaused ? waiting : 0,
    oldestWaitingSeconds: waitingAge === null ? null : waitingAge / 1000,
    readAt: new Date(now),
  };
}

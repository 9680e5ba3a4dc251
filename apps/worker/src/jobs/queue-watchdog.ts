import type { Queue, Worker } from 'bullmq';
import { serializeError } from '@kim/config';

export interface QueueWatchdogOptions {
  queue: Queue;
  /** Upserts every job scheduler of the queue; idempotent. */
  registerSchedulers: () => Promise<void>;
  /** The schedulers registerSchedulers makes: if one is missing, the queue lost them. */
  schedulerIds: string[];
  /** Makes a new BullMQ worker for the queue (with its listeners). */
  createWorker: () => Worker;
  intervalMs: number;
  /** Jobs waiting and no job started or finished for this long: the worker is stuck. */
  stuckAfterMs: number;
  log: WatchdogLog;
}

/** What the watchdog logs through (a pino logger fits). */
export interface WatchdogLog {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/**
 * Keeps one queue's worker alive and its schedulers registered. BullMQ reconnects to Redis by
 * itself, but a Redis that restarted without persistence has forgotten the job schedulers (so
 * the relay and the reconciliation would never run again), and a worker whose blocking
 * connection went bad may sit idle while jobs wait. Each check is cheap (a few reads); a check
 * that cannot reach the queue only logs and tries again next time.
 */
export class QueueWatchdog {
  private worker: Worker;
  private timer?: NodeJS.Timeout;
  private lastProgress = Date.now();
  private checking = false;
  private stopped = false;
  /** Times the watchdog had to act, for tests and logs. */
  readonly repairs = { schedulers: 0, workers: 0 };

  constructor(private readonly opts: QueueWatchdogOptions) {
    this.worker = this.watch(opts.createWorker());
  }

  start(): void {
    this.timer = setInterval(() => void this.check(), this.opts.intervalMs);
    // The watchdog alone must not keep the process alive.
    this.timer.unref();
  }

  get current(): Worker {
    return this.worker;
  }

  /** Stop watching and close the worker, letting running jobs finish. */
  async close(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.worker.close();
  }

  async check(): Promise<void> {
    if (this.checking || this.stopped) return;
    this.checking = true;
    try {
      await this.checkSchedulers();
      await this.checkWorker();
    } catch (e) {
      this.opts.log.warn({ queue: this.opts.queue.name, err: serializeError(e) }, 'queue watchdog could not check');
    } finally {
      this.checking = false;
    }
  }

  private async checkSchedulers(): Promise<void> {
    const found = await Promise.all(this.opts.schedulerIds.map((id) => this.opts.queue.getJobScheduler(id)));
    const missing = this.opts.schedulerIds.filter((_, i) => !found[i]);
    if (missing.length === 0) return;
    this.opts.log.warn(
      { queue: this.opts.queue.name, missing },
      'job schedulers missing (queue storage lost?): registering them again',
    );
    await this.opts.registerSchedulers();
    this.repairs.schedulers++;
  }

  private async checkWorker(): Promise<void> {
    if (this.stopped) return;
    let reason: string | undefined;
    if (!this.worker.isRunning()) reason = 'worker stopped running';
    else if (Date.now() - this.lastProgress > this.opts.stuckAfterMs) {
      const counts = await this.opts.queue.getJobCounts('wait', 'prioritized');
      if ((counts.wait ?? 0) + (counts.prioritized ?? 0) > 0) reason = 'jobs wait but the worker takes none';
      // Nothing to do is not being stuck: restart the clock.
      else this.lastProgress = Date.now();
    }
    if (!reason || this.stopped) return;
    this.opts.log.error({ queue: this.opts.queue.name, reason }, 'queue worker stuck: replacing it');
    const old = this.worker;
    this.worker = this.watch(this.opts.createWorker());
    this.lastProgress = Date.now();
    this.repairs.workers++;
    // Force: its jobs' locks lapse and the stalled-job check hands them to the new worker.
    await old
      .close(true)
      .catch((e: unknown) =>
        this.opts.log.warn({ queue: this.opts.queue.name, err: serializeError(e) }, 'closing the stuck worker failed'),
      );
  }

  private watch(worker: Worker): Worker {
    const progress = () => {
      this.lastProgress = Date.now();
    };
    worker.on('active', progress);
    worker.on('completed', progress);
    worker.on('failed', progress);
    return worker;
  }
}

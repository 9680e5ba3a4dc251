import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { UnrecoverableError, type Job, type Queue, type Worker, type WorkerOptions } from 'bullmq';
import type { Logger } from 'pino';
import { queueBackendOf, serializeError, withTrace, type HubConfig } from '@kim/config';
import { retiredSchedules, schedulesOf, type JobSchedule, type QueueName, HUB_TIME_ZONE } from '@kim/contracts';
import { createQueue, createWorker } from '@kim/messaging';
import { HUB_CONFIG } from '../tokens.js';
import { PINO_LOGGER } from '../logging/logger.js';
import { checkHandlers, dispatch, type JobHandlers } from './job-handlers.js';
import { QueueWatchdog } from './queue-watchdog.js';

/** Berlin local time: a nightly run stays at the same local hour across daylight-saving changes. */

/**
 * What a processor hands the host: its queue's handler map and how its worker runs. Everything
 * else (queue, worker, schedules, watchdog, tracing, error logging, shutdown) is the host's.
 */
export interface QueueProcessor<Q extends QueueName = QueueName> {
  readonly queue: Q;
  readonly handlers: JobHandlers<Q>;
  readonly worker: Pick<
    WorkerOptions,
    'concurrency' | 'lockDuration' | 'stalledInterval' | 'removeOnComplete' | 'removeOnFail'
  >;
  /** Jobs waiting and none started or finished for this long: the worker is stuck and replaced. */
  readonly stuckAfterMs: number;
  /** A failure its handler logged itself (e.g. an agency's answer): not logged again. */
  alreadyLogged?(e: unknown): boolean;
  /** After the last attempt failed on something unexpected (e.g. mark the message dead). */
  onFinalFailure?(job: Job, e: unknown): Promise<void>;
  /** Once the queue runs (e.g. a first relay sweep at start). */
  onStarted?(): Promise<void>;
}

interface Hosted {
  queue: Queue;
  watchdog: QueueWatchdog;
}

/**
 * The worker's one queue host: for each processor it creates the queue and the worker,
 * registers the queue's schedules from the job registry (@kim/contracts jobSchedules), keeps
 * both alive with the watchdog, runs every job inside its trace id, logs what failed
 * unexpectedly through the worker's one logger, and closes everything on shutdown.
 */
@Injectable()
export class QueueHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly processors: QueueProcessor[] = [];
  private readonly hosted = new Map<QueueName, Hosted>();

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(PINO_LOGGER) private readonly log: Logger,
  ) {}

  /**
   * A processor hands itself in when it is made; the host starts it with the application.
   * Refuses (so the worker does not start) when the queue's jobs in the registry and the
   * handlers disagree, or the queue has a processor already.
   */
  register<Q extends QueueName>(p: QueueProcessor<Q>): void {
    checkHandlers(p.queue, p.handlers);
    if (this.processors.some((other) => other.queue === p.queue)) {
      throw new Error(`more than one processor for queue ${p.queue}`);
    }
    this.processors.push(p as unknown as QueueProcessor);
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const p of this.processors) await this.start(p);
    for (const p of this.processors) await p.onStarted?.();
  }

  /** The queue a processor runs on (to add jobs to it); there once the application has started. */
  queue(name: QueueName): Queue {
    const hosted = this.hosted.get(name);
    if (!hosted) throw new Error(`queue ${name} is not running`);
    return hosted.queue;
  }

  private async start(p: QueueProcessor): Promise<void> {
    const queue = createQueue(p.queue, queueBackendOf(this.config));
    // An EventEmitter's unheard 'error' kills the process; a lost connection is no reason to.
    queue.on('error', (e) => this.log.error({ queue: p.queue, err: serializeError(e) }, 'queue error'));
    const schedules = schedulesOf(p.queue);
    const register = () => this.registerSchedules(queue, schedules);
    await register();
    const watchdog = new QueueWatchdog({
      queue,
      registerSchedulers: register,
      schedulerIds: schedules.map((s) => s.id),
      createWorker: () => this.createWorker(p),
      intervalMs: this.config.WORKER_WATCHDOG_MS,
      stuckAfterMs: p.stuckAfterMs,
      log: this.log,
    });
    watchdog.start();
    this.hosted.set(p.queue, { queue, watchdog });
  }

  /** Safe on every start, and again whenever the watchdog finds them gone: upserted, not added. */
  private async registerSchedules(queue: Queue, schedules: JobSchedule[]): Promise<void> {
    for (const id of retiredSchedules[queue.name as QueueName] ?? []) await queue.removeJobScheduler(id);
    for (const s of schedules) {
      const repeat =
        'everyMs' in s.timing
          ? { every: this.config[s.timing.everyMs] as number }
          : { pattern: this.config[s.timing.cron] as string, tz: HUB_TIME_ZONE };
      await queue.upsertJobScheduler(s.id, repeat, {
        name: s.job,
        data: { traceId: s.id },
        opts: { removeOnComplete: s.keep.completed, removeOnFail: s.keep.failed },
      });
    }
  }

  private createWorker(p: QueueProcessor): Worker {
    // Every line a job writes carries the trace id it came with (the gateway request's).
    const worker = createWorker(
      p.queue,
      (job) => withTrace(traceIdOf(job), () => this.run(p, job)),
      queueBackendOf(this.config),
      p.worker,
    );
    worker.on('error', (e) => this.log.error({ queue: p.queue, err: serializeError(e) }, 'queue worker error'));
    return worker;
  }

  /** Failures a handler logged itself stay as they are; anything else unexpected is logged here. */
  private async run(p: QueueProcessor, job: Job): Promise<void> {
    try {
      await dispatch(p.handlers, job);
    } catch (e) {
      if (!p.alreadyLogged?.(e) && !(e instanceof UnrecoverableError)) {
        const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        this.log.error(
          {
            queue: p.queue,
            jobId: job.id,
            job: job.name,
            attempt: job.attemptsMade + 1,
            final,
            err: serializeError(e),
          },
          'job failed',
        );
        if (final) await p.onFinalFailure?.(job, e);
      }
      throw e;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    // Let running jobs finish; no job is left stalled.
    for (const { queue, watchdog } of this.hosted.values()) {
      await watchdog.close();
      await queue.close();
    }
  }
}

/** The trace id a job carries (validated with the payload later; a missing one gets a marker). */
function traceIdOf(job: Job): string {
  const traceId = (job.data as { traceId?: unknown } | undefined)?.traceId;
  return typeof traceId === 'string' && traceId.length > 0 ? traceId : `job-${job.id ?? 'unknown'}`;
}

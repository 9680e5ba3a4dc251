import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { queueBackendOf, serializeError, withTrace, type HubConfig } from '@kim/config';
import { LINKAGE_RELAY_SCHEDULER_ID, QueueName, type JobPayload } from '@kim/contracts';
import { LinkageCommands, MatchRequests, matchJobId, type MatchRequestItem } from '@kim/core';
import { MATCH_JOB_OPTIONS, addJobs, createQueue, createWorker } from '@kim/messaging';
import { forEachTenant } from '@kim/persistence';
import { DATA_SOURCE, HUB_CONFIG } from '../tokens.js';
import { checkHandlers, dispatch, type JobHandlers } from '../jobs/job-handlers.js';
import { QueueWatchdog } from '../jobs/queue-watchdog.js';
import { PINO_LOGGER } from '../logging/logger.js';

/** A request younger than this is left to the gateway's own enqueue right after the commit. */
const RELAY_MIN_AGE_MS = 2000;
/** Job states in which the queue still holds a request's job: it will run, nothing to add. */
const HELD = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/**
 * Runs the linkage queue: matches each person opened at intake against the tenant's persons
 * after its case committed (MatchPersonJob), and relays requests whose job never reached the
 * queue or was lost there (RelayMatchRequestsJob, a job scheduler).
 */
@Injectable()
export class LinkageProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly linkage: LinkageCommands;
  private readonly requests: MatchRequests;
  private readonly handlers: JobHandlers<'linkage'>;
  private queue?: Queue;
  private watchdog?: QueueWatchdog;

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(PINO_LOGGER) private readonly log: Logger,
  ) {
    this.linkage = new LinkageCommands(ds);
    this.requests = new MatchRequests(ds);
    const handlers = {
      MatchPersonJob: (data: JobPayload<'MatchPersonJob'>, job: Job) => this.match(data, job),
      RelayMatchRequestsJob: () => this.relay(),
    };
    checkHandlers(QueueName.LINKAGE, handlers);
    this.handlers = handlers;
  }

  async onApplicationBootstrap(): Promise<void> {
    const backend = queueBackendOf(this.config);
    const queue = createQueue(QueueName.LINKAGE, backend);
    this.queue = queue;
    // An EventEmitter's unheard 'error' kills the process; a lost connection is no reason to.
    queue.on('error', (e) => this.log.error({ err: serializeError(e) }, 'linkage queue error'));
    await this.registerSchedulers();
    this.watchdog = new QueueWatchdog({
      queue,
      registerSchedulers: () => this.registerSchedulers(),
      schedulerIds: [LINKAGE_RELAY_SCHEDULER_ID],
      createWorker: () => {
        // Matching is CPU work in this process; one at a time, and the tenant's lock serialises anyway.
        const worker = createWorker(
          QueueName.LINKAGE,
          (job) => withTrace(traceIdOf(job), () => dispatch(this.handlers, job)),
          backend,
          { concurrency: 1, lockDuration: this.config.JOB_LOCK_MS, stalledInterval: this.config.JOB_LOCK_MS },
        );
        worker.on('error', (e) => this.log.error({ err: serializeError(e) }, 'linkage worker error'));
        return worker;
      },
      intervalMs: this.config.WORKER_WATCHDOG_MS,
      // A match waits for the tenant's lock while a nightly sweep holds it: minutes, not a stuck worker.
      stuckAfterMs: Math.max(4 * this.config.WORKER_WATCHDOG_MS, 10 * 60_000),
      log: this.log,
    });
    this.watchdog.start();
    await this.relay();
  }

  /** Upserted on every start (and when the watchdog finds it gone): one schedule, whatever the number of workers. */
  private async registerSchedulers(): Promise<void> {
    await this.queue!.upsertJobScheduler(
      LINKAGE_RELAY_SCHEDULER_ID,
      { every: this.config.LINKAGE_RELAY_MS },
      {
        name: 'RelayMatchRequestsJob',
        data: { traceId: 'linkage-relay' },
        opts: { removeOnComplete: true, removeOnFail: 100 },
      },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.watchdog?.close();
    await this.queue?.close();
  }

  private async match(data: JobPayload<'MatchPersonJob'>, job: Job): Promise<void> {
    const where = { tenantId: data.tenantId, requestId: data.requestId, jobId: job.id, attempt: job.attemptsMade + 1 };
    const started = performance.now();
    try {
      const outcome = await this.linkage.runMatchRequest(data.tenantId, data.requestId);
      const durationMs = Math.round(performance.now() - started);
      if (outcome.kind === 'skip') this.log.info({ ...where, reason: outcome.reason, durationMs }, 'match skipped');
      else
        this.log.info(
          { ...where, merged: outcome.result.merged.length, reviews: outcome.result.reviews.length, durationMs },
          'person matched after intake',
        );
    } catch (e) {
      this.log.error({ ...where, err: serializeError(e) }, 'matching failed');
      // Counted apart from the rolled-back run; the relay stops after MATCH_MAX_FAILURES.
      await this.requests
        .recordFailure(data.tenantId, data.requestId, (e as Error).message)
        .catch((e2: unknown) => this.log.warn({ ...where, err: serializeError(e2) }, 'could not record the failure'));
      throw e;
    }
  }

  /** Put on the queue, tenant by tenant, every request that is not done and not held by the queue. */
  private async relay(): Promise<void> {
    await forEachTenant(this.ds, () => this.relayTenant());
  }

  private async relayTenant(): Promise<void> {
    const queue = this.queue;
    if (!queue) return;
    const items = await this.requests.pendingForRelay({
      minAgeMs: RELAY_MIN_AGE_MS,
      graceMs: this.config.LINKAGE_RELAY_GRACE_MS,
      limit: 500,
    });
    if (items.length === 0) return;
    const missing: MatchRequestItem[] = [];
    for (const item of items) {
      const id = matchJobId(item);
      const state = await queue.getJobState(id);
      if (HELD.has(state)) continue;
      // Failed for good, or finished without marking the row (it then runs again, idempotently).
      if (state !== 'unknown') await (await queue.getJob(id))?.remove();
      missing.push(item);
    }
    await addJobs(
      queue,
      'MatchPersonJob',
      missing.map((i) => ({
        data: { tenantId: i.tenantId, requestId: i.requestId, traceId: i.traceId },
        opts: { ...MATCH_JOB_OPTIONS, jobId: matchJobId(i) },
      })),
    );
    // Every request looked at gets a new grace period, so a queue holding a backlog is not asked each run.
    await this.requests.markEnqueued(items);
    if (missing.length > 0)
      this.log.warn(
        { checked: items.length, enqueued: missing.length, requestIds: missing.slice(0, 20).map((i) => i.requestId) },
        'linkage relay put match requests on the queue that were not there',
      );
  }
}

/** The trace id a job carries (validated with the payload later; a missing one gets a marker). */
function traceIdOf(job: Job): string {
  const traceId = (job.data as { traceId?: unknown } | undefined)?.traceId;
  return typeof traceId === 'string' && traceId.length > 0 ? traceId : `job-${job.id ?? 'unknown'}`;
}

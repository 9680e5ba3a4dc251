import { Inject, Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { serializeError, type HubConfig } from '@kim/config';
import { QueueName, type JobPayload } from '@kim/contracts';
import { LinkageCommands, MatchRequests, matchJobId, type MatchRequestItem } from '@kim/core';
import { MATCH_JOB_OPTIONS, addJobs } from '@kim/messaging';
import { forEachTenant } from '@kim/persistence';
import { DATA_SOURCE, HUB_CONFIG } from '../tokens.js';
import type { JobHandlers } from '../jobs/job-handlers.js';
import { QueueHost, type QueueProcessor } from '../jobs/queue-host.js';
import { PINO_LOGGER } from '../logging/logger.js';

/** A request younger than this is left to the gateway's own enqueue right after the commit. */
const RELAY_MIN_AGE_MS = 2000;
/** Job states in which the queue still holds a request's job: it will run, nothing to add. */
const HELD = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/**
 * The linkage queue's handlers: match each person opened at intake against the tenant's persons
 * after its case committed (MatchPersonJob), and relay requests whose job never reached the
 * queue or was lost there (RelayMatchRequestsJob; its schedule is in jobSchedules of
 * @kim/contracts). Queue, worker, schedule and watchdog are the QueueHost's.
 */
@Injectable()
export class LinkageProcessor implements QueueProcessor<'linkage'> {
  readonly queue = QueueName.LINKAGE;
  // Matching is CPU work in this process; one at a time, and the tenant's lock serialises anyway.
  readonly worker: QueueProcessor['worker'];
  // A match waits for the tenant's lock while a nightly sweep holds it: minutes, not a stuck worker.
  readonly stuckAfterMs: number;
  readonly handlers: JobHandlers<'linkage'> = {
    MatchPersonJob: (data, job) => this.match(data, job),
    RelayMatchRequestsJob: () => this.relay(),
  };
  private readonly linkage: LinkageCommands;
  private readonly requests: MatchRequests;

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(PINO_LOGGER) private readonly log: Logger,
    private readonly host: QueueHost,
  ) {
    this.linkage = new LinkageCommands(ds);
    this.requests = new MatchRequests(ds);
    this.worker = { concurrency: 1, lockDuration: config.JOB_LOCK_MS, stalledInterval: config.JOB_LOCK_MS };
    this.stuckAfterMs = Math.max(4 * config.WORKER_WATCHDOG_MS, 10 * 60_000);
    host.register(this);
  }

  /** At start: put on the queue what waits among the match requests. */
  onStarted(): Promise<void> {
    return this.relay();
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
      // The host logs the failure. Counted apart from the rolled-back run; the relay stops after MATCH_MAX_FAILURES.
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
    const queue = this.host.queue(this.queue);
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

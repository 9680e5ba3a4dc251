import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { UnrecoverableError, type Job, type Queue, type Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { queueBackendOf, scrubMessage, serializeError, withTrace, type HubConfig } from '@kim/config';
import { OUTBOX_RECONCILE_SCHEDULER_ID, OUTBOX_RELAY_SCHEDULER_ID, QueueName, type JobPayload } from '@kim/contracts';
import { OutboxMessageBuilder, OutboxOutcomes, OutboxRelay } from '@kim/core';
import { DELIVERY_RETENTION, QueueDeliveryAdapter, createQueue, createWorker } from '@kim/messaging';
import { runAsTenant } from '@kim/persistence';
import { DATA_SOURCE, HUB_CONFIG } from '../tokens.js';
import { checkHandlers, dispatch, type JobHandlers } from '../jobs/job-handlers.js';
import { QueueWatchdog } from '../jobs/queue-watchdog.js';
import { DeliveryError, postSigned } from './webhook-sender.js';
import { DeliveryMetrics } from '../metrics/delivery-metrics.js';
import { PINO_LOGGER } from '../logging/logger.js';

/**
 * Runs the outbox queue: delivers messages to agencies' webhooks (consent checked again at
 * send time), sweeps the outbox for messages that never reached the queue, and reconciles
 * the outbox with the queue for messages the queue lost.
 */
@Injectable()
export class OutboxProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly builder: OutboxMessageBuilder;
  private readonly outcomes: OutboxOutcomes;
  private readonly handlers: JobHandlers<'outbox'>;
  private queue?: Queue;
  private relayBooks?: OutboxRelay;
  private watchdog?: QueueWatchdog;

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly metrics: DeliveryMetrics,
    @Inject(PINO_LOGGER) private readonly log: Logger,
  ) {
    this.builder = new OutboxMessageBuilder(ds, config.HUB_SOURCE);
    this.outcomes = new OutboxOutcomes(ds);
    const handlers = {
      DeliverOutboxMessageJob: (data: JobPayload<'DeliverOutboxMessageJob'>, job: Job) => this.deliver(data, job),
      RelayOutboxJob: () => this.relay(),
      ReconcileOutboxJob: () => this.reconcile(),
    };
    checkHandlers(QueueName.OUTBOX, handlers);
    this.handlers = handlers;
  }

  async onApplicationBootstrap(): Promise<void> {
    const backend = queueBackendOf(this.config);
    const queue = createQueue(QueueName.OUTBOX, backend);
    this.queue = queue;
    this.relayBooks = new OutboxRelay(
      this.ds,
      new QueueDeliveryAdapter(queue, {
        attempts: this.config.DELIVERY_ATTEMPTS,
        backoffMs: this.config.DELIVERY_BACKOFF_MS,
      }),
    );
    // An EventEmitter's unheard 'error' kills the process; a lost connection is no reason to.
    queue.on('error', (e) => this.log.error({ err: serializeError(e) }, 'outbox queue error'));
    await this.registerSchedulers();
    this.watchdog = new QueueWatchdog({
      queue,
      registerSchedulers: () => this.registerSchedulers(),
      schedulerIds: [OUTBOX_RELAY_SCHEDULER_ID, OUTBOX_RECONCILE_SCHEDULER_ID],
      createWorker: () => this.createWorker(),
      intervalMs: this.config.WORKER_WATCHDOG_MS,
      // Longer than any one delivery can take, so a busy worker is not taken for a stuck one.
      stuckAfterMs: Math.max(4 * this.config.WORKER_WATCHDOG_MS, 3 * this.config.WEBHOOK_TIMEOUT_MS),
      log: this.log,
    });
    this.watchdog.start();
    await this.relay();
  }

  /** The watchdog of the outbox queue (tests read its repairs). */
  get queueWatchdog(): QueueWatchdog | undefined {
    return this.watchdog;
  }

  /** Safe on every start, and again whenever the watchdog finds them gone: upserted, not added. */
  private async registerSchedulers(): Promise<void> {
    const queue = this.queue!;
    await queue.upsertJobScheduler(
      OUTBOX_RELAY_SCHEDULER_ID,
      { every: this.config.OUTBOX_SWEEP_MS },
      {
        name: 'RelayOutboxJob',
        data: { traceId: 'outbox-relay' },
        opts: { removeOnComplete: true, removeOnFail: 100 },
      },
    );
    await queue.upsertJobScheduler(
      OUTBOX_RECONCILE_SCHEDULER_ID,
      { every: this.config.OUTBOX_RECONCILE_MS },
      {
        name: 'ReconcileOutboxJob',
        data: { traceId: 'outbox-reconcile' },
        opts: { removeOnComplete: true, removeOnFail: 100 },
      },
    );
  }

  private createWorker(): Worker {
    // Every line a job writes carries the trace id it came with (the gateway request's).
    const worker = createWorker(
      QueueName.OUTBOX,
      (job) => withTrace(traceIdOf(job), () => this.run(job)),
      queueBackendOf(this.config),
      {
        concurrency: this.config.WORKER_CONCURRENCY,
        ...DELIVERY_RETENTION,
        // A worker that dies holding a job frees it after at most two lock periods.
        lockDuration: this.config.JOB_LOCK_MS,
        stalledInterval: this.config.JOB_LOCK_MS,
      },
    );
    worker.on('error', (e) => this.log.error({ err: serializeError(e) }, 'queue worker error'));
    return worker;
  }

  async onApplicationShutdown(): Promise<void> {
    // Let running deliveries finish; no job is left stalled.
    await this.watchdog?.close();
    await this.queue?.close();
  }

  /** Delivery failures are logged where they happen; anything else unexpected is logged here. */
  private async run(job: Job): Promise<void> {
    try {
      await dispatch(this.handlers, job);
    } catch (e) {
      if (!(e instanceof DeliveryError) && !(e instanceof UnrecoverableError)) {
        const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        this.log.error(
          { jobId: job.id, job: job.name, attempt: job.attemptsMade + 1, final, err: serializeError(e) },
          'job failed',
        );
        if (final && job.name === 'DeliverOutboxMessageJob') await this.deadAfterError(job, e);
      }
      throw e;
    }
  }

  private async deliver(data: JobPayload<'DeliverOutboxMessageJob'>, job: Job): Promise<void> {
    const prepared = await this.builder.prepare(data.tenantId, data.outboxId);
    const where = { tenantId: data.tenantId, outboxId: data.outboxId, jobId: job.id, attempt: job.attemptsMade + 1 };
    if (prepared.kind === 'skip') {
      this.metrics.skip(prepared.reason);
      this.log.info({ ...where, reason: prepared.reason }, 'delivery skipped');
      return;
    }
    const to = await this.metrics.labelsOf(data.tenantId, prepared.agencyId);
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      await postSigned(
        prepared.url,
        prepared.secrets,
        prepared.eventId,
        prepared.body,
        this.config.WEBHOOK_TIMEOUT_MS,
        data.traceId,
      );
    } catch (e) {
      this.metrics.attempt(to, 'failed', seconds());
      const attempts = job.opts.attempts ?? 1;
      const permanent = e instanceof DeliveryError && e.permanent;
      const final = permanent || job.attemptsMade + 1 >= attempts;
      this.metrics.failed(to, final);
      this.log[final ? 'error' : 'warn'](
        {
          ...where,
          agencyId: prepared.agencyId,
          eventId: prepared.eventId,
          final,
          durationMs: Math.round(seconds() * 1000),
          error: scrubMessage((e as Error).message),
        },
        final ? 'delivery failed for good: the message is dead' : 'delivery failed: will retry',
      );
      await this.outcomes.attemptFailed(data.tenantId, data.outboxId, (e as Error).message, final);
      throw permanent ? new UnrecoverableError((e as Error).message) : e;
    }
    this.metrics.attempt(to, 'acknowledged', seconds());
    await this.outcomes.acknowledged(data.tenantId, data.outboxId, prepared.body);
    const latencySeconds = (Date.now() - job.timestamp) / 1000;
    this.metrics.acknowledged(to, latencySeconds);
    this.log.info(
      {
        ...where,
        agencyId: prepared.agencyId,
        eventId: prepared.eventId,
        durationMs: Math.round(seconds() * 1000),
        latencyMs: Math.round(latencySeconds * 1000),
      },
      'delivery acknowledged',
    );
  }

  /**
   * A delivery that failed for good on something other than the agency's answer (a bug, or
   * the database gone for the whole retry period): dead, visible and replayable, when the
   * database lets us say so. When it does not, the reconciliation finds the message later.
   */
  private async deadAfterError(job: Job, e: unknown): Promise<void> {
    const { tenantId, outboxId } = job.data as JobPayload<'DeliverOutboxMessageJob'>;
    try {
      // Outside the job's dispatch: put the tenant's database fence up again.
      await runAsTenant(tenantId, () =>
        this.outcomes.attemptFailed(tenantId, outboxId, scrubMessage((e as Error).message), true),
      );
    } catch (e2) {
      this.log.warn({ jobId: job.id, err: serializeError(e2) }, 'could not mark the message dead');
    }
  }

  /** Messages the queue lost are put back (core's OutboxRelay decides which); logged and counted here. */
  private async reconcile(): Promise<void> {
    if (!this.relayBooks) return;
    for (const tenant of await this.relayBooks.reconcile(this.config.OUTBOX_RECONCILE_GRACE_MS)) {
      const lost = tenant.reEnqueued;
      this.metrics.reconciledMessages(lost.length);
      if (lost.length > 0) {
        this.log.warn(
          { checked: tenant.checked, reEnqueued: lost.length, outboxIds: lost.slice(0, 20).map((i) => i.outboxId) },
          'outbox reconciliation re-enqueued messages the queue had lost',
        );
      }
    }
  }

  /** Put on the queue what is not there yet (core's OutboxRelay); logged and counted here. */
  private async relay(): Promise<void> {
    if (!this.relayBooks) return;
    const items = await this.relayBooks.relay();
    if (items.length === 0) return;
    this.metrics.relayedMessages(items.length);
    for (const i of items)
      this.log.info(
        { traceId: i.traceId, tenantId: i.tenantId, outboxId: i.outboxId },
        'outbox message queued by the relay',
      );
  }
}

/** The trace id a job carries (validated with the payload later; a missing one gets a marker). */
function traceIdOf(job: Job): string {
  const traceId = (job.data as { traceId?: unknown } | undefined)?.traceId;
  return typeof traceId === 'string' && traceId.length > 0 ? traceId : `job-${job.id ?? 'unknown'}`;
}

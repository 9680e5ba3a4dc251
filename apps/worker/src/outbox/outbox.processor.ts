import { Inject, Injectable } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { scrubMessage, serializeError, type HubConfig } from '@kim/config';
import { QueueName, type JobPayload } from '@kim/contracts';
import { OutboundDelivery, deliveryJobId, type RelayItem } from '@kim/core';
import { DELIVERY_RETENTION, addJobs, deliveryJobOptions } from '@kim/messaging';
import { forEachTenant, runAsTenant } from '@kim/persistence';
import { DATA_SOURCE, HUB_CONFIG } from '../tokens.js';
import type { JobHandlers } from '../jobs/job-handlers.js';
import { QueueHost, type QueueProcessor } from '../jobs/queue-host.js';
import { DeliveryError, postSigned } from './webhook-sender.js';
import { DeliveryMetrics } from '../metrics/delivery-metrics.js';
import { PINO_LOGGER } from '../logging/logger.js';

/**
 * Runs the outbox queue: delivers messages to agencies' webhooks (consent checked again at
 * send time), sweeps the outbox for messages that never reached the queue, and reconciles
 * the outbox with the queue for messages the queue lost (the sweep and the reconciliation
 * are scheduled in @kim/contracts jobSchedules).
 */
@Injectable()
export class OutboxProcessor implements QueueProcessor<'outbox'> {
  readonly queue = QueueName.OUTBOX;
  readonly worker: QueueProcessor['worker'];
  // Longer than any one delivery can take, so a busy worker is not taken for a stuck one.
  readonly stuckAfterMs: number;
  readonly handlers: JobHandlers<'outbox'> = {
    DeliverOutboxMessageJob: (data, job) => this.deliver(data, job),
    RelayOutboxJob: () => this.relay(),
    ReconcileOutboxJob: () => this.reconcile(),
  };

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly metrics: DeliveryMetrics,
    @Inject(PINO_LOGGER) private readonly log: Logger,
    private readonly delivery: OutboundDelivery,
    private readonly host: QueueHost,
  ) {
    this.worker = {
      concurrency: config.WORKER_CONCURRENCY,
      ...DELIVERY_RETENTION,
      // A worker that dies holding a job frees it after at most two lock periods.
      lockDuration: config.JOB_LOCK_MS,
      stalledInterval: config.JOB_LOCK_MS,
    };
    this.stuckAfterMs = Math.max(4 * config.WORKER_WATCHDOG_MS, 3 * config.WEBHOOK_TIMEOUT_MS);
    host.register(this);
  }

  /** Delivery failures are logged where they happen (deliver). */
  alreadyLogged(e: unknown): boolean {
    return e instanceof DeliveryError;
  }

  /** A message whose delivery job failed for good on something unexpected is dead (deadAfterError). */
  async onFinalFailure(job: Job, e: unknown): Promise<void> {
    if (job.name === 'DeliverOutboxMessageJob') await this.deadAfterError(job, e);
  }

  /** At start: put on the queue what waits in the outbox. */
  onStarted(): Promise<void> {
    return this.relay();
  }

  private async deliver(data: JobPayload<'DeliverOutboxMessageJob'>, job: Job): Promise<void> {
    const prepared = await this.delivery.prepare(data.tenantId, data.outboxId);
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
      await this.delivery.markAttemptFailed(data.tenantId, data.outboxId, (e as Error).message, final);
      throw permanent ? new UnrecoverableError((e as Error).message) : e;
    }
    this.metrics.attempt(to, 'acknowledged', seconds());
    await this.delivery.markAcknowledged(data.tenantId, data.outboxId, prepared.body);
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
        this.delivery.markAttemptFailed(tenantId, outboxId, scrubMessage((e as Error).message), true),
      );
    } catch (e2) {
      this.log.warn({ jobId: job.id, err: serializeError(e2) }, 'could not mark the message dead');
    }
  }

  /**
   * Reconcile outbox and queue: a message on the queue for longer than the grace period and
   * neither delivered nor dead is put back under its own deterministic job id. A job the
   * queue still holds is left alone (no duplicate); one the queue lost (Redis restarted
   * without persistence) is added again; one the queue failed without the outbox recording
   * it dead (stalled too often, database gone on its last attempt) is replaced by a fresh one.
   */
  private async reconcile(): Promise<void> {
    await forEachTenant(this.ds, () => this.reconcileTenant());
  }

  private async reconcileTenant(): Promise<void> {
    const queue = this.host.queue(this.queue);
    const items = await this.delivery.staleEnqueued(this.config.OUTBOX_RECONCILE_GRACE_MS, 500);
    if (items.length === 0) return;
    const lost: RelayItem[] = [];
    for (const item of items) {
      const jobId = deliveryJobId(item);
      const state = await queue.getJobState(jobId);
      if (state === 'unknown') lost.push(item);
      else if (state === 'failed') {
        await (await queue.getJob(jobId))?.remove();
        lost.push(item);
      }
    }
    const opts = deliveryJobOptions(this.config.DELIVERY_ATTEMPTS, this.config.DELIVERY_BACKOFF_MS);
    await addJobs(
      queue,
      'DeliverOutboxMessageJob',
      lost.map((i) => ({
        data: { tenantId: i.tenantId, outboxId: i.outboxId, traceId: i.traceId },
        opts: { ...opts, jobId: deliveryJobId(i) },
      })),
    );
    // Every message looked at gets a new grace period, so a long backlog is not re-checked each run.
    await this.delivery.markReEnqueued(items);
    this.metrics.reconciledMessages(lost.length);
    if (lost.length > 0) {
      this.log.warn(
        { checked: items.length, reEnqueued: lost.length, outboxIds: lost.slice(0, 20).map((i) => i.outboxId) },
        'outbox reconciliation re-enqueued messages the queue had lost',
      );
    }
  }

  /** Put on the queue what is not there yet, tenant by tenant; the job id makes a second add a no-op. */
  private async relay(): Promise<void> {
    await forEachTenant(this.ds, () => this.relayTenant());
  }

  private async relayTenant(): Promise<void> {
    const items = await this.delivery.pendingForRelay(500);
    if (items.length === 0) return;
    const opts = deliveryJobOptions(this.config.DELIVERY_ATTEMPTS, this.config.DELIVERY_BACKOFF_MS);
    await addJobs(
      this.host.queue(this.queue),
      'DeliverOutboxMessageJob',
      items.map((i) => ({
        data: { tenantId: i.tenantId, outboxId: i.outboxId, traceId: i.traceId },
        opts: { ...opts, jobId: deliveryJobId(i) },
      })),
    );
    await this.delivery.markEnqueued(items);
    this.metrics.relayedMessages(items.length);
    for (const i of items)
      this.log.info(
        { traceId: i.traceId, tenantId: i.tenantId, outboxId: i.outboxId },
        'outbox message queued by the relay',
      );
  }
}

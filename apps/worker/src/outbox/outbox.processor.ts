import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { UnrecoverableError, type Job, type Queue, type Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { queueBackendOf, scrubMessage, serializeError, withTrace, type HubConfig } from '@kim/config';
import { OUTBOX_RELAY_SCHEDULER_ID, QueueName, type JobPayload } from '@kim/contracts';
import { OutboundDelivery, deliveryJobId } from '@kim/core';
import { addJobs, createQueue, createWorker, deliveryJobOptions } from '@kim/messaging';
import { DATA_SOURCE, HUB_CONFIG } from '../tokens.js';
import { checkHandlers, dispatch, type JobHandlers } from '../jobs/job-handlers.js';
import { DeliveryError, postSigned } from './webhook-sender.js';
import { DeliveryMetrics } from '../metrics/delivery-metrics.js';
import { PINO_LOGGER } from '../logging/logger.js';

/**
 * Runs the outbox queue: delivers messages to agencies' webhooks (consent checked again at
 * send time) and sweeps the outbox for messages that never reached the queue.
 */
@Injectable()
export class OutboxProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly delivery: OutboundDelivery;
  private readonly handlers: JobHandlers<'outbox'>;
  private queue?: Queue;
  private worker?: Worker;

  constructor(
    @Inject(DATA_SOURCE) ds: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly metrics: DeliveryMetrics,
    @Inject(PINO_LOGGER) private readonly log: Logger,
  ) {
    this.delivery = new OutboundDelivery(ds, config.HUB_SOURCE);
    const handlers = {
      DeliverOutboxMessageJob: (data: JobPayload<'DeliverOutboxMessageJob'>, job: Job) => this.deliver(data, job),
      RelayOutboxJob: () => this.relay(),
    };
    checkHandlers(QueueName.OUTBOX, handlers);
    this.handlers = handlers;
  }

  async onApplicationBootstrap(): Promise<void> {
    const backend = queueBackendOf(this.config);
    this.queue = createQueue(QueueName.OUTBOX, backend);
    // Safe on every start: the scheduler is upserted, not added again.
    await this.queue.upsertJobScheduler(
      OUTBOX_RELAY_SCHEDULER_ID,
      { every: this.config.OUTBOX_SWEEP_MS },
      {
        name: 'RelayOutboxJob',
        data: { traceId: 'outbox-relay' },
        opts: { removeOnComplete: true, removeOnFail: 100 },
      },
    );
    // Every line a job writes carries the trace id it came with (the gateway request's).
    this.worker = createWorker(QueueName.OUTBOX, (job) => withTrace(traceIdOf(job), () => this.run(job)), backend, {
      concurrency: this.config.WORKER_CONCURRENCY,
    });
    this.worker.on('error', (e) => this.log.error({ err: serializeError(e) }, 'queue worker error'));
    await this.relay();
  }

  async onApplicationShutdown(): Promise<void> {
    // Let running deliveries finish; no job is left stalled.
    await this.worker?.close();
    await this.queue?.close();
  }

  /** Delivery failures are logged where they happen; anything else unexpected is logged here. */
  private async run(job: Job): Promise<void> {
    try {
      await dispatch(this.handlers, job);
    } catch (e) {
      if (!(e instanceof DeliveryError) && !(e instanceof UnrecoverableError)) {
        this.log.error(
          { jobId: job.id, job: job.name, attempt: job.attemptsMade + 1, err: serializeError(e) },
          'job failed',
        );
      }
      throw e;
    }
  }

  private async deliver(data: JobPayload<'DeliverOutboxMessageJob'>, job: Job): Promise<void> {
    const prepared = await this.delivery.prepare(data.tenantId, data.outboxId);
    const where = { tenantId: data.tenantId, outboxId: data.outboxId, jobId: job.id, attempt: job.attemptsMade + 1 };
    if (prepared.kind === 'skip') {
      this.metrics.skip(prepared.reason);
      this.log.info({ ...where, reason: prepared.reason }, 'delivery skipped');
      return;
    }
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
      this.metrics.attempt(prepared.agencyId, 'failed', seconds());
      const attempts = job.opts.attempts ?? 1;
      const permanent = e instanceof DeliveryError && e.permanent;
      const final = permanent || job.attemptsMade + 1 >= attempts;
      this.metrics.failed(prepared.agencyId, final);
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
    this.metrics.attempt(prepared.agencyId, 'acknowledged', seconds());
    await this.delivery.markAcknowledged(data.tenantId, data.outboxId, prepared.body);
    const latencySeconds = (Date.now() - job.timestamp) / 1000;
    this.metrics.acknowledged(prepared.agencyId, latencySeconds);
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

  /** Put on the queue what is not there yet; the job id makes a second add a no-op. */
  private async relay(): Promise<void> {
    if (!this.queue) return;
    const items = await this.delivery.pendingForRelay(500);
    if (items.length === 0) return;
    const opts = deliveryJobOptions(this.config.DELIVERY_ATTEMPTS, this.config.DELIVERY_BACKOFF_MS);
    await addJobs(
      this.queue,
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

/** The trace id a job carries (validated with the payload later; a missing one gets a marker). */
function traceIdOf(job: Job): string {
  const traceId = (job.data as { traceId?: unknown } | undefined)?.traceId;
  return typeof traceId === 'string' && traceId.length > 0 ? traceId : `job-${job.id ?? 'unknown'}`;
}

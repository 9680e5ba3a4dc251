import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { UnrecoverableError, type Job, type Queue, type Worker } from 'bullmq';
import type { DataSource } from 'typeorm';
import { queueBackendOf, type HubConfig } from '@kim/config';
import { OUTBOX_RELAY_SCHEDULER_ID, QueueName, type JobPayload } from '@kim/contracts';
import { OutboundDelivery, deliveryJobId } from '@kim/core';
import { addJobs, createQueue, createWorker, deliveryJobOptions } from '@kim/messaging';
import { DATA_SOURCE, HUB_CONFIG } from '../tokens.js';
import { checkHandlers, dispatch, type JobHandlers } from '../jobs/job-handlers.js';
import { DeliveryError, postSigned } from './webhook-sender.js';
import { DeliveryMetrics } from '../metrics/delivery-metrics.js';

/**
 * Runs the outbox queue: delivers messages to agencies' webhooks (consent checked again at
 * send time) and sweeps the outbox for messages that never reached the queue.
 */
@Injectable()
export class OutboxProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(OutboxProcessor.name);
  private readonly delivery: OutboundDelivery;
  private readonly handlers: JobHandlers<'outbox'>;
  private queue?: Queue;
  private worker?: Worker;

  constructor(
    @Inject(DATA_SOURCE) ds: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly metrics: DeliveryMetrics,
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
    this.worker = createWorker(QueueName.OUTBOX, (job) => dispatch(this.handlers, job), backend, {
      concurrency: this.config.WORKER_CONCURRENCY,
    });
    this.worker.on('error', (e) => this.log.error(`worker error: ${e.message}`));
    await this.relay();
  }

  async onApplicationShutdown(): Promise<void> {
    // Let running deliveries finish; no job is left stalled.
    await this.worker?.close();
    await this.queue?.close();
  }

  private async deliver(data: JobPayload<'DeliverOutboxMessageJob'>, job: Job): Promise<void> {
    const prepared = await this.delivery.prepare(data.tenantId, data.outboxId);
    if (prepared.kind === 'skip') {
      this.metrics.skip(prepared.reason);
      return;
    }
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      await postSigned(
        prepared.url,
        prepared.secret,
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
      await this.delivery.markAttemptFailed(data.tenantId, data.outboxId, (e as Error).message, final);
      throw permanent ? new UnrecoverableError((e as Error).message) : e;
    }
    this.metrics.attempt(prepared.agencyId, 'acknowledged', seconds());
    await this.delivery.markAcknowledged(data.tenantId, data.outboxId, prepared.body);
    this.metrics.acknowledged(prepared.agencyId, (Date.now() - job.timestamp) / 1000);
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
  }
}

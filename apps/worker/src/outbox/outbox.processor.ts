import { Inject, Injectable } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { scrubMessage, serializeError, type HubConfig } from '@kim/config';
import { QueueName, type JobPayload } from '@kim/contracts';
import { OutboxMessageBuilder, OutboxOutcomes, OutboxRelay, TenantBatches, type PreparedDelivery } from '@kim/core';
import { DELIVERY_RETENTION, QueueDeliveryAdapter } from '@kim/messaging';
import { runAsTenant } from '@kim/persistence';
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
  private readonly builder: OutboxMessageBuilder;
  private readonly outcomes: OutboxOutcomes;
  /** Deliveries of one tenant prepared together (one transaction) when they arrive while one is being prepared. */
  private readonly preparing: TenantBatches<{ key: string }, PreparedDelivery>;
  /** Acknowledgements of one tenant written together (one statement) when they arrive while one is being written. */
  private readonly acknowledging: TenantBatches<{ key: string; body: string }, true>;
  private relayBooksOnQueue?: OutboxRelay;

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly metrics: DeliveryMetrics,
    @Inject(PINO_LOGGER) private readonly log: Logger,
    private readonly host: QueueHost,
  ) {
    this.builder = new OutboxMessageBuilder(ds, config.HUB_SOURCE);
    this.outcomes = new OutboxOutcomes(ds);
    // A batch never holds more than the jobs a worker runs at once.
    this.preparing = new TenantBatches(
      (tenantId, items) =>
        runAsTenant(tenantId, () =>
          this.builder.prepareMany(
            tenantId,
            items.map((i) => i.key),
          ),
        ),
      config.WORKER_CONCURRENCY,
    );
    this.acknowledging = new TenantBatches(async (tenantId, items) => {
      await runAsTenant(tenantId, () =>
        this.outcomes.acknowledgedMany(
          tenantId,
          items.map((i) => ({ id: i.key, body: i.body })),
        ),
      );
      return new Map(items.map((i) => [i.key, true as const]));
    }, config.WORKER_CONCURRENCY);
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
    const prepared = await this.preparing.run(data.tenantId, { key: data.outboxId });
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
    await this.acknowledging.run(data.tenantId, { key: data.outboxId, body: prepared.body });
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

  /** Core's relay on the host's outbox queue, made once the host has created the queue. */
  private relayBooks(): OutboxRelay {
    this.relayBooksOnQueue ??= new OutboxRelay(
      this.ds,
      new QueueDeliveryAdapter(this.host.queue(this.queue), {
        attempts: this.config.DELIVERY_ATTEMPTS,
        backoffMs: this.config.DELIVERY_BACKOFF_MS,
      }),
    );
    return this.relayBooksOnQueue;
  }

  /** Messages the queue lost are put back (core's OutboxRelay decides which); logged and counted here. */
  private async reconcile(): Promise<void> {
    for (const tenant of await this.relayBooks().reconcile(this.config.OUTBOX_RECONCILE_GRACE_MS)) {
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
    const items = await this.relayBooks().relay();
    if (items.length === 0) return;
    this.metrics.relayedMessages(items.length);
    for (const i of items)
      this.log.info(
        { traceId: i.traceId, tenantId: i.tenantId, outboxId: i.outboxId },
        'outbox message queued by the relay',
      );
  }
}

import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue, Worker } from 'bullmq';
import type { DataSource } from 'typeorm';
import { queueBackendOf, type HubConfig } from '@kim/config';
import { QueueName } from '@kim/contracts';
import { BoardAggregates, DeadlineWatch, PrivacyMaintenance } from '@kim/core';
import { createQueue, createWorker } from '@kim/messaging';
import { DATA_SOURCE, HUB_CONFIG } from '../tokens.js';
import { checkHandlers, dispatch, type JobHandlers } from '../jobs/job-handlers.js';

/** Recurring maintenance: consent expiry sweep, erasure after the retention period, deadline watch, board refresh. */
@Injectable()
export class MaintenanceProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(MaintenanceProcessor.name);
  private readonly maintenance: PrivacyMaintenance;
  private readonly deadlines: DeadlineWatch;
  private readonly board: BoardAggregates;
  private readonly handlers: JobHandlers<'maintenance'>;
  private queue?: Queue;
  private worker?: Worker;

  constructor(
    @Inject(DATA_SOURCE) ds: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {
    this.maintenance = new PrivacyMaintenance(ds);
    this.deadlines = new DeadlineWatch(ds);
    this.board = new BoardAggregates(ds);
    const handlers = {
      ConsentExpirySweepJob: async () => {
        const r = await this.maintenance.sweepExpiredConsents();
        this.log.log(
          `consent expiry sweep: ${r.expired} expired, ${r.suppressedMessages} waiting message(s) suppressed`,
        );
      },
      DeadlineWatchJob: async () => {
        const n = await this.deadlines.flagOverdue();
        this.log.log(`deadline watch: ${n} referral(s) newly overdue`);
      },
      BoardRefreshJob: async () => {
        const started = Date.now();
        const done = await this.board.refresh();
        this.log.log(
          done
            ? `board aggregates refreshed in ${Date.now() - started} ms`
            : 'board refresh skipped: another is running',
        );
      },
      RetentionSweepJob: async () => {
        const r = await this.maintenance.eraseAfterRetention(this.config.RETENTION_DAYS);
        this.log.log(`retention sweep: ${r.erasedPersons} person(s) erased`);
      },
    };
    checkHandlers(QueueName.MAINTENANCE, handlers);
    this.handlers = handlers;
  }

  async onApplicationBootstrap(): Promise<void> {
    const backend = queueBackendOf(this.config);
    this.queue = createQueue(QueueName.MAINTENANCE, backend);
    // Upserted on every start: one schedule each, whatever the number of workers.
    const repeat = { pattern: this.config.MAINTENANCE_CRON, tz: 'Europe/Berlin' };
    const opts = { removeOnComplete: 30, removeOnFail: 100 };
    await this.queue.upsertJobScheduler('consent-expiry-sweep', repeat, {
      name: 'ConsentExpirySweepJob',
      data: { traceId: 'consent-expiry-sweep' },
      opts,
    });
    await this.queue.upsertJobScheduler('retention-sweep', repeat, {
      name: 'RetentionSweepJob',
      data: { traceId: 'retention-sweep' },
      opts,
    });
    await this.queue.upsertJobScheduler(
      'deadline-watch',
      { pattern: this.config.DEADLINE_WATCH_CRON, tz: 'Europe/Berlin' },
      { name: 'DeadlineWatchJob', data: { traceId: 'deadline-watch' }, opts },
    );
    // The board's aggregates: refreshed every few minutes; the board shows their asOf.
    await this.queue.upsertJobScheduler(
      'board-refresh',
      { every: this.config.BOARD_REFRESH_EVERY_MS },
      { name: 'BoardRefreshJob', data: { traceId: 'board-refresh' }, opts },
    );
    this.worker = createWorker(QueueName.MAINTENANCE, (job) => dispatch(this.handlers, job), backend, {
      concurrency: 1,
    });
    this.worker.on('error', (e) => this.log.error(`worker error: ${e.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
  }
}

import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { queueBackendOf, type HubConfig } from '@kim/config';
import { HUB_TIME_ZONE, QueueName } from '@kim/contracts';
import { BoardAggregates, DeadlineWatch, LinkageCommands, PrivacyMaintenance } from '@kim/core';
import { createQueue, createWorker } from '@kim/messaging';
import { forEachTenant } from '@kim/persistence';
import { DATA_SOURCE, HUB_CONFIG } from '../tokens.js';
import { checkHandlers, dispatch, type JobHandlers } from '../jobs/job-handlers.js';
import { QueueWatchdog } from '../jobs/queue-watchdog.js';

/** Recurring maintenance: consent expiry sweep, erasure after the retention period, deadline watch, board refresh. */
@Injectable()
export class MaintenanceProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(MaintenanceProcessor.name);
  private readonly maintenance: PrivacyMaintenance;
  private readonly deadlines: DeadlineWatch;
  private readonly board: BoardAggregates;
  private readonly linkage: LinkageCommands;
  private readonly handlers: JobHandlers<'maintenance'>;
  private queue?: Queue;
  private watchdog?: QueueWatchdog;

  constructor(
    @Inject(DATA_SOURCE) ds: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {
    this.maintenance = new PrivacyMaintenance(ds);
    this.deadlines = new DeadlineWatch(ds);
    this.board = new BoardAggregates(ds);
    this.linkage = new LinkageCommands(ds);
    // Each sweep goes through the tenants one by one, inside each tenant's database fence.
    const perTenant = <T>(fn: () => Promise<T>) => forEachTenant(ds, fn);
    const handlers = {
      ConsentExpirySweepJob: async () => {
        const r = await perTenant(() => this.maintenance.sweepExpiredConsents());
        this.log.log(
          `consent expiry sweep: ${sum(r, 'expired')} expired, ${sum(r, 'suppressedMessages')} waiting message(s) suppressed`,
        );
      },
      DeadlineWatchJob: async () => {
        const n = (await perTenant(() => this.deadlines.flagOverdue())).reduce((a, b) => a + b, 0);
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
      LinkageSweepJob: async () => {
        const r = await forEachTenant(ds, (tenantId) => this.linkage.detectInTenant(tenantId));
        const merged = r.reduce((a, x) => a + x.merged.length, 0);
        const reviews = r.reduce((a, x) => a + x.reviews.length, 0);
        this.log.log(`linkage sweep: ${merged} person(s) merged automatically, ${reviews} pair(s) sent to review`);
      },
      RetentionSweepJob: async () => {
        const r = await perTenant(() => this.maintenance.eraseAfterRetention(this.config.RETENTION_DAYS));
        this.log.log(`retention sweep: ${sum(r, 'erasedPersons')} person(s) erased`);
      },
    };
    checkHandlers(QueueName.MAINTENANCE, handlers);
    this.handlers = handlers;
  }

  async onApplicationBootstrap(): Promise<void> {
    const backend = queueBackendOf(this.config);
    const queue = createQueue(QueueName.MAINTENANCE, backend);
    this.queue = queue;
    // An EventEmitter's unheard 'error' kills the process; a lost connection is no reason to.
    queue.on('error', (e) => this.log.error(`queue error: ${e.message}`));
    await this.registerSchedulers();
    const say = (level: 'warn' | 'error') => (details: object, message: string) =>
      this.log[level](`${message} ${JSON.stringify(details)}`);
    this.watchdog = new QueueWatchdog({
      queue,
      registerSchedulers: () => this.registerSchedulers(),
      schedulerIds: ['consent-expiry-sweep', 'retention-sweep', 'deadline-watch', 'board-refresh', 'linkage-sweep'],
      createWorker: () => {
        const worker = createWorker(QueueName.MAINTENANCE, (job) => dispatch(this.handlers, job), backend, {
          concurrency: 1,
          lockDuration: this.config.JOB_LOCK_MS,
          stalledInterval: this.config.JOB_LOCK_MS,
        });
        worker.on('error', (e) => this.log.error(`worker error: ${e.message}`));
        return worker;
      },
      intervalMs: this.config.WORKER_WATCHDOG_MS,
      // Sweeps over a whole Kreis may take minutes; only a long silence with work waiting counts.
      stuckAfterMs: Math.max(4 * this.config.WORKER_WATCHDOG_MS, 10 * 60_000),
      log: { warn: say('warn'), error: say('error') },
    });
    this.watchdog.start();
  }

  /** Upserted on every start (and when the watchdog finds them gone): one schedule each, whatever the number of workers. */
  private async registerSchedulers(): Promise<void> {
    const queue = this.queue!;
    const repeat = { pattern: this.config.MAINTENANCE_CRON, tz: HUB_TIME_ZONE };
    const opts = { removeOnComplete: 30, removeOnFail: 100 };
    await queue.upsertJobScheduler('consent-expiry-sweep', repeat, {
      name: 'ConsentExpirySweepJob',
      data: { traceId: 'consent-expiry-sweep' },
      opts,
    });
    await queue.upsertJobScheduler('retention-sweep', repeat, {
      name: 'RetentionSweepJob',
      data: { traceId: 'retention-sweep' },
      opts,
    });
    await queue.upsertJobScheduler(
      'deadline-watch',
      { pattern: this.config.DEADLINE_WATCH_CRON, tz: HUB_TIME_ZONE },
      { name: 'DeadlineWatchJob', data: { traceId: 'deadline-watch' }, opts },
    );
    // Identity linkage over whole tenants: catches pairs a case opening could not (both known before).
    await queue.upsertJobScheduler('linkage-sweep', repeat, {
      name: 'LinkageSweepJob',
      data: { traceId: 'linkage-sweep' },
      opts,
    });
    // The board's aggregates: refreshed every few minutes; the board shows their asOf.
    await queue.upsertJobScheduler(
      'board-refresh',
      { every: this.config.BOARD_REFRESH_EVERY_MS },
      { name: 'BoardRefreshJob', data: { traceId: 'board-refresh' }, opts },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.watchdog?.close();
    await this.queue?.close();
  }
}

function sum<K extends string>(rows: Record<K, number>[], key: K): number {
  return rows.reduce((a, r) => a + r[key], 0);
}

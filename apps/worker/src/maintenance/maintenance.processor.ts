import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { HubConfig } from '@kim/config';
import { QueueName } from '@kim/contracts';
import { BoardAggregates, LinkageCommands, PrivacyMaintenance, TransferCommands, sealAuditChain } from '@kim/core';
import { forEachTenant } from '@kim/persistence';
import { DATA_SOURCE, HUB_CONFIG } from '../tokens.js';
import { PINO_LOGGER } from '../logging/logger.js';
import type { JobHandlers } from '../jobs/job-handlers.js';
import { QueueHost, type QueueProcessor } from '../jobs/queue-host.js';

/**
 * Recurring maintenance: consent expiry sweep, erasure after the retention period, identity
 * linkage, board refresh, the ledger's seal sweep (their schedules: jobSchedules in @kim/contracts).
 * Each sweep goes through the tenants one by one, inside each tenant's database fence.
 */
@Injectable()
export class MaintenanceProcessor implements QueueProcessor<'maintenance'> {
  readonly queue = QueueName.MAINTENANCE;
  readonly worker: QueueProcessor['worker'];
  // Sweeps over a whole Kreis may take minutes; only a long silence with work waiting counts.
  readonly stuckAfterMs: number;
  readonly handlers: JobHandlers<'maintenance'> = {
    ConsentExpirySweepJob: async () => {
      const r = await this.perTenant(() => this.maintenance.sweepExpiredConsents());
      this.log.info(
        { expired: sum(r, 'expired'), suppressedMessages: sum(r, 'suppressedMessages') },
        'consent expiry sweep done',
      );
    },
    BoardRefreshJob: async () => {
      const started = Date.now();
      const done = await this.board.refresh();
      if (done) this.log.info({ durationMs: Date.now() - started }, 'board aggregates refreshed');
      else this.log.info('board refresh skipped: another is running');
    },
    LinkageSweepJob: async () => {
      const r = await forEachTenant(this.ds, (tenantId) => this.linkage.detectInTenant(tenantId));
      const merged = r.reduce((a, x) => a + x.merged.length, 0);
      const reviews = r.reduce((a, x) => a + x.reviews.length, 0);
      this.log.info({ merged, reviews }, 'linkage sweep done: persons merged automatically, pairs sent to review');
    },
    RetentionSweepJob: async () => {
      const r = await this.perTenant(() => this.maintenance.eraseAfterRetention(this.config.RETENTION_DAYS));
      this.log.info({ erasedPersons: sum(r, 'erasedPersons') }, 'retention sweep done');
    },
    TransferCloseSweepJob: async ({ traceId }) => {
      const closed = await forEachTenant(this.ds, (tenantId) => this.transfers.closeMoved(tenantId, traceId));
      this.log.info({ closed: closed.reduce((a, n) => a + n, 0) }, 'transfer close sweep done');
    },
    AuditSealSweepJob: async () => {
      // Every tenant at once (the sealing function looks across tenants and discloses nothing).
      const sealed = await sealAuditChain(this.ds, null);
      if (sealed > 0) this.log.info({ sealed }, 'ledger entries sealed by the sweep');
    },
  };

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(PINO_LOGGER) private readonly log: Logger,
    private readonly maintenance: PrivacyMaintenance,
    private readonly board: BoardAggregates,
    private readonly linkage: LinkageCommands,
    private readonly transfers: TransferCommands,
    host: QueueHost,
  ) {
    this.worker = { concurrency: 1, lockDuration: config.JOB_LOCK_MS, stalledInterval: config.JOB_LOCK_MS };
    this.stuckAfterMs = Math.max(4 * config.WORKER_WATCHDOG_MS, 10 * 60_000);
    host.register(this);
  }

  private perTenant<T>(fn: () => Promise<T>): Promise<T[]> {
    return forEachTenant(this.ds, fn);
  }
}

function sum<K extends string>(rows: Record<K, number>[], key: K): number {
  return rows.reduce((a, r) => a + r[key], 0);
}

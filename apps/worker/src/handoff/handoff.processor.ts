import { Inject, Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { QueueName, type JobPayload } from '@kim/contracts';
import { HandoffRunner } from '@kim/core';
import { addJobs } from '@kim/messaging';
import { forEachTenant } from '@kim/persistence';
import { DATA_SOURCE } from '../tokens.js';
import { PINO_LOGGER } from '../logging/logger.js';
import type { JobHandlers } from '../jobs/job-handlers.js';
import { QueueHost, type QueueProcessor } from '../jobs/queue-host.js';

/**
 * The overnight file handoffs: a nightly scheduled job (jobSchedules in @kim/contracts) fans
 * out one job per file-channel agency (export, then status import), each reporting its
 * progress while it runs.
 */
@Injectable()
export class HandoffProcessor implements QueueProcessor<'handoff'> {
  readonly queue = QueueName.HANDOFF;
  // One agency at a time per worker: imports are heavy, and the agency lock serialises anyway.
  readonly worker = { concurrency: 1 };
  // An import of a large status file may run for a long time while the next agency waits: that
  // is no sign of a stuck worker, so only a worker that stopped running is replaced.
  readonly stuckAfterMs = Number.POSITIVE_INFINITY;
  readonly handlers: JobHandlers<'handoff'> = {
    NightlyHandoffJob: (data, job) => this.nightly(data, job),
    AgencyHandoffJob: (data, job) => this.agency(data, job),
  };

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(PINO_LOGGER) private readonly log: Logger,
    private readonly runner: HandoffRunner,
    private readonly host: QueueHost,
  ) {
    host.register(this);
  }

  /** One job per file-channel agency; the job ids (this night's job and the agency) make a retried fan-out a no-op. */
  private async nightly(data: JobPayload<'NightlyHandoffJob'>, job: Job): Promise<void> {
    // Row-level security: the agencies of each tenant, one tenant at a time.
    const agencies = (await forEachTenant(this.ds, () => this.runner.fileAgencies())).flat();
    const night = String(job.id ?? job.timestamp).replace(/[^A-Za-z0-9_-]/g, '_');
    await addJobs(
      this.host.queue(this.queue),
      'AgencyHandoffJob',
      agencies.map((a) => ({
        data: { tenantId: a.tenantId, agencyId: a.agencyId, traceId: data.traceId, export: true, import: true },
        opts: {
          jobId: `handoff-${night}-${a.agencyId}`,
          attempts: 3,
          backoff: { type: 'exponential', delay: 60_000 },
          removeOnComplete: 100,
          removeOnFail: 100,
        },
      })),
    );
    this.log.info({ agencies: agencies.length }, 'nightly handoff: one job per file-channel agency queued');
  }

  private async agency(data: JobPayload<'AgencyHandoffJob'>, job: Job): Promise<void> {
    let last = -1;
    const runs = await this.runner.run(data.tenantId, data.agencyId, {
      traceId: data.traceId,
      export: data.export,
      import: data.import,
      onProgress: (p) => {
        // Export is the first tenth of the job, the import the rest.
        const pct = Math.round(p.kind === 'export' ? p.fraction * 10 : 10 + p.fraction * 90);
        if (pct === last) return;
        last = pct;
        void job.updateProgress({ percent: pct, kind: p.kind, detail: p.detail }).catch(() => undefined);
      },
    });
    for (const r of runs) {
      this.log.info(
        {
          kind: r.kind,
          agencyId: r.agencyId,
          exported: r.exported,
          suppressed: r.suppressed,
          imported: r.imported,
          rejected: r.rejected,
          duplicates: r.duplicates,
          durationMs: r.durationMs,
        },
        'handoff run done',
      );
    }
  }
}

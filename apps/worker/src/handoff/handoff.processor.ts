import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Job, Queue, Worker } from 'bullmq';
import type { DataSource } from 'typeorm';
import { queueBackendOf, type HubConfig } from '@kim/config';
import { HANDOFF_SCHEDULER_ID, HUB_TIME_ZONE, QueueName, type JobPayload } from '@kim/contracts';
import { HandoffRunner, LocalHandoffStore } from '@kim/core';
import { addJobs, createQueue, createWorker } from '@kim/messaging';
import { forEachTenant } from '@kim/persistence';
import { DATA_SOURCE, HUB_CONFIG } from '../tokens.js';
import { checkHandlers, dispatch, type JobHandlers } from '../jobs/job-handlers.js';

/**
 * The overnight file handoffs: a nightly scheduled job fans out one job per file-channel
 * agency (export, then status import), each reporting its progress while it runs.
 */
@Injectable()
export class HandoffProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(HandoffProcessor.name);
  private readonly runner: HandoffRunner;
  private readonly handlers: JobHandlers<'handoff'>;
  private queue?: Queue;
  private worker?: Worker;

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {
    this.runner = new HandoffRunner(ds, new LocalHandoffStore(config.HANDOFF_DIR), {
      source: config.HUB_SOURCE,
      chunkSize: config.HANDOFF_IMPORT_CHUNK,
    });
    const handlers = {
      NightlyHandoffJob: (data: JobPayload<'NightlyHandoffJob'>, job: Job) => this.nightly(data, job),
      AgencyHandoffJob: (data: JobPayload<'AgencyHandoffJob'>, job: Job) => this.agency(data, job),
    };
    checkHandlers(QueueName.HANDOFF, handlers);
    this.handlers = handlers;
  }

  async onApplicationBootstrap(): Promise<void> {
    const backend = queueBackendOf(this.config);
    this.queue = createQueue(QueueName.HANDOFF, backend);
    // Upserted on every start: one schedule, whatever the number of workers; Berlin time, so
    // the run stays at the same local hour across daylight-saving changes.
    await this.queue.upsertJobScheduler(
      HANDOFF_SCHEDULER_ID,
      { pattern: this.config.HANDOFF_CRON, tz: HUB_TIME_ZONE },
      {
        name: 'NightlyHandoffJob',
        data: { traceId: 'nightly-handoff' },
        opts: { removeOnComplete: 30, removeOnFail: 100 },
      },
    );
    // One agency at a time per worker: imports are heavy, and the agency lock serialises anyway.
    this.worker = createWorker(QueueName.HANDOFF, (job) => dispatch(this.handlers, job), backend, { concurrency: 1 });
    this.worker.on('error', (e) => this.log.error(`worker error: ${e.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
  }

  /** One job per file-channel agency; the job ids (this night's job and the agency) make a retried fan-out a no-op. */
  private async nightly(data: JobPayload<'NightlyHandoffJob'>, job: Job): Promise<void> {
    // Row-level security: the agencies of each tenant, one tenant at a time.
    const agencies = (await forEachTenant(this.ds, () => this.runner.fileAgencies())).flat();
    const night = String(job.id ?? job.timestamp).replace(/[^A-Za-z0-9_-]/g, '_');
    await addJobs(
      this.queue!,
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
    this.log.log(`nightly handoff: ${agencies.length} file-channel agenc${agencies.length === 1 ? 'y' : 'ies'} queued`);
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
      this.log.log(
        `handoff ${r.kind} for agency ${r.agencyId}: exported ${r.exported}, suppressed ${r.suppressed}, imported ${r.imported}, rejected ${r.rejected}, duplicates ${r.duplicates} in ${r.durationMs} ms`,
      );
    }
  }
}

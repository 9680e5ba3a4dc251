import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { HubConfig } from '@kim/config';
import type { Logger } from 'pino';
import { createDataSource, fenceToTenant, waitForSchema } from '@kim/persistence';
import { DATA_SOURCE, HUB_CONFIG } from './tokens.js';
import { PINO_LOGGER } from './logging/logger.js';
import { OutboxProcessor } from './outbox/outbox.processor.js';
import { MaintenanceProcessor } from './maintenance/maintenance.processor.js';
import { HandoffProcessor } from './handoff/handoff.processor.js';
import { LinkageProcessor } from './linkage/linkage.processor.js';
import { workerMetricsProviders } from './metrics/metrics.providers.js';

/** The worker: BullMQ processors only, no HTTP. */
@Module({})
export class WorkerModule implements OnApplicationShutdown {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  static forConfig(config: HubConfig): DynamicModule {
    return {
      module: WorkerModule,
      providers: [
        { provide: HUB_CONFIG, useValue: config },
        {
          provide: DATA_SOURCE,
          inject: [PINO_LOGGER],
          useFactory: async (log: Logger) => {
            const ds = await createDataSource({
              url: config.DATABASE_URL,
              applicationName: 'kim-worker',
              poolSize: 20,
            }).initialize();
            // Only the gateway migrates; a worker that starts first waits for it.
            await waitForSchema(ds, {
              onWait: (pending) => log.info({ pending }, 'waiting for the gateway to apply migrations'),
            });
            // Row-level security: connections run as kim_app, fenced to the job's tenant.
            fenceToTenant(ds);
            return ds;
          },
        },
        OutboxProcessor,
        MaintenanceProcessor,
        HandoffProcessor,
        LinkageProcessor,
        ...workerMetricsProviders,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}

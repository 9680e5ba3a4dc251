import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource, Logger } from 'typeorm';
import type { HubConfig } from '@kim/config';
import { createDataSource, fenceToTenant } from '@kim/persistence';
import { DATA_SOURCE, HUB_CONFIG, QUERY_OBSERVER } from '../common/tokens.js';

/** A TypeORM logger that only reports statements to an observer. */
function queryObserver(onQuery: (sql: string) => void): Logger {
  return {
    logQuery: (sql) => onQuery(sql),
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
}

@Global()
@Module({
  providers: [
    {
      provide: DATA_SOURCE,
      inject: [HUB_CONFIG, QUERY_OBSERVER],
      useFactory: async (config: HubConfig, onQuery: ((sql: string) => void) | null) => {
        const ds = createDataSource({
          url: config.DATABASE_URL,
          applicationName: 'kim-gateway',
          poolSize: 20,
          ...(onQuery ? { logger: queryObserver(onQuery) } : {}),
        });
        await ds.initialize();
        // Row-level security: the gateway's connections run as kim_app, fenced to the request's tenant.
        fenceToTenant(ds);
        return ds;
      },
    },
  ],
  exports: [DATA_SOURCE],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}

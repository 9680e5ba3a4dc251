import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource, Logger } from 'typeorm';
import type { HubConfig } from '@kim/config';
import { createDataSource, fenceToTenant } from '@kim/persistence';
import { BOARD_READ_DATA_SOURCE, DATA_SOURCE, HUB_CONFIG, QUERY_OBSERVER } from '../common/tokens.js';

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

/**
 * The data source of the board's reads: the primary itself without REPLICA_DATABASE_URL, else a
 * read-only pool on the replica, fenced like the primary. A replica that does not answer stops the
 * start with a message naming the setting and its host (never its password).
 */
export async function openBoardReadSource(
  config: HubConfig,
  onQuery: ((sql: string) => void) | null,
  primary: DataSource,
): Promise<DataSource> {
  if (!config.REPLICA_DATABASE_URL) return primary;
  const ds = createDataSource({
    url: config.REPLICA_DATABASE_URL,
    applicationName: 'kim-gateway-replica',
    poolSize: 10,
    readOnly: true,
    ...(onQuery ? { logger: queryObserver(onQuery) } : {}),
  });
  try {
    await ds.initialize();
  } catch (e) {
    // The host only: the URL carries the password.
    const host = new URL(config.REPLICA_DATABASE_URL).host;
    throw new Error(`REPLICA_DATABASE_URL (${host}): cannot connect: ${(e as Error).message}`, { cause: e });
  }
  // Fenced exactly like the primary: a hot standby takes the role and the tenant setting
  // (session settings, nothing written), and its row-level security policies are the primary's.
  fenceToTenant(ds);
  return ds;
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
    {
      // The board's and the committee report's reads: a streaming replica when one is configured.
      provide: BOARD_READ_DATA_SOURCE,
      inject: [HUB_CONFIG, QUERY_OBSERVER, DATA_SOURCE],
      useFactory: openBoardReadSource,
    },
  ],
  exports: [DATA_SOURCE, BOARD_READ_DATA_SOURCE],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(BOARD_READ_DATA_SOURCE) private readonly boardReads: DataSource,
  ) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.boardReads !== this.ds && this.boardReads.isInitialized) await this.boardReads.destroy();
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}

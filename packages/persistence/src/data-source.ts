import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities/index.js';
import { MIGRATIONS } from './migrations/index.js';
import { SnakeNamingStrategy } from './naming.js';

export interface DataSourceSettings {
  url: string;
  /** Schema to work in; tests use one schema each so suites run in parallel. */
  schema?: string;
  poolSize?: number;
  /** Counts statements, for the batching tests and benchmarks. */
  logger?: DataSourceOptions['logger'];
  applicationName?: string;
  /**
   * Reads only (a streaming replica): every transaction is read-only, so a write sent here by
   * mistake fails on a primary too, and TypeORM installs no extensions at start.
   */
  readOnly?: boolean;
}

export function createDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource({
    type: 'postgres',
    url: settings.url,
    schema: settings.schema ?? 'public',
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    logging: settings.logger ? ['query'] : false,
    logger: settings.logger,
    applicationName: settings.applicationName ?? 'kim-hub',
    ...(settings.readOnly ? { installExtensions: false } : {}),
    extra: {
      max: settings.poolSize ?? 10,
      options: connectionOptions(settings),
    },
  });
}

/** Server settings of every connection (libpq's `options`), or undefined when there are none. */
function connectionOptions(settings: DataSourceSettings): string | undefined {
  const options = [
    // Every connection works in the configured schema, also for raw SQL.
    ...(settings.schema ? [`-c search_path=${settings.schema}`] : []),
    ...(settings.readOnly ? ['-c default_transaction_read_only=on'] : []),
  ];
  return options.length ? options.join(' ') : undefined;
}

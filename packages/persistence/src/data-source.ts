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
    extra: {
      max: settings.poolSize ?? 10,
      // Every connection works in the configured schema, also for raw SQL.
      options: settings.schema ? `-c search_path=${settings.schema}` : undefined,
    },
  });
}

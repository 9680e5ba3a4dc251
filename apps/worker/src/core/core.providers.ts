import type { Provider } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { HubConfig } from '@kim/config';
import {
  BoardAggregates,
  DeadlineWatch,
  HandoffRunner,
  LinkageCommands,
  LocalHandoffStore,
  PrivacyMaintenance,
  TransferCommands,
  relayOnly,
} from '@kim/core';
import { DATA_SOURCE, HUB_CONFIG } from '../tokens.js';

/** A core service that needs nothing but the data source, provided under its own class. */
function onDataSource<T>(service: new (ds: DataSource) => T): Provider {
  return { provide: service, useFactory: (ds: DataSource) => new service(ds), inject: [DATA_SOURCE] };
}

/** The use-cases of @kim/core the worker's handlers call: made once here, injected by class. */
export const coreProviders: Provider[] = [
  onDataSource(PrivacyMaintenance),
  onDataSource(DeadlineWatch),
  onDataSource(BoardAggregates),
  onDataSource(LinkageCommands),
  // The worker's outbox relay puts the cancellation notices on the queue (no publisher here).
  {
    provide: TransferCommands,
    useFactory: (ds: DataSource) => new TransferCommands(ds, relayOnly(ds)),
    inject: [DATA_SOURCE],
  },
  {
    provide: HandoffRunner,
    useFactory: (ds: DataSource, config: HubConfig) =>
      new HandoffRunner(ds, new LocalHandoffStore(config.HANDOFF_DIR), {
        source: config.HUB_SOURCE,
        chunkSize: config.HANDOFF_IMPORT_CHUNK,
      }),
    inject: [DATA_SOURCE, HUB_CONFIG],
  },
];

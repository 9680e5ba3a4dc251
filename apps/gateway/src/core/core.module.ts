import { Global, Module, type Provider } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  AccessReads,
  AccessReports,
  ConsentForms,
  BoardQueries,
  CaseCommands,
  CaseWork,
  CommitteeReports,
  ConsentCommands,
  DeadlineWatch,
  HubQueries,
  LegalBasisCommands,
  LinkageCommands,
  MatchRequests,
  MilestoneQueries,
  OutboxDeadLetters,
  OutboxPublisher,
  OverrideCommands,
  ReferralCommands,
  StatusIntake,
  TypicalCases,
} from '@kim/core';
import { ACCESS_READS, BOARD_READ_DATA_SOURCE, DATA_SOURCE } from '../common/tokens.js';

/** A core service that needs nothing but the data source, provided under its own class. */
function onDataSource<T>(service: new (ds: DataSource) => T): Provider {
  return { provide: service, useFactory: (ds: DataSource) => new service(ds), inject: [DATA_SOURCE] };
}

/** A core command that publishes outbox messages after commit: the data source and the publisher port. */
function onDataSourceAndPublisher<T>(service: new (ds: DataSource, publisher: OutboxPublisher) => T): Provider {
  return {
    provide: service,
    useFactory: (ds: DataSource, publisher: OutboxPublisher) => new service(ds, publisher),
    inject: [DATA_SOURCE, OutboxPublisher],
  };
}

/**
 * The board's, its milestones' and the committee report's reads: aggregates only, nothing
 * consent-relevant and nothing written, so they may read from a streaming replica
 * (BOARD_READ_DATA_SOURCE: the replica when REPLICA_DATABASE_URL is set, else the primary). Only these take it
 * (apps/gateway/src/database/replica-routing.int-spec.ts lists who does).
 */
const ON_BOARD_READS: (new (ds: DataSource) => unknown)[] = [BoardQueries, CommitteeReports, MilestoneQueries];

function onBoardReads<T>(service: new (ds: DataSource) => T): Provider {
  return { provide: service, useFactory: (ds: DataSource) => new service(ds), inject: [BOARD_READ_DATA_SOURCE] };
}

/** The use-cases of @kim/core the gateway calls: made once here, injected by class. */
const ON_DATA_SOURCE: (new (ds: DataSource) => unknown)[] = [
  AccessReports,
  CaseCommands,
  CaseWork,
  DeadlineWatch,
  HubQueries,
  LegalBasisCommands,
  LinkageCommands,
  MatchRequests,
  OverrideCommands,
  StatusIntake,
  TypicalCases,
  ConsentForms,
];

/**
 * The core services, registered once for every feature module (resolvers and controllers take
 * them by injection instead of making their own). The access policy's reads go under a token
 * so a benchmark can build a gateway with another (tests/bench: consent_overhead).
 */
@Global()
@Module({
  providers: [
    ...ON_DATA_SOURCE.map(onDataSource),
    ...ON_BOARD_READS.map(onBoardReads),
    // Commands that write outbox messages publish them after their commit through the one port.
    onDataSourceAndPublisher(ConsentCommands),
    onDataSourceAndPublisher(ReferralCommands),
    onDataSourceAndPublisher(OutboxDeadLetters),
    { provide: ACCESS_READS, useFactory: (ds: DataSource) => new AccessReads(ds), inject: [DATA_SOURCE] },
  ],
  exports: [...ON_DATA_SOURCE, ...ON_BOARD_READS, ConsentCommands, ReferralCommands, OutboxDeadLetters, ACCESS_READS],
})
export class CoreModule {}

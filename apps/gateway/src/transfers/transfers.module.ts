import { Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { OutboxPublisher, TransferCommands } from '@kim/core';
import { DATA_SOURCE } from '../common/tokens.js';
import { TransfersResolver } from './transfers.resolver.js';

/** Moving a case to another Kreis of the hub (issue 19 item 5). */
@Module({
  providers: [
    TransfersResolver,
    {
      provide: TransferCommands,
      useFactory: (ds: DataSource, publisher: OutboxPublisher) => new TransferCommands(ds, publisher),
      inject: [DATA_SOURCE, OutboxPublisher],
    },
  ],
})
export class TransfersModule {}

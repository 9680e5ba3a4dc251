import { Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { AchievementCommands, DossierCommands, OutboxPublisher } from '@kim/core';
import { DATA_SOURCE } from '../common/tokens.js';
import { CasesModule } from '../cases/cases.module.js';
import { AchievementsResolver } from './achievements.resolver.js';

/** The person's path (issue 19): achievements, residence routes and dossiers on the case. */
@Module({
  imports: [CasesModule],
  providers: [
    AchievementsResolver,
    {
      provide: AchievementCommands,
      useFactory: (ds: DataSource) => new AchievementCommands(ds),
      inject: [DATA_SOURCE],
    },
    {
      provide: DossierCommands,
      useFactory: (ds: DataSource, publisher: OutboxPublisher) => new DossierCommands(ds, publisher),
      inject: [DATA_SOURCE, OutboxPublisher],
    },
  ],
})
export class AchievementsModule {}

import { Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { AchievementCommands } from '@kim/core';
import { DATA_SOURCE } from '../common/tokens.js';
import { CasesModule } from '../cases/cases.module.js';
import { AchievementsResolver } from './achievements.resolver.js';

/** The person's path (issue 19): achievements on the case. */
@Module({
  imports: [CasesModule],
  providers: [
    AchievementsResolver,
    {
      provide: AchievementCommands,
      useFactory: (ds: DataSource) => new AchievementCommands(ds),
      inject: [DATA_SOURCE],
    },
  ],
})
export class AchievementsModule {}

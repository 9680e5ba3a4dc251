import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { BoardReportsController } from './board-reports.controller.js';
import { BarriersResolver, BoardResolver } from './board.resolver.js';

/** The status board, barriers, the committee report and the typical-case export. */
@Module({ imports: [AuthModule], controllers: [BoardReportsController], providers: [BoardResolver, BarriersResolver] })
export class BoardModule {}

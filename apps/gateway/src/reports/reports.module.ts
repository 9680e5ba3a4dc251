import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { AccessReportController } from './access-report.controller.js';

/** The Art. 15 access report of a case's person. */
@Module({ imports: [AuthModule], controllers: [AccessReportController] })
export class ReportsModule {}

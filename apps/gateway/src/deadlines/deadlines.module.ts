import { Module } from '@nestjs/common';
import { DeadlinesResolver } from './deadlines.resolver.js';

/** Overdue referrals and open loops. */
@Module({ providers: [DeadlinesResolver] })
export class DeadlinesModule {}

import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { ReferralsResolver } from './referrals.resolver.js';

/** Drafting, sending and cancelling referrals, and what a referral shows. */
@Module({ imports: [CasesModule], providers: [ReferralsResolver] })
export class ReferralsModule {}

import { Module } from '@nestjs/common';
import { CaseAccessService } from './case-access.service.js';
import { CasesResolver } from './cases.resolver.js';
import { CaseWorkResolver } from './case-work.resolver.js';
import { LedgerFlushPlugin } from './ledger-flush.plugin.js';

/**
 * Cases over GraphQL, and the request's side of the access policy (used by referrals too),
 * with the plugin that writes each request's ledger entries before its answer is sent.
 */
@Module({
  providers: [CasesResolver, CaseWorkResolver, CaseAccessService, LedgerFlushPlugin],
  exports: [CaseAccessService],
})
export class CasesModule {}

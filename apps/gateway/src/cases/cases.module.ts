import { Module } from '@nestjs/common';
import { CaseAccessService } from './case-access.service.js';
import { CasesResolver } from './cases.resolver.js';
import { CaseWorkResolver } from './case-work.resolver.js';

/** Cases over GraphQL, and the request's side of the access policy (used by referrals too). */
@Module({ providers: [CasesResolver, CaseWorkResolver, CaseAccessService], exports: [CaseAccessService] })
export class CasesModule {}

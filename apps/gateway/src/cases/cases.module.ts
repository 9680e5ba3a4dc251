import { Module } from '@nestjs/common';
import { CaseAccessService } from './case-access.service.js';
import { CasesResolver } from './cases.resolver.js';

/** Cases over GraphQL, and the request's side of the access policy (used by referrals too). */
@Module({ providers: [CasesResolver, CaseAccessService], exports: [CaseAccessService] })
export class CasesModule {}

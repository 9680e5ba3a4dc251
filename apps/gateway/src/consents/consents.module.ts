import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { CaseConsentsResolver, ConsentsResolver, LegalBasesResolver } from './consents.resolver.js';

/** Consents, legal bases and do-not-contact. */
@Module({ imports: [CasesModule], providers: [ConsentsResolver, CaseConsentsResolver, LegalBasesResolver] })
export class ConsentsModule {}

import { Module } from '@nestjs/common';
import { CaseConsentsResolver, ConsentsResolver, LegalBasesResolver } from './consents.resolver.js';

/** Consents, legal bases and do-not-contact. */
@Module({ providers: [ConsentsResolver, CaseConsentsResolver, LegalBasesResolver] })
export class ConsentsModule {}

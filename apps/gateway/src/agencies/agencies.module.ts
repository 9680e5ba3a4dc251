import { Module } from '@nestjs/common';
import { AgenciesResolver, ServicesResolver } from './agencies.resolver.js';

/** The partner agencies of a Kreis and their services. */
@Module({ providers: [AgenciesResolver, ServicesResolver] })
export class AgenciesModule {}

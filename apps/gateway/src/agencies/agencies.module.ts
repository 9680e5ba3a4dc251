import { Module } from '@nestjs/common';
import { AgenciesResolver, ServicesResolver } from './agencies.resolver.js';
import { DeliveryLogResolver } from './delivery-log.resolver.js';

/** The partner agencies of a Kreis and their services. */
@Module({ providers: [AgenciesResolver, ServicesResolver, DeliveryLogResolver] })
export class AgenciesModule {}

import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module.js';
import { InboundController } from './inbound.controller.js';
import { InboundRefusals } from './inbound-refusals.js';

/** Status messages from agencies' webhooks, with the refusals counted and rate-limited. */
@Module({ imports: [MetricsModule], controllers: [InboundController], providers: [InboundRefusals] })
export class InboundModule {}

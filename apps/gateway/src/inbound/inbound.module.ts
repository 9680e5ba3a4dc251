import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { AgencySenders } from './agency-senders.js';
import { InboundController } from './inbound.controller.js';
import { InboundRefusals } from './inbound-refusals.js';

/** Status messages from agencies' webhooks, with the refusals counted and rate-limited. */
@Module({
  imports: [AuthModule, MetricsModule],
  controllers: [InboundController],
  providers: [InboundRefusals, AgencySenders],
})
export class InboundModule {}

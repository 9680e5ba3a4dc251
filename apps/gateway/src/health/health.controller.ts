import { Controller, Get, UseFilters } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { RestExceptionFilter } from '../common/rest-exception.filter.js';
import { HubHealthIndicators } from './hub-health.indicators.js';

/**
 * Liveness and readiness for orchestrators and monitoring. Open without a credential; the
 * answers hold states and counts, never case data. A failed check answers 503 and names why.
 */
@Controller('health')
@UseFilters(RestExceptionFilter)
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly hub: HubHealthIndicators,
  ) {}

  /** The process is up and serves HTTP. Restart it when this fails. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** Everything a referral needs to travel: database, queue backend, a worker, a moving queue. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.hub.database(),
      () => this.hub.queueBackend(),
      () => this.hub.workers(),
      () => this.hub.queueMoving(),
    ]);
  }
}

import { Injectable, Logger, Module, type LoggerService } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller.js';
import { HubHealthIndicators } from './hub-health.indicators.js';

/**
 * A failing probe is an expected answer, not a fault of the gateway: it is reported as a
 * warning, through the application's logger.
 */
@Injectable()
class HealthLogger implements LoggerService {
  private readonly logger = new Logger('HealthCheck');
  log(message: unknown): void {
    this.logger.log(message);
  }
  error(message: unknown): void {
    this.logger.warn(message);
  }
  warn(message: unknown): void {
    this.logger.warn(message);
  }
}

/** GET /health/live and GET /health/ready (NestJS Terminus). */
@Module({
  imports: [TerminusModule.forRoot({ logger: HealthLogger, errorLogStyle: 'json' })],
  controllers: [HealthController],
  providers: [HubHealthIndicators],
})
export class HealthModule {}

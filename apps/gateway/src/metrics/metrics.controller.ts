import { Controller, Get, Headers, HttpException, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { metricsAccessAllowed, type HubConfig } from '@kim/config';
import { HUB_CONFIG } from '../common/tokens.js';
import { HubMetrics } from './hub-metrics.js';

/** Prometheus text format. Protected by METRICS_TOKEN when that is set. */
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: HubMetrics,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  @Get('metrics')
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() res: Response): Promise<void> {
    if (!metricsAccessAllowed(this.config, authorization)) {
      throw new HttpException({ error: 'UNAUTHENTICATED', message: 'send Authorization: Bearer <METRICS_TOKEN>' }, 401);
    }
    const body = await this.metrics.registry.metrics();
    res.setHeader('content-type', this.metrics.registry.contentType);
    res.send(body);
  }
}

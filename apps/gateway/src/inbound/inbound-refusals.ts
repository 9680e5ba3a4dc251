import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { HubConfig } from '@kim/config';
import { HUB_CONFIG } from '../common/tokens.js';
import { HubMetrics } from '../metrics/hub-metrics.js';
import { PINO_LOGGER } from '../logging/logger.js';

/** Why a status webhook was refused before it was read: a bounded label for the metrics. */
export type RefusalReason = 'unknown-agency' | 'missing-header' | 'timestamp' | 'signature';

/** The library's and our own messages, as a label that cannot grow. */
export function refusalReason(message: string): Exclude<RefusalReason, 'unknown-agency'> {
  if (message.startsWith('missing header')) return 'missing-header';
  if (/timestamp/i.test(message)) return 'timestamp';
  return 'signature';
}

/**
 * Refused status webhooks. Anyone can post to the webhook URL, so a refusal must cost the hub
 * nothing lasting: it is counted (kim_inbound_refused_total), never written to the audit
 * ledger, and each source address may cause at most INBOUND_REFUSALS_PER_MINUTE of them; after
 * that the source is answered 429 before any lookup until the minute is over. Requests that
 * pass are never counted, so an agency is only held back after its own refusals (or those of
 * everyone behind the same address: set TRUST_PROXY behind a load balancer).
 *
 * The budget lives in this process's memory: each gateway bounds its own work with no extra
 * round trip on the refusal path (a Redis store would make every forged request cost a Redis
 * command); with n gateways a source gets at most n budgets.
 */
@Injectable()
export class InboundRefusals {
  private readonly limiter: RateLimiterMemory;

  constructor(
    @Inject(HUB_CONFIG) config: HubConfig,
    private readonly metrics: HubMetrics,
    @Inject(PINO_LOGGER) private readonly log: Logger,
  ) {
    this.limiter = new RateLimiterMemory({ points: config.INBOUND_REFUSALS_PER_MINUTE, duration: 60 });
  }

  /** Seconds until the source may be heard again; 0 while it has budget left. */
  async blockedFor(source: string): Promise<number> {
    const state = await this.limiter.get(source);
    if (!state || state.remainingPoints > 0) return 0;
    this.metrics.inboundRefused.inc({ reason: 'rate-limited' });
    return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  }

  /** Count one refusal against the source; logged while it is within its budget. */
  async refused(source: string, reason: RefusalReason, detail: Record<string, unknown>): Promise<void> {
    this.metrics.inboundRefused.inc({ reason });
    try {
      await this.limiter.consume(source);
      this.log.warn({ ...detail, reason }, 'status message refused before reading');
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      // The refusal that used up the budget: said once, then the source hears 429.
      if (e.consumedPoints === this.limiter.points + 1)
        this.log.warn({ ...detail, reason }, 'status messages from this source refused for a minute');
    }
  }
}

import { Injectable, Inject } from '@nestjs/common';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import { agencyLabels } from '@kim/core';
import { DATA_SOURCE } from '../tokens.js';

export const WORKER_METRICS_REGISTRY = Symbol('WORKER_METRICS_REGISTRY');

/** One registry per application (tests run several workers in one process). */
export function createWorkerRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** Why a delivery job sent nothing, as a bounded label. */
export function skipKind(reason: string): string {
  if (reason.startsWith('suppressed')) return 'suppressed';
  if (reason.startsWith('already')) return 'already-handled';
  if (reason.includes('files')) return 'file-channel';
  return 'gone';
}

/** Who a delivery went to, as metrics name it: the tenant's slug and the agency's name, never ids. */
export interface AgencyLabels {
  tenant: string;
  agency: string;
}

const LABELS_TTL_MS = 10 * 60_000;
const UNKNOWN: AgencyLabels = { tenant: 'unknown', agency: 'unknown' };

/**
 * Delivery metrics, measured where deliveries happen. Each worker replica reports its own
 * deliveries: aggregate with sum. Series carry names, not ids (ids address the webhook
 * endpoints and the API; they stay out of what monitoring copies around).
 */
@Injectable()
export class DeliveryMetrics {
  private readonly attemptDuration: Histogram<'tenant' | 'agency' | 'outcome'>;
  private readonly latency: Histogram<'tenant' | 'agency'>;
  private readonly failures: Counter<'tenant' | 'agency' | 'final'>;
  private readonly skipped: Counter<'reason'>;
  private readonly relayed: Counter;
  private readonly reconciled: Counter;

  private readonly labels = new Map<string, { value: AgencyLabels; at: number }>();

  constructor(
    @Inject(WORKER_METRICS_REGISTRY) readonly registry: Registry,
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
  ) {
    const registers = [registry];
    this.attemptDuration = new Histogram({
      name: 'kim_delivery_attempt_duration_seconds',
      help: 'One webhook POST to an agency, until its answer (outcome acknowledged or failed)',
      labelNames: ['tenant', 'agency', 'outcome'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.latency = new Histogram({
      name: 'kim_delivery_latency_seconds',
      help: "From a message's job entering the queue to the agency's acknowledgement, retries and backoff included",
      labelNames: ['tenant', 'agency'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
      registers,
    });
    this.failures = new Counter({
      name: 'kim_delivery_failures_total',
      help: 'Failed delivery attempts per agency; final="true" when the message went dead with it',
      labelNames: ['tenant', 'agency', 'final'],
      registers,
    });
    this.skipped = new Counter({
      name: 'kim_delivery_skipped_total',
      help: 'Delivery jobs that sent nothing: suppressed (consent gone at send time), already-handled, file-channel, gone',
      labelNames: ['reason'],
      registers,
    });
    this.relayed = new Counter({
      name: 'kim_outbox_relayed_total',
      help: "Outbox messages the relay sweep put on the queue, not the gateway's fast path (lost, or not yet marked enqueued)",
      registers,
    });
    this.reconciled = new Counter({
      name: 'kim_outbox_reconciled_total',
      help: 'Outbox messages the reconciliation put on the queue again because the queue had lost them (or failed them unrecorded)',
      registers,
    });
  }

  /**
   * The labels of an agency, read once and kept for a while (names rarely change). Runs in the
   * delivery job's tenant context; a failed read gives "unknown" rather than a failed delivery.
   */
  async labelsOf(tenantId: string, agencyId: string): Promise<AgencyLabels> {
    const key = `${tenantId}|${agencyId}`;
    const known = this.labels.get(key);
    if (known && Date.now() - known.at < LABELS_TTL_MS) return known.value;
    try {
      const row = await agencyLabels(this.ds, tenantId, agencyId);
      const value = row ?? UNKNOWN;
      this.labels.set(key, { value, at: Date.now() });
      return value;
    } catch {
      return UNKNOWN;
    }
  }

  attempt(to: AgencyLabels, outcome: 'acknowledged' | 'failed', seconds: number): void {
    this.attemptDuration.observe({ ...to, outcome }, seconds);
  }

  acknowledged(to: AgencyLabels, latencySeconds: number): void {
    this.latency.observe({ ...to }, Math.max(0, latencySeconds));
  }

  failed(to: AgencyLabels, final: boolean): void {
    this.failures.inc({ ...to, final: String(final) });
  }

  skip(reason: string): void {
    this.skipped.inc({ reason: skipKind(reason) });
  }

  relayedMessages(n: number): void {
    this.relayed.inc(n);
  }

  reconciledMessages(n: number): void {
    if (n > 0) this.reconciled.inc(n);
  }
}

import { Injectable, Inject } from '@nestjs/common';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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

/**
 * Delivery metrics, measured where deliveries happen. Each worker replica reports its own
 * deliveries: aggregate with sum.
 */
@Injectable()
export class DeliveryMetrics {
  private readonly attemptDuration: Histogram<'agency_id' | 'outcome'>;
  private readonly latency: Histogram<'agency_id'>;
  private readonly failures: Counter<'agency_id' | 'final'>;
  private readonly skipped: Counter<'reason'>;
  private readonly relayed: Counter;
  private readonly reconciled: Counter;

  constructor(@Inject(WORKER_METRICS_REGISTRY) readonly registry: Registry) {
    const registers = [registry];
    this.attemptDuration = new Histogram({
      name: 'kim_delivery_attempt_duration_seconds',
      help: 'One webhook POST to an agency, until its answer (outcome acknowledged or failed)',
      labelNames: ['agency_id', 'outcome'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.latency = new Histogram({
      name: 'kim_delivery_latency_seconds',
      help: "From a message's job entering the queue to the agency's acknowledgement, retries and backoff included",
      labelNames: ['agency_id'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
      registers,
    });
    this.failures = new Counter({
      name: 'kim_delivery_failures_total',
      help: 'Failed delivery attempts per agency; final="true" when the message went dead with it',
      labelNames: ['agency_id', 'final'],
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

  attempt(agencyId: string, outcome: 'acknowledged' | 'failed', seconds: number): void {
    this.attemptDuration.observe({ agency_id: agencyId, outcome }, seconds);
  }

  acknowledged(agencyId: string, latencySeconds: number): void {
    this.latency.observe({ agency_id: agencyId }, Math.max(0, latencySeconds));
  }

  failed(agencyId: string, final: boolean): void {
    this.failures.inc({ agency_id: agencyId, final: String(final) });
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

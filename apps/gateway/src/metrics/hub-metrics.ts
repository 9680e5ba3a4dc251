import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import { QueueName } from '@kim/contracts';
import type { HubConfig } from '@kim/config';
import { BoardQueries, hubDbSnapshot, type HubDbSnapshot } from '@kim/core';
import { DATA_SOURCE, HUB_CONFIG, OUTBOX_QUEUE } from '../common/tokens.js';

export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

/** One registry per application (tests run several gateways in one process). */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

type DbSnapshot = HubDbSnapshot;

const DB_SNAPSHOT_TTL_MS = 5000;
const QUEUE_TTL_MS = 1000;
const SOURCE_TIMEOUT_MS = 2000;
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized'] as const;

/** Client-chosen operation names are bounded, so a caller cannot blow up the series count. */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** A value read at most once per ttl; a failed read yields null and is retried on the next call. */
class Memo<T> {
  private current?: { at: number; value: Promise<T | null> };
  constructor(
    private readonly ttlMs: number,
    private readonly read: () => Promise<T>,
  ) {}

  get(): Promise<T | null> {
    const now = Date.now();
    if (!this.current || now - this.current.at > this.ttlMs) {
      const value = this.read().catch(() => {
        this.current = undefined;
        return null;
      });
      this.current = { at: now, value };
    }
    return this.current.value;
  }
}

/**
 * The gateway's Prometheus metrics. Queue depths come from the queue; outbox states and consent
 * denials come from the database (the system of record, so every gateway
 * replica reports the same values: aggregate them with max, not sum). GraphQL latency is
 * measured in this process.
 */
@Injectable()
export class HubMetrics {
  readonly graphqlDuration: Histogram<'operation' | 'type' | 'outcome'>;
  /** Status webhooks refused before they were read (forged, unsigned, stale, unknown agency, rate-limited). */
  readonly inboundRefused: Counter<'reason'>;
  /** Bearer credentials refused at sign-in (unknown, revoked or expired; or rate-limited before the lookup). */
  readonly signInFailed: Counter<'reason'>;
  readonly oidcSignIns: Counter<'outcome'>;
  private readonly operationNames = new Set<string>();
  /** All series of one scrape share one read of each source. */
  private readonly queueCounts = new Memo(QUEUE_TTL_MS, () =>
    withTimeout(this.queue.getJobCounts(...QUEUE_STATES), SOURCE_TIMEOUT_MS, 'queue'),
  );
  private readonly snapshot = new Memo(DB_SNAPSHOT_TTL_MS, () =>
    withTimeout(this.readDatabase(), SOURCE_TIMEOUT_MS, 'database'),
  );
  /** The board's read replica's lag, asked of the board's read side (so of the replica itself). */
  private readonly replicaLag = new Memo(QUEUE_TTL_MS, () =>
    withTimeout(
      this.board.sourceLag().then((seconds) => ({ seconds })),
      SOURCE_TIMEOUT_MS,
      'board replica',
    ),
  );

  constructor(
    @Inject(METRICS_REGISTRY) readonly registry: Registry,
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(OUTBOX_QUEUE) private readonly queue: Queue,
    @Inject(HUB_CONFIG) config: HubConfig,
    private readonly board: BoardQueries,
  ) {
    const registers = [registry];
    const queueCounts = this.queueCounts;
    const snapshot = this.snapshot;
    const replicaLag = config.REPLICA_DATABASE_URL ? this.replicaLag : null;
    // The replica's host and port only (no credentials): which one, where there are several gateways.
    const replica = config.REPLICA_DATABASE_URL ? new URL(config.REPLICA_DATABASE_URL).host : '';
    new Gauge({
      name: 'kim_metrics_source_up',
      help: 'Whether a source of these metrics answered during the scrape (1) or not (0)',
      labelNames: ['source'],
      registers,
      async collect() {
        const [queue, database] = await Promise.all([queueCounts.get(), snapshot.get()]);
        this.set({ source: 'queue' }, queue ? 1 : 0);
        this.set({ source: 'database' }, database ? 1 : 0);
        if (replicaLag) this.set({ source: 'board-replica' }, (await replicaLag.get()) ? 1 : 0);
      },
    });
    new Gauge({
      name: 'kim_board_replica_lag_seconds',
      help: 'Seconds the read replica of the board and reports (REPLICA_DATABASE_URL, its host:port) is behind the primary: 0 when it has replayed all it received; absent without a replica or while it does not answer',
      labelNames: ['replica'],
      registers,
      async collect() {
        this.reset();
        const lag = replicaLag ? await replicaLag.get() : null;
        if (lag && lag.seconds !== null) this.set({ replica }, lag.seconds);
      },
    });
    new Gauge({
      name: 'kim_queue_jobs',
      help: 'Jobs on a queue by state',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        this.reset();
        const counts = await queueCounts.get();
        if (counts) for (const state of QUEUE_STATES) this.set({ queue: QueueName.OUTBOX, state }, counts[state] ?? 0);
      },
    });

    new Gauge({
      name: 'kim_outbox_messages',
      help: 'Outbound messages by delivery state (queued, acknowledged, suppressed, dead), per tenant (slug) and agency (name)',
      labelNames: ['tenant', 'agency', 'state'],
      registers,
      async collect() {
        this.reset();
        for (const r of (await snapshot.get())?.outbox ?? [])
          this.set({ tenant: r.tenant, agency: r.agency, state: r.state }, r.n);
      },
    });
    new Gauge({
      name: 'kim_outbox_oldest_queued_age_seconds',
      help: 'Age of the oldest outbound message still queued (not yet acknowledged, suppressed or dead), per tenant (slug)',
      labelNames: ['tenant'],
      registers,
      async collect() {
        this.reset();
        for (const r of (await snapshot.get())?.oldestQueued ?? []) this.set({ tenant: r.tenant }, r.age);
      },
    });
    // A counter: audit_events is append-only, so the count never goes down.
    new Counter({
      name: 'kim_consent_denials_total',
      help: 'Refused decisions in the audit trail (allowed = false), by tenant (slug) and action: e.g. referral.send without consent, referral.disclose suppressed at send time',
      labelNames: ['tenant', 'action'],
      registers,
      async collect() {
        this.reset();
        for (const r of (await snapshot.get())?.denials ?? []) this.inc({ tenant: r.tenant, action: r.action }, r.n);
      },
    });

    this.inboundRefused = new Counter({
      name: 'kim_inbound_refused_total',
      help: 'Status webhooks refused before they were read, by reason: unknown-agency, missing-header, timestamp, signature, rate-limited (in this gateway; aggregate with sum)',
      labelNames: ['reason'],
      registers,
    });
    this.signInFailed = new Counter({
      name: 'kim_sign_in_failed_total',
      help: 'Bearer credentials refused at sign-in, by reason: unknown (no valid credential has it), rate-limited (refused before the lookup)',
      labelNames: ['reason'],
      registers,
    });
    this.oidcSignIns = new Counter({
      name: 'kim_oidc_sign_in_total',
      help: 'Single sign-ons of staff at the callback, by outcome: succeeded, flow (no or expired sign-in under way), provider (response refused: state, nonce, PKCE, token), unknown, deactivated, not-provisioned, rate-limited, unavailable (provider unreachable)',
      labelNames: ['outcome'],
      registers,
    });
    this.graphqlDuration = new Histogram({
      name: 'kim_graphql_operation_duration_seconds',
      help: 'GraphQL operations from request to response, by operation name, type and outcome',
      labelNames: ['operation', 'type', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
  }

  /** The label for a client-chosen operation name. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return '(anonymous)';
    if (!OPERATION_NAME.test(name)) return '(invalid)';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return '(other)';
    this.operationNames.add(name);
    return name;
  }

  private readDatabase(): Promise<DbSnapshot> {
    // The snapshot TTL bounds the scan of audit_events to one per DB_SNAPSHOT_TTL_MS per gateway.
    return hubDbSnapshot(this.ds);
  }
}

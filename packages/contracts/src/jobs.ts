import { z } from 'zod';
import { uuidSchema } from './domain.js';

/**
 * One registry of queues and jobs, shared by gateway and worker. Payloads carry ids,
 * the tenant and a trace id, never personal data: the handler re-reads state.
 */
export const QueueName = {
  OUTBOX: 'outbox',
  MAINTENANCE: 'maintenance',
  HANDOFF: 'handoff',
  /** Identity linkage of persons opened at intake, after their case has committed. */
  LINKAGE: 'linkage',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

const jobBase = z.object({ tenantId: uuidSchema, traceId: z.string().min(1).max(64) });

export const jobPayloadSchemas = {
  DeliverOutboxMessageJob: jobBase.extend({ outboxId: uuidSchema }),
  RelayOutboxJob: z.object({ traceId: z.string().min(1).max(64) }),
  ReconcileOutboxJob: z.object({ traceId: z.string().min(1).max(64) }),
  ConsentExpirySweepJob: z.object({ traceId: z.string().min(1).max(64) }),
  RetentionSweepJob: z.object({ traceId: z.string().min(1).max(64) }),
  DeadlineWatchJob: z.object({ traceId: z.string().min(1).max(64) }),
  /** The nightly run: one AgencyHandoffJob per file-channel agency of every tenant. */
  NightlyHandoffJob: z.object({ traceId: z.string().min(1).max(64) }),
  /** Export the agency's messages to files, then import its status files. */
  AgencyHandoffJob: jobBase.extend({
    agencyId: uuidSchema,
    export: z.boolean().default(true),
    import: z.boolean().default(true),
  }),
  BoardRefreshJob: z.object({ traceId: z.string().min(1).max(64) }),
  /** Identity linkage over every tenant, tenant by tenant: auto-merges and review items. */
  LinkageSweepJob: z.object({ traceId: z.string().min(1).max(64) }),
  /**
   * Compare the person of one intake (a committed person_match_requests row) with the tenant's
   * persons: merge, queue for review, or nothing. Runs after the case was opened, never in it.
   */
  MatchPersonJob: jobBase.extend({ requestId: uuidSchema }),
  /** Put match requests on the queue that never reached it, or that the queue lost. */
  RelayMatchRequestsJob: z.object({ traceId: z.string().min(1).max(64) }),
} as const;

export type JobName = keyof typeof jobPayloadSchemas;
export type JobPayload<N extends JobName> = z.infer<(typeof jobPayloadSchemas)[N]>;
export type AnyJob = { [N in JobName]: { name: N; data: JobPayload<N> } }[JobName];

/**
 * The worker's scheduled outbox sweep (a BullMQ job scheduler on the outbox queue). Its next
 * run time only moves on while a worker takes jobs, so readiness reads it as a heartbeat.
 */
export const OUTBOX_RELAY_SCHEDULER_ID = 'outbox-relay';

/**
 * The worker's outbox reconciliation: re-enqueues messages that were on the queue but are
 * neither delivered nor dead after a grace period (the queue lost them, e.g. Redis restarted
 * without persistence).
 */
export const OUTBOX_RECONCILE_SCHEDULER_ID = 'outbox-reconcile';
/** The worker's sweep for match requests that are not on the linkage queue (a BullMQ job scheduler). */
export const LINKAGE_RELAY_SCHEDULER_ID = 'linkage-relay';
/** The nightly file handoff's job scheduler (a BullMQ job scheduler on the handoff queue). */
export const HANDOFF_SCHEDULER_ID = 'nightly-handoff';

/** Which queue each job runs on. */
export const jobQueue = {
  DeliverOutboxMessageJob: QueueName.OUTBOX,
  RelayOutboxJob: QueueName.OUTBOX,
  ReconcileOutboxJob: QueueName.OUTBOX,
  ConsentExpirySweepJob: QueueName.MAINTENANCE,
  RetentionSweepJob: QueueName.MAINTENANCE,
  DeadlineWatchJob: QueueName.MAINTENANCE,
  NightlyHandoffJob: QueueName.HANDOFF,
  AgencyHandoffJob: QueueName.HANDOFF,
  BoardRefreshJob: QueueName.MAINTENANCE,
  LinkageSweepJob: QueueName.MAINTENANCE,
  MatchPersonJob: QueueName.LINKAGE,
  RelayMatchRequestsJob: QueueName.LINKAGE,
} as const satisfies Record<JobName, QueueName>;

/** The jobs that run on one queue. */
export type JobsOf<Q extends QueueName> = { [N in JobName]: (typeof jobQueue)[N] extends Q ? N : never }[JobName];

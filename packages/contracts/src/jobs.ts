import { z } from 'zod';
import { uuidSchema } from './domain.js';

/**
 * One registry of queues and jobs, shared by gateway and worker. Payloads carry ids,
 * the tenant and a trace id, never personal data: the handler re-reads state.
 */
export const QueueName = {
  OUTBOX: 'outbox',
  MAINTENANCE: 'maintenance',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

const jobBase = z.object({ tenantId: uuidSchema, traceId: z.string().min(1).max(64) });

export const jobPayloadSchemas = {
  DeliverOutboxMessageJob: jobBase.extend({ outboxId: uuidSchema }),
  RelayOutboxJob: z.object({ traceId: z.string().min(1).max(64) }),
  ConsentExpirySweepJob: z.object({ traceId: z.string().min(1).max(64) }),
  RetentionSweepJob: z.object({ traceId: z.string().min(1).max(64) }),
  DeadlineWatchJob: z.object({ traceId: z.string().min(1).max(64) }),
  BoardRefreshJob: z.object({ traceId: z.string().min(1).max(64) }),
} as const;

export type JobName = keyof typeof jobPayloadSchemas;
export type JobPayload<N extends JobName> = z.infer<(typeof jobPayloadSchemas)[N]>;
export type AnyJob = { [N in JobName]: { name: N; data: JobPayload<N> } }[JobName];

/**
 * The worker's scheduled outbox sweep (a BullMQ job scheduler on the outbox queue). Its next
 * run time only moves on while a worker takes jobs, so readiness reads it as a heartbeat.
 */
export const OUTBOX_RELAY_SCHEDULER_ID = 'outbox-relay';

/** Which queue each job runs on. */
export const jobQueue = {
  DeliverOutboxMessageJob: QueueName.OUTBOX,
  RelayOutboxJob: QueueName.OUTBOX,
  ConsentExpirySweepJob: QueueName.MAINTENANCE,
  RetentionSweepJob: QueueName.MAINTENANCE,
  DeadlineWatchJob: QueueName.MAINTENANCE,
  BoardRefreshJob: QueueName.MAINTENANCE,
} as const satisfies Record<JobName, QueueName>;

/** The jobs that run on one queue. */
export type JobsOf<Q extends QueueName> = { [N in JobName]: (typeof jobQueue)[N] extends Q ? N : never }[JobName];

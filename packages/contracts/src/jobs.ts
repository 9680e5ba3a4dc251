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
  /**
   * Moving a case to another Kreis (issue 19): close the sending cases of accepted offers that are
   * still open (the gateway closes them right after accepting; this catches one it could not).
   */
  TransferCloseSweepJob: z.object({ traceId: z.string().min(1).max(64) }),
  /** Chain the ledger entries no gateway sealed (issue 20: the ledger is sealed after the write). */
  AuditSealSweepJob: z.object({ traceId: z.string().min(1).max(64) }),
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
  NightlyHandoffJob: QueueName.HANDOFF,
  AgencyHandoffJob: QueueName.HANDOFF,
  BoardRefreshJob: QueueName.MAINTENANCE,
  LinkageSweepJob: QueueName.MAINTENANCE,
  MatchPersonJob: QueueName.LINKAGE,
  RelayMatchRequestsJob: QueueName.LINKAGE,
  TransferCloseSweepJob: QueueName.MAINTENANCE,
  AuditSealSweepJob: QueueName.MAINTENANCE,
} as const satisfies Record<JobName, QueueName>;

/** The jobs that run on one queue. */
export type JobsOf<Q extends QueueName> = { [N in JobName]: (typeof jobQueue)[N] extends Q ? N : never }[JobName];

/** A setting of the hub's configuration (@kim/config) that a schedule takes its timing from. */
export type ScheduleSetting =
  | 'OUTBOX_SWEEP_MS'
  | 'OUTBOX_RECONCILE_MS'
  | 'LINKAGE_RELAY_MS'
  | 'BOARD_REFRESH_EVERY_MS'
  | 'MAINTENANCE_CRON'
  | 'HANDOFF_CRON'
  | 'AUDIT_SEAL_EVERY_MS';

/**
 * A recurring job: a BullMQ job scheduler, upserted by the worker on every start (and again
 * when the queue lost it), so there is one schedule whatever the number of workers. Timing
 * comes from a setting: `everyMs` an interval, `cron` a pattern in Berlin local time (the run
 * stays at the same local hour across daylight-saving changes).
 */
export interface JobSchedule<N extends JobName = JobName> {
  /** The scheduler's id: stable, so an upsert replaces and never duplicates. */
  id: string;
  job: N;
  timing: { everyMs: ScheduleSetting } | { cron: ScheduleSetting };
  /** How many finished jobs the queue keeps (true: none). */
  keep: { completed: true | number; failed: number };
}

const keepFew = { completed: 30, failed: 100 } as const;

/**
 * Every recurring job of the hub, in one place; the worker's queue host registers each on its
 * job's queue. Each run's payload is `{ traceId: id }`, so its log lines name the schedule.
 */
export const jobSchedules = [
  // The outbox sweep; readiness reads its next run time as the workers' heartbeat.
  {
    id: OUTBOX_RELAY_SCHEDULER_ID,
    job: 'RelayOutboxJob',
    timing: { everyMs: 'OUTBOX_SWEEP_MS' },
    keep: { completed: true, failed: 100 },
  },
  {
    id: OUTBOX_RECONCILE_SCHEDULER_ID,
    job: 'ReconcileOutboxJob',
    timing: { everyMs: 'OUTBOX_RECONCILE_MS' },
    keep: { completed: true, failed: 100 },
  },
  // Match requests that never reached the linkage queue, or that it lost.
  {
    id: LINKAGE_RELAY_SCHEDULER_ID,
    job: 'RelayMatchRequestsJob',
    timing: { everyMs: 'LINKAGE_RELAY_MS' },
    keep: { completed: true, failed: 100 },
  },
  { id: 'consent-expiry-sweep', job: 'ConsentExpirySweepJob', timing: { cron: 'MAINTENANCE_CRON' }, keep: keepFew },
  { id: 'retention-sweep', job: 'RetentionSweepJob', timing: { cron: 'MAINTENANCE_CRON' }, keep: keepFew },
  // Identity linkage over whole tenants: catches pairs a case opening could not (both known before).
  { id: 'linkage-sweep', job: 'LinkageSweepJob', timing: { cron: 'MAINTENANCE_CRON' }, keep: keepFew },
  // The board's aggregates: refreshed every few minutes; the board shows their asOf.
  { id: 'board-refresh', job: 'BoardRefreshJob', timing: { everyMs: 'BOARD_REFRESH_EVERY_MS' }, keep: keepFew },
  { id: HANDOFF_SCHEDULER_ID, job: 'NightlyHandoffJob', timing: { cron: 'HANDOFF_CRON' }, keep: keepFew },
  // Sending cases of accepted transfers still open (issue 19): the safety net of the gateway's close.
  { id: 'transfer-close-sweep', job: 'TransferCloseSweepJob', timing: { cron: 'MAINTENANCE_CRON' }, keep: keepFew },
  // The ledger's sealer of last resort: entries a gateway wrote but did not chain (it stopped, or
  // they were written inside a command's transaction); verification flags any left for long.
  {
    id: 'audit-seal-sweep',
    job: 'AuditSealSweepJob',
    timing: { everyMs: 'AUDIT_SEAL_EVERY_MS' },
    keep: { completed: true, failed: 100 },
  },
] as const satisfies readonly JobSchedule[];

/**
 * Schedules the hub no longer has, by queue: the worker removes them on start, so a hub
 * upgraded in place does not keep running a job that no longer exists. The deadline watch went
 * when overdue came to be computed when read from the deadline (nothing is sent when a
 * referral becomes overdue).
 */
export const retiredSchedules: Readonly<Partial<Record<QueueName, readonly string[]>>> = {
  [QueueName.MAINTENANCE]: ['deadline-watch'],
};

/** The schedules of one queue's jobs, in registry order. */
export function schedulesOf(queue: QueueName): JobSchedule[] {
  return jobSchedules.filter((s) => jobQueue[s.job] === queue);
}

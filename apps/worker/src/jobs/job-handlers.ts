import type { Job } from 'bullmq';
import {
  jobPayloadSchemas,
  jobQueue,
  type JobName,
  type JobPayload,
  type JobsOf,
  type QueueName,
} from '@kim/contracts';
import { runAsTenant } from '@kim/persistence';

/** Exactly one handler per job of a queue; each receives its own payload type. */
export type JobHandlers<Q extends QueueName> = { [N in JobsOf<Q>]: (data: JobPayload<N>, job: Job) => Promise<void> };

/** Refuse to start when a queue's jobs in the registry and its handlers disagree. */
export function checkHandlers<Q extends QueueName>(
  queue: Q,
  handlers: Partial<JobHandlers<Q>>,
): asserts handlers is JobHandlers<Q> {
  const registered = (Object.keys(jobPayloadSchemas) as JobName[]).filter((n) => jobQueue[n] === queue).sort();
  const handled = Object.keys(handlers).sort();
  const missing = registered.filter((n) => !handled.includes(n));
  const unknown = handled.filter((n) => !(registered as string[]).includes(n));
  if (missing.length || unknown.length) {
    throw new Error(
      `job handlers of queue ${queue} do not match the registry: missing ${missing.join(', ') || 'none'}; unknown ${unknown.join(', ') || 'none'}`,
    );
  }
}

/**
 * Validate the payload against the registry before the handler sees it. A job about one
 * tenant runs inside that tenant's database fence (row-level security); jobs that span
 * tenants go through them one by one themselves (forEachTenant).
 */
export async function dispatch<Q extends QueueName>(handlers: JobHandlers<Q>, job: Job): Promise<void> {
  const name = job.name as JobName;
  const handler = (handlers as Record<string, ((d: unknown, j: Job) => Promise<void>) | undefined>)[name];
  const schema = jobPayloadSchemas[name];
  if (!handler || !schema) throw new Error(`no handler for job ${job.name}`);
  const data = schema.parse(job.data);
  const tenantId = (data as { tenantId?: unknown }).tenantId;
  if (typeof tenantId === 'string') await runAsTenant(tenantId, () => handler(data, job));
  else await handler(data, job);
}

import type { Job } from 'bullmq';
import { jobPayloadSchemas, type JobName, type JobPayload } from '@kim/contracts';

/** Exactly one handler per job in the registry; each receives its own payload type. */
export type JobHandlers = { [N in JobName]: (data: JobPayload<N>, job: Job) => Promise<void> };

/** Refuse to start when the registry and the handlers disagree. */
export function checkHandlers(handlers: Partial<JobHandlers>): asserts handlers is JobHandlers {
  const registered = Object.keys(jobPayloadSchemas).sort();
  const handled = Object.keys(handlers).sort();
  const missing = registered.filter((n) => !handled.includes(n));
  const unknown = handled.filter((n) => !registered.includes(n));
  if (missing.length || unknown.length) {
    throw new Error(`job handlers do not match the registry: missing ${missing.join(', ') || 'none'}; unknown ${unknown.join(', ') || 'none'}`);
  }
}

/** Validate the payload against the registry before the handler sees it. */
export async function dispatch(handlers: JobHandlers, job: Job): Promise<void> {
  const name = job.name as JobName;
  const schema = jobPayloadSchemas[name];
  if (!schema) throw new Error(`no handler for job ${job.name}`);
  const data = schema.parse(job.data);
  await (handlers[name] as (d: unknown, j: Job) => Promise<void>)(data, job);
}

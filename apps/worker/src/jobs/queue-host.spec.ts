import type { Logger } from 'pino';
import type { HubConfig } from '@kim/config';
import { QueueHost, type QueueProcessor } from './queue-host.js';

const noop = () => Promise.resolve();
const log = { info: noop, warn: noop, error: noop } as unknown as Logger;

const outbox = (): QueueProcessor<'outbox'> => ({
  queue: 'outbox',
  handlers: { DeliverOutboxMessageJob: noop, RelayOutboxJob: noop, ReconcileOutboxJob: noop },
  worker: { concurrency: 1 },
  stuckAfterMs: 60_000,
});

describe('the queue host', () => {
  it('refuses a processor whose handlers do not match the registry, and a second one for a queue', () => {
    const host = new QueueHost({} as HubConfig, log);
    const partial = { ...outbox(), handlers: { DeliverOutboxMessageJob: noop } } as unknown as QueueProcessor<'outbox'>;
    expect(() => host.register(partial)).toThrow(/missing ReconcileOutboxJob, RelayOutboxJob/);
    host.register(outbox());
    expect(() => host.register(outbox())).toThrow(/more than one processor for queue outbox/);
  });

  it('hands out a queue only once it runs', () => {
    const host = new QueueHost({} as HubConfig, log);
    host.register(outbox());
    expect(() => host.queue('outbox')).toThrow(/queue outbox is not running/);
  });
});

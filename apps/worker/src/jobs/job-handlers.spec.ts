import type { Job } from 'bullmq';
import { checkHandlers, dispatch, type JobHandlers } from './job-handlers.js';

const noop = () => Promise.resolve();

describe('job handlers', () => {
  it('refuse to start when a registered job has no handler, or a handler no job', () => {
    expect(() => checkHandlers('outbox', { DeliverOutboxMessageJob: noop })).toThrow(
      /missing ReconcileOutboxJob, RelayOutboxJob/,
    );
    const outbox = { DeliverOutboxMessageJob: noop, RelayOutboxJob: noop, ReconcileOutboxJob: noop };
    expect(() => checkHandlers('outbox', { ...outbox, Extra: noop } as never)).toThrow(/unknown Extra/);
    expect(() => checkHandlers('outbox', outbox)).not.toThrow();
    expect(() =>
      checkHandlers('maintenance', {
        ConsentExpirySweepJob: noop,
        RetentionSweepJob: noop,
        BoardRefreshJob: noop,
        LinkageSweepJob: noop,
        TransferCloseSweepJob: noop,
        AuditSealSweepJob: noop,
      }),
    ).not.toThrow();
    expect(() => checkHandlers('maintenance', { ConsentExpirySweepJob: noop, RelayOutboxJob: noop } as never)).toThrow(
      /missing AuditSealSweepJob, BoardRefreshJob, LinkageSweepJob, RetentionSweepJob, TransferCloseSweepJob; unknown RelayOutboxJob/,
    );
  });

  it('validate the payload before the handler sees it', async () => {
    const seen: unknown[] = [];
    const handlers: JobHandlers<'outbox'> = {
      DeliverOutboxMessageJob: (d) => Promise.resolve(void seen.push(d)),
      RelayOutboxJob: noop,
      ReconcileOutboxJob: noop,
    };
    const job = (data: unknown) => ({ name: 'DeliverOutboxMessageJob', data }) as Job;
    await expect(dispatch(handlers, job({ tenantId: 'x', outboxId: 'y', traceId: 't' }))).rejects.toThrow(
      /Invalid UUID/,
    );
    expect(seen).toEqual([]);
    const ok = {
      tenantId: '2f1c7a1e-4b7e-4c1e-9d2a-1b2c3d4e5f60',
      outboxId: '3f1c7a1e-4b7e-4c1e-9d2a-1b2c3d4e5f60',
      traceId: 't',
    };
    await dispatch(handlers, job(ok));
    expect(seen).toEqual([ok]);
    await expect(dispatch(handlers, { name: 'Nope', data: {} } as Job)).rejects.toThrow(/no handler for job Nope/);
  });
});

import type { INestApplicationContext } from '@nestjs/common';
import { queueBackendOf } from '@kim/config';
import { createQueue } from '@kim/messaging';
import { audit, verifyAuditChain } from '@kim/core';
import { randomUUID } from 'node:crypto';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { expectEventually } from '@kim/test-support/eventually';
import { createWorkerApp } from '../bootstrap.js';

describe('nightly privacy jobs', () => {
  let hub: TestHub;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    hub = await startTestHub('maintenance_jobs', { persons: 30 });
    worker = await createWorkerApp(hub.config, false);
  });
  afterAll(async () => {
    await worker.close();
    await hub.close();
  });

  it('are scheduled once, at night Berlin time, however often workers start', async () => {
    const queue = createQueue('maintenance', queueBackendOf(hub.config));
    try {
      // A hub upgraded in place still has the retired hourly deadline watch: a start removes it.
      await queue.upsertJobScheduler('deadline-watch', { pattern: '5 * * * *', tz: 'Europe/Berlin' });
      const second = await createWorkerApp(hub.config, false);
      await second.close();
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => [s.key, s.pattern ?? `every ${s.every}`, s.tz]).sort()).toEqual([
        ['audit-seal-sweep', 'every 10000', undefined],
        ['board-refresh', 'every 300000', undefined],
        ['consent-expiry-sweep', '30 2 * * *', 'Europe/Berlin'],
        ['linkage-sweep', '30 2 * * *', 'Europe/Berlin'],
        ['retention-sweep', '30 2 * * *', 'Europe/Berlin'],
        ['transfer-close-sweep', '30 2 * * *', 'Europe/Berlin'],
      ]);
      // Run the sweep now, as an operator would, and see it take effect.
      await hub.db.ds.query(
        `UPDATE consents SET valid_from = '2020-01-01', valid_until = '2021-01-01' WHERE id = (SELECT id FROM consents LIMIT 1)`,
      );
      await queue.add('ConsentExpirySweepJob', { traceId: 'on-demand' });
      await expectEventually(async () => {
        const [row] = await hub.db.ds.query(`SELECT count(*)::int AS n FROM consents WHERE expired_at IS NOT NULL`);
        expect(row.n).toBeGreaterThanOrEqual(1);
      });
    } finally {
      await queue.close();
    }
  });

  it('seals the ledger entries nobody sealed when the sweep runs', async () => {
    // An entry a command wrote in its own transaction: written, not chained.
    const system = { kind: 'system' as const, tenantId: hub.creds.tenantId };
    await hub.db.ds.transaction((m) =>
      audit(m, system, { action: 'case.read', subjectType: 'test', subjectId: randomUUID(), allowed: true }),
    );
    expect((await verifyAuditChain(hub.db.ds, hub.creds.tenantId)).unsealed).toBeGreaterThanOrEqual(1);
    const queue = createQueue('maintenance', queueBackendOf(hub.config));
    try {
      await queue.add('AuditSealSweepJob', { traceId: 'on-demand' });
      await expectEventually(async () => {
        expect(await verifyAuditChain(hub.db.ds, hub.creds.tenantId)).toMatchObject({ ok: true, unsealed: 0 });
      });
    } finally {
      await queue.close();
    }
  });

  it('refreshes the board aggregates when the job runs', async () => {
    const queue = createQueue('maintenance', queueBackendOf(hub.config));
    try {
      const before = await hub.db.ds.query(`SELECT as_of FROM board_as_of`);
      await queue.add('BoardRefreshJob', { traceId: 'on-demand' });
      await expectEventually(async () => {
        const [row] = await hub.db.ds.query(
          `SELECT as_of, (SELECT sum(cases)::int FROM board_case_counts) AS cases FROM board_as_of`,
        );
        expect(row?.as_of).toBeDefined();
        expect(row.as_of.getTime()).toBeGreaterThan(before[0]?.as_of?.getTime() ?? 0);
        expect(row.cases).toBe(30);
      });
    } finally {
      await queue.close();
    }
  });
});

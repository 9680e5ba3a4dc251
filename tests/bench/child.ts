/**
 * One process of a benchmark, started by the harness (lib/env.ts startChild) with the hub's
 * environment: the gateway (or one without the access policy, for consent_overhead), the worker, a raw BullMQ worker doing nothing (the queue
 * baseline) or the raw-pg HTTP handler (the query baseline). Talks to the harness over IPC.
 */
import { loadConfig, queueBackendOf } from '@kim/config';
import { QueueName } from '@kim/contracts';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { ACCESS_READS, DATA_SOURCE, createGateway, gatewayParts } from '@kim/gateway';
import { DELIVERY_RETENTION, createQueue, createWorker } from '@kim/messaging';
import { createWorkerApp } from '@kim/worker';
import { startBaselineServer } from './lib/baseline-http.js';
import { tapStatements } from './lib/statements.js';
import { UnenforcedReads } from './lib/unenforced-reads.js';
import { epochMs, type ChildMessage } from './lib/env.js';

const tell = (msg: ChildMessage) => process.send?.(msg);

async function start(role: string): Promise<() => Promise<void>> {
  const config = loadConfig(process.env);
  switch (role) {
    case 'gateway': {
      const app = await createGateway(config, { runMigrations: false });
      await app.listen(0, '127.0.0.1');
      tell({ type: 'ready', url: (await app.getUrl()).replace('[::1]', '127.0.0.1') });
      return () => app.close();
    }
    case 'gateway-unenforced': {
      // The same gateway with the access policy's reads replaced by ones that allow everything:
      // built here, since no setting of the hub switches consent off.
      const parts = await gatewayParts(config, { runMigrations: false });
      const ref = await Test.createTestingModule({ imports: [parts.module] })
        .overrideProvider(ACCESS_READS)
        .useFactory({ factory: (ds: DataSource) => new UnenforcedReads(ds), inject: [DATA_SOURCE] })
        .compile();
      const app = parts.mount(ref.createNestApplication<NestExpressApplication>(parts.appOptions));
      await app.listen(0, '127.0.0.1');
      tell({ type: 'ready', url: (await app.getUrl()).replace('[::1]', '127.0.0.1') });
      return () => app.close();
    }
    case 'worker': {
      const app = await createWorkerApp(config);
      tell({ type: 'ready' });
      return () => app.close();
    }
    case 'noop-worker': {
      // The baseline: the same queue factory, backend and concurrency as the hub's worker,
      // and a processor that does nothing.
      let target = Number.POSITIVE_INFINITY;
      let count = 0;
      const worker = createWorker(QueueName.OUTBOX, () => Promise.resolve(), queueBackendOf(config), {
        concurrency: config.WORKER_CONCURRENCY,
        ...DELIVERY_RETENTION,
      });
      worker.on('completed', () => {
        count += 1;
        if (count === target) tell({ type: 'done', at: epochMs(), count });
      });
      worker.on('error', (e) => console.error(`noop worker: ${e.message}`));
      process.on('message', (raw) => {
        const msg = raw as { type: string; n?: number };
        if (msg.type === 'expect') {
          count = 0;
          target = msg.n ?? 0;
          tell({ type: 'armed' });
        }
      });
      await worker.waitUntilReady();
      // Make sure the queue's storage exists before the harness times anything.
      const queue = createQueue(QueueName.OUTBOX, queueBackendOf(config));
      await queue.waitUntilReady();
      tell({ type: 'ready' });
      return async () => {
        await worker.close();
        await queue.close();
      };
    }
    case 'baseline-http': {
      const server = await startBaselineServer(config.DATABASE_URL);
      tell({ type: 'ready', url: server.url });
      return () => server.close();
    }
    default:
      throw new Error(`unknown role ${role}`);
  }
}

// CPU time used so far, for the CPU cost per referral or request.
process.on('message', (raw) => {
  if ((raw as { type: string }).type !== 'cpu') return;
  const { user, system } = process.cpuUsage();
  tell({ type: 'cpu', cpuMs: (user + system) / 1000 });
});

// BENCH_COUNT_STATEMENTS=1 (never in the default run: the counter is not production code):
// every statement this process sends to PostgreSQL, by its text, transaction control included,
// to say where a referral's round trips go.
if (process.env.BENCH_COUNT_STATEMENTS === '1') {
  const census = new Map<string, number>();
  tapStatements((text) => {
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 90);
    census.set(key, (census.get(key) ?? 0) + 1);
  });
  process.on('message', (raw) => {
    if ((raw as { type: string }).type === 'statements')
      tell({ type: 'statements', statements: Object.fromEntries(census) });
  });
}

const role = process.env.BENCH_ROLE ?? '';
start(role).then(
  (stop) => {
    process.on('message', (raw) => {
      if ((raw as { type: string }).type !== 'stop') return;
      stop()
        .catch((e: unknown) => console.error(`${role} stop: ${(e as Error).message}`))
        .finally(() => process.exit(0));
    });
    // The harness went away: do not outlive it.
    process.on('disconnect', () => {
      void stop().finally(() => process.exit(0));
    });
  },
  (e: unknown) => {
    tell({ type: 'error', message: (e as Error).stack ?? String(e) });
    process.exit(1);
  },
);

import type { INestApplicationContext } from '@nestjs/common';
import { createWorkerApp } from '@kim/worker';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { expectEventually } from '@kim/test-support/eventually';

async function probe(hub: TestHub, path: 'live' | 'ready'): Promise<{ status: number; body: any }> {
  const res = await fetch(`${hub.url}/health/${path}`);
  return { status: res.status, body: await res.json() };
}

describe.each(['redis', 'postgres'] as const)('health and readiness (queues on %s)', (backend) => {
  let hub: TestHub;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    // A short lag limit, so a stopped worker shows as a stuck queue within the test.
    hub = await startTestHub(`health_${backend}`, { backend, env: { READINESS_MAX_QUEUE_LAG_MS: '1500' } });
  });
  afterAll(async () => {
    await worker?.close();
    await hub?.close();
  });

  it('is live as soon as the gateway serves', async () => {
    const live = await probe(hub, 'live');
    expect(live).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok' }) });
  });

  it('is not ready before any worker has started, and says why', async () => {
    const ready = await probe(hub, 'ready');
    expect(ready.status).toBe(503);
    expect(ready.body.details.database.status).toBe('up');
    expect(ready.body.details.queue).toMatchObject({ status: 'up', backend });
    expect(ready.body.error.workers.message).toBe('no worker is connected to queue "outbox"');
    expect(ready.body.error.queueMoving.message).toMatch(/outbox relay is not scheduled/);
  });

  it('is ready with a worker running', async () => {
    worker = await createWorkerApp(hub.config, false);
    const ready = await expectEventually(async () => {
      const r = await probe(hub, 'ready');
      expect(r.status).toBe(200);
      return r.body;
    });
    expect(ready.status).toBe('ok');
    expect(ready.details.workers).toMatchObject({ status: 'up', connected: 1 });
    expect(ready.details.queueMoving).toMatchObject({ status: 'up', limitMs: 1500 });
    expect(ready.details.queueMoving.relayOverdueMs).toBeLessThan(1500);
  });

  it('answers 503 with the reason once the worker stops, and then names the stuck queue', async () => {
    await worker!.close();
    worker = undefined;
    const gone = await expectEventually(async () => {
      const r = await probe(hub, 'ready');
      expect(r.status).toBe(503);
      return r.body;
    });
    expect(gone.status).toBe('error');
    expect(gone.error.workers).toMatchObject({ status: 'down', message: 'no worker is connected to queue "outbox"' });
    expect(gone.details.database.status).toBe('up');
    // Nobody takes the relay's scheduled sweep any more: after the lag limit it is overdue.
    const stuck = await expectEventually(async () => {
      const r = await probe(hub, 'ready');
      expect(r.body.error?.queueMoving?.message).toMatch(
        /^the outbox relay is [\d.]+ s overdue \(limit 1\.5 s\): no worker is taking jobs$/,
      );
      return r;
    });
    expect(stuck.status).toBe(503);
    // Liveness is about the gateway process alone.
    expect((await probe(hub, 'live')).status).toBe(200);
  });
});

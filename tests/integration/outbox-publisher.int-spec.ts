import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { queueBackendOf } from '@kim/config';
import { AgencyChannel, EventType, QueueName } from '@kim/contracts';
import { OutboxPublisher, deliveryJobId, type RelayItem } from '@kim/core';
import { QueueDeliveryAdapter, createQueue } from '@kim/messaging';
import { startTestHub, type TestHub } from '@kim/test-support/hub';

/**
 * The outbox's fast path with publications that arrive together (issue 20): one queue call and
 * one enqueued-mark for the batch, each message on the queue and marked; when the queue is away,
 * every message of the batch is left to the relay, none marked.
 */
describe('the outbox publisher under concurrent publications', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub('outbox_publisher');
  });
  afterAll(() => hub.close());

  /** Pending outbox rows (written, not yet on the queue), as a command's transaction leaves them. */
  async function pending(n: number): Promise<RelayItem[]> {
    const agency = hub.creds.agencies.find((a) => a.channel === AgencyChannel.WEBHOOK)!;
    const items: RelayItem[] = [];
    for (let i = 0; i < n; i++) {
      const id = randomUUID();
      await hub.db.ds.query(
        `INSERT INTO outbox_messages (tenant_id, id, agency_id, event_type, event_id, delivery_state, trace_id)
         VALUES ($1, $2, $3, $4, $5, 'queued', $6)`,
        [hub.creds.tenantId, id, agency.id, EventType.CONSENT_REVOKED, randomUUID(), `trace-${i}`],
      );
      items.push({ tenantId: hub.creds.tenantId, outboxId: id, traceId: `trace-${i}`, replays: 0 });
    }
    return items;
  }

  const marked = async (items: RelayItem[]) =>
    (
      await hub.db.ds.query(`SELECT count(*)::int AS n FROM outbox_messages WHERE id = ANY($1::uuid[]) AND enqueued`, [
        items.map((i) => i.outboxId),
      ])
    )[0].n;

  it('puts each message on the queue and marks it, in fewer queue calls than messages', async () => {
    const queue = createQueue(QueueName.OUTBOX, queueBackendOf(hub.config));
    try {
      const adapter = new QueueDeliveryAdapter(queue, { attempts: 3, backoffMs: 50 });
      const calls: number[] = [];
      const add = adapter.add.bind(adapter);
      adapter.add = (items) => {
        calls.push(items.length);
        return add(items);
      };
      const queued: string[] = [];
      const left: string[] = [];
      const publisher = new OutboxPublisher(hub.db.ds, adapter, {
        queued: (i) => queued.push(i.outboxId),
        leftForRelay: (i) => left.push(i.outboxId),
      });
      const items = await pending(6);
      // Six commands publishing at once: the first alone, the five arriving meanwhile together.
      await Promise.all(items.map((i) => publisher.publish([i])));
      expect(calls).toEqual([1, 5]);
      expect([queued.sort(), left]).toEqual([items.map((i) => i.outboxId).sort(), []]);
      expect(await marked(items)).toBe(6);
      const states = await Promise.all(items.map((i) => queue.getJobState(deliveryJobId(i))));
      expect(states.every((s) => s === 'waiting')).toBe(true);
    } finally {
      await queue.close();
    }
  });

  it('leaves every message of a batch to the relay when the queue is away, and marks none', async () => {
    const queue = createQueue(QueueName.OUTBOX, queueBackendOf(hub.config));
    await queue.close();
    const left: string[] = [];
    const publisher = new OutboxPublisher(hub.db.ds, new QueueDeliveryAdapter(queue, { attempts: 3, backoffMs: 50 }), {
      queued: () => undefined,
      leftForRelay: (i) => left.push(i.outboxId),
    });
    const items = await pending(4);
    await Promise.all(items.map((i) => publisher.publish([i])));
    expect(left.sort()).toEqual(items.map((i) => i.outboxId).sort());
    expect(await marked(items)).toBe(0);
  });

  it('does not wait on a queue that never answers: the messages go to the relay, and later ones are not held', async () => {
    // A Redis that accepts connections and never answers (a primary gone silent mid-call).
    const silent = net.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as net.AddressInfo).port;
    const queue = createQueue(QueueName.OUTBOX, {
      kind: 'redis',
      url: `redis://127.0.0.1:${port}`,
      prefix: 't_silent',
    });
    const left: string[] = [];
    const publisher = new OutboxPublisher(
      hub.db.ds,
      new QueueDeliveryAdapter(queue, { attempts: 3, backoffMs: 50 }),
      { queued: () => undefined, leftForRelay: (i) => left.push(i.outboxId) },
      { waitMs: 300 },
    );
    try {
      const [first, ...later] = await pending(3);
      const started = Date.now();
      await publisher.publish([first!]);
      await Promise.all(later.map((i) => publisher.publish([i])));
      // Two waits of 300 ms (the first alone, the later two together), far from a hang.
      expect(Date.now() - started).toBeLessThan(5000);
      expect(left.sort()).toEqual([first!, ...later].map((i) => i.outboxId).sort());
      expect(await marked([first!, ...later])).toBe(0);
    } finally {
      await Promise.race([queue.close().catch(() => undefined), new Promise((r) => setTimeout(r, 1000))]);
      queue.disconnect?.().catch(() => undefined);
      silent.close();
    }
  });
});

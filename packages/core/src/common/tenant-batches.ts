/**
 * Group commit for one kind of database work per lane (issue 20): a call that finds its lane
 * idle runs at once, alone; calls that arrive while the lane's batch is running wait and go
 * together in the next one (at most `maxBatch`). So an idle process adds no delay, and a busy one
 * pays one transaction, one commit (and for deliveries one wait for the tenant's audit chain) per
 * batch instead of per item. Lanes are at least per tenant, because a connection is fenced to
 * one; the lane key is the caller's (a tenant, or a tenant and an agency).
 *
 * A batch is all or nothing (its work runs in one transaction); when it fails, each of its items
 * is tried again alone (unless `retryAlone` is false: a failure that is the whole batch's, such
 * as the queue being away), so one bad item fails only its own caller. An item whose key is
 * already in the batch waits for the batch after (the same outbox message twice in one
 * transaction would be prepared twice on the same snapshot).
 */
export class TenantBatches<In extends { key: string }, Out> {
  private readonly lanes = new Map<string, Lane<In, Out>>();

  constructor(
    /** The work for several items of one lane: a result for every item's key. */
    private readonly work: (lane: string, items: In[]) => Promise<Map<string, Out>>,
    private readonly maxBatch: number,
    private readonly options: { retryAlone: boolean } = { retryAlone: true },
  ) {
    if (!Number.isInteger(maxBatch) || maxBatch < 1)
      throw new Error(`maxBatch must be a positive integer, not ${maxBatch}`);
  }

  run(tenantId: string, item: In): Promise<Out> {
    let lane = this.lanes.get(tenantId);
    if (!lane) {
      lane = { waiting: [], running: false };
      this.lanes.set(tenantId, lane);
    }
    const entered = lane;
    return new Promise<Out>((resolve, reject) => {
      entered.waiting.push({ item, resolve, reject });
      if (!entered.running) void this.drain(tenantId, entered);
    });
  }

  private async drain(tenantId: string, lane: Lane<In, Out>): Promise<void> {
    lane.running = true;
    try {
      while (lane.waiting.length > 0) {
        const batch = takeBatch(lane.waiting, this.maxBatch);
        await this.runBatch(tenantId, batch);
      }
    } finally {
      lane.running = false;
      if (lane.waiting.length === 0) this.lanes.delete(tenantId);
      else void this.drain(tenantId, lane);
    }
  }

  private async runBatch(tenantId: string, batch: Pending<In, Out>[]): Promise<void> {
    let results: Map<string, Out> | undefined;
    try {
      results = await this.work(
        tenantId,
        batch.map((p) => p.item),
      );
    } catch (e) {
      if (batch.length === 1 || !this.options.retryAlone) {
        for (const p of batch) p.reject(e);
        return;
      }
    }
    if (results) {
      for (const p of batch) {
        const out = results.get(p.item.key);
        if (out === undefined) p.reject(new Error(`batch gave no result for ${p.item.key}`));
        else p.resolve(out);
      }
      return;
    }
    // The batch failed and wrote nothing: each item alone, so only the one at fault fails.
    for (const p of batch) {
      try {
        const alone = await this.work(tenantId, [p.item]);
        const out = alone.get(p.item.key);
        if (out === undefined) p.reject(new Error(`no result for ${p.item.key}`));
        else p.resolve(out);
      } catch (e) {
        p.reject(e);
      }
    }
  }
}

interface Pending<In, Out> {
  item: In;
  resolve: (out: Out) => void;
  reject: (e: unknown) => void;
}

interface Lane<In, Out> {
  waiting: Pending<In, Out>[];
  running: boolean;
}

/** Up to `max` waiting items with distinct keys, taken from the front; the rest keep their order. */
function takeBatch<In extends { key: string }, Out>(waiting: Pending<In, Out>[], max: number): Pending<In, Out>[] {
  const batch: Pending<In, Out>[] = [];
  const keys = new Set<string>();
  const rest: Pending<In, Out>[] = [];
  for (const p of waiting) {
    if (batch.length < max && !keys.has(p.item.key)) {
      batch.push(p);
      keys.add(p.item.key);
    } else rest.push(p);
  }
  waiting.splice(0, waiting.length, ...rest);
  return batch;
}

import { TenantBatches } from './tenant-batches.js';

/** A work function whose batches the test sees and releases one by one. */
function gatedWork(fail: (tenantId: string, keys: string[]) => boolean = () => false) {
  const calls: { tenantId: string; keys: string[]; release: () => void }[] = [];
  const work = (tenantId: string, items: { key: string }[]) =>
    new Promise<Map<string, string>>((resolve, reject) => {
      const keys = items.map((i) => i.key);
      calls.push({
        tenantId,
        keys,
        release: () =>
          fail(tenantId, keys)
            ? reject(new Error(`batch ${keys.join(',')} failed`))
            : resolve(new Map(keys.map((k) => [k, `${tenantId}:${k}`]))),
      });
    });
  return { calls, work };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('TenantBatches (group commit per tenant)', () => {
  it('runs a call on an idle lane at once, alone, and those arriving meanwhile together in the next batch', async () => {
    const { calls, work } = gatedWork();
    const batches = new TenantBatches(work, 10);
    const a = batches.run('t1', { key: 'a' });
    await settle();
    const rest = ['b', 'c', 'd'].map((key) => batches.run('t1', { key }));
    await settle();
    // Expected batches, written from the rule (idle → alone; waiting → together): [a], then [b, c, d].
    expect(calls.map((c) => c.keys)).toEqual([['a']]);
    calls[0]!.release();
    await expect(a).resolves.toBe('t1:a');
    await settle();
    expect(calls.map((c) => c.keys)).toEqual([['a'], ['b', 'c', 'd']]);
    calls[1]!.release();
    await expect(Promise.all(rest)).resolves.toEqual(['t1:b', 't1:c', 't1:d']);
  });

  it('takes at most maxBatch at a time, and a key already taken waits for the batch after', async () => {
    const { calls, work } = gatedWork();
    const batches = new TenantBatches(work, 2);
    const all = ['a', 'b', 'b', 'c', 'd'].map((key) => batches.run('t1', { key }));
    for (let i = 0; i < 4; i++) {
      await settle();
      calls[i]?.release();
    }
    await expect(Promise.all(all)).resolves.toEqual(['t1:a', 't1:b', 't1:b', 't1:c', 't1:d']);
    // [a] alone; then of b, b, c, d: [b, c] (the second b skipped, d over the limit); then [b, d].
    expect(calls.map((c) => c.keys)).toEqual([['a'], ['b', 'c'], ['b', 'd']]);
  });

  it('keeps tenants apart: each has its own lane, running at the same time', async () => {
    const { calls, work } = gatedWork();
    const batches = new TenantBatches(work, 10);
    const one = batches.run('t1', { key: 'a' });
    const two = batches.run('t2', { key: 'a' });
    await settle();
    expect(calls.map((c) => [c.tenantId, c.keys])).toEqual([
      ['t1', ['a']],
      ['t2', ['a']],
    ]);
    calls.forEach((c) => c.release());
    await expect(Promise.all([one, two])).resolves.toEqual(['t1:a', 't2:a']);
  });

  it('after a failed batch tries each item alone, so only the one at fault fails', async () => {
    // Any batch holding "bad" fails (all or nothing); the others succeed alone.
    const { calls, work } = gatedWork((_t, keys) => keys.includes('bad'));
    const batches = new TenantBatches(work, 10);
    const first = batches.run('t1', { key: 'x' });
    await settle();
    const results = ['ok1', 'bad', 'ok2'].map((key) => batches.run('t1', { key }).catch((e: Error) => e.message));
    for (let i = 0; i < 5; i++) {
      await settle();
      calls[i]?.release();
    }
    await expect(first).resolves.toBe('t1:x');
    await expect(Promise.all(results)).resolves.toEqual(['t1:ok1', 'batch bad failed', 't1:ok2']);
    expect(calls.map((c) => c.keys)).toEqual([['x'], ['ok1', 'bad', 'ok2'], ['ok1'], ['bad'], ['ok2']]);
  });

  it("without retryAlone fails the whole batch at once (a failure that is not one item's)", async () => {
    const { calls, work } = gatedWork((_t, keys) => keys.length > 1);
    const batches = new TenantBatches(work, 10, { retryAlone: false });
    const first = batches.run('t1', { key: 'x' });
    await settle();
    const results = ['a', 'b'].map((key) => batches.run('t1', { key }).catch((e: Error) => e.message));
    for (let i = 0; i < 3; i++) {
      await settle();
      calls[i]?.release();
    }
    await expect(first).resolves.toBe('t1:x');
    await expect(Promise.all(results)).resolves.toEqual(['batch a,b failed', 'batch a,b failed']);
    expect(calls.map((c) => c.keys)).toEqual([['x'], ['a', 'b']]);
  });

  it('refuses a result missing for an item rather than resolve it with nothing', async () => {
    const batches = new TenantBatches<{ key: string }, string>(() => Promise.resolve(new Map()), 5);
    await expect(batches.run('t1', { key: 'a' })).rejects.toThrow(/no result for a/);
  });
});

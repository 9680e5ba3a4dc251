import type { Principal } from '@kim/core';
import { PrincipalCache } from './principal-cache.js';

const anna: Principal = {
  kind: 'staff',
  tenantId: 't1',
  userId: 'u1',
  role: 'case-manager' as never,
  displayName: 'Anna',
  regionId: 'r1',
  coordinationAreaId: null,
  mayOverride: false,
};

function counting(answer: Principal | null = anna) {
  const loads = { n: 0 };
  return { loads, load: () => ((loads.n += 1), Promise.resolve(answer)) };
}

describe('PrincipalCache', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => (clock = 1_000));

  it('answers a second sign-in with the same credential from memory while trusted', async () => {
    const cache = new PrincipalCache(60_000, 10, now);
    cache.setTrusted(true);
    const { loads, load } = counting();
    expect(await cache.resolve('h', load)).toEqual(anna);
    expect(await cache.resolve('h', load)).toEqual(anna);
    expect(loads.n).toBe(1);
  });

  it('looks up again once the entry is older than its lifetime', async () => {
    const cache = new PrincipalCache(60_000, 10, now);
    cache.setTrusted(true);
    const { loads, load } = counting();
    await cache.resolve('h', load);
    clock += 60_001;
    await cache.resolve('h', load);
    expect(loads.n).toBe(2);
  });

  it('keeps nothing while change notifications are not arriving', async () => {
    const cache = new PrincipalCache(60_000, 10, now);
    const { loads, load } = counting();
    await cache.resolve('h', load);
    await cache.resolve('h', load);
    expect(loads.n).toBe(2);
    expect(cache.size).toBe(0);
  });

  it('forgets everything on a change notification and when the notifications stop', async () => {
    const cache = new PrincipalCache(60_000, 10, now);
    cache.setTrusted(true);
    const { loads, load } = counting();
    await cache.resolve('h', load);
    cache.invalidate();
    await cache.resolve('h', load);
    cache.setTrusted(false);
    cache.setTrusted(true);
    await cache.resolve('h', load);
    expect(loads.n).toBe(3);
  });

  it('does not keep what a lookup read while a change was announced (it may be the old row)', async () => {
    const cache = new PrincipalCache(60_000, 10, now);
    cache.setTrusted(true);
    let release!: () => void;
    const slow = () => new Promise<Principal>((resolve) => (release = () => resolve(anna)));
    const pending = cache.resolve('h', slow);
    cache.invalidate();
    release();
    await pending;
    expect(cache.size).toBe(0);
  });

  it('never keeps an unknown credential, and is off with a lifetime of 0', async () => {
    const trusted = new PrincipalCache(60_000, 10, now);
    trusted.setTrusted(true);
    await trusted.resolve('nobody', counting(null).load);
    expect(trusted.size).toBe(0);
    const off = new PrincipalCache(0, 10, now);
    off.setTrusted(true);
    const { loads, load } = counting();
    await off.resolve('h', load);
    await off.resolve('h', load);
    expect(loads.n).toBe(2);
  });

  it('holds at most its bound, dropping the oldest', async () => {
    const cache = new PrincipalCache(60_000, 2, now);
    cache.setTrusted(true);
    const { loads, load } = counting();
    await cache.resolve('a', load);
    await cache.resolve('b', load);
    await cache.resolve('c', load);
    expect(cache.size).toBe(2);
    await cache.resolve('a', load);
    expect(loads.n).toBe(4);
  });

  it('hands out frozen principals, so no request can change another one', async () => {
    const cache = new PrincipalCache(60_000, 10, now);
    cache.setTrusted(true);
    const p = await cache.resolve('h', counting({ ...anna }).load);
    expect(Object.isFrozen(p)).toBe(true);
  });

  it('keeps a sign-in no longer than its credential is valid', async () => {
    const cache = new PrincipalCache(60_000, 10, now);
    cache.setTrusted(true);
    let loads = 0;
    const load = () => ((loads += 1), Promise.resolve({ principal: anna, validUntil: clock + 5_000 }));
    await cache.resolveSignIn('h', load);
    clock += 4_999;
    await cache.resolveSignIn('h', load);
    expect(loads).toBe(1);
    clock += 1;
    await cache.resolveSignIn('h', load);
    expect(loads).toBe(2);
  });
});

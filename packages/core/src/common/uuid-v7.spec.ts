import { pooledRandom, uuidV7, uuidV7Generator } from './uuid-v7.js';

/** A clock that answers the given milliseconds in turn (the last one from then on). */
const clockOf = (...ms: number[]) => {
  let i = 0;
  return () => ms[Math.min(i++, ms.length - 1)]!;
};
/** Random bytes given by hand, ten per id. */
const bytesOf = (...ids: number[][]) => {
  let i = 0;
  return (into: Uint8Array) => into.set(ids[Math.min(i++, ids.length - 1)]!);
};
const ZEROS = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

// RFC 9562, appendix A.6: unix_ts_ms 0x017F22E279B0 (2022-02-22 19:22:22 UTC), rand_a 0xCC3,
// rand_b 0x18C4DC0C0C07398F, giving 017F22E2-79B0-7CC3-98C4-DC0C0C07398F.
const RFC_MS = 1645557742000;
const RFC_BYTES = [0x0c, 0xc3, 0x18, 0xc4, 0xdc, 0x0c, 0x0c, 0x07, 0x39, 0x8f];

describe('uuidV7Generator (RFC 9562 section 5.7)', () => {
  it('lays out the test vector of RFC 9562 appendix A.6', () => {
    expect(uuidV7Generator(clockOf(RFC_MS), bytesOf(RFC_BYTES))()).toBe('017f22e2-79b0-7cc3-98c4-dc0c0c07398f');
  });

  it('puts all 48 bits of the timestamp first, big-endian', () => {
    expect(uuidV7Generator(clockOf(0x0123456789ab), bytesOf(ZEROS))()).toBe('01234567-89ab-7000-8000-000000000000');
    expect(uuidV7Generator(clockOf(0xffffffffffff), bytesOf(ZEROS))()).toBe('ffffffff-ffff-7000-8000-000000000000');
    expect(uuidV7Generator(clockOf(0), bytesOf(ZEROS))()).toBe('00000000-0000-7000-8000-000000000000');
  });

  it('sets the version nibble to 7 and the variant bits to 10 whatever the random bytes', () => {
    const ones = Array.from({ length: 10 }, () => 0xff);
    expect(uuidV7Generator(clockOf(RFC_MS), bytesOf(ones))()).toBe('017f22e2-79b0-7fff-bfff-ffffffffffff');
  });

  it('counts up within a millisecond: rand_a and the first 6 bits of rand_b plus one, the rest random', () => {
    const next = uuidV7Generator(clockOf(RFC_MS), bytesOf(RFC_BYTES, ZEROS, [0, 0, 0, 1, 2, 3, 4, 5, 6, 7]));
    expect(next()).toBe('017f22e2-79b0-7cc3-98c4-dc0c0c07398f');
    // counter 0xC << 14 | 0xC3 << 6 | 0x18 = 0x330D8, then 0x330D9 and 0x330DA
    expect(next()).toBe('017f22e2-79b0-7cc3-9900-000000000000');
    expect(next()).toBe('017f22e2-79b0-7cc3-9a01-020304050607');
  });

  it('carries the counter from rand_b into rand_a', () => {
    // counter 0x0003F (rand_a 0x000, 6 bits 0x3F), then 0x00040 (rand_a 0x001, 6 bits 0)
    const next = uuidV7Generator(clockOf(RFC_MS), bytesOf([0, 0, 0x3f, 0, 0, 0, 0, 0, 0, 0], ZEROS));
    expect(next()).toBe('017f22e2-79b0-7000-bf00-000000000000');
    expect(next()).toBe('017f22e2-79b0-7001-8000-000000000000');
  });

  it('starts a new millisecond from random bytes again', () => {
    const next = uuidV7Generator(clockOf(RFC_MS, RFC_MS + 1), bytesOf(RFC_BYTES, ZEROS));
    expect(next()).toBe('017f22e2-79b0-7cc3-98c4-dc0c0c07398f');
    expect(next()).toBe('017f22e2-79b1-7000-8000-000000000000');
  });

  it('borrows the next millisecond when the counter would overflow', () => {
    const full = [0x0f, 0xff, 0x3f, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77];
    const next = uuidV7Generator(clockOf(RFC_MS), bytesOf(full, ZEROS));
    expect(next()).toBe('017f22e2-79b0-7fff-bf11-223344556677');
    expect(next()).toBe('017f22e2-79b1-7000-8000-000000000000');
  });

  it('keeps the last timestamp and counts on when the clock goes back', () => {
    const next = uuidV7Generator(clockOf(RFC_MS, RFC_MS - 5), bytesOf(RFC_BYTES, ZEROS));
    expect(next()).toBe('017f22e2-79b0-7cc3-98c4-dc0c0c07398f');
    expect(next()).toBe('017f22e2-79b0-7cc3-9900-000000000000');
  });
});

describe('uuidV7 (system clock, random bytes from the operating system)', () => {
  it('gives well-formed, strictly increasing ids stamped with the time they were made', () => {
    const before = Date.now();
    const ids = Array.from({ length: 20_000 }, () => uuidV7());
    const after = Date.now();
    const shape = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(ids.filter((id) => !shape.test(id))).toEqual([]);
    expect(ids.filter((id, i) => i > 0 && !(id > ids[i - 1]!))).toEqual([]);
    const ms = (id: string) => parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
    expect(ms(ids[0]!)).toBeGreaterThanOrEqual(before);
    // 20,000 ids cannot overflow the 18-bit counter of more than one millisecond.
    expect(ms(ids.at(-1)!)).toBeLessThanOrEqual(after + 1);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('pooledRandom', () => {
  it('hands out each pooled byte once, refilling when the pool runs out', () => {
    const fill = pooledRandom(16);
    const seen: string[] = [];
    for (let i = 0; i < 50; i++) {
      const b = new Uint8Array(10);
      fill(b);
      seen.push(Buffer.from(b).toString('hex'));
    }
    // 80 random bits each: a repeat would mean the same pool bytes were handed out twice.
    expect(new Set(seen).size).toBe(50);
    const big = new Uint8Array(64);
    fill(big);
    expect(big.some((x) => x !== 0)).toBe(true);
  });
});

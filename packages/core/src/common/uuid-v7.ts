import { randomFillSync } from 'node:crypto';

/**
 * Time-ordered ids (UUID version 7, RFC 9562 section 5.7) for rows written in bulk, so that a
 * table's primary key index grows at its right edge instead of at random places (a random
 * version-4 key touches a different index page per row; at a million rows those pages no longer
 * fit in shared buffers).
 *
 * Layout, most significant bit first:
 *   48 bits  unix_ts_ms  milliseconds since 1970 (big-endian)
 *    4 bits  ver         0b0111
 *   12 bits  rand_a  ┐
 *    2 bits  var     │   0b10
 *   62 bits  rand_b  ┘
 *
 * Monotonic within a process (RFC 9562 section 6.2, method 1): the 12 bits of rand_a and the
 * first 6 bits of rand_b are an 18-bit counter, random at the first id of a millisecond and
 * incremented for each further id in it; the remaining 56 bits are random for every id. When the
 * counter would overflow, or the clock goes back, the timestamp is the last one used (plus one
 * on overflow), so each id is greater than the one before, as a string and as a uuid.
 */

/** Fills `into` with random bytes. */
export type RandomFill = (into: Uint8Array) => void;

/** Random bytes drawn from the operating system a few kilobytes at a time. */
export function pooledRandom(poolSize = 4096): RandomFill {
  const pool = new Uint8Array(poolSize);
  let at = poolSize;
  return (into) => {
    if (into.length > poolSize) return void randomFillSync(into);
    if (at + into.length > poolSize) {
      randomFillSync(pool);
      at = 0;
    }
    into.set(pool.subarray(at, at + into.length));
    at += into.length;
  };
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const COUNTER_MAX = 0x3ffff;

/**
 * A generator of version-7 ids. Each id takes 10 bytes from `random`: the first three give the
 * counter at the start of a millisecond (low 4 bits of byte 0, byte 1, low 6 bits of byte 2),
 * the last seven the id's final 56 bits.
 */
export function uuidV7Generator(clock: () => number = Date.now, random: RandomFill = pooledRandom()): () => string {
  const r = new Uint8Array(10);
  let lastMs = -1;
  let counter = 0;
  return () => {
    random(r);
    const now = Math.floor(clock());
    if (now > lastMs) {
      lastMs = now;
      counter = ((r[0]! & 0x0f) << 14) | (r[1]! << 6) | (r[2]! & 0x3f);
    } else if (counter < COUNTER_MAX) {
      counter++;
    } else {
      // 2^18 ids in one millisecond: borrow the next one (RFC 9562 section 6.2, counter rollover).
      lastMs++;
      counter = ((r[0]! & 0x0f) << 14) | (r[1]! << 6) | (r[2]! & 0x3f);
    }
    // 48 bits do not fit a 32-bit shift: split the timestamp into its high 16 and low 32 bits.
    const hi = Math.floor(lastMs / 0x100000000);
    const lo = lastMs >>> 0;
    return (
      HEX[(hi >>> 8) & 0xff]! +
      HEX[hi & 0xff]! +
      HEX[lo >>> 24]! +
      HEX[(lo >>> 16) & 0xff]! +
      '-' +
      HEX[(lo >>> 8) & 0xff]! +
      HEX[lo & 0xff]! +
      '-' +
      HEX[0x70 | (counter >>> 14)]! +
      HEX[(counter >>> 6) & 0xff]! +
      '-' +
      HEX[0x80 | (counter & 0x3f)]! +
      HEX[r[3]!]! +
      '-' +
      HEX[r[4]!]! +
      HEX[r[5]!]! +
      HEX[r[6]!]! +
      HEX[r[7]!]! +
      HEX[r[8]!]! +
      HEX[r[9]!]!
    );
  };
}

/** The process's generator: the system clock, random bytes from the operating system. */
export const uuidV7: () => string = uuidV7Generator();

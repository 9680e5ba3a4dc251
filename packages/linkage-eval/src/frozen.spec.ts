/**
 * The generator is frozen: the README records a SHA-256 of the default population (15,000
 * persons) of every seed, taken before anyone tuned the matcher on it. Any later change to the
 * generator, its tables or its randomness changes a hash and fails here; a deliberate change must
 * say so in the README with new hashes and a new commit, and the old results are then void.
 */
import { readFileSync } from 'node:fs';
import { generateEvalPopulation } from './generate.js';
import { populationHash } from './hash.js';
import { INDEPENDENT_HELD_OUT_SEEDS, INDEPENDENT_SEEDS, INDEPENDENT_TUNING_SEED } from './seeds.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const rows = [
  ...readme.matchAll(/^\|\s*(\d+)\s*\|\s*(tuning|held-out)\s*\|\s*(\d+)\s*\|\s*`([0-9a-f]{64})`\s*\|$/gm),
].map((m) => ({
  seed: Number(m[1]),
  role: m[2],
  records: Number(m[3]),
  hash: m[4]!,
}));

describe('frozen populations', () => {
  it('the README lists every seed once, the tuning seed as the only tuning one', () => {
    expect(rows.map((r) => r.seed).sort((a, b) => a - b)).toEqual([...INDEPENDENT_SEEDS].sort((a, b) => a - b));
    expect(rows.filter((r) => r.role === 'tuning').map((r) => r.seed)).toEqual([INDEPENDENT_TUNING_SEED]);
    expect(
      rows
        .filter((r) => r.role === 'held-out')
        .map((r) => r.seed)
        .sort(),
    ).toEqual([...INDEPENDENT_HELD_OUT_SEEDS].sort());
    expect(readme).toMatch(/frozen at commit `[0-9a-f]{40}`/);
  });

  it.each(INDEPENDENT_SEEDS.map((s) => [s]))('seed %i generates the population the README recorded', (seed) => {
    const row = rows.find((r) => r.seed === seed);
    const pop = generateEvalPopulation({ seed });
    expect({ seed, records: pop.records.length, hash: populationHash(pop) }).toEqual({
      seed,
      records: row?.records,
      hash: row?.hash,
    });
  });
});

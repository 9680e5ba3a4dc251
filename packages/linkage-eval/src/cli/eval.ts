#!/usr/bin/env node
/**
 * `npm run linkage:eval`: one JSON line per population. The hub's own generator on seeds it was
 * not tuned on (2024, 31337) and the independent generator on its tuning seed and two held-out
 * seeds, 15,000 persons each; every population is matched by `matchRecords` as the hub's CLI does
 * and scored on the matcher's direct pair decisions.
 *
 *   --persons N              persons per population (default 15000)
 *   --generator kim|independent   only this generator (repeatable)
 *   --seed S                 only these seeds (repeatable; with both generators unless --generator)
 */
import { parseArgs } from 'node:util';
import { evaluatePopulation, type GeneratorName } from '../run.js';
import { INDEPENDENT_SEEDS, KIM_GENERATOR_SEEDS } from '../seeds.js';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '15000' },
    generator: { type: 'string', multiple: true },
    seed: { type: 'string', multiple: true },
  },
});
const persons = Number(values.persons);
const generators = values.generator ?? ['kim', 'independent'];
const seeds = (values.seed ?? []).map(Number);
if (
  !Number.isInteger(persons) ||
  persons < 50 ||
  generators.some((g) => g !== 'kim' && g !== 'independent') ||
  seeds.some((s) => !Number.isInteger(s) || s < 0)
) {
  process.stderr.write('usage: eval [--persons N] [--generator kim|independent]... [--seed S]...\n');
  process.exit(2);
}

const runs: [GeneratorName, number][] = [];
for (const g of generators as GeneratorName[]) {
  const list = seeds.length > 0 ? seeds : g === 'kim' ? [...KIM_GENERATOR_SEEDS] : [...INDEPENDENT_SEEDS];
  for (const s of list) runs.push([g, s]);
}
for (const [generator, seed] of runs) {
  const line = evaluatePopulation(generator, seed, persons);
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

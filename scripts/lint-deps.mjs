#!/usr/bin/env node
// npm run lint:deps (part of npm test): the layer rules of .dependency-cruiser.cjs over
// packages/ and apps/, and the concept folders of packages/core/src free of cycles apart from
// the known edges in .dependency-cruiser-known.cjs (which may only shrink). Exits 1 on any
// violation.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const known = createRequire(import.meta.url)(path.join(root, '.dependency-cruiser-known.cjs'));
const bin = path.join(root, 'node_modules', '.bin', 'depcruise');
const run = spawnSync(bin, ['packages', 'apps', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 512 * 1024 * 1024,
});
if (run.status === null || !run.stdout) {
  process.stderr.write(run.stderr ?? '');
  process.exit(1);
}
const result = JSON.parse(run.stdout);
const problems = [];

for (const v of result.summary.violations) {
  if (v.rule.severity !== 'error') continue;
  problems.push(`${v.rule.name}: ${v.from} → ${v.to}`);
}

// Concept folders: an edge per (folder → other folder) with the imports that make it; test
// files do not count (a spec may use what it tests from anywhere).
const CONCEPT = /^packages\/core\/src\/([^/]+)\//;
const TEST = /\.(spec|int-spec)\.ts$/;
const edges = new Map();
for (const m of result.modules) {
  const from = CONCEPT.exec(m.source)?.[1];
  if (!from || TEST.test(m.source)) continue;
  for (const d of m.dependencies) {
    const to = CONCEPT.exec(d.resolved)?.[1];
    if (!to || to === from) continue;
    const key = `${from} → ${to}`;
    if (!edges.has(key)) edges.set(key, []);
    edges.get(key).push(`${m.source} → ${d.resolved}`);
  }
}
const knownKeys = new Set(known.map((k) => `${k.from} → ${k.to}`));
for (const key of knownKeys) {
  if (!edges.has(key)) problems.push(`known violation ${key} is gone: delete it from .dependency-cruiser-known.cjs`);
}
const graph = new Map();
for (const key of edges.keys()) {
  if (knownKeys.has(key)) continue;
  const [from, to] = key.split(' → ');
  if (!graph.has(from)) graph.set(from, []);
  graph.get(from).push(to);
}
// Depth-first search; a grey folder met again closes a cycle.
const state = new Map();
const stack = [];
const cycles = [];
function visit(folder) {
  state.set(folder, 'grey');
  stack.push(folder);
  for (const next of graph.get(folder) ?? []) {
    if (state.get(next) === 'grey') cycles.push([...stack.slice(stack.indexOf(next)), next]);
    else if (!state.has(next)) visit(next);
  }
  stack.pop();
  state.set(folder, 'black');
}
for (const folder of [...graph.keys()].sort()) if (!state.has(folder)) visit(folder);
for (const cycle of cycles) {
  const lines = cycle.slice(1).map((to, i) => `    ${edges.get(`${cycle[i]} → ${to}`)[0]}`);
  problems.push(`core-concept-folders-without-cycles: ${cycle.join(' → ')}\n${lines.join('\n')}`);
}

if (problems.length) {
  console.error(`Abhängigkeitsregeln verletzt / dependency rules violated (${problems.length}):`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(
  `Abhängigkeitsregeln eingehalten / dependency rules hold: ${result.summary.totalCruised} modules, ${knownKeys.size} known folder edges (docs/architecture.md)`,
);

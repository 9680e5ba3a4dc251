#!/usr/bin/env node
// Runs the access matrix and its ablation (tests/access) and ends with their two verdicts:
// "access matrix: N probes, L leaks" and "access ablation: K rules, C caught".
import { spawn } from 'node:child_process';

const child = spawn(
  process.execPath,
  [
    '--experimental-vm-modules',
    'node_modules/jest/bin/jest.js',
    'tests/access/access-matrix.int-spec.ts',
    'tests/access/ablation-1.int-spec.ts',
    'tests/access/ablation-2.int-spec.ts',
    '--selectProjects',
    'integration',
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const verdicts = {
  matrix: { pattern: /access matrix: \d+ probes, \d+ leaks/, line: 'access matrix: did not run' },
};
// The ablation runs in parts (tests/access/ablation-*.int-spec.ts): their lines are added up.
const parts = new Map();
let buffered = '';
child.stdout.on('data', (d) => {
  process.stdout.write(d);
  buffered += d.toString();
  for (const v of Object.values(verdicts)) {
    const m = v.pattern.exec(buffered);
    if (m) v.line = m[0];
  }
  for (const m of buffered.matchAll(/access ablation part (\d+)\/(\d+): (\d+) rules, (\d+) caught/g)) {
    parts.set(m[1], { of: Number(m[2]), rules: Number(m[3]), caught: Number(m[4]) });
  }
});
child.on('exit', (code) => {
  console.log(verdicts.matrix.line);
  const of = [...parts.values()][0]?.of ?? 0;
  if (of === 0 || parts.size !== of) console.log(`access ablation: did not run (${parts.size} of ${of || '?'} parts)`);
  else {
    const sum = (k) => [...parts.values()].reduce((n, p) => n + p[k], 0);
    console.log(`access ablation: ${sum('rules')} rules, ${sum('caught')} caught`);
  }
  process.exit(code ?? 1);
});

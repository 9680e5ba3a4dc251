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
    '--selectProjects',
    'integration',
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const verdicts = {
  matrix: { pattern: /access matrix: \d+ probes, \d+ leaks/, line: 'access matrix: did not run' },
  ablation: { pattern: /access ablation: \d+ rules, \d+ caught/, line: 'access ablation: did not run' },
};
let buffered = '';
child.stdout.on('data', (d) => {
  process.stdout.write(d);
  buffered += d.toString();
  for (const v of Object.values(verdicts)) {
    const m = v.pattern.exec(buffered);
    if (m) v.line = m[0];
  }
});
child.on('exit', (code) => {
  console.log(verdicts.matrix.line);
  console.log(verdicts.ablation.line);
  process.exit(code ?? 1);
});

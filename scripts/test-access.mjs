#!/usr/bin/env node
// Runs the access matrix (tests/access) and ends with its verdict: "access matrix: N probes, L leaks".
import { spawn } from 'node:child_process';

const child = spawn(
  process.execPath,
  ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', 'tests/access/access-matrix.test.ts'],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
let verdict = 'access matrix: did not run';
let buffered = '';
child.stdout.on('data', (d) => {
  process.stdout.write(d);
  buffered += d.toString();
  const m = /access matrix: \d+ probes, \d+ leaks/.exec(buffered);
  if (m) verdict = m[0];
});
child.on('exit', (code) => {
  console.log(verdict);
  process.exit(code ?? 1);
});

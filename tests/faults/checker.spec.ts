import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from './checker.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('checker', () => {
  it('counts lost, duplicated and unexpected effects', () => {
    expect(check(['a', 'b', 'c'], ['a', 'a', 'b', 'x'])).toEqual({
      sent: 3,
      applied: 2,
      lost: 1,
      duplicated: 1,
      unexpected: 1,
    });
    expect(check(['a', 'b'], ['b', 'a'])).toEqual({ sent: 2, applied: 2, lost: 0, duplicated: 0, unexpected: 0 });
  });
});

describe('scenario lines', () => {
  // Issue 21: a line that reports a figure computes it from what was observed. A number written
  // into the call (`lost: 0`, `sent: 50`) or a verdict whose counts are overwritten
  // (`{ ...v, sent }`) is refused here, in every fault and soak scenario.
  const dirs = ['tests/faults', 'tests/soak'];
  const calls = (text: string): string[] => {
    const found: string[] = [];
    for (const m of text.matchAll(/\b(report|figures)\(/g)) {
      let depth = 0;
      let i = m.index + m[0].length - 1;
      for (; i < text.length; i++) {
        if (text[i] === '(') depth++;
        else if (text[i] === ')' && --depth === 0) break;
      }
      found.push(text.slice(m.index, i + 1));
    }
    return found;
  };

  it('pass no literal numbers and no overwritten verdicts', () => {
    const offending: string[] = [];
    let seen = 0;
    for (const dir of dirs) {
      const abs = path.resolve(root, dir);
      if (!existsSync(abs)) continue;
      for (const file of readdirSync(abs).filter((f) => /\.(fault|soak)\.ts$/.test(f))) {
        const text = readFileSync(path.join(abs, file), 'utf8');
        // A figure typed into a printed line (`crashes=0`).
        for (const m of text.matchAll(/\b[a-z_]+=\d+/g)) offending.push(`${file}: ${m[0]}`);
        for (const call of calls(text)) {
          seen++;
          if (/\w+:\s*-?\d/.test(call) || /\.\.\.[\w()., ]+?,\s*(sent|applied|lost|duplicated|unexpected)\b/.test(call))
            offending.push(`${file}: ${call}`);
        }
      }
    }
    expect(seen).toBeGreaterThan(10);
    expect(offending).toEqual([]);
  });
});

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runMatch } from './run-match.js';

const fixture = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'clients.csv');

async function run(path: string, evidencePath?: string): Promise<{ code: number; out: string; err: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let o = '';
  let e = '';
  out.on('data', (c: Buffer) => (o += c.toString()));
  err.on('data', (c: Buffer) => (e += c.toString()));
  const code = await runMatch(path, out, err, { currentYear: 2025, ...(evidencePath ? { evidencePath } : {}) });
  return { code, out: o, err: e };
}

describe('linkage:match on a CSV fixture', () => {
  it('writes link and review decisions and reports bad rows by line and field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linkage-'));
    const evidence = join(dir, 'review.jsonl');
    const { code, out, err } = await run(fixture, evidence);
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('record_id_a,record_id_b,decision,score,basis');
    const decisions = new Map(
      lines.slice(1).map((l) => {
        const [a, b, decision, score, basis] = l.split(',');
        return [`${a}|${b}`, { decision, score: Number(score), basis }];
      }),
    );
    // Three spellings of Mohammed Al-Hassan are one person; swapped Oksana Shevchenko too.
    expect(decisions.get('JC-1|ABH-1')?.decision).toBe('link');
    expect(decisions.get('JC-1|VHS-1')?.decision).toBe('link');
    expect(decisions.get('ABH-1|VHS-1')?.decision).toBe('link');
    expect(decisions.get('CAR-1|ABH-2')?.decision).toBe('link');
    // Twins (same family name and birth date) go to review, never linked.
    expect(decisions.get('JC-2|JC-3')?.decision).toBe('review');
    for (const d of decisions.values()) {
      expect(Number.isFinite(d.score)).toBe(true);
      // A link rests on its own score or a shared identifier, a review on a person.
      expect(d.decision === 'link' ? ['score', 'identifier'] : ['review']).toContain(d.basis);
    }
    // Bad rows: reported with line and field, skipped.
    expect(err).toContain('line 9: birth_date:');
    expect(err).toContain('line 10: birth_date_note:');
    expect(err).toContain('line 11: nationality:');
    expect(err).toContain('line 12: record_id: missing');
    expect(err).toContain('line 13: record_id: duplicate of line 2');
    expect(err).toContain('line 14: *:');
    expect([...decisions.keys()].some((k) => k.includes('BAD-'))).toBe(false);
    const review = readFileSync(evidence, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { a: string; evidence: unknown[] });
    expect(review[0]).toMatchObject({ a: 'JC-2', b: 'JC-3', decision: 'review' });
    expect(review[0]!.evidence).toHaveLength(8);
  });

  it('refuses a file with the wrong header', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linkage-'));
    const path = join(dir, 'wrong.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, 'id,name\n1,x\n');
    const { code, err } = await run(path);
    expect(code).toBe(2);
    expect(err).toMatch(/expected header/);
  });
});

import { Readable } from 'node:stream';
import fc from 'fast-check';
import { MAX_LINE_BYTES, parseImportLine, readLines } from './lines.js';

const collect = async (chunks: Buffer[]) => {
  const out = [];
  for await (const l of readLines(Readable.from(chunks))) out.push(l);
  return out;
};

describe('readLines', () => {
  it('gives back the lines however the bytes are cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, '')),
          { maxLength: 20 },
        ),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 10 }),
        async (lines, cuts) => {
          const bytes = Buffer.from(lines.map((l) => `${l}\n`).join(''));
          const chunks: Buffer[] = [];
          for (let i = 0, k = 0; i < bytes.length; k++) {
            const n = cuts[k % cuts.length]!;
            chunks.push(bytes.subarray(i, i + n));
            i += n;
          }
          const got = await collect(chunks);
          expect(got.map((l) => l.text)).toEqual(lines);
          expect(got.map((l) => l.no)).toEqual(lines.map((_, i) => i + 1));
          expect(got.at(-1)?.bytesRead ?? bytes.length).toBe(bytes.length);
        },
      ),
    );
  });

  it('reports a line that is too long or not UTF-8 by its number, and goes on', async () => {
    const got = await collect([
      Buffer.from('first\r\n'),
      Buffer.alloc(MAX_LINE_BYTES + 10, 0x61),
      Buffer.from('\n'),
      Buffer.from([0xc3, 0x28, 0x0a]),
      Buffer.from('last'),
    ]);
    expect(got.map((l) => [l.no, l.text, l.problem])).toEqual([
      [1, 'first', undefined],
      [2, null, `line longer than ${MAX_LINE_BYTES} bytes`],
      [3, null, 'not valid UTF-8'],
      [4, 'last', undefined],
    ]);
  });
});

describe('parseImportLine', () => {
  it('never throws: a line is valid, blank, or refused with a field and a reason', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify({ specversion: '1.0', data: v })),
        ),
        (text) => {
          const r = parseImportLine(text);
          const problems = r.ok === false ? r.problems : [{ field: 'none', reason: 'valid or blank' }];
          expect(problems.length).toBeGreaterThan(0);
          expect(problems.every((p) => p.field.length > 0 && p.reason.length > 0)).toBe(true);
        },
      ),
    );
  });

  it('names the field that is wrong', () => {
    const line = JSON.stringify({
      specversion: '1.0',
      id: 'e1',
      source: 'urn:x',
      type: 'de.kim-hub.referral.status-changed.v1',
      data: { referralId: 'nope', status: 'accepted', occurredAt: '2026-01-01T00:00:00Z' },
    });
    expect(parseImportLine(line)).toMatchObject({ ok: false, eventId: 'e1', problems: [{ field: 'data.referralId' }] });
    expect(parseImportLine('{"a": "\\u0000"}')).toMatchObject({ ok: false, problems: [{ field: '(line)' }] });
    expect(parseImportLine('   ')).toEqual({ ok: 'blank' });
  });

  it('refuses a lone surrogate escape, which PostgreSQL would refuse for the whole chunk, and keeps pairs', () => {
    const line = (reason: string) =>
      `{"specversion":"1.0","id":"e1","source":"urn:x","type":"de.kim-hub.referral.status-changed.v1",` +
      `"data":{"referralId":"134532bb-9725-4d06-8dd6-828cd105a9cb","status":"rejected","occurredAt":"2026-01-01T00:00:00Z","reason":"${reason}"}}`;
    // Which escapes PostgreSQL's jsonb takes, written down apart from the code.
    const table: [string, boolean][] = [
      ['\\ud800', false],
      ['a\\uDFFFb', false],
      ['\\ude00\\ud83d', false],
      ['\\ud83d\\ude00', true],
      ['\\u00e4 \\u20ac', true],
      ['plain', true],
    ];
    for (const [reason, ok] of table) {
      const r = parseImportLine(line(reason));
      expect([reason, r.ok === false ? r.problems : 'ok']).toEqual([
        reason,
        ok ? 'ok' : [{ field: '(line)', reason: 'contains an unpaired surrogate escape (\\uD800–\\uDFFF)' }],
      ]);
    }
    // A key counts too.
    expect(parseImportLine('{"\\udc00": 1}')).toMatchObject({ ok: false, problems: [{ field: '(line)' }] });
  });
});

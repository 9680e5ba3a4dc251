import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { snapshotDifferences } from './snapshot.js';

describe('SQL snapshot', () => {
  it('the committed packages/persistence/sql matches every declared statement (run `npm run sql:snapshot`)', () => {
    expect(snapshotDifferences()).toEqual([]);
  });

  it('notices a changed, a missing and a stale file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kim-sql-'));
    const expected = new Map([
      ['a.sql', '-- one\nSELECT 1;\n\n'],
      ['b.sql', '-- two\nSELECT 2;\n\n'],
      ['c.sql', '-- three\nSELECT 3;\n\n'],
    ]);
    writeFileSync(join(dir, 'a.sql'), expected.get('a.sql')!);
    writeFileSync(join(dir, 'b.sql'), '-- two\nSELECT 22;\n\n');
    writeFileSync(join(dir, 'gone.sql'), '-- old\nSELECT 1;\n');
    expect(snapshotDifferences(dir, expected).sort()).toEqual([
      'b.sql: differs',
      'c.sql: missing',
      'gone.sql: no longer declared',
    ]);
  });
});

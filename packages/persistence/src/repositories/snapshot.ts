import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { snapshotFiles } from './index.js';

/** packages/persistence/sql, from src/repositories or dist/repositories alike. */
export const SNAPSHOT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'sql');

/** What differs between the declared statements and the committed snapshot, by file name. */
export function snapshotDifferences(dir = SNAPSHOT_DIR, expected = snapshotFiles()): string[] {
  const present = readdirSync(dir).filter((f) => f.endsWith('.sql'));
  const differences: string[] = [];
  for (const [file, text] of expected) {
    if (!present.includes(file)) differences.push(`${file}: missing`);
    else if (readFileSync(join(dir, file), 'utf8') !== text) differences.push(`${file}: differs`);
  }
  for (const file of present) if (!expected.has(file)) differences.push(`${file}: no longer declared`);
  return differences;
}

import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { snapshotFiles } from './index.js';
import { SNAPSHOT_DIR } from './snapshot.js';

// npm run sql:snapshot: write every declared statement to packages/persistence/sql (committed).
mkdirSync(SNAPSHOT_DIR, { recursive: true });
for (const f of readdirSync(SNAPSHOT_DIR)) if (f.endsWith('.sql')) rmSync(join(SNAPSHOT_DIR, f));
const files = snapshotFiles();
for (const [file, text] of files) writeFileSync(join(SNAPSHOT_DIR, file), text);
console.log(`sql snapshot: ${files.size} files in ${SNAPSHOT_DIR}`);

#!/usr/bin/env node
/**
 * `npm run -s linkage:match -- clients.csv > decisions.csv [--evidence review.jsonl]`
 *
 * Reads an onboarding CSV (streamed; bad rows are reported on stderr with line and field and
 * skipped), matches the records among themselves and writes one CSV row per pair it links or
 * sends to review: record_id_a,record_id_b,decision,score,basis. Only direct pair decisions are
 * written: two records are linked only by their own comparison (or a shared person-level
 * identifier), never through a third record. With --evidence, the review queue is
 * also written as JSON lines with the per-field comparison and weights.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runMatch } from './run-match.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { evidence: { type: 'string' } } });
if (positionals.length !== 1) {
  process.stderr.write('usage: linkage:match <clients.csv> [--evidence review.jsonl] > decisions.csv\n');
  process.exit(2);
}
// npm runs scripts from the repository root; resolve paths against where the user was.
const base = process.env.INIT_CWD ?? process.cwd();
const code = await runMatch(resolve(base, positionals[0]!), process.stdout, process.stderr, {
  ...(values.evidence ? { evidencePath: resolve(base, values.evidence) } : {}),
});
process.exitCode = code;

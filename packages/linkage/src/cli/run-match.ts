/**
 * The match command with its I/O injected: reads the CSV at `path` (streamed), writes decisions to
 * `out` and problems to `err`. Returns the exit code. cli/match.ts wires it to the process.
 */
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { parse, type CsvError } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { checkHeader, DECISION_COLUMNS, parseClientRow } from '../csv.js';
import { matchRecords, type MatchOptions } from '../matcher.js';
import type { PersonRecord } from '../types.js';

export interface RunMatchOptions {
  /** Where to write the review queue with evidence (JSON lines), if anywhere. */
  readonly evidencePath?: string;
  readonly currentYear?: number;
  readonly match?: MatchOptions;
}

export async function runMatch(
  path: string,
  out: Writable,
  err: Writable,
  options: RunMatchOptions = {},
): Promise<number> {
  const fail = (message: string): number => {
    err.write(`linkage:match: ${message}\n`);
    return 2;
  };
  if (!existsSync(path)) return fail(`no such file: ${path}`);

  const records: PersonRecord[] = [];
  const firstLineOf = new Map<string, number>();
  let rows = 0;
  let skipped = 0;
  const parser = createReadStream(path).pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, skip_records_with_error: true }),
  );
  // Malformed CSV (an unclosed quote, say): the parser skips the record and tells us where.
  parser.on('skip', (e: CsvError) => {
    skipped++;
    const lines = typeof e['lines'] === 'number' ? e['lines'] : '?';
    err.write(`line ${lines}: *: ${e.message}\n`);
  });
  const currentYear = options.currentYear ?? new Date().getFullYear();
  let header = true;
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const line = item.info.lines;
    if (header) {
      const problem = checkHeader(item.record);
      if (problem) {
        parser.destroy();
        return fail(`line ${line}: ${problem}`);
      }
      header = false;
      continue;
    }
    rows++;
    const result = parseClientRow(item.record, line, currentYear);
    if ('errors' in result) {
      skipped++;
      for (const e of result.errors) err.write(`line ${e.line}: ${e.field}: ${e.message}\n`);
      continue;
    }
    const first = firstLineOf.get(result.record.recordId);
    if (first !== undefined) {
      skipped++;
      err.write(`line ${line}: record_id: duplicate of line ${first}\n`);
      continue;
    }
    firstLineOf.set(result.record.recordId, line);
    records.push(result.record);
  }
  if (header) return fail('empty file (no header)');

  const result = matchRecords(records, { ...options.match, evidence: options.evidencePath ? 'review' : 'none' });
  const csv = stringify({ header: true, columns: [...DECISION_COLUMNS] });
  csv.pipe(out, { end: false });
  for (const p of result.pairs) csv.write([p.a, p.b, p.decision, p.score.toFixed(2), p.basis]);
  csv.end();
  await finished(csv);
  if (options.evidencePath) {
    const file = createWriteStream(options.evidencePath);
    for (const p of result.pairs) if (p.decision === 'review') file.write(`${JSON.stringify(p)}\n`);
    file.end();
    await finished(file);
  }
  err.write(
    `linkage:match: ${rows} rows, ${skipped} skipped, ${records.length} matched: ` +
      `${result.stats.links} linked pairs (${result.stats.identifierLinks} by identifier), ` +
      `${result.stats.reviews} for review (${result.stats.refusedMerges} of them refused: they would have joined ` +
      `records that cannot be one person), ${result.clusters.length} persons with several records\n`,
  );
  return 0;
}

/**
 * Markdown tables from the lines `linkage:eval` prints, so the figures in the docs are the
 * evaluation's own output and never typed by hand: the goals per population, and why true pairs
 * go to review (record pairs, and pairs of persons as a reviewer meets them).
 */
import { SCORE_BETWEEN_THRESHOLDS, type EvaluationLine } from './run.js';

type Line = Pick<
  EvaluationLine,
  | 'generator'
  | 'seed'
  | 'role'
  | 'truePairs'
  | 'precision'
  | 'recall'
  | 'reviewShare'
  | 'reviewPairs'
  | 'falseReviews'
  | 'reviewReasons'
  | 'reviewItems'
  | 'lookalike'
  | 'cpuSeconds'
  | 'seconds'
>;

const pct = (x: number | null, digits = 1): string => (x === null ? '–' : `${(x * 100).toFixed(digits)} %`);
const num = (x: number): string => x.toLocaleString('en-GB');
const fixed = (x: number | null, d: number): string => (x === null ? '–' : x.toFixed(d));

function name(l: Line): string {
  const who = l.generator === 'kim' ? 'hub generator' : 'independent';
  return `${who} ${l.seed}${l.role === 'tuning' ? ' (tuning)' : ''}`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((x, c) => x.padEnd(widths[c]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The goals of issue 16 per population. */
export function goalsTable(lines: readonly Line[]): string {
  return table(
    [
      'population',
      'precision',
      'recall (link + review)',
      'review: record pairs',
      'review: person pairs',
      'look-alikes linked',
      'CPU s',
      'wall s',
    ],
    lines.map((l) => [
      name(l),
      fixed(l.precision, 4),
      fixed(l.recall, 4),
      `${num(l.reviewPairs - l.falseReviews)} (${pct(l.reviewShare)})`,
      `${num(l.reviewItems.trueItems)} (${pct(l.reviewItems.share)})`,
      l.lookalike ? `${l.lookalike.linked} / ${num(l.lookalike.pairs)} (${pct(l.lookalike.share, 2)})` : '–',
      fixed(l.cpuSeconds, 1),
      fixed(l.seconds, 1),
    ]),
  );
}

/**
 * True reviews per reason, one column per population: `count (share of true pairs)`. A last row
 * sums the reasons that are rules (every reason but a score between the thresholds): pairs that
 * scored above the link threshold and a rule of the issue sent to a person.
 */
export function reasonsTable(lines: readonly Line[], unit: 'records' | 'persons'): string {
  const counts = lines.map((l) => (unit === 'records' ? l.reviewReasons : l.reviewItems.byReason));
  const reasons = [...new Set(counts.flatMap((c) => Object.keys(c)))];
  const total = (r: string): number => counts.reduce((s, c) => s + (c[r] ?? 0), 0);
  reasons.sort((x, y) => total(y) - total(x) || (x < y ? -1 : 1));
  const cell = (k: number, l: Line): string => `${num(k)} (${pct(l.truePairs === 0 ? null : k / l.truePairs)})`;
  const rows = reasons.map((r) => [r, ...lines.map((l, c) => cell(counts[c]![r] ?? 0, l))]);
  rows.push([
    '**rules together**',
    ...lines.map((l, c) =>
      cell(
        Object.entries(counts[c]!).reduce((s, [r, k]) => s + (r === SCORE_BETWEEN_THRESHOLDS ? 0 : k), 0),
        l,
      ),
    ),
  ]);
  return table(
    [unit === 'records' ? 'true reviews: record pairs' : 'true reviews: person pairs', ...lines.map(name)],
    rows,
  );
}

/** All three tables, from the JSON lines of `linkage:eval`. */
export function markdownTables(jsonLines: readonly string[]): string {
  const lines = jsonLines.filter((x) => x.trim() !== '').map((x) => JSON.parse(x) as Line);
  return [goalsTable(lines), reasonsTable(lines, 'records'), reasonsTable(lines, 'persons')].join('\n\n') + '\n';
}

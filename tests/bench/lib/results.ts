/** One line of bench-results.json. */
export interface BenchResult {
  name: string;
  /** The hub's figure; null when the benchmark was skipped or failed. */
  value: number | null;
  unit: string;
  /** The baseline's figure, measured in the same run. */
  baseline: number | null;
  /** value / baseline (for statement counts: statements / allowed statements). */
  ratio: number | null;
  details: Record<string, unknown>;
}

export interface BenchContext {
  /** Progress lines (stderr), so stdout keeps the table. */
  log: (line: string) => void;
}

export interface Benchmark {
  name: string;
  /** What the figure is, for the table. */
  what: string;
  /** The goal, in words, for the table and the details. */
  goal: string;
  /** Whether the goal is met; only asked for results with a value. */
  met?(r: BenchResult): boolean;
  /** One line of what else the table should show (p99s, CPU cost, …). */
  note?(r: BenchResult): string;
  run(ctx: BenchContext): Promise<BenchResult>;
}

export const round = (n: number, digits = 3): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

/** A result for a capability that has not landed: never a made-up figure. */
export function skipped(name: string, unit: string, reason: string): BenchResult {
  return { name, value: null, unit, baseline: null, ratio: null, details: { skipped: reason } };
}

function fmt(n: number | null, unit = ''): string {
  if (n === null) return '–';
  const s = Number.isInteger(n)
    ? String(n)
    : Math.abs(n) >= 100
      ? n.toFixed(0)
      : Math.abs(n) >= 10
        ? n.toFixed(1)
        : n.toFixed(2);
  return unit ? `${s} ${unit}` : s;
}

export function verdict(b: Benchmark | undefined, r: BenchResult): string {
  if (r.details.skipped) return 'skipped';
  if (r.details.error) return 'error';
  if (!b?.met || r.value === null) return 'n/a';
  return b.met(r) ? 'yes' : 'NO';
}

/** A plain-text table: name, value, baseline, ratio, goal, met? */
export function table(benchmarks: Benchmark[], results: BenchResult[]): string {
  const rows = results.map((r) => {
    const b = benchmarks.find((x) => x.name === r.name);
    const note = r.details.skipped ?? r.details.error;
    return [
      r.name,
      fmt(r.value, r.unit),
      fmt(r.baseline, r.unit),
      r.ratio === null ? '–' : r.ratio.toFixed(3),
      b?.goal ?? '',
      verdict(b, r),
      typeof note === 'string' ? note : b?.note ? b.note(r) : '',
    ];
  });
  const head = ['name', 'value', 'baseline', 'ratio', 'goal', 'met?', 'notes'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * The checker of Jepsen's queue tests: every message is tagged; at the end each tag must have
 * had its effect exactly once. Lost = sent, never applied; duplicated = applied more than once;
 * unexpected = applied, never sent.
 */
export interface Verdict {
  sent: number;
  applied: number;
  lost: number;
  duplicated: number;
  unexpected: number;
}

export function check(sent: Iterable<string>, effects: Iterable<string>): Verdict {
  const tags = new Set(sent);
  const counts = new Map<string, number>();
  for (const e of effects) counts.set(e, (counts.get(e) ?? 0) + 1);
  let lost = 0;
  for (const t of tags) if (!counts.has(t)) lost++;
  let duplicated = 0;
  let unexpected = 0;
  for (const [tag, n] of counts) {
    if (!tags.has(tag)) unexpected++;
    else if (n > 1) duplicated++;
  }
  return {
    sent: tags.size,
    applied: [...counts.keys()].filter((t) => tags.has(t)).length,
    lost,
    duplicated,
    unexpected,
  };
}

/**
 * One line per scenario, in the form the fault suite promises. Every figure on it is counted
 * from what the scenario observed: callers pass counts, never literals.
 */
export function report(scenario: string, v: Verdict, extra: Record<string, number> = {}): string {
  const { unexpected, ...rest } = v;
  return figures(scenario, { ...rest, ...(unexpected ? { unexpected } : {}), ...extra });
}

/**
 * A line for scenarios that are not a message round trip (refusals, fuzzing). A yes/no is an
 * observed condition put into a word (`ok ? 'yes' : 'no'`), never a word written down as such.
 */
export function figures(scenario: string, counted: Record<string, number | 'yes' | 'no'>): string {
  const line = `${scenario}:${Object.entries(counted)
    .map(([k, n]) => ` ${k}=${n}`)
    .join('')}`;
  process.stdout.write(`${line}\n`);
  return line;
}

/**
 * What a load generator's unexpected answer was, in one line: the GraphQL errors it carried, or
 * where its text first departs from the expected one. A benchmark that fails on a mismatched
 * body says why, so that a rare wrong answer under load can be traced after the run.
 */
export function whatDiffers(expected: string, got: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(got);
  } catch {
    return `not JSON (${got.length} chars): ${got.slice(0, 200)}`;
  }
  // An answer that is meant to carry errors (fields refused for want of consent) is judged by
  // where it departs, like any other; only errors the expected answer lacks are named.
  const expectedErrors = new Set(errorsOf(safeParse(expected)).map((e) => JSON.stringify(e)));
  const extra = errorsOf(parsed).filter((e) => !expectedErrors.has(JSON.stringify(e)));
  if (extra.length > 0) {
    const named = extra
      .slice(0, 3)
      .map((e) => `${JSON.stringify(e.extensions?.code ?? '?')}: ${JSON.stringify(e.message ?? '')}`);
    return `${extra.length} unexpected GraphQL error(s): ${named.join(' | ')}`;
  }
  let at = 0;
  while (at < expected.length && at < got.length && expected[at] === got[at]) at++;
  if (at === expected.length && at === got.length) return 'equal';
  const from = Math.max(0, at - 60);
  return `differs at char ${at} of ${expected.length} (got ${got.length}): expected …${expected.slice(from, at + 80)}… got …${got.slice(from, at + 80)}…`;
}

interface GraphQLErrorShape {
  message?: unknown;
  extensions?: { code?: unknown };
}

function errorsOf(answer: unknown): GraphQLErrorShape[] {
  const errors = (answer as { errors?: unknown } | null)?.errors;
  return Array.isArray(errors) ? (errors as GraphQLErrorShape[]) : [];
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Keeps the first few unexpected answers of a run, each described by `whatDiffers`. */
export class MismatchSamples {
  readonly seen: string[] = [];
  constructor(
    private readonly expected: string,
    private readonly keep = 3,
  ) {}

  /** autocannon's `verifyBody`: true for the expected answer, else noted (up to `keep`). */
  readonly verify = (body: string): boolean => {
    if (body === this.expected) return true;
    if (this.seen.length < this.keep) this.seen.push(whatDiffers(this.expected, body));
    return false;
  };
}

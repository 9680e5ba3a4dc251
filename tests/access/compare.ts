/**
 * Comparing an answer with its expectation, field by field. A leak is data where the
 * expectation has none (a value where null is expected, an item that should not be in a list,
 * a refused thing that was done); a mismatch is any other difference (a value missing that
 * should be there, a wrong value, a wrong or missing error). Every comparison is one probe.
 */

/** Null, with a CONSENT_REQUIRED error at this path naming the category. */
export class Hidden {
  constructor(readonly category: string) {}
}
/** A list whose order does not matter; items are matched by key. */
export class Unordered {
  constructor(readonly items: Expected[]) {}
}
/** Any one of these values. */
export class OneOf {
  constructor(readonly options: Expected[]) {}
}
/** Not compared (e.g. a cursor). */
export const ANY = Symbol('not compared');

export type Expected =
  null | string | number | boolean | Expected[] | { [key: string]: Expected } | Hidden | Unordered | OneOf | typeof ANY;

export interface GqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; category?: string; [k: string]: unknown };
}

export interface Tally {
  probes: number;
  leaks: string[];
  mismatches: string[];
}

export const newTally = (): Tally => ({ probes: 0, leaks: [], mismatches: [] });

export function merge(into: Tally, from: Tally): void {
  into.probes += from.probes;
  into.leaks.push(...from.leaks);
  into.mismatches.push(...from.mismatches);
}

/** One yes/no observation. */
export function check(t: Tally, ok: boolean, leak: boolean, what: string): void {
  t.probes++;
  if (leak) t.leaks.push(what);
  else if (!ok) t.mismatches.push(what);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  !(v instanceof Hidden) &&
  !(v instanceof Unordered) &&
  !(v instanceof OneOf);

const hasData = (v: unknown): boolean => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0);

/** The key an item of an unordered list is matched by: its id, or all of it. */
export function itemKey(v: unknown): string {
  if (isObject(v) && typeof v.id === 'string') return v.id;
  return stable(v);
}

function stable(v: unknown): string {
  if (v instanceof Unordered) return `[${v.items.map(stable).sort().join(',')}]`;
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (isObject(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${k}:${stable(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}

const short = (v: unknown) => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
};

export const categoryName = (c: unknown) => (typeof c === 'string' ? c.toLowerCase().replace(/_/g, '-') : '');

/**
 * Compares an answer with its expectation. `path` is the answer's own path (list indexes as in
 * the answer) so that errors are found where GraphQL puts them; `used` collects the errors an
 * expectation accounted for.
 */
export function compareTree(
  t: Tally,
  label: string,
  actual: unknown,
  expected: Expected,
  path: (string | number)[],
  errors: GqlError[],
  used: Set<GqlError>,
): void {
  const where = `${label} ${path.join('.')}`;
  if (expected === ANY) return;
  if (expected instanceof Hidden) {
    const err = errors.find((e) => (e.path ?? []).join('.') === path.join('.'));
    if (err) used.add(err);
    const named =
      err?.extensions?.code === 'CONSENT_REQUIRED' && categoryName(err.extensions?.category) === expected.category;
    check(
      t,
      named && (actual === null || actual === undefined),
      hasData(actual),
      `${where}: expected null with CONSENT_REQUIRED (${expected.category}), got ${short(actual)}${err ? ` / ${err.extensions?.code} ${categoryName(err.extensions?.category)}` : ' / no error'}`,
    );
    return;
  }
  if (expected instanceof OneOf) {
    const ok = expected.options.some((o) => stable(o) === stable(actual ?? null));
    const leak = !ok && expected.options.every((o) => o === null) && hasData(actual);
    check(t, ok, leak, `${where}: expected one of ${short(expected.options)}, got ${short(actual)}`);
    return;
  }
  if (expected instanceof Unordered) {
    if (!Array.isArray(actual)) {
      check(t, false, false, `${where}: expected a list of ${expected.items.length}, got ${short(actual)}`);
      return;
    }
    const want = new Map<string, Expected>(expected.items.map((e) => [itemKey(e), e]));
    const seen = new Set<string>();
    actual.forEach((item, i) => {
      const k = itemKey(item);
      const e = want.get(k);
      if (e === undefined || seen.has(k)) {
        check(t, false, true, `${where}[${i}]: not expected here: ${short(item)}`);
        return;
      }
      seen.add(k);
      check(t, true, false, `${where}[${i}]`);
      compareTree(t, label, item, e, [...path, i], errors, used);
    });
    for (const [k, e] of want) if (!seen.has(k)) check(t, false, false, `${where}: missing ${short(e)}`);
    return;
  }
  if (Array.isArray(expected)) {
    // An ordered list of scalars (languages, services delivered).
    const same = stable(actual ?? null) === stable(expected);
    check(
      t,
      same,
      !same && expected.length === 0 && hasData(actual),
      `${where}: expected ${short(expected)}, got ${short(actual)}`,
    );
    return;
  }
  if (isObject(expected)) {
    if (!isObject(actual)) {
      check(t, false, false, `${where}: expected an object, got ${short(actual)}`);
      return;
    }
    for (const [k, e] of Object.entries(expected)) compareTree(t, label, actual[k], e, [...path, k], errors, used);
    return;
  }
  // A scalar, or null.
  const a = actual === undefined ? null : actual;
  const same = stable(a) === stable(expected);
  check(t, same, !same && expected === null && hasData(a), `${where}: expected ${short(expected)}, got ${short(a)}`);
}

/** Errors no expectation accounted for are mismatches (an answer should carry no others). */
export function leftoverErrors(t: Tally, label: string, errors: GqlError[] | undefined, used: Set<GqlError>): void {
  for (const e of errors ?? []) {
    if (used.has(e)) continue;
    check(
      t,
      false,
      false,
      `${label}: unexpected error at ${(e.path ?? []).join('.')}: ${e.extensions?.code} ${e.message}`,
    );
  }
}

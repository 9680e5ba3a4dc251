/**
 * The access matrix: every principal of the fixture against every read, list, search, report
 * and mutation, each answer compared with what the policy table (policy-table.ts, written from
 * docs/privacy.md) says. `runMatrix` probes a hub whose fixture was set up once (fixture.ts);
 * it can run again on the same fixture, e.g. once per access rule switched off.
 */
import { check, merge, newTally, type Tally } from './compare.js';
import { loadFacts } from './facts.js';
import type { MatrixFixture, MatrixHub } from './fixture.js';
import { Oracle } from './oracle.js';
import { CASE_TYPES, MUTATIONS, OTHER_TYPES, QUERIES } from './policy-table.js';
import { probeLists, probeOrders, probeSearch, probeSingleReads, type Oracles } from './probe-cases.js';
import { probeLedger } from './probe-ledger.js';
import { probeIntakeByIdentifier, probeMutations } from './probe-mutations.js';
import { probeQueries } from './probe-queries.js';
import { probeReports } from './probe-reports.js';

export interface MatrixResult {
  probes: number;
  leaks: string[];
  mismatches: string[];
  /** Probes, leaks and mismatches per part of the matrix. */
  sections: Record<string, Tally & { ms: number }>;
}

// Deprecated fields are still served (and still under the policy): list them too.
const INTROSPECT = `{ __schema { queryType { name } mutationType { name } types { name kind fields(includeDeprecated: true) { name } } } }`;

/** Every object type, field, query and mutation of the live schema is in the table, and nothing more. */
function coverage(
  schema: { types: { name: string; kind: string; fields: { name: string }[] | null }[] },
  t: Tally,
): void {
  for (const type of schema.types) {
    if (type.kind !== 'OBJECT' || type.name.startsWith('__')) continue;
    const names = (type.fields ?? []).map((f) => f.name);
    const table =
      type.name === 'Query'
        ? QUERIES
        : type.name === 'Mutation'
          ? MUTATIONS
          : (CASE_TYPES[type.name] ?? OTHER_TYPES[type.name]);
    if (!table) {
      check(t, false, false, `schema type ${type.name} is not in the policy table`);
      continue;
    }
    for (const n of names) check(t, n in table, false, `schema field ${type.name}.${n} is not in the policy table`);
    for (const n of Object.keys(table))
      if (!names.includes(n)) check(t, false, false, `policy table field ${type.name}.${n} is not in the schema`);
  }
  const objectTypes = new Set(schema.types.filter((x) => x.kind === 'OBJECT').map((x) => x.name));
  for (const name of [...Object.keys(CASE_TYPES), ...Object.keys(OTHER_TYPES)])
    if (!objectTypes.has(name)) check(t, false, false, `policy table type ${name} is not in the schema`);
}

/** The parts of the matrix, in the order they run. */
export const PARTS = [
  'coverage',
  'case reads',
  'case lists',
  'search',
  'ledger',
  'sorted case lists',
  'other queries',
  'query coverage',
  'reports',
  'mutations',
  'intake by identifier',
] as const;
export type Part = (typeof PARTS)[number];

export interface MatrixOptions {
  /**
   * Parts to leave out, by name (e.g. 'mutations' for a quicker run per ablated read rule). The
   * Art. 15 recipients check of 'reports' counts on 'case reads' having run before it.
   */
  skip?: Part[];
}

export async function runMatrix(hub: MatrixHub, fx: MatrixFixture, opts: MatrixOptions = {}): Promise<MatrixResult> {
  const sections: Record<string, Tally & { ms: number }> = {};
  const part = async (name: Part, fn: (t: Tally) => Promise<void> | void) => {
    if (opts.skip?.includes(name)) return;
    const t = newTally();
    const started = Date.now();
    await fn(t);
    sections[name] = { ...t, ms: Date.now() - started };
  };
  const anyStaff = fx.principals.find((p) => p.kind === 'staff' && p.tenantId === fx.tenantId)!;
  const intro = await hub.gql(anyStaff.token, INTROSPECT);
  const schema = intro.data.__schema;
  await part('coverage', (t) => coverage(schema, t));

  const oraclesNow = async (): Promise<Oracles> => {
    const main = new Oracle(await loadFacts(hub.db.ds, fx.tenantId));
    const other = new Oracle(await loadFacts(hub.db.ds, fx.otherTenantId));
    return { main, of: (v) => (v.tenantId === fx.tenantId ? main : other) };
  };
  let oracles = await oraclesNow();
  await part('case reads', (t) => probeSingleReads(hub, fx, oracles, t));
  await part('case lists', (t) => probeLists(hub, fx, oracles, t));
  await part('search', (t) => probeSearch(hub, fx, oracles, t));
  await part('ledger', (t) => probeLedger(hub, fx, oracles, t));
  await part('sorted case lists', (t) => probeOrders(hub, fx, oracles, t));
  const probed = new Set<string>();
  await part('other queries', (t) => probeQueries(hub, fx, oracles, t, probed));
  await part('query coverage', (t) => {
    for (const q of Object.keys(QUERIES)) check(t, probed.has(q), false, `query ${q} has no probe`);
  });
  oracles = await oraclesNow();
  await part('reports', (t) => probeReports(hub, fx, oracles, t));
  const mutationNames = (schema.types.find((x: { name: string }) => x.name === 'Mutation')?.fields ?? []).map(
    (f: { name: string }) => f.name,
  );
  await part('mutations', (t) => probeMutations(hub, fx, t, mutationNames));
  await part('intake by identifier', (t) => probeIntakeByIdentifier(hub, fx, t));

  const total = newTally();
  for (const t of Object.values(sections)) merge(total, t);
  return { probes: total.probes, leaks: total.leaks, mismatches: total.mismatches, sections };
}

/** The findings of a run, grouped by part, for the console. */
export function describe(result: MatrixResult): string {
  const lines: string[] = [];
  for (const [name, t] of Object.entries(result.sections)) {
    lines.push(
      `  ${name}: ${t.probes} probes, ${t.leaks.length} leaks, ${t.mismatches.length} mismatches (${(t.ms / 1000).toFixed(1)} s)`,
    );
    for (const l of t.leaks) lines.push(`    LEAK ${l}`);
    for (const m of t.mismatches) lines.push(`    MISMATCH ${m}`);
  }
  return lines.join('\n');
}

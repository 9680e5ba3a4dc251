/**
 * The generator and the evaluator are written apart from the matcher: they may take nothing from
 * @kim/linkage but the record type. Only run.ts, the adapter that runs the matcher, calls its
 * public functions (and the hub's generator and metrics, for the hub generator's own lines);
 * specs may use the onboarding CSV format functions to check the records.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = dirname(fileURLToPath(import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Names imported from @kim/linkage by a file, and whether every such import is type-only. */
function linkageImports(text: string): { names: string[]; typeOnly: boolean } {
  const names: string[] = [];
  let typeOnly = true;
  for (const m of text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'@kim\/linkage'/g)) {
    const whole = m[1] !== undefined;
    for (const raw of m[2]!.split(',')) {
      const n = raw.trim();
      if (!n) continue;
      const isType = whole || n.startsWith('type ');
      if (!isType) typeOnly = false;
      names.push(n.replace(/^type\s+/, '').split(/\s+as\s+/)[0]!);
    }
  }
  if (/from\s+'@kim\/linkage\//.test(text) || /import\s+\*\s+as\s+\w+\s+from\s+'@kim\/linkage'/.test(text))
    typeOnly = false;
  return { names, typeOnly };
}

describe('independence from the matcher', () => {
  const files = sources(SRC).map((f) => ({ path: relative(SRC, f), text: readFileSync(f, 'utf8') }));

  it('finds the sources', () => {
    expect(files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['generate.ts', 'evaluate.ts', 'run.ts', 'records.ts']),
    );
  });

  it('generator and evaluator import only the record type', () => {
    for (const f of files.filter((x) => !x.path.endsWith('.spec.ts') && x.path !== 'run.ts')) {
      const { names, typeOnly } = linkageImports(f.text);
      expect({ file: f.path, typeOnly }).toEqual({ file: f.path, typeOnly: true });
      for (const n of names) expect({ file: f.path, name: n }).toEqual({ file: f.path, name: 'PersonRecord' });
    }
  });

  it('only run.ts calls the matcher, through its public entry point', () => {
    const { names } = linkageImports(files.find((f) => f.path === 'run.ts')!.text);
    for (const n of names)
      expect(['matchRecords', 'generatePopulation', 'evaluateDecisions', 'countTruePairs', 'PersonRecord']).toContain(
        n,
      );
    for (const f of files)
      expect({ file: f.path, deep: /['"][./]*(?:packages\/)?linkage\/src/.test(f.text) }).toEqual({
        file: f.path,
        deep: false,
      });
  });

  it('specs use only the CSV format functions', () => {
    for (const f of files.filter((x) => x.path.endsWith('.spec.ts'))) {
      for (const n of linkageImports(f.text).names)
        expect(['parseClientRow', 'recordToRow', 'PersonRecord']).toContain(n);
    }
  });
});

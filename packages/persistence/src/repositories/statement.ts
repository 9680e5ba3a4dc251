import type { DataSource, EntityManager } from 'typeorm';
import { preparedQuery } from '../prepared.js';

/**
 * Where a statement runs: the data source (its own implicit transaction, through the tenant
 * fence) or a transaction's entity manager. The use-case decides the transaction and passes it.
 */
export type Db = DataSource | EntityManager;

/** One hand-written SQL statement of a repository; its text is what the snapshot shows. */
export interface Statement<Row, Params extends readonly unknown[]> {
  readonly repository: string;
  readonly name: string;
  readonly text: string;
  /** Run as a named prepared statement: for hot statements whose text never varies. */
  readonly prepared: boolean;
  /** Phantom fields: carry the row and parameter types to `rows`/`one`; never set. */
  readonly _row?: Row;
  readonly _params?: Params;
}

const registry = new Map<string, Statement<unknown, readonly unknown[]>>();

/** Strip the common indentation of a template literal so the snapshot reads like SQL. */
function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').replace(/\s+$/, '').split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length);
  const cut = Math.min(...indents);
  return lines.map((l) => l.slice(cut)).join('\n');
}

/**
 * Declare a statement. Every statement of the hub is declared once, at module load, so
 * `npm run sql:snapshot` can write them all to `packages/persistence/sql/<repository>.sql` and a
 * test fails when the code and the committed snapshot differ.
 */
export function statement<Row, Params extends readonly unknown[] = readonly unknown[]>(
  repository: string,
  name: string,
  text: string,
  options: { prepared?: boolean } = {},
): Statement<Row, Params> {
  const key = `${repository}.${name}`;
  if (registry.has(key)) throw new Error(`SQL statement ${key} is declared twice`);
  const s: Statement<Row, Params> = { repository, name, text: dedent(text), prepared: options.prepared ?? false };
  registry.set(key, s);
  return s;
}

/**
 * The rows of a statement. UPDATE/DELETE … RETURNING come back from TypeORM as [rows, count];
 * this gives rows for every kind of statement.
 */
export async function rows<Row, Params extends readonly unknown[]>(
  db: Db,
  s: Statement<Row, Params>,
  params: Params,
): Promise<Row[]> {
  if (s.prepared) return preparedQuery<Row>(db, s.text, [...params]);
  const result: unknown = await db.query(s.text, [...params]);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as Row[];
  }
  return result as Row[];
}

/** The single row of a statement, or null. */
export async function maybeOne<Row, Params extends readonly unknown[]>(
  db: Db,
  s: Statement<Row, Params>,
  params: Params,
): Promise<Row | null> {
  const [row] = await rows(db, s, params);
  return row ?? null;
}

/** Run a statement for its effect: the number of rows it changed (or returned). */
export async function execute<Params extends readonly unknown[]>(
  db: Db,
  s: Statement<unknown, Params>,
  params: Params,
): Promise<number> {
  if (s.prepared) return (await preparedQuery(db, s.text, [...params])).length;
  const result: unknown = await db.query(s.text, [...params]);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[1];
  }
  return Array.isArray(result) ? result.length : 0;
}

/** Every declared statement, ordered by repository and name: the snapshot's content. */
export function declaredStatements(): Statement<unknown, readonly unknown[]>[] {
  return [...registry.values()].sort((a, b) =>
    a.repository === b.repository ? a.name.localeCompare(b.name) : a.repository.localeCompare(b.repository),
  );
}

/** The snapshot files: one per repository, each statement under a comment with its name. */
export function snapshotFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const s of declaredStatements()) {
    const head = `-- ${s.name}${s.prepared ? ' (prepared)' : ''}\n`;
    const file = `${s.repository}.sql`;
    files.set(file, (files.get(file) ?? '') + head + s.text + ';\n\n');
  }
  return files;
}

import type { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { dataSourceOf, preparedQuery } from './prepared.js';

/**
 * Reading rows without TypeORM's query builder. On the hub's hot paths (loaders, sending a
 * referral, delivering it, taking in a status) building each query and hydrating its rows
 * through TypeORM cost more CPU than the database took to answer, and its statements were
 * planned anew every time. These write each statement once per shape, from the entity's
 * metadata, run it prepared, and hand back what TypeORM would: entity instances with property
 * names, `date` columns as 'YYYY-MM-DD' text (a test compares both ways for every loader).
 */

export type Order = Record<string, 'ASC' | 'DESC' | undefined>;

export interface SelectOptions {
  order?: Order;
  /** Lock the rows (SELECT … FOR UPDATE), inside a transaction. */
  forUpdate?: boolean;
}

/** Every column of an entity named as its property (with a prefix when several entities share a row). */
export function selectList(meta: EntityMetadata, alias?: string, prefix = ''): string {
  const qualifier = alias ? `${alias}.` : '';
  return meta.columns
    .map((c) => `${qualifier}"${c.databaseName}"${c.type === 'date' ? '::text' : ''} AS "${prefix}${c.propertyName}"`)
    .join(', ');
}

/** An entity instance from the columns of a row that carry its prefix. */
export function hydrateRow<T>(meta: EntityMetadata, row: Record<string, unknown>, prefix = ''): T {
  const entity = meta.create() as Record<string, unknown>;
  for (const c of meta.columns) entity[c.propertyName] = row[`${prefix}${c.propertyName}`];
  return entity as T;
}

/** An entity instance from a row PostgreSQL turned into JSON (column names; timestamps as text). */
export function rowFromJson<T>(meta: EntityMetadata, json: Record<string, unknown>): T {
  const entity = meta.create() as Record<string, unknown>;
  for (const c of meta.columns) {
    const value = json[c.databaseName] ?? null;
    entity[c.propertyName] = value !== null && c.type === 'timestamptz' ? new Date(value as string) : value;
  }
  return entity as T;
}

/** JSON columns go as text: node-postgres would turn a JavaScript array into a PostgreSQL array. */
function parameterOf(column: EntityMetadata['columns'][number], value: unknown): unknown {
  return (column.type === 'jsonb' || column.type === 'json') && value != null ? JSON.stringify(value) : value;
}

const statements = new WeakMap<EntityMetadata, Map<string, string>>();

function columnOf(meta: EntityMetadata, property: string): string {
  const c = meta.findColumnWithPropertyName(property);
  if (!c) throw new Error(`${meta.name} has no column ${property}`);
  return `"${c.databaseName}"`;
}

/** The statement for one shape of question: which properties, compared how, in which order. */
function statementFor(meta: EntityMetadata, where: Record<string, unknown>, opts: SelectOptions): string {
  const conditions = Object.entries(where).map(([property, value]) =>
    value === null ? `${property} null` : Array.isArray(value) ? `${property} any` : `${property} eq`,
  );
  const order = Object.entries(opts.order ?? {}).map(([property, dir]) => `${property} ${dir ?? 'ASC'}`);
  const shape = `${conditions.join(',')}|${order.join(',')}|${opts.forUpdate ? 'lock' : ''}`;
  let byShape = statements.get(meta);
  if (!byShape) statements.set(meta, (byShape = new Map<string, string>()));
  const known = byShape.get(shape);
  if (known) return known;
  let n = 0;
  const sqlWhere = Object.entries(where).map(([property, value]) => {
    const column = columnOf(meta, property);
    if (value === null) return `${column} IS NULL`;
    n += 1;
    return Array.isArray(value) ? `${column} = ANY($${n})` : `${column} = $${n}`;
  });
  const orderBy = Object.entries(opts.order ?? {}).map(
    ([property, dir]) => `${columnOf(meta, property)} ${dir === 'DESC' ? 'DESC' : 'ASC'}`,
  );
  const sql =
    `SELECT ${selectList(meta)} FROM "${meta.tableName}"` +
    (sqlWhere.length ? ` WHERE ${sqlWhere.join(' AND ')}` : '') +
    (orderBy.length ? ` ORDER BY ${orderBy.join(', ')}` : '') +
    (opts.forUpdate ? ' FOR UPDATE' : '');
  byShape.set(shape, sql);
  return sql;
}

/**
 * Rows where every given property equals its value (an array: is one of its elements; null: is
 * null). Inside a transaction pass its EntityManager.
 */
export async function selectRows<T extends ObjectLiteral>(
  on: DataSource | EntityManager,
  entity: EntityTarget<T>,
  where: Partial<Record<keyof T & string, unknown>>,
  opts: SelectOptions = {},
): Promise<T[]> {
  const meta = dataSourceOf(on).getMetadata(entity);
  const sql = statementFor(meta, where, opts);
  const values = Object.values(where).filter((v) => v !== null);
  const rows = await preparedQuery<Record<string, unknown>>(on, sql, values);
  return rows.map((row) => hydrateRow<T>(meta, row));
}

/** The one row where every given property equals its value, or null. */
export async function selectRow<T extends ObjectLiteral>(
  on: DataSource | EntityManager,
  entity: EntityTarget<T>,
  where: Partial<Record<keyof T & string, unknown>>,
  opts: SelectOptions = {},
): Promise<T | null> {
  const [row] = await selectRows(on, entity, where, opts);
  return row ?? null;
}

/** Like selectRow, for a row that must exist (a foreign key points at it). */
export async function requireRow<T extends ObjectLiteral>(
  on: DataSource | EntityManager,
  entity: EntityTarget<T>,
  where: Partial<Record<keyof T & string, unknown>>,
  opts: SelectOptions = {},
): Promise<T> {
  const row = await selectRow(on, entity, where, opts);
  if (!row) {
    const name = dataSourceOf(on).getMetadata(entity).name;
    throw new Error(`${name} not found where ${JSON.stringify(where)}`);
  }
  return row;
}

const updates = new WeakMap<EntityMetadata, string>();

/**
 * Write a row back that was read in this transaction with FOR UPDATE: one prepared UPDATE of
 * every updatable column (no SELECT first, as TypeORM's save does to find what changed), with
 * the version counted up and the update time set as TypeORM would. Only for a locked row: it
 * writes what the object holds, so an object read without the lock could undo another change.
 */
export async function writeLockedRow<T extends ObjectLiteral>(
  m: EntityManager,
  entity: EntityTarget<T>,
  row: T,
): Promise<void> {
  if (!m.queryRunner) throw new Error('writeLockedRow: only inside the transaction that locked the row');
  const meta = m.connection.getMetadata(entity);
  const written = meta.columns.filter(
    (c) => c.isUpdate && !c.isPrimary && !c.isCreateDate && !c.isUpdateDate && !c.isVersion,
  );
  let sql = updates.get(meta);
  if (!sql) {
    const set = written.map((c, i) => `"${c.databaseName}" = $${i + 1}`);
    if (meta.versionColumn) set.push(`"${meta.versionColumn.databaseName}" = "${meta.versionColumn.databaseName}" + 1`);
    if (meta.updateDateColumn) set.push(`"${meta.updateDateColumn.databaseName}" = now()`);
    const keys = meta.primaryColumns.map((c, i) => `"${c.databaseName}" = $${written.length + i + 1}`);
    // The key comes back too, so a row that was not there shows as no row returned.
    const returning = [...meta.primaryColumns, meta.versionColumn, meta.updateDateColumn]
      .filter((c) => c !== undefined)
      .map((c) => `"${c.databaseName}" AS "${c.propertyName}"`);
    sql = `UPDATE "${meta.tableName}" SET ${set.join(', ')} WHERE ${keys.join(' AND ')} RETURNING ${returning.join(', ')}`;
    updates.set(meta, sql);
  }
  const source = row as Record<string, unknown>;
  const values = written.map((c) => parameterOf(c, source[c.propertyName]));
  const keys = meta.primaryColumns.map((c) => source[c.propertyName]);
  const result = await preparedQuery<Record<string, unknown>>(m, sql, [...values, ...keys]);
  if (result.length !== 1) throw new Error(`${meta.name} to write back was not found`);
  Object.assign(source, result[0]);
}

const inserts = new WeakMap<EntityMetadata, Map<string, string>>();

/**
 * Insert one row as a prepared statement: the given properties, every other column takes its
 * default (generated id, creation time). Returns nothing: callers that need a generated value
 * give it themselves.
 */
export async function insertRow<T extends ObjectLiteral>(
  on: DataSource | EntityManager,
  entity: EntityTarget<T>,
  values: Partial<T>,
): Promise<void> {
  const meta = dataSourceOf(on).getMetadata(entity);
  const given = meta.columns.filter((c) => (values as Record<string, unknown>)[c.propertyName] !== undefined);
  const shape = given.map((c) => c.propertyName).join(',');
  let byShape = inserts.get(meta);
  if (!byShape) inserts.set(meta, (byShape = new Map<string, string>()));
  let sql = byShape.get(shape);
  if (!sql) {
    sql =
      `INSERT INTO "${meta.tableName}" (${given.map((c) => `"${c.databaseName}"`).join(', ')}) ` +
      `VALUES (${given.map((_, i) => `$${i + 1}`).join(', ')})`;
    byShape.set(shape, sql);
  }
  const source = values as Record<string, unknown>;
  await preparedQuery(
    on,
    sql,
    given.map((c) => parameterOf(c, source[c.propertyName])),
  );
}

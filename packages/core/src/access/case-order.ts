import type { CaseOrderDirection, CaseOrderField } from '@kim/persistence';
import type { Principal } from '../common/principal.js';
import { DomainError } from '../common/errors.js';
import { keysetCursor } from '../common/cursor.js';

/** The order of a case list; ties are broken by the id, in the same direction. */
export interface CaseOrder {
  field: CaseOrderField;
  direction: CaseOrderDirection;
}

/** Newest first: the order of the list when the caller names none. */
export const DEFAULT_CASE_ORDER: CaseOrder = { field: 'openedAt', direction: 'desc' };

const isDefault = (o: CaseOrder) =>
  o.field === DEFAULT_CASE_ORDER.field && o.direction === DEFAULT_CASE_ORDER.direction;

// The cursors the list gave out before it could be sorted (opened_at to the millisecond | id):
// clients may hold them, so the default order still takes them.
const legacyCursor = keysetCursor({
  separator: '|',
  validAt: (at) => !Number.isNaN(Date.parse(at)),
  message: 'after is not a cursor this API gave out',
  hint: 'invalid cursor',
});

/**
 * Whether the caller may sort by the field. An agency sees a person's name only with identity
 * in its grant, case by case: sorting its list by family name would tell it where a name it may
 * not see falls in the alphabet, so it may not.
 */
export function mayOrderBy(p: Principal, field: CaseOrderField): boolean {
  return field !== 'familyName' || p.kind === 'staff';
}

const TAG = 'case-order';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_KEY = 300;
// What a key of each field looks like as the hub writes it (case.ts ORDER_KEYS).
const KEY_SHAPE: Record<CaseOrderField, (key: string) => boolean> = {
  openedAt: (k) => /^-?\d{1,18}$/.test(k),
  phase: (k) => /^[1-7]$/.test(k),
  reference: (k) => k.length <= MAX_KEY,
  familyName: (k) => k.length <= MAX_KEY,
};

/** The cursor of a row: opaque base64url of the order, the row's sort key and id. */
export const encodeCaseCursor = (o: CaseOrder, key: string, id: string): string =>
  Buffer.from(JSON.stringify([TAG, o.field, o.direction, key, id])).toString('base64url');

function parse(cursor: string): [string, string, string, string, string] | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 5 && v[0] === TAG && v.every((x) => typeof x === 'string')) {
      return v as [string, string, string, string, string];
    }
  } catch {
    // not one of ours: the caller says so
  }
  return null;
}

const otherOrder = () =>
  new DomainError('INVALID_INPUT', 'after was given out for another order of this list: start again without after', {
    problems: [{ path: 'after', message: 'cursor of another order' }],
  });

const notOurs = () =>
  new DomainError('INVALID_INPUT', 'after is not a cursor this API gave out', {
    problems: [{ path: 'after', message: 'invalid cursor' }],
  });

/**
 * The position in the order `o`; INVALID_INPUT for a cursor of another order (its key would
 * put the page anywhere) or one the hub never gave out.
 */
export function decodeCaseCursor(cursor: string, o: CaseOrder): { key: string; id: string } {
  const v = parse(cursor);
  if (!v) {
    const legacy = legacyCursor.decode(cursor);
    if (!isDefault(o)) throw otherOrder();
    // Its key in microseconds, as the order's statement takes it.
    return { key: String(BigInt(Date.parse(legacy.at)) * 1000n), id: legacy.id };
  }
  const [, field, direction, key, id] = v;
  if (field !== o.field || direction !== o.direction) throw otherOrder();
  if (!KEY_SHAPE[o.field](key) || !UUID.test(id)) throw notOurs();
  return { key, id };
}

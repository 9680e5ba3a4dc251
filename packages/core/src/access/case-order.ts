import type { CaseOrderDirection, CaseOrderField } from '@kim/persistence';
import type { Principal } from '../common/principal.js';
import { DomainError } from '../common/errors.js';
import { anotherOrder, keysetCursor } from '../common/cursor.js';

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

// The cursor of a row names the order and the row's id, nothing else: the key the row sorts by
// (a family name, above all) would travel in URLs, browser histories and proxy logs. The hub
// reads the key from the row itself, in the caller's scope (case.ts orderedListPage).
const TAG = 'case-order-2';
// The first sortable cursors (the key beside the id): still taken, the key left unread.
const TAG_WITH_KEY = 'case-order';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_CURSOR = 1000;

/** The cursor of a row: opaque base64url of the order and the row's id. */
export const encodeCaseCursor = (o: CaseOrder, id: string): string =>
  Buffer.from(JSON.stringify([TAG, o.field, o.direction, id])).toString('base64url');

/** [field, direction, id] of a cursor of ours, or null. */
function parse(cursor: string): [string, string, string] | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return null;
    const [tag, field, direction, ...rest] = v;
    if (tag === TAG && rest.length === 1) return [field!, direction!, rest[0]!];
    if (tag === TAG_WITH_KEY && rest.length === 2) return [field!, direction!, rest[1]!];
  } catch {
    // not one of ours: the caller says so
  }
  return null;
}

const notOurs = () =>
  new DomainError('INVALID_INPUT', 'after is not a cursor this API gave out', {
    problems: [{ path: 'after', message: 'invalid cursor' }],
  });

/** A cursor whose case is no longer in the caller's list (moved to another area, deleted). */
export const caseLeftList = () =>
  new DomainError('INVALID_INPUT', 'the case after names is no longer in your list: start again without after', {
    problems: [{ path: 'after', message: 'case no longer listed' }],
  });

/**
 * The case the page in the order `o` starts after; INVALID_INPUT for a cursor of another order
 * (its case's place differs there) or one the hub never gave out.
 */
export function decodeCaseCursor(cursor: string, o: CaseOrder): { id: string } {
  if (cursor.length > MAX_CURSOR) throw notOurs();
  const v = parse(cursor);
  if (!v) {
    const legacy = legacyCursor.decode(cursor);
    if (!isDefault(o)) throw anotherOrder();
    return { id: legacy.id };
  }
  const [field, direction, id] = v;
  if (field !== o.field || direction !== o.direction) throw anotherOrder();
  if (!UUID.test(id)) throw notOurs();
  return { id };
}

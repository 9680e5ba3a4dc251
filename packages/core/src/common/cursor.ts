import { DomainError } from './errors.js';

/** A position in a list ordered by (time, id): the time as text, the row's id. */
export interface KeysetPosition {
  at: string;
  id: string;
}

export interface KeysetCursor {
  encode(p: KeysetPosition): string;
  /** The position, or INVALID_INPUT (path `after`) for anything this cursor never gave out. */
  decode(cursor: string): KeysetPosition;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * THE keyset cursor of the API's lists: an opaque base64url text of an optional version tag, the
 * sort time and the row id. Each list keeps its own tag and time format (cursors clients hold
 * stay valid); this one helper writes and checks them all.
 */
export function keysetCursor(spec: {
  /** A version tag in front ('v1'), or none. */
  tag?: string;
  separator: string;
  /** Whether the time part is one this list writes (an ISO instant, microseconds ...). */
  validAt: (at: string) => boolean;
  /** The error's message and the hint for the `after` argument. */
  message: string;
  hint: string;
}): KeysetCursor {
  const invalid = () =>
    new DomainError('INVALID_INPUT', spec.message, { problems: [{ path: 'after', message: spec.hint }] });
  return {
    encode: (p) =>
      Buffer.from([...(spec.tag ? [spec.tag] : []), p.at, p.id].join(spec.separator)).toString('base64url'),
    decode(cursor) {
      const parts = Buffer.from(cursor, 'base64url').toString('utf8').split(spec.separator);
      if (spec.tag && parts.shift() !== spec.tag) throw invalid();
      const [at, id, ...rest] = parts;
      if (!at || !id || rest.length > 0 || !spec.validAt(at) || !UUID.test(id)) throw invalid();
      return { at, id };
    },
  };
}

/** Microseconds since the epoch, as PostgreSQL gives them for a timestamptz. */
export const isMicroseconds = (at: string): boolean => /^\d{1,18}$/.test(at);

/** A cursor given out for one order of a list, offered under another. */
export const anotherOrder = () =>
  new DomainError('INVALID_INPUT', 'after was given out for another order of this list: start again without after', {
    problems: [{ path: 'after', message: 'cursor of another order' }],
  });

/** Whether `after` is a cursor `cursor` gave out (so a list with two cursor kinds can tell them apart). */
export function gaveOut(cursor: KeysetCursor, after: string): boolean {
  try {
    cursor.decode(after.length > 200 ? '' : after);
    return true;
  } catch {
    return false;
  }
}

/**
 * The cursor of a list a caller may sort: opaque base64url of the list's tag, the order and the
 * row's id — never the row's sort key (names would travel in URLs and logs); the repository reads
 * the key from the row itself, in the caller's scope. A cursor of one order is refused in another.
 */
export function orderedCursor<F extends string>(tag: string) {
  const invalid = () =>
    new DomainError('INVALID_INPUT', 'after is not a cursor this API gave out', {
      problems: [{ path: 'after', message: 'invalid cursor' }],
    });
  const start = JSON.stringify([tag]).slice(0, -1);
  return {
    /** Whether `after` is one of this list's ordered cursors (of any order). */
    gaveOut: (after: string): boolean => Buffer.from(after, 'base64url').toString('utf8').startsWith(start),
    encode: (o: { field: F; direction: 'asc' | 'desc' }, id: string): string =>
      Buffer.from(JSON.stringify([tag, o.field, o.direction, id])).toString('base64url'),
    /** The id the page starts after; INVALID_INPUT for another order's cursor or one never given out. */
    decode(cursor: string, o: { field: F; direction: 'asc' | 'desc' }): string {
      let v: unknown;
      try {
        v = cursor.length <= 1000 ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : null;
      } catch {
        throw invalid();
      }
      if (!Array.isArray(v) || v.length !== 4 || v[0] !== tag || !v.every((x) => typeof x === 'string'))
        throw invalid();
      const [, field, direction, id] = v;
      if (field !== o.field || direction !== o.direction) throw anotherOrder();
      if (!UUID.test(id!)) throw invalid();
      return id!;
    },
  };
}

/** A cursor whose row is no longer in the caller's list: its place in the order is unknown. */
export const rowLeftList = () =>
  new DomainError('INVALID_INPUT', 'the row after names is no longer in your list: start again without after', {
    problems: [{ path: 'after', message: 'row no longer listed' }],
  });

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

import { DomainError } from '@kim/core';

/** Position in an outbound message list (newest first): creation time in microseconds and row id. */
export interface MessageCursor {
  createdUs: string;
  id: string;
}

const CURSOR = /^m1:(\d{1,18}):([0-9a-f-]{36})$/;

export function encodeMessageCursor(c: MessageCursor): string {
  return Buffer.from(`m1:${c.createdUs}:${c.id}`).toString('base64url');
}

export function decodeMessageCursor(cursor: string): MessageCursor {
  const m = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) {
    throw new DomainError('INVALID_INPUT', 'after is not a cursor this list gave out', {
      problems: [{ path: 'after', message: 'use the cursor of a message of an earlier answer' }],
    });
  }
  return { createdUs: m[1]!, id: m[2]! };
}

import { isMicroseconds, keysetCursor } from '@kim/core';

/** Position in an outbound message list (newest first): creation time in microseconds and row id. */
export interface MessageCursor {
  createdUs: string;
  id: string;
}

const cursor = keysetCursor({
  tag: 'm1',
  separator: ':',
  validAt: isMicroseconds,
  message: 'after is not a cursor this list gave out',
  hint: 'use the cursor of a message of an earlier answer',
});

export const encodeMessageCursor = (c: MessageCursor): string => cursor.encode({ at: c.createdUs, id: c.id });

export function decodeMessageCursor(after: string): MessageCursor {
  const p = cursor.decode(after);
  return { createdUs: p.at, id: p.id };
}

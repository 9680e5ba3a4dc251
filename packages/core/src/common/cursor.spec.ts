import { DomainError } from './errors.js';
import { isMicroseconds, keysetCursor } from './cursor.js';

const id = '0b7f8a9e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const feed = keysetCursor({ tag: 'v1', separator: ':', validAt: isMicroseconds, message: 'bad', hint: 'hint' });
const cases = keysetCursor({
  separator: '|',
  validAt: (at) => !Number.isNaN(Date.parse(at)),
  message: 'bad',
  hint: 'h',
});
const b64 = (s: string) => Buffer.from(s).toString('base64url');

describe('keysetCursor', () => {
  it('writes the wire formats the lists gave out before (clients keep their cursors)', () => {
    expect(feed.encode({ at: '1767225600000000', id })).toBe(b64(`v1:1767225600000000:${id}`));
    expect(cases.encode({ at: '2026-01-01T00:00:00.000Z', id })).toBe(b64(`2026-01-01T00:00:00.000Z|${id}`));
  });

  it('reads back what it wrote', () => {
    expect(feed.decode(feed.encode({ at: '42', id }))).toEqual({ at: '42', id });
    expect(cases.decode(b64(`2026-01-01T00:00:00.000Z|${id}`))).toEqual({ at: '2026-01-01T00:00:00.000Z', id });
  });

  it.each([
    ['another tag', b64(`m1:42:${id}`)],
    ['no tag', b64(`42:${id}`)],
    ['a time that is not microseconds', b64(`v1:yesterday:${id}`)],
    ['an id that is no uuid', b64('v1:42:robert')],
    ['a part too many', b64(`v1:42:${id}:x`)],
    ['nothing', ''],
  ])('refuses %s as invalid input of `after`', (_what, cursor) => {
    let error: unknown;
    try {
      feed.decode(cursor);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', details: { problems: [{ path: 'after', message: 'hint' }] } });
  });
});

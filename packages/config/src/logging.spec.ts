import { Writable } from 'node:stream';
import pino from 'pino';
import {
  hubLoggerOptions,
  logLevelFor,
  NestLogAdapter,
  currentTraceId,
  requestIdFrom,
  scrubMessage,
  serializeError,
  traceMixin,
  withTrace,
  type LogSink,
} from './logging.js';

function recordingSink() {
  const lines: { level: string; obj: Record<string, unknown>; msg?: string }[] = [];
  const at = (level: string) => (obj: Record<string, unknown>, msg?: string) => void lines.push({ level, obj, msg });
  const sink: LogSink = {
    fatal: at('fatal'),
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
    trace: at('trace'),
  };
  return { sink, lines };
}

describe('logging', () => {
  /** A real pino logger with the hub's options, writing lines into an array. */
  function hubLogger() {
    const lines: string[] = [];
    const out = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    return { log: pino(hubLoggerOptions('test', 'info'), out), lines };
  }

  // Written from docs/privacy.md (what must never reach a log), not from the code's key list.
  const SENSITIVE = {
    givenNames: 'SECRET-given',
    familyName: 'SECRET-family',
    birthDate: 'SECRET-1994-01-01',
    nationality: 'SECRET-SYR',
    person: { id: 'SECRET-person-object' },
    authorization: 'Bearer SECRET-token',
    apiKey: 'SECRET-api-key',
    webhookSecret: 'SECRET-whsec',
    'webhook-signature': 'v1,SECRET-signature',
    variables: { anything: 'SECRET-variables' },
    body: 'SECRET-body',
  };

  it('keeps personal data and credentials out of log lines, at the top and three levels down', async () => {
    const { log, lines } = hubLogger();
    log.info({ ...SENSITIVE, operation: 'Visible-op' }, 'top');
    log.info({ a: SENSITIVE, kept: 'Visible-1' }, 'one down');
    log.info({ a: { b: { c: SENSITIVE } }, list: [{ familyName: 'SECRET-in-array' }] }, 'three down');
    log.child({ component: 'Visible-binding' }).info('child');
    // pino writes a child's bindings as they are: bindings that would need redacting are refused.
    expect(() => log.child({ familyName: 'SECRET-binding' })).toThrow(/personal data or credentials/);
    await new Promise((r) => setImmediate(r));
    const text = lines.join('');
    expect(lines).toHaveLength(4);
    expect(text).not.toContain('SECRET');
    for (const visible of ['Visible-op', 'Visible-1', 'Visible-binding']) expect(text).toContain(visible);
    expect(JSON.parse(lines[0]!)).toMatchObject({ givenNames: '[redacted]', authorization: '[redacted]' });
  });

  it('stops four levels down, leaves the caller’s objects and bytes alone, and reduces nested errors', async () => {
    const { log, lines } = hubLogger();
    const mine = { a: { familyName: 'SECRET-1' } };
    log.info({ mine, bytes: Buffer.from('abc') }, 'mine');
    expect(mine.a.familyName).toBe('SECRET-1');
    log.info({ a: { b: { c: { d: { familyName: 'deep-enough-to-pass' } } } } }, 'deep');
    const dbError = Object.assign(new Error('duplicate key'), {
      code: '23505',
      detail: 'Key (family_name)=(SECRET-detail) already exists.',
      parameters: ['SECRET-param'],
    });
    log.warn({ cause: { error: dbError } }, 'nested error');
    log.error({ err: dbError }, 'top-level error');
    await new Promise((r) => setImmediate(r));
    const [first, deep, nested, top] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(first).toMatchObject({ mine: { a: { familyName: '[redacted]' } }, bytes: { type: 'Buffer' } });
    // The depth is the documented bound, not a promise beyond it.
    expect(JSON.stringify(deep)).toContain('deep-enough-to-pass');
    expect(nested).toMatchObject({ cause: { error: { type: 'Error', code: '23505', message: 'duplicate key' } } });
    expect(top).toMatchObject({ err: { type: 'Error', code: '23505', message: 'duplicate key' } });
    expect((top!.err as { stack?: string }).stack).toContain('duplicate key');
    expect(lines.join('')).not.toContain('SECRET');
  });

  it('takes a plain x-request-id and replaces anything else', () => {
    expect(requestIdFrom('trace-1.2:3_x')).toBe('trace-1.2:3_x');
    expect(requestIdFrom(['abc'])).toBe('abc');
    for (const bad of [undefined, '', 'x'.repeat(65), 'Amina Al-Hassan', 'a\nb']) {
      expect(requestIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('carries the trace id through awaited calls', async () => {
    expect(currentTraceId()).toBeUndefined();
    await withTrace('t-1', async () => {
      await new Promise((r) => setTimeout(r, 1));
      expect(traceMixin()).toEqual({ traceId: 't-1' });
    });
    expect(traceMixin()).toEqual({});
  });

  it('scrubs quoted values out of error messages and keeps only safe error fields', () => {
    expect(scrubMessage('invalid input syntax for type date: "1994-13-45"')).toBe(
      'invalid input syntax for type date: "[redacted]"',
    );
    const e = Object.assign(new Error(`Key (name)=('Amina') exists`), {
      code: '23505',
      parameters: ['Amina', '1994-01-01'],
    });
    const s = serializeError(e);
    expect(s).toMatchObject({ type: 'Error', code: '23505', message: "Key (name)=('[redacted]') exists" });
    expect(JSON.stringify(s)).not.toContain('Amina');
    expect(s).not.toHaveProperty('parameters');
    // A driver's plain error object keeps its message instead of becoming "[object Object]".
    expect(
      serializeError({ name: 'DatabaseError', code: '57P01', message: 'terminating connection', parameters: ['x'] }),
    ).toEqual({
      type: 'DatabaseError',
      code: '57P01',
      message: 'terminating connection',
    });
  });

  it("writes Nest's calls as structured lines with context, stack and object fields", () => {
    const { sink, lines } = recordingSink();
    const log = new NestLogAdapter(sink);
    log.log('Nest application successfully started', 'NestApplication');
    log.log({ msg: 'message queued', outboxId: 'o-1' }, undefined, 'OutboxPublisher');
    log.error('boom', 'Error: boom\n    at x', 'ExceptionsHandler');
    log.warn('careful');
    log.verbose('detail', 'Ctx');
    expect(lines).toEqual([
      { level: 'info', obj: { context: 'NestApplication' }, msg: 'Nest application successfully started' },
      { level: 'info', obj: { context: 'OutboxPublisher', outboxId: 'o-1' }, msg: 'message queued' },
      { level: 'error', obj: { context: 'ExceptionsHandler', stack: 'Error: boom\n    at x' }, msg: 'boom' },
      { level: 'warn', obj: {}, msg: 'careful' },
      { level: 'trace', obj: { context: 'Ctx' }, msg: 'detail' },
    ]);
  });

  it("maps the apps' Nest-style level lists onto a pino level", () => {
    expect(logLevelFor(undefined, 'debug')).toBe('debug');
    expect(logLevelFor(false, 'info')).toBe('silent');
    expect(logLevelFor(['error'], 'info')).toBe('error');
    expect(logLevelFor(['error', 'warn', 'log'], 'error')).toBe('info');
    expect(logLevelFor([], 'info')).toBe('silent');
  });
});

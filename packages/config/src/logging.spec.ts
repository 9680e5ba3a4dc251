import {
  LOG_REDACT_PATHS,
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
  it('redacts personal data and credentials at the top and a few levels down', () => {
    for (const path of [
      'givenNames',
      '*.familyName',
      '*.*.birthDate',
      '*.*.*.person',
      'authorization',
      '*.*.authorization',
      '*["webhook-signature"]',
    ]) {
      expect(LOG_REDACT_PATHS).toContain(path);
    }
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

import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import pino, { type DestinationStream } from 'pino';

/**
 * Logging shared by gateway and worker: which fields never reach a log line, the trace id
 * that follows a message through the hub, and an adapter that lets NestJS write through a
 * pino logger. (The pino instance itself is made by each app, which depends on pino.)
 */

/** Field names that hold personal data or credentials. */
const PERSONAL_KEYS = [
  'person',
  'persons',
  'givenNames',
  'familyName',
  'originalScript',
  'aliases',
  'birthDate',
  'birthName',
  'nationality',
  'residenceStatus',
  'arrivalDate',
  'municipality',
  'languages',
  'identity',
  'contact',
  'agencyIdentifier',
  'agencyPersonIdentifier',
  // GraphQL variables and message bodies carry the above wholesale.
  'variables',
  'body',
  'sentBody',
  'sent_body',
  'parameters',
];
const SECRET_KEYS = [
  'authorization',
  'cookie',
  'token',
  'accessToken',
  'apiKey',
  'password',
  'secret',
  'webhookSecret',
  'webhook_secret',
  'nextWebhookSecret',
  'next_webhook_secret',
  'webhook-signature',
  'METRICS_TOKEN',
  'DATABASE_URL',
  'REDIS_URL',
];

/** Keys whose values never reach a log line, wherever they sit (up to REDACT_DEPTH down). */
const REDACTED_KEYS: ReadonlySet<string> = new Set([...PERSONAL_KEYS, ...SECRET_KEYS]);
/** Levels below the top that are searched: `{ a: { b: { c: { person } } } }` is the deepest. */
const REDACT_DEPTH = 3;
export const LOG_REDACT_CENSOR = '[redacted]';

/** Values walked into: plain objects, arrays and class instances, never bytes or dates. */
const walkable = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !ArrayBuffer.isView(v) && !(v instanceof Date);

/**
 * Personal data (names, birth date, person.*, …), credentials (authorization headers, tokens,
 * API keys, webhook secrets) and bodies replaced by the censor, at the top level and up to three
 * levels down, in a copy: the caller's object is never changed. One pass over the fields that
 * are there, so a line costs what it holds: pino's path-based redaction tried ~150 wildcard paths
 * on every line (8 % of the gateway's busy CPU in linked_case_query). An error anywhere but the
 * top-level `err` (which the err serializer takes) is reduced to serializeError's safe fields:
 * a driver error's own fields (detail, parameters) quote the data. Redaction sees fields, not
 * message text: never build a message string from personal data.
 */
export function redactFields<T>(value: T, depth = 0): T {
  if (!walkable(value) || depth > REDACT_DEPTH) return value;
  let copy: Record<string, unknown> | unknown[] | undefined;
  for (const key of Object.keys(value)) {
    const v = value[key];
    let next: unknown;
    if (REDACTED_KEYS.has(key)) next = v === undefined ? v : LOG_REDACT_CENSOR;
    else if (v instanceof Error) next = depth === 0 && key === 'err' ? v : serializeError(v);
    else next = redactFields(v, depth + 1);
    if (next === v) continue;
    copy ??= Array.isArray(value) ? [...(value as unknown[])] : { ...value };
    (copy as Record<string, unknown>)[key] = next;
  }
  return (copy ?? value) as T;
}

/** Quoted values in error messages (PostgreSQL and GraphQL quote the offending input). */
export function scrubMessage(text: string): string {
  return text
    .replace(/"(?:[^"\\\n]|\\.)*"/g, '"[redacted]"')
    .replace(/'(?:[^'\\\n]|\\.)*'/g, "'[redacted]'")
    .replace(/«[^»\n]*»/g, '«[redacted]»');
}

/**
 * An error as a log field: type, code, message and stack, with quoted values scrubbed. Only
 * these: driver errors carry the statement's parameters, which hold personal data.
 */
export function serializeError(e: unknown): Record<string, unknown> {
  if (!(e instanceof Error)) {
    // Error-like objects (some drivers emit plain objects) keep their message and code.
    const o = (typeof e === 'object' && e !== null ? e : {}) as { message?: unknown; code?: unknown; name?: unknown };
    if (typeof o.message !== 'string') return { message: scrubMessage(String(e)) };
    return {
      ...(typeof o.name === 'string' ? { type: o.name } : {}),
      ...(typeof o.code === 'string' || typeof o.code === 'number' ? { code: o.code } : {}),
      message: scrubMessage(o.message),
    };
  }
  const code = (e as { code?: unknown }).code;
  return {
    type: e.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    message: scrubMessage(e.message),
    ...(e.stack ? { stack: scrubMessage(e.stack) } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Trace id

/** What every log line of one request or job carries. */
export interface TraceContext {
  traceId: string;
}

const traceStorage = new AsyncLocalStorage<TraceContext>();

/** Run fn with this trace id on every log line it writes (directly or through awaited calls). */
export function withTrace<T>(traceId: string, fn: () => T): T {
  return traceStorage.run({ traceId }, fn);
}

export function currentTraceId(): string | undefined {
  return traceStorage.getStore()?.traceId;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * The caller's x-request-id when it is a plain token of at most 64 characters (the job
 * registry's limit for a trace id), else a fresh UUID: a header never brings arbitrary text
 * into the logs.
 */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID.test(value) ? value : randomUUID();
}

/** pino `mixin`: the current trace id on every line. */
export function traceMixin(): Record<string, unknown> {
  const traceId = currentTraceId();
  return traceId ? { traceId } : {};
}

// ---------------------------------------------------------------------------------------------
// NestJS adapter

type SinkMethod = (obj: Record<string, unknown>, msg?: string) => void;

/** The part of a pino logger the adapter uses. */
export interface LogSink {
  fatal: SinkMethod;
  error: SinkMethod;
  warn: SinkMethod;
  info: SinkMethod;
  debug: SinkMethod;
  trace: SinkMethod;
}

type NestLevel = 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';
const SINK_LEVEL: Record<NestLevel, keyof LogSink> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/**
 * NestJS's LoggerService over pino: Nest's own lines and every `new Logger(context)` write
 * structured JSON, with the context as a field and the trace id of the request or job.
 * An object message is logged as fields (a `msg` field becomes the message).
 */
export class NestLogAdapter {
  constructor(private readonly sink: LogSink) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: NestLevel, message: unknown, params: unknown[]): void {
    // Nest passes the context last and, for errors, a stack before it.
    const rest = params.filter((p) => p !== undefined);
    const fields: Record<string, unknown> = {};
    if (rest.length > 0 && typeof rest[rest.length - 1] === 'string') fields.context = rest.pop();
    if ((level === 'error' || level === 'fatal') && typeof rest[0] === 'string')
      fields.stack = scrubMessage(rest.shift() as string);
    const errors = rest.filter((p): p is Error => p instanceof Error);
    if (errors[0]) fields.err = serializeError(errors[0]);
    const sink = this.sink;
    const method = SINK_LEVEL[level];
    const emit = (obj: Record<string, unknown>, msg?: string) => sink[method](obj, msg);
    if (message instanceof Error) {
      emit({ ...fields, err: serializeError(message) }, scrubMessage(message.message));
    } else if (message !== null && typeof message === 'object') {
      const { msg, ...object } = message as Record<string, unknown>;
      emit({ ...fields, ...object }, typeof msg === 'string' ? msg : undefined);
    } else {
      emit(fields, String(message));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// pino options

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
type NestLevelName = 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';

const FROM_NEST: Record<NestLevelName, Exclude<LogLevel, 'silent'>> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};
const ORDER: LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/**
 * The pino level for an app: Nest-style level lists (as the apps' factories have always
 * taken them; the lowest listed level wins) or false (silent) override LOG_LEVEL.
 */
export function logLevelFor(nest: false | readonly NestLevelName[] | undefined, configured: LogLevel): LogLevel {
  if (nest === false) return 'silent';
  if (!nest) return configured;
  const levels = nest.map((l) => FROM_NEST[l]);
  return ORDER.find((l) => levels.includes(l as Exclude<LogLevel, 'silent'>)) ?? 'silent';
}

/**
 * pino options shared by gateway and worker: JSON lines with an ISO time, the level as a
 * word, the service name, the trace id of the current request or job, redaction of personal
 * data and credentials, and errors reduced to safe fields.
 */
export function hubLoggerOptions(service: string, level: LogLevel) {
  return {
    level,
    base: { service, pid: process.pid },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    formatters: {
      level: (label: string) => ({ level: label }),
      // Every line's fields (after the mixin) and the base bindings.
      log: (obj: Record<string, unknown>) => redactFields(obj),
      bindings: (bindings: Record<string, unknown>) => redactFields(bindings),
    },
    // pino writes a child logger's bindings without the formatters: refuse ones that would need
    // redacting rather than write them.
    // (typed unknown so that pino's Logger type is not inferred from this callback)
    onChild: (child: unknown) => {
      const bindings = (child as { bindings(): Record<string, unknown> }).bindings();
      if (redactFields(bindings) !== bindings)
        throw new Error('a child logger may not be bound to personal data or credentials');
    },
    mixin: traceMixin,
    serializers: { err: serializeError },
  };
}

/**
 * Standard output for log lines, written asynchronously: a line is handed to the kernel as soon
 * as the previous write is done, and lines that arrive meanwhile go out together. pino's default
 * is a synchronous write per line, which on a busy gateway blocked the event loop for every
 * request's two lines. The lines are flushed when the process exits; a process killed outright
 * can lose the last few, which the ledger (in the database) never does.
 */
export function stdoutLines(): DestinationStream {
  return pino.destination({ dest: 1, sync: false });
}

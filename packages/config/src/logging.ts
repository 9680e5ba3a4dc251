import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

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
  'OIDC_PROVIDERS',
  'clientSecret',
  'DATABASE_URL',
  'REDIS_URL',
];

function atAnyDepth(key: string, depth = 3): string[] {
  const k = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  const join = (prefix: string) => (k.startsWith('[') ? `${prefix}${k}` : prefix ? `${prefix}.${k}` : k);
  const paths = [join('')];
  let prefix = '';
  for (let i = 0; i < depth; i++) {
    prefix = prefix ? `${prefix}.*` : '*';
    paths.push(join(prefix));
  }
  return paths;
}

/**
 * pino `redact.paths`: personal data (names, birth date, person.*, …), credentials
 * (authorization headers, tokens, API keys, webhook secrets) and bodies, at the top level
 * and up to three levels down. Redaction sees fields, not message text: never build a
 * message string from personal data.
 */
export const LOG_REDACT_PATHS: string[] = [...PERSONAL_KEYS, ...SECRET_KEYS].flatMap((k) => atAnyDepth(k));
export const LOG_REDACT_CENSOR = '[redacted]';

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
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: LOG_REDACT_PATHS, censor: LOG_REDACT_CENSOR },
    mixin: traceMixin,
    serializers: { err: serializeError },
  };
}

import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { oidcProvidersEnv } from './oidc.js';
import { parseRedisUrl, RedisUrlError, type RedisTarget } from './redis-url.js';

/**
 * The hub's configuration, read from the environment once at start and validated against
 * this schema. Secrets are listed in SECRET_KEYS and never printed.
 */
const boolish = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const port = z.coerce.number().int().min(0).max(65535);

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** PostgreSQL, the system of record. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }),
  /**
   * The database owner, for migrations (the gateway at start, `npm run hub -- migrate`). Set it
   * when DATABASE_URL logs in as a role that is only a member of kim_app; default DATABASE_URL.
   */
  MIGRATION_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
  /**
   * A streaming replica (hot standby) of DATABASE_URL's database, with the same login: the
   * gateway then reads the board, the barriers and the committee report from it, and everything
   * else (case and person reads, consent checks, the ledger, sign-in) from the primary. Unset:
   * every read goes to the primary.
   */
  REPLICA_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
  /**
   * Whether the gateway applies migrations when it starts. false: it waits, as the worker does,
   * until someone else has (`npm run hub -- migrate`, `npm start`), and never needs the owner.
   */
  MIGRATE_ON_START: boolish.default(true),
  /**
   * Redis for the queues; when absent and QUEUE_BACKEND=postgres the queues run on PostgreSQL.
   * One server (redis://host:port) or a Redis Cluster (redis+cluster://host:port,host:port, or a
   * comma-separated list of seed nodes); rediss for TLS. See redis-url.ts.
   */
  REDIS_URL: z
    .string()
    .superRefine((value, ctx) => {
      try {
        parseRedisUrl(value);
      } catch (e) {
        if (!(e instanceof RedisUrlError)) throw e;
        ctx.addIssue({ code: 'custom', message: e.message });
      }
    })
    .optional(),
  QUEUE_BACKEND: z.enum(['redis', 'postgres']).default('redis'),
  /** Namespace of all queues (Redis key prefix, or PostgreSQL schema); tests use one each. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,40}$/, 'lower-case letters, digits and _ only')
    .default('kim'),
  GATEWAY_PORT: port.default(3000),
  GATEWAY_HOST: z.string().default('127.0.0.1'),
  /** Largest request body the gateway accepts; larger ones get 413. */
  BODY_LIMIT: z.string().default('256kb'),
  /** Folder of the built coordinators' console, served on /console; default apps/console/dist. */
  CONSOLE_DIR: z.string().min(1).optional(),
  /** Public source of outbound CloudEvents. */
  HUB_SOURCE: z.string().default('urn:kim-hub'),
  DELIVERY_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** First retry delay; each further one doubles. */
  DELIVERY_BACKOFF_MS: z.coerce.number().int().min(10).default(2000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(10000),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(20),
  OUTBOX_SWEEP_MS: z.coerce.number().int().min(100).default(5000),
  /** How often the worker looks for intake match requests that are not on the linkage queue. */
  LINKAGE_RELAY_MS: z.coerce.number().int().min(100).default(10000),
  /** A match request on the queue this long and not done is checked against the queue again. */
  LINKAGE_RELAY_GRACE_MS: z.coerce.number().int().min(100).default(60000),
  /** How often the outbox reconciliation looks for messages the queue has lost. */
  OUTBOX_RECONCILE_MS: z.coerce.number().int().min(100).default(60000),
  /** A message on the queue this long, neither delivered nor dead, is re-enqueued (same job id). */
  OUTBOX_RECONCILE_GRACE_MS: z.coerce.number().int().min(100).default(120000),
  /**
   * A job's lock; a worker that died holding it frees the job after at most twice this long
   * (BullMQ's stalled-job check runs at the same interval).
   */
  JOB_LOCK_MS: z.coerce.number().int().min(1000).default(30000),
  /** How often the worker checks that its schedulers exist and its queue workers make progress. */
  WORKER_WATCHDOG_MS: z.coerce.number().int().min(100).default(15000),
  /** Accept inbound webhooks whose timestamp is at most this far from now. */
  WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().min(1).default(300),
  /**
   * Refused status webhooks (unknown agency, bad or missing signature) one source address may
   * cause per minute and gateway; beyond that it is answered 429 without any lookup.
   */
  INBOUND_REFUSALS_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(30),
  /**
   * Failed sign-ins (unknown, revoked or expired credentials) one source address may cause per
   * minute, and one credential prefix (its first 12 characters); beyond either the caller is
   * answered 429 before any lookup until the minute is over. Kept in Redis (all gateways share
   * the budget) when REDIS_URL is set, else in each gateway's memory.
   */
  SIGN_IN_FAILURES_PER_SOURCE: z.coerce.number().int().min(1).max(100000).default(20),
  SIGN_IN_FAILURES_PER_PREFIX: z.coerce.number().int().min(1).max(100000).default(10),
  // Single sign-on starts per source address and minute: each start stores a flow row.
  SIGN_IN_STARTS_PER_SOURCE: z.coerce.number().int().min(1).max(100000).default(30),
  /**
   * Express's "trust proxy": which proxies in front of the gateway may name the client address
   * (X-Forwarded-For), e.g. `loopback`, `10.0.0.0/8` or a number of hops. Unset: none, the
   * source of a request is the address that connected.
   */
  TRUST_PROXY: z
    .string()
    .regex(
      /^(\d{1,2}|[a-z0-9.:/]+(\s*,\s*[a-z0-9.:/]+)*)$/i,
      'a number of hops, or addresses/CIDRs/loopback, comma-separated',
    )
    .optional(),
  GRAPHQL_INTROSPECTION: boolish.optional(),
  /** The hub's own GraphQL explorer on /graphql/explorer/. Unset: on, except in production. */
  GRAPHQL_EXPLORER: boolish.optional(),
  /** Days after the last case closed before a person's data is erased (Art. 17 GDPR). */
  RETENTION_DAYS: z.coerce.number().int().min(30).default(1095),
  /** When the nightly privacy jobs run (cron, Europe/Berlin). */
  MAINTENANCE_CRON: z.string().default('30 2 * * *'),
  /** When the nightly file handoffs (export and status import) run (cron, Europe/Berlin). */
  HANDOFF_CRON: z.string().default('30 1 * * *'),
  /** Root folder of the agencies' handoff folders (<root>/<tenant>/<agency>/{outbox,inbox,done,reports}). */
  HANDOFF_DIR: z.string().min(1).default('.kim-data/handoffs'),
  /** Status lines committed per transaction (and per checkpoint) when a status file is imported. */
  HANDOFF_IMPORT_CHUNK: z.coerce.number().int().min(1).max(50000).default(5000),
  /** How often the worker refreshes the coordinators' board aggregates (ms); the board shows asOf. */
  BOARD_REFRESH_EVERY_MS: z.coerce.number().int().min(10000).default(300000),
  /**
   * How often the worker seals ledger entries left unchained (ms); gateways seal their reads'
   * entries at once, this catches the rest (commands' entries, a stopped gateway).
   */
  AUDIT_SEAL_EVERY_MS: z.coerce.number().int().min(1000).max(60000).default(10000),
  /**
   * How long a gateway keeps a signed-in principal, and an agency's webhook secrets (ms),
   * instead of looking them up again; any change to staff users or agencies clears both at once
   * (LISTEN/NOTIFY). 0: no cache.
   */
  PRINCIPAL_CACHE_MS: z.coerce.number().int().min(0).max(600000).default(60000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Readiness fails when a job that is due (a delivery, or the outbox relay's scheduled
   * sweep) has waited longer than this without a worker taking it.
   */
  READINESS_MAX_QUEUE_LAG_MS: z.coerce.number().int().min(100).default(60000),
  /**
   * When set, GET /metrics (gateway and worker) wants `Authorization: Bearer <token>`. Required
   * when a metrics port listens on anything but loopback.
   */
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  /**
   * The gateway serves GET /metrics on this operations port, never on GATEWAY_PORT; unset: no
   * metrics. Loopback by default, so only the machine itself (or a sidecar) can scrape.
   */
  METRICS_PORT: port.optional(),
  METRICS_HOST: z.string().default('127.0.0.1'),
  /** The worker serves /metrics and /health/live on this port; unset: no HTTP at all. */
  WORKER_METRICS_PORT: port.optional(),
  WORKER_METRICS_HOST: z.string().default('127.0.0.1'),
  /**
   * Single sign-on for staff: JSON object from tenant slug ("*": every tenant without its own) to
   * its OpenID provider (issuer, clientId, clientSecret, scope, claims, roles, matchEmail,
   * provision); see docs/operations.md. Unset: no single sign-on.
   */
  OIDC_PROVIDERS: oidcProvidersEnv.optional(),
  /**
   * The hub's callback as registered with the providers, e.g. https://hub.kreis.de/auth/oidc/callback.
   * Unset: built from the request (protocol and host; behind a proxy set TRUST_PROXY or this).
   */
  OIDC_REDIRECT_URI: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  /** A signed-in staff session ends after this long without a request (seconds; default 30 minutes). */
  SESSION_IDLE_SECONDS: z.coerce.number().int().min(1).max(86400).default(1800),
  /** A staff session ends this long after sign-in, used or not (seconds; default 10 hours). */
  SESSION_ABSOLUTE_SECONDS: z.coerce.number().int().min(1).max(604800).default(36000),
  /**
   * Whether staff may sign in with a pasted bearer token (the demo and development). Unset: yes,
   * except in production, where staff sign in through OIDC_PROVIDERS. Agencies keep API keys.
   */
  STAFF_TOKENS: boolish.optional(),
});

export type HubConfig = z.infer<typeof configSchema>;

export const SECRET_KEYS = [
  'DATABASE_URL',
  'MIGRATION_DATABASE_URL',
  'REDIS_URL',
  'METRICS_TOKEN',
  'OIDC_PROVIDERS',
  'REPLICA_DATABASE_URL',
] as const;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validate the environment; every problem names its variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const config = result.data;
  if (config.QUEUE_BACKEND === 'redis' && !config.REDIS_URL) {
    throw new ConfigError(['REDIS_URL: required when QUEUE_BACKEND=redis (or set QUEUE_BACKEND=postgres)']);
  }
  const openMetrics = (
    [
      ['METRICS_HOST', config.METRICS_PORT, config.METRICS_HOST],
      ['WORKER_METRICS_HOST', config.WORKER_METRICS_PORT, config.WORKER_METRICS_HOST],
    ] as const
  ).filter(([, portSet, host]) => portSet !== undefined && !isLoopback(host));
  if (openMetrics.length && !config.METRICS_TOKEN) {
    throw new ConfigError(
      openMetrics.map(
        ([key, , host]) =>
          `METRICS_TOKEN: required when ${key} (${host}) is not a loopback address; metrics are only open on the machine itself`,
      ),
    );
  }
  if (config.METRICS_PORT !== undefined && config.METRICS_PORT !== 0 && config.METRICS_PORT === config.GATEWAY_PORT) {
    throw new ConfigError([
      'METRICS_PORT: must differ from GATEWAY_PORT (metrics are never served to the public port)',
    ]);
  }
  if (config.NODE_ENV === 'production' && config.OIDC_PROVIDERS) {
    const insecure = Object.entries(config.OIDC_PROVIDERS).filter(([, p]) => !p.issuer.startsWith('https:'));
    if (insecure.length) {
      throw new ConfigError(
        insecure.map(([tenant]) => `OIDC_PROVIDERS.${tenant}.issuer: must be https:// in production`),
      );
    }
  }
  if (config.SESSION_IDLE_SECONDS > config.SESSION_ABSOLUTE_SECONDS) {
    throw new ConfigError(['SESSION_IDLE_SECONDS: must not exceed SESSION_ABSOLUTE_SECONDS']);
  }
  return config;
}

/** Whether staff may sign in with a pasted bearer token: STAFF_TOKENS, else everywhere but production. */
export const staffTokensAllowed = (config: Pick<HubConfig, 'STAFF_TOKENS' | 'NODE_ENV'>): boolean =>
  config.STAFF_TOKENS ?? config.NODE_ENV !== 'production';

/** The configuration with secrets masked, for logs and diagnostics. */
export function describeConfig(config: HubConfig): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config };
  for (const key of SECRET_KEYS) {
    const value = out[key];
    // OIDC_PROVIDERS: everything but the client secrets is worth seeing in diagnostics.
    if (key === 'OIDC_PROVIDERS') {
      if (config.OIDC_PROVIDERS) {
        out[key] = Object.fromEntries(
          Object.entries(config.OIDC_PROVIDERS).map(([t, p]) => [
            t,
            { ...p, ...(p.clientSecret ? { clientSecret: '***' } : {}) },
          ]),
        );
      }
      continue;
    }
    if (typeof value !== 'string') continue;
    // URLs keep their host (useful in diagnostics) and lose their credentials; other secrets go whole.
    // A cluster's seed list may carry credentials on every seed: all of them go.
    out[key] = /^[a-z+]+:\/\//.test(value)
      ? value.replace(/\/\/([^@/,]*)@/g, '//***@').replace(/(^|,)([^,/:@]+:[^,@/]*)@/g, '$1***@')
      : '***';
  }
  return out;
}

/** The one setting that picks Redis or PostgreSQL for the queues, as the queue factory takes it. */
export function queueBackendOf(config: HubConfig): { kind: 'redis' | 'postgres'; url: string; prefix: string } {
  return config.QUEUE_BACKEND === 'redis'
    ? { kind: 'redis', url: config.REDIS_URL!, prefix: config.QUEUE_PREFIX }
    : { kind: 'postgres', url: config.DATABASE_URL, prefix: config.QUEUE_PREFIX };
}

/** What REDIS_URL names (one server or a cluster); null when the queues run on PostgreSQL without Redis. */
export function redisTargetOf(config: Pick<HubConfig, 'REDIS_URL'>): RedisTarget | null {
  return config.REDIS_URL ? parseRedisUrl(config.REDIS_URL) : null;
}

/** Whether a listening address is reachable from this machine only. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Whether a scrape of /metrics may read: no METRICS_TOKEN set, or the header carries exactly it. */
export function metricsAccessAllowed(
  config: Pick<HubConfig, 'METRICS_TOKEN'>,
  authorization: string | undefined,
): boolean {
  if (!config.METRICS_TOKEN) return true;
  const given = Buffer.from(/^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '');
  const want = Buffer.from(config.METRICS_TOKEN);
  return given.length === want.length && timingSafeEqual(given, want);
}

export * from './logging.js';
export * from './oidc.js';
export * from './redis-url.js';

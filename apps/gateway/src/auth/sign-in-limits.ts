import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { HubConfig } from '@kim/config';
import { credentialPrefix } from '@kim/core';
import { createRedisClient, type RedisClient } from '@kim/messaging';
import { HUB_CONFIG } from '../common/tokens.js';
import { HubMetrics } from '../metrics/hub-metrics.js';

/**
 * Failed sign-ins are rate-limited per source address and per credential prefix, so neither
 * guessing keys from one address nor trying one leaked prefix from many addresses gets far. Only
 * failures count: a caller with a valid credential is never held back by its own traffic.
 *
 * The budgets live in Redis (rate-limiter-flexible), shared by every gateway; if Redis is away a
 * memory limiter in each gateway stands in (the library's insurance limiter), so sign-in never
 * depends on Redis. Without REDIS_URL (QUEUE_BACKEND=postgres) each gateway keeps its own. On a
 * Redis Cluster each budget is one key, so it lives on one slot and needs no hash tag.
 */
@Injectable()
export class SignInLimits implements OnModuleDestroy {
  private readonly bySource: RateLimiterAbstract;
  private readonly byPrefix: RateLimiterAbstract;
  private readonly starts: RateLimiterAbstract;
  private readonly redis: RedisClient | null;
  /** The budgets' sizes, for the one-command check (`blockedFor`). */
  private readonly points: { source: number; prefix: number };

  constructor(
    @Inject(HUB_CONFIG) config: HubConfig,
    private readonly metrics: HubMetrics,
  ) {
    const window = 60;
    const source = { points: config.SIGN_IN_FAILURES_PER_SOURCE, duration: window };
    const prefix = { points: config.SIGN_IN_FAILURES_PER_PREFIX, duration: window };
    this.redis = config.REDIS_URL
      ? createRedisClient(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false })
      : null;
    // Keys are namespaced like the queues, so hubs sharing a Redis keep their budgets apart.
    const make = (name: string, opts: { points: number; duration: number }) =>
      this.redis
        ? new RateLimiterRedis({
            storeClient: this.redis,
            keyPrefix: `${config.QUEUE_PREFIX}:sign-in:${name}`,
            ...opts,
            insuranceLimiter: new RateLimiterMemory(opts),
          })
        : new RateLimiterMemory({ keyPrefix: name, ...opts });
    this.bySource = make('source', source);
    this.byPrefix = make('prefix', prefix);
    this.starts = make('start', { points: config.SIGN_IN_STARTS_PER_SOURCE, duration: window });
    this.points = { source: source.points, prefix: prefix.points };
    this.redis?.on('error', () => undefined);
  }

  /** Whether the budgets are read from Redis now, shared by the gateways (else the memory limiters stand in). */
  get shared(): boolean {
    return this.redis?.status === 'ready';
  }

  async onModuleDestroy(): Promise<void> {
    // A client that never got through stops trying at once (quit would wait for a connection).
    if (this.redis && this.redis.status !== 'ready') this.redis.disconnect();
    else await this.redis?.quit().catch(() => undefined);
  }

  /**
   * One sign-in within the budgets: refused (the seconds to wait) before any lookup while the
   * source or the credential's prefix has spent its failures; otherwise looked up, and a miss is
   * counted. Every door that takes a credential goes through here (the API's tenant fence, the
   * queue dashboard).
   */
  async attempt<P>(
    source: string,
    credential: string,
    lookup: () => Promise<P | null>,
  ): Promise<{ wait: number } | { principal: P | null }> {
    const wait = await this.blockedFor(source, credential);
    if (wait > 0) return { wait };
    const principal = await lookup();
    if (!principal) await this.failed(source, credential);
    return { principal };
  }

  /**
   * Seconds until this caller may try again; 0 while both budgets have points left. Every
   * request with a credential asks this before its principal is used (a blocked source must not
   * learn whether a guess was right, cached or not), so the usual answer, "both have points
   * left", costs one Redis command: the failures each budget has counted (MGET of the keys the
   * limiters write; two GETs on a Cluster, where the keys live on different slots). Only a
   * budget that looks spent, or a Redis that does not answer, goes through the limiters
   * themselves (the time to wait; the memory limiter standing in for Redis).
   */
  async blockedFor(source: string, credential: string): Promise<number> {
    const prefix = credentialPrefix(credential);
    if (this.shared) {
      const counted = await this.failuresCounted(source, prefix);
      if (counted && counted[0] < this.points.source && counted[1] < this.points.prefix) return 0;
    }
    const [s, p] = await Promise.all([this.bySource.get(source), this.byPrefix.get(prefix)]);
    const waits = [s, p].filter((r) => r && r.remainingPoints <= 0).map((r) => r!.msBeforeNext);
    if (waits.length === 0) return 0;
    this.metrics.signInFailed.inc({ reason: 'rate-limited' });
    return retryAfterSeconds(Math.max(...waits));
  }

  /** Failures counted against the source and the prefix (0: none); null when Redis did not answer. */
  private async failuresCounted(source: string, prefix: string): Promise<[number, number] | null> {
    const redis = this.redis!;
    // The keys the limiters themselves write.
    const keys = [this.bySource.getKey(source), this.byPrefix.getKey(prefix)] as const;
    try {
      const [s, p] = redis.isCluster
        ? await Promise.all([redis.get(keys[0]), redis.get(keys[1])])
        : await redis.mget(keys[0], keys[1]);
      return [Number(s ?? 0), Number(p ?? 0)];
    } catch {
      return null;
    }
  }

  /**
   * One single sign-on start from this source: every start counts (not only failures), because
   * each one stores a sign-in flow before anyone has proven anything. Seconds to wait once spent.
   */
  async start(source: string): Promise<number> {
    try {
      await this.starts.consume(source);
      return 0;
    } catch (e) {
      spent(e);
      this.metrics.signInFailed.inc({ reason: 'rate-limited' });
      return retryAfterSeconds((e as RateLimiterRes).msBeforeNext);
    }
  }

  /** Count one failed sign-in against the source and the credential's prefix. */
  async failed(source: string, credential: string): Promise<void> {
    this.metrics.signInFailed.inc({ reason: 'unknown' });
    await Promise.all([
      this.bySource.consume(source).catch(spent),
      this.byPrefix.consume(credentialPrefix(credential)).catch(spent),
    ]);
  }
}

/** Whole seconds for Retry-After, at least one. */
const retryAfterSeconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

/** A spent budget is the expected answer here; anything else is a fault. */
function spent(e: unknown): void {
  if (!(e instanceof RateLimiterRes)) throw e;
}

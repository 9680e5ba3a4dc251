import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import { parseRedisUrl, type RedisTarget } from '@kim/config';

/** One Redis server or a Redis Cluster: both answer the commands the hub sends. */
export type RedisClient = Redis | Cluster;

/**
 * A client for REDIS_URL: ioredis' Cluster when it names a cluster (it learns the other nodes
 * from the seeds and follows failovers), else one connection. `opts` are per-node options
 * (retries, offline queue); the cluster's credentials and TLS come from the URL.
 */
export function createRedisClient(url: string, opts: RedisOptions = {}): RedisClient {
  const target = parseRedisUrl(url);
  if (target.mode === 'single') return new Redis(url, opts);
  return new Cluster(target.nodes, clusterOptions(target, opts));
}

function clusterOptions(target: Extract<RedisTarget, { mode: 'cluster' }>, opts: RedisOptions): ClusterOptions {
  const { enableOfflineQueue, lazyConnect, ...perNode } = opts;
  return {
    redisOptions: {
      ...perNode,
      username: target.username,
      password: target.password,
      tls: target.tls ? {} : undefined,
    },
    ...(enableOfflineQueue !== undefined ? { enableOfflineQueue } : {}),
    ...(lazyConnect !== undefined ? { lazyConnect } : {}),
    // After a primary dies its replica is promoted within the cluster's node timeout; the client
    // asks again rather than failing the command at the first MOVED/CLUSTERDOWN.
    // ioredis counts a lost node's closed connection as a redirection: enough of them, spaced out,
    // to outlast an election (cluster-node-timeout plus a second or two).
    retryDelayOnFailover: 300,
    maxRedirections: 64,
    retryDelayOnClusterDown: 300,
    retryDelayOnTryAgain: 200,
    slotsRefreshTimeout: 2000,
  };
}

/**
 * The key prefix of one queue. On one server it is the hub's prefix as always (keys
 * `kim:outbox:…`, unchanged). On a cluster every BullMQ script touches several keys of its queue,
 * which must share a hash slot: the prefix carries the queue in a hash tag (`{kim:outbox}`), so a
 * queue's keys stay together while different queues hash to different slots, and so to
 * different primaries (BullMQ, patterns/redis-cluster).
 */
export function queueKeyPrefix(url: string, prefix: string, queue: string): string {
  return parseRedisUrl(url).mode === 'cluster' ? `{${prefix}:${queue}}` : prefix;
}

/**
 * What REDIS_URL names: one Redis server, or a Redis Cluster given by one or more seed nodes.
 *
 *   redis://[user[:password]@]host[:port][/db]         one server (rediss:// with TLS)
 *   redis+cluster://[user[:password]@]host:port[,host:port…]   a cluster (rediss+cluster:// with TLS)
 *   redis://host:port,host:port…  or  redis://a:1,redis://b:2   a list of seed nodes: a cluster
 *
 * A cluster client learns the other nodes from any seed that answers, so one seed works and more
 * survive a seed being down. User and password (percent-encoded) are the cluster's, the same on
 * every node: they may be written once, on the first seed, or on each seed alike.
 */
export type RedisTarget =
  | { mode: 'single'; url: string }
  | {
      mode: 'cluster';
      nodes: { host: string; port: number }[];
      username?: string;
      password?: string;
      tls: boolean;
    };

/** Longest REDIS_URL taken, and most seed nodes: a cluster needs a few seeds, never hundreds. */
export const REDIS_URL_MAX_LENGTH = 2000;
export const REDIS_SEEDS_MAX = 32;

export class RedisUrlError extends Error {}

const SCHEME = /^(rediss?)(\+cluster)?:\/\//i;
// A DNS name, an IPv4 address or a bracketed IPv6 address, then an optional port.
const HOST_PORT = /^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?)(?::(\d{1,5}))?$/i;

/** Parse REDIS_URL; a RedisUrlError says what is wrong in words an operator can act on. */
export function parseRedisUrl(value: string): RedisTarget {
  if (value.length > REDIS_URL_MAX_LENGTH) throw new RedisUrlError(`longer than ${REDIS_URL_MAX_LENGTH} characters`);
  const first = SCHEME.exec(value);
  if (!first) {
    throw new RedisUrlError(
      'must start with redis://, rediss://, redis+cluster:// or rediss+cluster:// (e.g. redis://cache:6379, redis+cluster://node-a:7000,node-b:7000)',
    );
  }
  const tls = first[1]!.toLowerCase() === 'rediss';
  const segments = value.split(',');
  if (segments.length > REDIS_SEEDS_MAX) throw new RedisUrlError(`at most ${REDIS_SEEDS_MAX} seed nodes`);
  if (!first[2] && segments.length === 1) return { mode: 'single', url: single(value) };

  const nodes: { host: string; port: number }[] = [];
  let credentials: { username?: string; password?: string } | undefined;
  segments.forEach((raw, i) => {
    const segment = raw.trim();
    let rest = segment;
    const scheme = SCHEME.exec(segment);
    if (scheme) {
      if ((scheme[1]!.toLowerCase() === 'rediss') !== tls) {
        throw new RedisUrlError(
          'seed nodes mix redis:// and rediss://; a cluster is reached with TLS on all nodes or none',
        );
      }
      rest = segment.slice(scheme[0].length);
    } else if (i === 0) {
      throw new RedisUrlError('the first seed node needs a scheme');
    }
    const at = rest.lastIndexOf('@');
    if (at >= 0) {
      const own = userinfo(rest.slice(0, at));
      if (credentials && (credentials.username !== own.username || credentials.password !== own.password)) {
        throw new RedisUrlError('seed nodes name different users or passwords; a cluster has one');
      }
      credentials = own;
      rest = rest.slice(at + 1);
    }
    if (rest.includes('/') || rest.includes('?')) {
      throw new RedisUrlError(
        `seed node "${printable(rest)}": a cluster has only database 0 and takes no path or options; write host:port`,
      );
    }
    const hp = HOST_PORT.exec(rest);
    if (!hp) throw new RedisUrlError(`seed node "${printable(rest)}" is not host:port`);
    const port = hp[3] === undefined ? 6379 : Number(hp[3]);
    if (port < 1 || port > 65535) throw new RedisUrlError(`seed node "${printable(rest)}": port must be 1 to 65535`);
    const host = hp[1]!.startsWith('[') ? hp[1]!.slice(1, -1) : hp[1]!;
    if (nodes.some((n) => n.host === host && n.port === port)) {
      throw new RedisUrlError(`seed node ${printable(rest)} is named twice`);
    }
    nodes.push({ host, port });
  });
  return { mode: 'cluster', nodes, tls, ...credentials };
}

/** One server: a URL the WHATWG parser takes, with a numeric database if any. */
function single(value: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new RedisUrlError('is not a valid redis:// URL (e.g. redis://user:password@cache:6379/0)');
  }
  if (!u.hostname) throw new RedisUrlError('names no host');
  if (u.pathname.length > 1 && !/^\/\d{1,2}$/.test(u.pathname)) {
    throw new RedisUrlError('the path must be a database number, e.g. redis://cache:6379/0');
  }
  return value;
}

function userinfo(text: string): { username?: string; password?: string } {
  const colon = text.indexOf(':');
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw new RedisUrlError('user or password is not properly percent-encoded');
    }
  };
  const username = decode(colon >= 0 ? text.slice(0, colon) : text);
  const password = colon >= 0 ? decode(text.slice(colon + 1)) : undefined;
  return { ...(username ? { username } : {}), ...(password !== undefined ? { password } : {}) };
}

/** A seed node as it may appear in an error: never a credential, never unbounded. */
function printable(text: string): string {
  return text.replace(/^[^@]*@/, '***@').slice(0, 80);
}

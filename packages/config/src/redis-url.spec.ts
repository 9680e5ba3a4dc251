import { ConfigError, describeConfig, loadConfig } from './index.js';
import { parseRedisUrl } from './redis-url.js';

const DATABASE_URL = 'postgres://kim:s3cret@db:5432/kim';

// Written from issue 21 and the operations guide: which REDIS_URL names one server, which a
// cluster (and its seeds, credentials and TLS), and which is refused with what words.
const accepted: [string, unknown][] = [
  ['redis://cache:6379', { mode: 'single', url: 'redis://cache:6379' }],
  ['rediss://kim:pw@cache.example.org:6380/2', { mode: 'single', url: 'rediss://kim:pw@cache.example.org:6380/2' }],
  ['redis+cluster://node-a:7000', { mode: 'cluster', nodes: [{ host: 'node-a', port: 7000 }], tls: false }],
  [
    'redis+cluster://node-a:7000,node-b:7001,10.0.0.3:7002',
    {
      mode: 'cluster',
      nodes: [
        { host: 'node-a', port: 7000 },
        { host: 'node-b', port: 7001 },
        { host: '10.0.0.3', port: 7002 },
      ],
      tls: false,
    },
  ],
  [
    'rediss+cluster://hub:p%40ss%2Cw@node-a:7000,node-b',
    {
      mode: 'cluster',
      nodes: [
        { host: 'node-a', port: 7000 },
        { host: 'node-b', port: 6379 },
      ],
      tls: true,
      username: 'hub',
      password: 'p@ss,w',
    },
  ],
  [
    'redis://127.0.0.1:7000,127.0.0.1:7001',
    {
      mode: 'cluster',
      nodes: [
        { host: '127.0.0.1', port: 7000 },
        { host: '127.0.0.1', port: 7001 },
      ],
      tls: false,
    },
  ],
  [
    'rediss://:pw@a:1,rediss://:pw@[::1]:2',
    {
      mode: 'cluster',
      nodes: [
        { host: 'a', port: 1 },
        { host: '::1', port: 2 },
      ],
      tls: true,
      password: 'pw',
    },
  ],
];

const refused: [string, RegExp][] = [
  ['http://cache:6379', /must start with redis:\/\//],
  ['cache:6379', /must start with redis:\/\//],
  ['redis://cache:6379/kim', /database number/],
  ['redis+cluster://node-a:7000/0', /only database 0/],
  ['redis+cluster://node-a:70000', /port must be 1 to 65535/],
  ['redis+cluster://node-a:7000,node a:7001', /"node a:7001" is not host:port/],
  ['redis+cluster://node-a:7000,', /"" is not host:port/],
  ['redis://a:1,rediss://b:2', /mix redis:\/\/ and rediss:\/\//],
  ['redis://u:one@a:1,redis://u:two@b:2', /different users or passwords/],
  ['redis+cluster://a:1,a:1', /named twice/],
  ['redis+cluster://u:%zz@a:1', /percent-encoded/],
  [`redis+cluster://${Array.from({ length: 40 }, (_, i) => `n${i}:7000`).join(',')}`, /at most 32 seed nodes/],
  [`redis://${'a'.repeat(2100)}:1`, /longer than 2000/],
];

describe('REDIS_URL', () => {
  it.each(accepted)('%s is understood', (url, target) => {
    expect(parseRedisUrl(url)).toEqual(target);
    expect(loadConfig({ DATABASE_URL, REDIS_URL: url }).REDIS_URL).toBe(url);
  });

  it.each(refused)('%s is refused, naming REDIS_URL and the reason', (url, reason) => {
    const attempt = () => loadConfig({ DATABASE_URL, REDIS_URL: url });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/REDIS_URL: /);
    expect(attempt).toThrow(reason);
  });

  it('never prints a password of any seed node, nor puts it in an error', () => {
    const url = 'redis://u:first-secret@a:1,redis://u:first-secret@b:2,u:first-secret@c:3';
    const text = JSON.stringify(describeConfig(loadConfig({ DATABASE_URL, REDIS_URL: url })));
    expect(text).not.toContain('first-secret');
    expect(text).toContain('a:1');
    expect(text).toContain('c:3');
    expect(() => loadConfig({ DATABASE_URL, REDIS_URL: 'redis+cluster://u:pw-secret@a:1/0' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('pw-secret') }),
    );
  });
});

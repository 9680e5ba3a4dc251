import {
  ConfigError,
  describeConfig,
  loadConfig,
  metricsAccessAllowed,
  oidcProviderFor,
  staffTokensAllowed,
} from './index.js';

const base = { DATABASE_URL: 'postgres://kim:s3cret@db:5432/kim', REDIS_URL: 'redis://cache:6379' };

describe('loadConfig', () => {
  it('applies defaults to a minimal environment', () => {
    const c = loadConfig(base);
    expect(c.QUEUE_BACKEND).toBe('redis');
    expect(c.GATEWAY_PORT).toBe(3000);
    expect(c.DELIVERY_ATTEMPTS).toBe(8);
  });

  it('names every variable that is wrong', () => {
    const attempt = () => loadConfig({ DATABASE_URL: 'mysql://x', GATEWAY_PORT: 'eighty', QUEUE_PREFIX: 'Bad Prefix' });
    expect(attempt).toThrow(ConfigError);
    for (const name of ['DATABASE_URL', 'GATEWAY_PORT', 'QUEUE_PREFIX']) expect(attempt).toThrow(name);
  });

  it('requires Redis unless the queues run on PostgreSQL', () => {
    expect(() => loadConfig({ DATABASE_URL: base.DATABASE_URL })).toThrow(/REDIS_URL/);
    expect(loadConfig({ DATABASE_URL: base.DATABASE_URL, QUEUE_BACKEND: 'postgres' }).QUEUE_BACKEND).toBe('postgres');
  });

  it('never prints the database password', () => {
    const text = JSON.stringify(describeConfig(loadConfig(base)));
    expect(text).not.toContain('s3cret');
    expect(text).toContain('db:5432');
  });

  it('takes an optional read replica as a postgres:// URL and never prints its password', () => {
    expect(loadConfig(base).REPLICA_DATABASE_URL).toBeUndefined();
    const replica = 'postgres://kim:r3plica@db-standby:5432/kim';
    const c = loadConfig({ ...base, REPLICA_DATABASE_URL: replica });
    expect(c.REPLICA_DATABASE_URL).toBe(replica);
    const text = JSON.stringify(describeConfig(c));
    expect(text).not.toContain('r3plica');
    expect(text).toContain('db-standby:5432');
    expect(() => loadConfig({ ...base, REPLICA_DATABASE_URL: 'mysql://kim@db-standby/kim' })).toThrow(
      /REPLICA_DATABASE_URL: must be a postgres:\/\/ URL/,
    );
    expect(() => loadConfig({ ...base, REPLICA_DATABASE_URL: 'db-standby:5432' })).toThrow(/REPLICA_DATABASE_URL/);
  });

  it('never prints the metrics token', () => {
    const text = JSON.stringify(describeConfig(loadConfig({ ...base, METRICS_TOKEN: 'scrape-me-please-0123' })));
    expect(text).not.toContain('scrape-me-please');
    expect(text).toContain('"METRICS_TOKEN":"***"');
  });

  it('keeps metrics on loopback unless a metrics token guards them', () => {
    expect(loadConfig({ ...base, METRICS_PORT: '9464' }).METRICS_HOST).toBe('127.0.0.1');
    expect(() => loadConfig({ ...base, METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' })).toThrow(/METRICS_TOKEN/);
    expect(() => loadConfig({ ...base, WORKER_METRICS_PORT: '9465', WORKER_METRICS_HOST: '10.1.2.3' })).toThrow(
      /WORKER_METRICS_HOST/,
    );
    const guarded = { ...base, METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0', METRICS_TOKEN: 'scrape-me-please-0123' };
    expect(loadConfig(guarded).METRICS_HOST).toBe('0.0.0.0');
    // A host without a port opens nothing, and loopback needs no token.
    expect(() => loadConfig({ ...base, METRICS_HOST: '0.0.0.0' })).not.toThrow();
    expect(() => loadConfig({ ...base, WORKER_METRICS_PORT: '9465', WORKER_METRICS_HOST: '::1' })).not.toThrow();
    expect(() => loadConfig({ ...base, METRICS_PORT: '3000' })).toThrow(/METRICS_PORT: must differ/);
  });

  it('lets /metrics be read with the metrics token only, when one is set', () => {
    expect(metricsAccessAllowed({}, undefined)).toBe(true);
    const config = { METRICS_TOKEN: 'scrape-me-please-0123' };
    expect(metricsAccessAllowed(config, 'Bearer scrape-me-please-0123')).toBe(true);
    expect(metricsAccessAllowed(config, 'Bearer scrape-me-please-0124')).toBe(false);
    expect(metricsAccessAllowed(config, 'Bearer scrape')).toBe(false);
    expect(metricsAccessAllowed(config, undefined)).toBe(false);
  });

  it('has no setting that switches consent off, in any mode', () => {
    for (const NODE_ENV of ['development', 'test', 'production']) {
      const config = loadConfig({ ...base, NODE_ENV, CONSENT_ENFORCEMENT: 'false', ACCESS_RULES: 'off' });
      expect(Object.keys(config).filter((k) => /CONSENT|ENFORCE|ACCESS_RULE|POLICY/i.test(k))).toEqual([]);
    }
  });
});

describe('single sign-on settings', () => {
  const provider = { issuer: 'https://login.kreis.example/realms/kim', clientId: 'kim-hub', clientSecret: 'hush-hush' };
  const load = (extra: Record<string, string>) => loadConfig({ ...base, ...extra });

  it('reads the providers per tenant, with defaults, and finds the deployment-wide one for other tenants', () => {
    const c = load({ OIDC_PROVIDERS: JSON.stringify({ '*': provider, steinfurt: { ...provider, clientId: 'st' } }) });
    expect(oidcProviderFor(c.OIDC_PROVIDERS, 'steinfurt')?.clientId).toBe('st');
    expect(oidcProviderFor(c.OIDC_PROVIDERS, 'borken')?.clientId).toBe('kim-hub');
    expect(c.OIDC_PROVIDERS!['*']!.scope).toBe('openid email profile');
    expect(c.OIDC_PROVIDERS!['*']!.provision).toBe(false);
    expect(oidcProviderFor(load({}).OIDC_PROVIDERS, 'steinfurt')).toBeNull();
  });

  it('names the tenant and field of every mistake', () => {
    const bad = (value: unknown) => () => load({ OIDC_PROVIDERS: JSON.stringify(value) });
    expect(() => load({ OIDC_PROVIDERS: '{not json' })).toThrow(/OIDC_PROVIDERS: not JSON/);
    expect(bad({ steinfurt: { ...provider, issuer: 'ftp://x' } })).toThrow(/OIDC_PROVIDERS\.steinfurt\.issuer/);
    expect(bad({ steinfurt: { issuer: provider.issuer } })).toThrow(/OIDC_PROVIDERS\.steinfurt\.clientId/);
    expect(bad({ 'Kreis Steinfurt': provider })).toThrow(/tenant slug/);
    expect(bad({ '*': { ...provider, provision: true } })).toThrow(/claims\.role: required when provision/);
    expect(bad({ '*': { ...provider, roles: { admins: 'tenant-admin' } } })).toThrow(/OIDC_PROVIDERS\.\*\.roles/);
    expect(bad({ '*': { ...provider, clientSecrt: 'typo' } })).toThrow(/clientSecrt/);
  });

  it('wants an https issuer in production', () => {
    const http = JSON.stringify({ '*': { ...provider, issuer: 'http://127.0.0.1:4000' } });
    expect(() => load({ NODE_ENV: 'production', OIDC_PROVIDERS: http })).toThrow(
      /OIDC_PROVIDERS\.\*\.issuer: must be https/,
    );
    expect(() => load({ NODE_ENV: 'test', OIDC_PROVIDERS: http })).not.toThrow();
  });

  it('never prints a client secret', () => {
    const text = JSON.stringify(describeConfig(load({ OIDC_PROVIDERS: JSON.stringify({ '*': provider }) })));
    expect(text).not.toContain('hush-hush');
    expect(text).toContain('kim-hub');
  });

  it('keeps pasted staff tokens out of production unless switched on', () => {
    expect(staffTokensAllowed(load({}))).toBe(true);
    expect(staffTokensAllowed(load({ NODE_ENV: 'production' }))).toBe(false);
    expect(staffTokensAllowed(load({ NODE_ENV: 'production', STAFF_TOKENS: 'true' }))).toBe(true);
    expect(staffTokensAllowed(load({ STAFF_TOKENS: '0' }))).toBe(false);
  });

  it('refuses an idle limit longer than the absolute one', () => {
    expect(() => load({ SESSION_IDLE_SECONDS: '600', SESSION_ABSOLUTE_SECONDS: '60' })).toThrow(/SESSION_IDLE_SECONDS/);
  });
});

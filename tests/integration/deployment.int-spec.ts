import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/**
 * No Docker engine runs in CI, so the compose file is checked as data: it parses, its
 * dependencies and health checks are consistent, and it keeps the operating rules (only the
 * gateway migrates, Redis never evicts, health endpoints probed where they exist).
 */
interface Service {
  command?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[]; start_period?: string };
  ports?: string[];
}

const compose = parse(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const envExample = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
const services = compose.services;
const probe = (s: Service) => s.healthcheck?.test.join(' ') ?? '';

describe('docker-compose.yml', () => {
  it('runs PostgreSQL, Redis, gateway, worker, and for the demo its data and the simulator', () => {
    expect(Object.keys(services).sort()).toEqual(['demo-seed', 'gateway', 'postgres', 'redis', 'simulator', 'worker']);
  });

  it('lets gateway and worker log in as the application role, the owner only migrate and seed the demo', () => {
    const owner = services.postgres!.environment!.POSTGRES_USER;
    const login = (url: string | undefined) => (url ? new URL(url).username : undefined);
    for (const name of ['gateway', 'worker']) {
      expect({ name, login: login(services[name]!.environment!.DATABASE_URL) }).toEqual({ name, login: 'kim_service' });
    }
    expect(login(services.gateway!.environment!.MIGRATION_DATABASE_URL)).toBe(owner);
    expect(services.worker!.environment!.MIGRATION_DATABASE_URL).toBeUndefined();
    // The role is made when the database is: only a member of kim_app.
    const init = readFileSync(new URL('../../scripts/postgres-init/10-app-login.sql', import.meta.url), 'utf8');
    expect(init).toMatch(/CREATE ROLE kim_service LOGIN NOSUPERUSER NOBYPASSRLS [^;]*IN ROLE kim_app;/);
    expect(services.postgres!.volumes).toContain('./scripts/postgres-init:/docker-entrypoint-initdb.d:ro');
  });

  it('seeds the demo once the gateway has migrated, outside production, and hands the simulator the secrets', () => {
    const seed = services['demo-seed']!;
    expect(seed.command).toEqual(
      expect.arrayContaining(['seed-demo', '--agencies-file', '/demo/simulator-agencies.json']),
    );
    expect(seed.environment!.NODE_ENV).not.toBe('production');
    expect(seed.depends_on!.gateway).toEqual({ condition: 'service_healthy' });
    expect(services.simulator!.depends_on!['demo-seed']).toEqual({ condition: 'service_completed_successfully' });
    expect(services.simulator!.environment!.SIMULATOR_AGENCIES_FILE).toBe('/demo/simulator-agencies.json');
  });

  it('probes the gateway on /health/ready and the worker on /health/live, on the ports they listen on', () => {
    const gateway = services.gateway!;
    const worker = services.worker!;
    expect(probe(gateway)).toContain(`http://127.0.0.1:${gateway.environment!.GATEWAY_PORT}/health/ready`);
    expect(probe(worker)).toContain(`http://127.0.0.1:${worker.environment!.WORKER_METRICS_PORT}/health/live`);
  });

  it('keeps metrics on loopback inside their containers unless a metrics token guards them, and never publishes them', () => {
    const loopback = (host: string | undefined) => host === undefined || /^(127\.|::1$|localhost$)/.test(host);
    for (const [name, service] of Object.entries(services)) {
      const env = service.environment ?? {};
      for (const [port, host] of [
        ['METRICS_PORT', 'METRICS_HOST'],
        ['WORKER_METRICS_PORT', 'WORKER_METRICS_HOST'],
      ] as const) {
        if (env[port] === undefined) continue;
        expect({ name, host, guarded: loopback(env[host]) || !!env.METRICS_TOKEN }).toEqual({
          name,
          host,
          guarded: true,
        });
        expect({ name, published: (service.ports ?? []).filter((p) => p.endsWith(`:${env[port]}`)) }).toEqual({
          name,
          published: [],
        });
      }
    }
    expect(services.gateway!.environment!.METRICS_PORT).toBeDefined();
  });

  it('lets only the gateway migrate, and the worker never wait on the readiness it completes', () => {
    expect(services.gateway!.command).toEqual(['node', 'apps/gateway/dist/main.js']);
    expect(services.worker!.command).toEqual(['node', 'apps/worker/dist/main.js']);
    const all = JSON.stringify(Object.values(services).map((s) => s.command));
    expect(all).not.toMatch(/migrate/);
    // The gateway is ready only once a worker is connected: waiting for "healthy" would deadlock.
    expect(services.worker!.depends_on!.gateway).toEqual({ condition: 'service_started' });
  });

  it('keeps Redis from evicting queue keys', () => {
    expect(services.redis!.command!.join(' ')).toMatch(/--maxmemory-policy noeviction/);
  });

  it('waits only on services that exist and, for service_healthy, have a health check', () => {
    const waits = Object.entries(services).flatMap(([name, service]) =>
      Object.entries(service.depends_on ?? {}).map(([dependency, { condition }]) => ({
        name,
        dependency,
        exists: dependency in services,
        probed: condition !== 'service_healthy' || probe(services[dependency] ?? {}) !== '',
      })),
    );
    expect(waits.length).toBeGreaterThan(5);
    expect(waits.filter((w) => !w.exists || !w.probed)).toEqual([]);
  });

  it('sets only variables the hub documents in .env.example', () => {
    const documented = new Set([...envExample.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    for (const name of ['gateway', 'worker']) {
      for (const variable of Object.keys(services[name]!.environment ?? {})) {
        expect({ service: name, variable, documented: documented.has(variable) }).toEqual({
          service: name,
          variable,
          documented: true,
        });
      }
    }
  });
});

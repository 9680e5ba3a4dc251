import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { EventType } from '@kim/contracts';
import { buildCloudEvent, signWebhook } from '@kim/messaging';
import { startTestHub, type TestHub } from '@kim/test-support/hub';

/**
 * What every HTTP answer of the gateway says about itself, written down here apart from the
 * middleware that sets it (OWASP HTTP headers cheat sheet for an API with a browser console).
 */
const EXPECTED_ON_EVERY_ANSWER: Record<string, RegExp> = {
  'x-content-type-options': /^nosniff$/,
  'x-frame-options': /^DENY$/,
  'referrer-policy': /^no-referrer$/,
  'content-security-policy': /frame-ancestors 'none'/,
};

describe('the HTTP boundary of the gateway', () => {
  let hub: TestHub;
  let consoleDir: string;

  beforeAll(async () => {
    // A stand-in console build, so the console's own headers are checked without building it.
    consoleDir = mkdtempSync(path.join(tmpdir(), 'kim-console-'));
    mkdirSync(path.join(consoleDir, 'assets'));
    writeFileSync(path.join(consoleDir, 'index.html'), '<!doctype html><title>KIM</title>');
    writeFileSync(path.join(consoleDir, 'assets', 'app-1234.js'), 'console.log(1)');
    hub = await startTestHub('boundary', { env: { CONSOLE_DIR: consoleDir } });
  });

  afterAll(async () => {
    await hub?.close();
    rmSync(consoleDir, { recursive: true, force: true });
  });

  describe('headers', () => {
    const answers = () => [
      fetch(`${hub.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      }),
      fetch(`${hub.url}/health/live`),
      fetch(`${hub.url}/reports/access/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`),
      fetch(`${hub.url}/no/such/path`),
      fetch(`${hub.url}/console/`),
      fetch(`${hub.url}/console/assets/app-1234.js`),
    ];

    it('never says which framework answers, and sends the safe headers on every answer', async () => {
      for (const res of await Promise.all(answers())) {
        const where = `${res.url} (${res.status})`;
        expect([where, res.headers.get('x-powered-by')]).toEqual([where, null]);
        for (const [name, pattern] of Object.entries(EXPECTED_ON_EVERY_ANSWER)) {
          expect([where, name, res.headers.get(name)]).toEqual([where, name, expect.stringMatching(pattern)]);
        }
      }
    });

    it('keeps answers with personal data out of caches, and the console working with its own policy', async () => {
      const graphql = await fetch(`${hub.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(graphql.headers.get('cache-control')).toBe('no-store');
      const page = await fetch(`${hub.url}/console/cases/123`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>KIM</title>');
      expect(page.headers.get('cache-control')).toBe('no-cache');
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      const asset = await fetch(`${hub.url}/console/assets/app-1234.js`);
      expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    });
  });

  describe('REST input', () => {
    const problemsOf = async (res: Response) => {
      const body = (await res.json()) as { error?: string; message?: string; problems?: { path: string }[] };
      return { status: res.status, error: body.error, paths: (body.problems ?? []).map((p) => p.path), body };
    };
    const coordinator = () => ({ authorization: `Bearer ${hub.token('coordinator-rheine')}` });

    it('refuses malformed ids in paths with a 400 that names the parameter', async () => {
      const id = randomUUID();
      const cases = [
        { url: `/webhooks/not-a-uuid/agencies/${id}/status`, method: 'POST', path: 'tenantId' },
        { url: `/webhooks/${hub.creds.tenantId}/agencies/1%27%20OR%201=1/status`, method: 'POST', path: 'agencyId' },
        { url: `/reports/typical-case/12345`, method: 'GET', path: 'caseId' },
        { url: `/reports/access/${id}%00`, method: 'GET', path: 'caseId' },
      ];
      for (const c of cases) {
        const res = await fetch(`${hub.url}${c.url}`, {
          method: c.method,
          headers: { 'content-type': 'application/json', ...coordinator() },
          ...(c.method === 'POST' ? { body: '{}' } : {}),
        });
        expect([c.url, await problemsOf(res)]).toEqual([
          c.url,
          expect.objectContaining({ status: 400, error: 'INVALID_INPUT', paths: [c.path] }),
        ]);
      }
    });

    it('refuses repeated, over-long and control-character query parameters of the reports', async () => {
      const ask = (query: string) => fetch(`${hub.url}/reports/committee?${query}`, { headers: coordinator() });
      for (const [query, path] of [
        ['from=2025-01&from=2025-02', 'from'],
        ['to=2025-12%1B', 'to'],
        [`area=${'a'.repeat(5000)}`, 'area'],
        ['format=html%00', 'format'],
        ['format=xml', 'format'],
        ['area=not-a-uuid', 'area'],
      ] as const) {
        expect([query, await problemsOf(await ask(query))]).toEqual([
          query,
          expect.objectContaining({ status: 400, error: 'INVALID_INPUT', paths: [path] }),
        ]);
      }
      const access = await fetch(`${hub.url}/reports/access/${randomUUID()}?format=a&format=b`, {
        headers: coordinator(),
      });
      expect(await problemsOf(access)).toEqual(expect.objectContaining({ status: 400, paths: ['format'] }));
    });

    it('refuses a signed status event whose envelope carries NUL or a document, before storing anything', async () => {
      const agency = hub.creds.agencies.find((a) => a.key === 'jc')!;
      const count = async () =>
        (await hub.db.ds.query(`SELECT count(*)::int AS n FROM inbound_messages`))[0].n as number;
      const before = await count();
      for (const [extra, path] of [
        [{ subject: 'referral/\u0000' }, 'subject'],
        [{ dataschema: `https://example.org/${'x'.repeat(100_000)}` }, 'dataschema'],
        [{ traceparent: '00-\u0000' }, 'traceparent'],
      ] as const) {
        const event = {
          ...buildCloudEvent({
            type: EventType.REFERRAL_STATUS_CHANGED,
            source: `urn:kim-agency:${agency.id}`,
            data: { referralId: randomUUID(), status: 'accepted', occurredAt: new Date().toISOString() },
          }),
          ...extra,
        };
        // JSON carries the NUL as the escape \u0000, which PostgreSQL's jsonb refuses.
        const body = JSON.stringify(event);
        const res = await fetch(`${hub.url}/webhooks/${hub.creds.tenantId}/agencies/${agency.id}/status`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...signWebhook(agency.webhookSecret, event.id, body).headers },
          body,
        });
        const answer = await problemsOf(res);
        expect([path, answer.status, answer.error, answer.paths]).toEqual([path, 400, 'INVALID_INPUT', [path]]);
      }
      expect(await count()).toBe(before);
    });
  });
});

import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestHub, type TestHub } from '../support/hub.js';

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
});

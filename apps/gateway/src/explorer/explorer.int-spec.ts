import { startTestHub, type TestHub } from '@kim/test-support/hub';

// What the page may name: paths on the hub itself. Any scheme-and-host URL is another origin
// (the hub's own origin is never spelled out either: the page works behind any host name).
const ABSOLUTE_URL = /\b(?:https?:)?\/\/[a-z0-9.-]+/i;
const HTML_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** The src/href of every script, stylesheet and other resource the page asks for. */
function referencedAssets(html: string): string[] {
  return [...html.matchAll(/<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']([^"']+)["']/gi)].map(
    (m) => m[1]!,
  );
}

describe('offline GraphQL explorer', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub('explorer');
  });
  afterAll(() => hub.close());

  it('a browser opening /graphql is sent to the explorer, not to a CDN landing page', async () => {
    const res = await fetch(`${hub.url}/graphql`, { headers: { accept: HTML_ACCEPT }, redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/graphql/explorer/');
  });

  it('serves the page and every asset it references from the hub, under a CSP naming no other origin', async () => {
    const page = await fetch(`${hub.url}/graphql/explorer/`, { headers: { accept: HTML_ACCEPT } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    // The policy, directive by directive, as the issue asks: own origin only, nothing inline.
    expect(
      Object.fromEntries(
        csp
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .map(([k, ...v]) => [k, v]),
      ),
    ).toEqual(
      expect.objectContaining({
        'default-src': ["'none'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'connect-src': ["'self'"],
      }),
    );
    expect(csp).not.toMatch(ABSOLUTE_URL);
    const html = await page.text();
    expect(html).not.toMatch(ABSOLUTE_URL);
    // No inline script: script-src 'self' would block it, and the page would not run.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);

    const assets = referencedAssets(html);
    expect(assets.sort()).toEqual(['explorer.css', 'explorer.js']);
    for (const asset of assets) {
      const url = new URL(asset, `${hub.url}/graphql/explorer/`);
      expect(url.origin).toBe(new URL(hub.url).origin);
      const res = await fetch(url);
      expect({ asset, status: res.status }).toEqual({ asset, status: 200 });
      expect(res.headers.get('content-type')).toMatch(asset.endsWith('.js') ? /javascript/ : /text\/css/);
      expect(await res.text()).not.toMatch(ABSOLUTE_URL);
    }
  });

  it('holds no token: the page is the same with or without the caller signed in', async () => {
    const token = hub.creds.staff[0]!.token;
    const anonymous = await (await fetch(`${hub.url}/graphql/explorer/`)).text();
    const signedIn = await (
      await fetch(`${hub.url}/graphql/explorer/`, { headers: { authorization: `Bearer ${token}` } })
    ).text();
    expect(signedIn).toBe(anonymous);
    expect(signedIn).not.toContain(token);
  });

  it('a missing asset is a 404, and API clients still reach GraphQL on GET /graphql', async () => {
    expect((await fetch(`${hub.url}/graphql/explorer/nope.js`)).status).toBe(404);
    const res = await fetch(`${hub.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('GraphQL explorer switched off (GRAPHQL_EXPLORER=false)', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub('explorer-off', { env: { GRAPHQL_EXPLORER: 'false' } });
  });
  afterAll(() => hub.close());

  it('serves no explorer and no landing page from a CDN', async () => {
    // Apollo owns everything below /graphql: a GraphQL request error, not a page.
    const explorer = await fetch(`${hub.url}/graphql/explorer/`, { headers: { accept: HTML_ACCEPT } });
    expect(explorer.status).toBe(400);
    expect(explorer.headers.get('content-type')).not.toMatch(/html/);
    const res = await fetch(`${hub.url}/graphql`, { headers: { accept: HTML_ACCEPT } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await res.text()).not.toMatch(ABSOLUTE_URL);
  });
});

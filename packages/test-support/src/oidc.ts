import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Adapter, type AdapterPayload } from 'oidc-provider';

/**
 * A real OpenID provider in the test process (the `oidc-provider` package): discovery, JWKS,
 * authorization with PKCE required, token endpoint, end session. Its own sign-in form (the
 * package's development interactions: any account id the test added, any password), consent
 * granted at once for the hub's client. Accounts and clients are added by the test.
 */

export interface TestAccount {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  /** Further claims (e.g. kim_role, kim_region), all in the scope "kim". */
  [claim: string]: unknown;
}

export interface TestOidcProvider {
  issuer: string;
  addAccount(account: TestAccount): void;
  addClient(client: {
    clientId: string;
    clientSecret?: string;
    redirectUris: string[];
    postLogoutRedirectUris?: string[];
  }): Promise<void>;
  /** How many authorization requests arrived, and with which PKCE method (the tests check S256). */
  readonly authorizations: { codeChallengeMethod: string | null }[];
  close(): Promise<void>;
}

/** One provider's storage: oidc-provider's models by name and id, kept in a Map with expiry. */
function memoryAdapterFactory() {
  const store = new Map<string, { payload: AdapterPayload; expires: number }>();
  const live = (key: string) => {
    const hit = store.get(key);
    if (hit && hit.expires < Date.now()) store.delete(key);
    return store.get(key)?.payload;
  };
  // oidc-provider awaits every method; the Map answers at once.
  return (model: string): Adapter => ({
    upsert(id, payload, expiresIn) {
      store.set(`${model}:${id}`, { payload, expires: expiresIn ? Date.now() + expiresIn * 1000 : Infinity });
      if (payload.uid) store.set(`uid:${model}:${payload.uid}`, { payload: { id }, expires: Infinity });
      if (payload.userCode) store.set(`code:${payload.userCode}`, { payload: { id }, expires: Infinity });
      return Promise.resolve();
    },
    find: (id) => Promise.resolve(live(`${model}:${id}`)),
    findByUid(uid) {
      const ref = live(`uid:${model}:${uid}`) as { id?: string } | undefined;
      return Promise.resolve(ref?.id ? live(`${model}:${ref.id}`) : undefined);
    },
    findByUserCode(code) {
      const ref = live(`code:${code}`) as { id?: string } | undefined;
      return Promise.resolve(ref?.id ? live(`${model}:${ref.id}`) : undefined);
    },
    consume(id) {
      const hit = store.get(`${model}:${id}`);
      if (hit) hit.payload.consumed = Math.floor(Date.now() / 1000);
      return Promise.resolve();
    },
    destroy(id) {
      store.delete(`${model}:${id}`);
      return Promise.resolve();
    },
    revokeByGrantId(grantId) {
      for (const [key, v] of store) if (v.payload.grantId === grantId) store.delete(key);
      return Promise.resolve();
    },
  });
}

/** Start a provider on a free loopback port. */
export async function startOidcProvider(): Promise<TestOidcProvider> {
  let handler: Parameters<typeof createServer>[1] = (_req, res) => res.writeHead(503).end();
  const server: Server = createServer((req, res) => handler!(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map<string, TestAccount>();
  const adapter = memoryAdapterFactory();
  const authorizations: { codeChallengeMethod: string | null }[] = [];

  const provider = new Provider(issuer, {
    adapter,
    clients: [],
    findAccount: (_ctx, id) => {
      const account = accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: () => ({ ...account }) };
    },
    scopes: ['openid', 'email', 'profile', 'kim'],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
      kim: ['kim_role', 'kim_region', 'kim_area'],
    },
    // Claims of the scopes go into the ID token, as Keycloak and Entra ID do by default.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    // The hub is a first-party client: consent is granted without a screen.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope('openid email profile kim');
      await grant.save();
      return grant;
    },
    cookies: { keys: ['test-provider-cookie-key-0123456789'] },
  });
  provider.on('authorization.accepted', (ctx) => {
    const params = ctx.oidc.params;
    authorizations.push({ codeChallengeMethod: (params?.['code_challenge_method'] as string | undefined) ?? null });
  });
  const koa = provider.callback();
  handler = (req, res) => void koa(req, res);

  return {
    issuer,
    authorizations,
    addAccount(account) {
      accounts.set(account.sub, account);
    },
    async addClient(c) {
      await adapter('Client').upsert(
        c.clientId,
        {
          client_id: c.clientId,
          ...(c.clientSecret
            ? { client_secret: c.clientSecret, token_endpoint_auth_method: 'client_secret_basic' }
            : { token_endpoint_auth_method: 'none' }),
          redirect_uris: c.redirectUris,
          post_logout_redirect_uris: c.postLogoutRedirectUris ?? [],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
        0,
      );
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A browser for the tests that drive sign-in over HTTP: follows redirects by hand, keeps each
 * host's cookies, and submits the provider's sign-in form.
 */
export class CookieBrowser {
  private readonly jar = new Map<string, Map<string, string>>();
  /** The hub's origin: sent as Origin on POSTs to it, as a browser would. */
  constructor(private readonly hubOrigin?: string) {}

  cookie(url: string, name: string): string | undefined {
    return this.jar.get(new URL(url).host)?.get(name);
  }

  setCookie(url: string, name: string, value: string | null): void {
    const host = new URL(url).host;
    const cookies = this.jar.get(host) ?? new Map<string, string>();
    if (value === null) cookies.delete(name);
    else cookies.set(name, value);
    this.jar.set(host, cookies);
  }

  private remember(url: string, res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired =
        attrs.some((a) => /^\s*max-age=(0|-)/i.test(a)) ||
        attrs.some((a) => /^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now());
      this.setCookie(url, name, expired || !value ? null : value);
    }
  }

  /** One request, no redirect followed. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const cookies = [...(this.jar.get(new URL(url).host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`);
    const headers = new Headers(init.headers);
    if (cookies.length) headers.set('cookie', cookies.join('; '));
    if (
      this.hubOrigin &&
      init.method &&
      init.method !== 'GET' &&
      url.startsWith(this.hubOrigin) &&
      !headers.has('origin')
    ) {
      headers.set('origin', this.hubOrigin);
    }
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.remember(url, res);
    return res;
  }

  /** Follow redirects from `url` until a page that does not redirect, or `stopAt` says stop. */
  async follow(url: string, stopAt: (next: string) => boolean = () => false): Promise<{ url: string; res: Response }> {
    let current = url;
    for (let hops = 0; hops < 20; hops++) {
      const res = await this.request(current);
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { url: current, res };
      await res.arrayBuffer();
      current = new URL(location, current).href;
      if (stopAt(current)) return { url: current, res };
    }
    throw new Error(`more than 20 redirects from ${url}`);
  }

  /**
   * Sign in at the provider: from a page with its sign-in form, submit the account, then follow
   * the redirects until the hub's callback URL (returned, not visited) or a page.
   */
  async submitProviderLogin(
    formPage: { url: string; res: Response },
    sub: string,
    callbackPrefix: string,
  ): Promise<string> {
    const html = await formPage.res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`no sign-in form at ${formPage.url}: ${html.slice(0, 300)}`);
    const submit = await this.request(new URL(action.replace(/&amp;/g, '&'), formPage.url).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt: 'login', login: sub, password: 'any' }).toString(),
    });
    const location = submit.headers.get('location');
    if (!location) throw new Error(`the provider did not accept the sign-in: ${submit.status} ${await submit.text()}`);
    const next = await this.follow(new URL(location, formPage.url).href, (u) => u.startsWith(callbackPrefix));
    if (!next.url.startsWith(callbackPrefix)) {
      throw new Error(
        `the provider did not send the browser back: ${next.url} ${next.res.status} ${(await next.res.text()).slice(0, 300)}`,
      );
    }
    return next.url;
  }
}

/**
 * The whole sign-in of a staff user through the provider, driven over HTTP: the hub's login route,
 * the provider's form, the callback. Returns the callback's answer (a redirect with the session
 * cookie, or a refusal page) and the browser that holds the cookies.
 */
export async function signInThroughProvider(
  hubUrl: string,
  tenantSlug: string,
  sub: string,
  opts: {
    browser?: CookieBrowser;
    tamper?: (authorizeUrl: URL) => void;
    tamperCallback?: (callbackUrl: URL) => void;
  } = {},
): Promise<{ browser: CookieBrowser; callback: Response; session: string | undefined }> {
  const browser = opts.browser ?? new CookieBrowser(hubUrl);
  const login = await browser.request(`${hubUrl}/auth/oidc/${tenantSlug}/login?returnTo=/console/`);
  const authorize = login.headers.get('location');
  if (login.status !== 303 || !authorize)
    throw new Error(`the hub did not send the browser to the provider: ${login.status} ${await login.text()}`);
  const authorizeUrl = new URL(authorize);
  opts.tamper?.(authorizeUrl);
  const form = await browser.follow(authorizeUrl.href);
  const callbackUrl = new URL(await browser.submitProviderLogin(form, sub, `${hubUrl}/auth/oidc/callback`));
  opts.tamperCallback?.(callbackUrl);
  const callback = await browser.request(callbackUrl.href);
  return { browser, callback, session: browser.cookie(hubUrl, 'kim_session') };
}

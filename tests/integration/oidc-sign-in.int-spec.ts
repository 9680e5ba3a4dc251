import { runAdminCommand } from '@kim/cli';
import { HubMetrics } from '@kim/gateway';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { expectEventually } from '@kim/test-support/eventually';
import { CookieBrowser, signInThroughProvider, startOidcProvider, type TestOidcProvider } from '@kim/test-support/oidc';

/**
 * Single sign-on for staff (issue 18, part 2) against a real OpenID provider in the process
 * (oidc-provider), driven over HTTP as a browser would: the hub's login route, the provider's
 * sign-in form, the callback, then the session cookie on GraphQL.
 *
 * The provider's accounts and what the hub must do with each (written from the issue: found by
 * issuer and subject, bound by verified e-mail when configured, provisioned from configured claims
 * only, otherwise refused):
 */
const CLIENT = { clientId: 'kim-hub', clientSecret: 'kim-hub-test-secret-0123456789' };

const VIEWER = `{ viewer { tenant { slug } staff { id displayName role } } }`;

async function gqlWith(
  browser: CookieBrowser,
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  const res = await browser.request(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body: { data?: any; errors?: any[] } = {};
  try {
    body = JSON.parse(text);
  } catch {
    body = { errors: [{ message: text }] };
  }
  return { status: res.status, ...body, code: body.errors?.[0]?.extensions?.code ?? (body.errors ? 'ERROR' : 'OK') };
}

async function ledger(
  hub: TestHub,
  action: string,
): Promise<{ actor_id: string | null; reason: string | null; allowed: boolean }[]> {
  return hub.db.ds.query(
    `SELECT actor_id, reason, allowed FROM audit_events WHERE tenant_id = $1 AND action = $2 ORDER BY at`,
    [hub.creds.tenantId, action],
  );
}

describe('staff sign in through their administration’s OpenID provider', () => {
  let idp: TestOidcProvider;
  let hub: TestHub;
  let slug: string;
  let adminToken: string;
  const staffId = (key: string) => hub.creds.staff.find((s) => s.key === key)!.id;
  const outcomes = async () =>
    Object.fromEntries(
      (await hub.app.get(HubMetrics).oidcSignIns.get()).values.map((v) => [v.labels.outcome, v.value]),
    );

  beforeAll(async () => {
    idp = await startOidcProvider();
    hub = await startTestHub('oidc', {
      persons: 2,
      env: {
        // Long enough that only the change notifications can end a cached session in time.
        PRINCIPAL_CACHE_MS: '600000',
        OIDC_PROVIDERS: JSON.stringify({
          '*': {
            issuer: idp.issuer,
            ...CLIENT,
            scope: 'openid email profile kim',
            matchEmail: true,
            provision: true,
            claims: { role: 'kim_role', region: 'kim_region' },
          },
        }),
      },
    });
    await idp.addClient({
      ...CLIENT,
      redirectUris: [`${hub.url}/auth/oidc/callback`],
      postLogoutRedirectUris: [`${hub.url}/console/`],
    });
    slug = (await hub.gql(hub.token('coordinator-kreis'), VIEWER)).data.viewer.tenant.slug;
    const mail = (key: string) => `${key}@${slug}.kim-hub.example`;
    idp.addAccount({ sub: 'sub-clara', email: mail('cm-rheine-1'), email_verified: true, name: 'Clara' });
    idp.addAccount({ sub: 'sub-lena', email: mail('cm-lengerich-1'), email_verified: true, name: 'Lena' });
    idp.addAccount({ sub: 'sub-otto', email: mail('cm-steinfurt-1'), email_verified: true, name: 'Otto' });
    idp.addAccount({ sub: 'sub-unverified', email: mail('cm-rheine-2'), email_verified: false });
    idp.addAccount({ sub: 'sub-stranger', email: 'stranger@elsewhere.example', email_verified: true });
    idp.addAccount({ sub: 'sub-admin-claim', email: 'boss@elsewhere.example', kim_role: 'tenant-admin' });
    idp.addAccount({
      sub: 'sub-newcomer',
      email: 'neu@kreis.example',
      email_verified: true,
      name: 'Nina Neu',
      kim_role: 'case-manager',
      kim_region: 'Rheine',
    });
    // A tenant administrator (platform operator's CLI), for ending other people's sessions.
    const out: string[] = [];
    const cli = async (verb: string, values: Record<string, string>) => {
      expect(await runAdminCommand(hub.db.ds, (l) => out.push(l), verb, values)).toBe(0);
    };
    await cli('create-staff', {
      tenant: slug,
      role: 'tenant-admin',
      name: 'Verwaltung',
      email: `admin@${slug}.example`,
    });
    await cli('issue-credential', { tenant: slug, staff: `admin@${slug}.example` });
    adminToken = /secret \(shown once\): (\S+)/.exec(out.join('\n'))![1]!;
  });
  afterAll(async () => {
    await hub?.close();
    await idp?.close();
  });

  it('signs a known case manager in with a session cookie that works for GraphQL', async () => {
    const { callback, session, browser } = await signInThroughProvider(hub.url, slug, 'sub-clara');
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/console/');
    const cookie = callback.headers.getSetCookie().find((c) => c.startsWith('kim_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The flow cookie is gone after the callback.
    expect(browser.cookie(hub.url, 'kim_sign_in')).toBeUndefined();
    const me = await gqlWith(browser, hub.url, VIEWER);
    expect(me.data.viewer.staff).toEqual({
      id: staffId('cm-rheine-1'),
      displayName: expect.any(String),
      role: 'case-manager',
    });
    // The case manager sees their cases through the session.
    const cases = await gqlWith(browser, hub.url, `{ cases(first: 5) { edges { node { id } } } }`);
    expect(cases.code).toBe('OK');
    expect(cases.data.cases.edges.length).toBeGreaterThan(0);
    // PKCE with S256 was asked for.
    expect(idp.authorizations.at(-1)).toEqual({ codeChallengeMethod: 'S256' });
    // Bound by the verified e-mail on first sign-in, then found by (issuer, subject).
    const again = await signInThroughProvider(hub.url, slug, 'sub-clara');
    expect((await gqlWith(again.browser, hub.url, VIEWER)).data.viewer.staff.id).toBe(staffId('cm-rheine-1'));
    expect((await ledger(hub, 'staff.sign-in-bound')).length).toBe(1);
    const signIns = await ledger(hub, 'sign-in.succeeded');
    expect(signIns.filter((e) => e.actor_id === staffId('cm-rheine-1'))).toHaveLength(2);
    expect(signIns[0]!.reason).toBe(idp.issuer);
  });

  it('refuses unknown subjects with a page in German and English, in the ledger and the metrics', async () => {
    const before = await outcomes();
    for (const sub of ['sub-stranger', 'sub-unverified', 'sub-admin-claim']) {
      const { callback, session } = await signInThroughProvider(hub.url, slug, sub);
      expect(callback.status).toBe(403);
      const page = await callback.text();
      expect(page).toContain('Ihr Konto ist im KIM Hub nicht freigeschaltet');
      expect(page).toContain('Your account has no access to the KIM Hub');
      expect(session).toBeUndefined();
    }
    const refused = await ledger(hub, 'sign-in.refused');
    expect(refused.filter((e) => /not-provisioned|unknown/.test(e.reason ?? ''))).toHaveLength(3);
    expect(refused.every((e) => !e.allowed)).toBe(true);
    expect(((await outcomes())['not-provisioned'] ?? 0) - (before['not-provisioned'] ?? 0)).toBe(3);
    // The unverified e-mail did not bind its owner's account.
    expect((await ledger(hub, 'staff.sign-in-bound')).some((e) => e.actor_id === staffId('cm-rheine-2'))).toBe(false);
  });

  it('provisions a new case manager from the configured claims', async () => {
    const { callback, browser } = await signInThroughProvider(hub.url, slug, 'sub-newcomer');
    expect(callback.status).toBe(303);
    const me = (await gqlWith(browser, hub.url, VIEWER)).data.viewer.staff;
    expect(me).toMatchObject({ displayName: 'Nina Neu', role: 'case-manager' });
    expect((await ledger(hub, 'staff.provisioned')).map((e) => e.reason)).toEqual(['case-manager']);
  });

  it('refuses a callback whose state, nonce or PKCE verifier does not match, or that another browser started', async () => {
    const refusedWith = async (
      r: { callback: Response; session: string | undefined },
      status: number,
      text: string,
    ) => {
      expect(r.callback.status).toBe(status);
      expect(await r.callback.text()).toContain(text);
      expect(r.session).toBeUndefined();
    };
    // State: the callback carries another state than the one kept for this browser.
    let original = '';
    const state = await signInThroughProvider(hub.url, slug, 'sub-clara', {
      tamperCallback: (u) => {
        original = u.href;
        u.searchParams.set('state', 'forged-state-value-0123456789');
      },
    });
    await refusedWith(state, 400, 'konnte nicht bestätigt werden');
    // The sign-in under way is used up: the genuine callback does not work after that either.
    const replay = await state.browser.request(original);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('abgelaufen oder wurde in einem anderen Browser begonnen');
    // Nonce: the authorization request was altered, so the ID token names another nonce.
    const nonce = await signInThroughProvider(hub.url, slug, 'sub-clara', {
      tamper: (u) => u.searchParams.set('nonce', 'forged-nonce-0123456789'),
    });
    await refusedWith(nonce, 400, 'konnte nicht bestätigt werden');
    // PKCE: the code was issued for another challenge than the verifier the hub kept.
    const pkce = await signInThroughProvider(hub.url, slug, 'sub-clara', {
      tamper: (u) => u.searchParams.set('code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'),
    });
    await refusedWith(pkce, 400, 'konnte nicht bestätigt werden');
    // Another browser: the callback URL reaches a browser that started no sign-in (login CSRF).
    let stolen = '';
    await signInThroughProvider(hub.url, slug, 'sub-clara', {
      tamperCallback: (u) => {
        stolen = u.href;
        u.searchParams.set('code', 'not-used');
      },
    });
    const victim = new CookieBrowser(hub.url);
    const planted = await victim.request(stolen);
    expect(planted.status).toBe(400);
    expect(victim.cookie(hub.url, 'kim_session')).toBeUndefined();
    const reasons = (await ledger(hub, 'sign-in.refused')).map((e) => e.reason ?? '');
    expect(reasons.filter((r) => r.startsWith("the provider's answer was refused"))).toHaveLength(4);
  });

  it('keeps other sites from using the session (CSRF) while the console’s own requests pass', async () => {
    const { browser } = await signInThroughProvider(hub.url, slug, 'sub-lena');
    const mutation = `mutation { endStaffSessions(staffUserId: "${staffId('cm-lengerich-1')}") }`;
    const sessions = `{ mySessions { id current endedAt } }`;
    const evil = await gqlWith(browser, hub.url, sessions, undefined, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    const noOrigin = await browser.request(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: '', 'sec-fetch-site': 'cross-site' },
      body: JSON.stringify({ query: sessions }),
    });
    expect(noOrigin.status).toBe(403);
    // A form of another site can only send text/plain: Apollo's CSRF prevention refuses it too.
    const simple = await browser.request(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: mutation }),
    });
    expect(simple.status).toBe(400);
    const own = await gqlWith(browser, hub.url, sessions);
    expect(own.code).toBe('OK');
    expect(own.data.mySessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
  });

  it('signs out: the session ends, the provider’s sign-out is offered', async () => {
    const { browser } = await signInThroughProvider(hub.url, slug, 'sub-lena');
    expect((await gqlWith(browser, hub.url, VIEWER)).code).toBe('OK');
    const cookie = browser.cookie(hub.url, 'kim_session')!;
    const out = await browser.request(`${hub.url}/auth/sign-out`, { method: 'POST' });
    expect(out.status).toBe(201);
    const body = (await out.json()) as { signedOut: boolean; endSessionUrl: string };
    expect(body.signedOut).toBe(true);
    expect(body.endSessionUrl.startsWith(`${idp.issuer}/`)).toBe(true);
    expect(new URL(body.endSessionUrl).searchParams.get('post_logout_redirect_uri')).toBe(`${hub.url}/console/`);
    expect(browser.cookie(hub.url, 'kim_session')).toBeUndefined();
    // The old cookie, presented again (copied before sign-out), is refused.
    browser.setCookie(hub.url, 'kim_session', cookie);
    expect((await gqlWith(browser, hub.url, VIEWER)).code).toBe('UNAUTHENTICATED');
    expect((await ledger(hub, 'sign-out')).some((e) => e.actor_id === staffId('cm-lengerich-1'))).toBe(true);
  });

  it('lets a staff user end their own session and a tenant administrator end a user’s sessions', async () => {
    const a = await signInThroughProvider(hub.url, slug, 'sub-lena');
    const b = await signInThroughProvider(hub.url, slug, 'sub-lena');
    const mine = (await gqlWith(a.browser, hub.url, `{ mySessions { id current endedAt } }`)).data.mySessions;
    const other = mine.find((s: { current: boolean; endedAt: string | null }) => !s.current && !s.endedAt);
    const ended = await gqlWith(a.browser, hub.url, `mutation($id: ID!) { endMySession(id: $id) }`, { id: other.id });
    expect(ended.data).toEqual({ endMySession: true });
    await expectEventually(
      async () => expect((await gqlWith(b.browser, hub.url, VIEWER)).code).toBe('UNAUTHENTICATED'),
      { timeoutMs: 3000 },
    );
    expect((await gqlWith(a.browser, hub.url, VIEWER)).code).toBe('OK');
    // A case manager may not end someone else's sessions.
    const notMine = await gqlWith(
      a.browser,
      hub.url,
      `mutation { endStaffSessions(staffUserId: "${staffId('cm-rheine-1')}") }`,
    );
    expect(notMine.code).toBe('FORBIDDEN');
    const SESSIONS = `query($u: ID!) { staffSessions(staffUserId: $u) { endedAt endReason } }`;
    const open = (await hub.gql(adminToken, SESSIONS, { u: staffId('cm-lengerich-1') })).data.staffSessions.filter(
      (s: { endedAt: string | null }) => !s.endedAt,
    ).length;
    expect(open).toBeGreaterThanOrEqual(1);
    const n = await hub.gql(adminToken, `mutation($u: ID!) { endStaffSessions(staffUserId: $u) }`, {
      u: staffId('cm-lengerich-1'),
    });
    expect(n.data).toEqual({ endStaffSessions: open });
    await expectEventually(
      async () => expect((await gqlWith(a.browser, hub.url, VIEWER)).code).toBe('UNAUTHENTICATED'),
      { timeoutMs: 3000 },
    );
    const listed = await hub.gql(adminToken, `query($u: ID!) { staffSessions(staffUserId: $u) { endReason } }`, {
      u: staffId('cm-lengerich-1'),
    });
    expect(listed.data.staffSessions.map((s: { endReason: string }) => s.endReason)).toEqual(
      expect.arrayContaining(['ended-by-admin', 'ended-by-user']),
    );
  });

  it('ends a deactivated user’s sessions at once, and refuses their next sign-in', async () => {
    const { browser } = await signInThroughProvider(hub.url, slug, 'sub-otto');
    expect((await gqlWith(browser, hub.url, VIEWER)).data.viewer.staff.id).toBe(staffId('cm-steinfurt-1'));
    const off = await hub.gql(
      adminToken,
      `mutation($id: ID!) { updateStaffUser(id: $id, input: { active: false }) { active } }`,
      {
        id: staffId('cm-steinfurt-1'),
      },
    );
    expect(off.errors).toBeUndefined();
    await expectEventually(async () => expect((await gqlWith(browser, hub.url, VIEWER)).code).toBe('UNAUTHENTICATED'), {
      timeoutMs: 3000,
    });
    const listed = await hub.gql(adminToken, `query($u: ID!) { staffSessions(staffUserId: $u) { endReason } }`, {
      u: staffId('cm-steinfurt-1'),
    });
    expect(listed.data.staffSessions.map((s: { endReason: string }) => s.endReason)).toEqual(['deactivated']);
    const next = await signInThroughProvider(hub.url, slug, 'sub-otto');
    expect(next.callback.status).toBe(403);
    expect(await next.callback.text()).toContain('Ihr Zugang zum KIM Hub ist deaktiviert');
  });
});

describe('staff sessions expire, and pasted staff tokens can be switched off', () => {
  let idp: TestOidcProvider;
  let hub: TestHub;
  let slug: string;
  const IDLE = 3;
  const ABSOLUTE = 7;

  beforeAll(async () => {
    idp = await startOidcProvider();
    hub = await startTestHub('oidcexpiry', {
      persons: 1,
      env: {
        SESSION_IDLE_SECONDS: String(IDLE),
        SESSION_ABSOLUTE_SECONDS: String(ABSOLUTE),
        STAFF_TOKENS: 'false',
        // Failed callbacks share the sign-in budget of their source (here named by X-Forwarded-For).
        SIGN_IN_FAILURES_PER_SOURCE: '5',
        // Starts are counted whether or not they fail; the two sign-ins below come from loopback.
        SIGN_IN_STARTS_PER_SOURCE: '4',
        TRUST_PROXY: 'loopback',
        OIDC_PROVIDERS: JSON.stringify({ '*': { issuer: idp.issuer, clientId: 'kim-public', matchEmail: true } }),
      },
    });
    await idp.addClient({ clientId: 'kim-public', redirectUris: [`${hub.url}/auth/oidc/callback`] });
    // Staff tokens are off here: the tenant's slug comes from an agency's key.
    slug = (await hub.gql(hub.creds.agencies[0]!.apiKey, `{ viewer { tenant { slug } } }`)).data.viewer.tenant.slug;
    idp.addAccount({ sub: 'sub-kim', email: `cm-rheine-1@${slug}.kim-hub.example`, email_verified: true });
  });
  afterAll(async () => {
    await hub?.close();
    await idp?.close();
  });

  const viewer = async (browser: CookieBrowser) => (await gqlWith(browser, hub.url, VIEWER)).code;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('counts failed callbacks against the source’s sign-in budget: 429 once it is spent', async () => {
    const source = '203.0.113.7';
    const metric = async () =>
      (await hub.app.get(HubMetrics).oidcSignIns.get()).values.find((v) => v.labels.outcome === 'rate-limited')
        ?.value ?? 0;
    const before = await metric();
    const forged = () =>
      fetch(`${hub.url}/auth/oidc/callback?code=forged&state=forged`, {
        headers: { 'x-forwarded-for': source },
        redirect: 'manual',
      });
    // Five failures are the budget (SIGN_IN_FAILURES_PER_SOURCE); the sixth is refused before any lookup.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await forged()).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    const limited = await forged();
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await limited.text()).toContain('Zu viele fehlgeschlagene Anmeldungen');
    expect((await metric()) - before).toBe(2);
    // Another source is not held back.
    expect((await fetch(`${hub.url}/auth/oidc/callback`, { redirect: 'manual' })).status).toBe(400);
  });

  it('limits sign-in starts per source: each stores a flow, so the fifth within a minute is 429 and stores none', async () => {
    const source = '203.0.113.9';
    const flows = async () => Number((await hub.db.ds.query(`SELECT count(*)::int AS n FROM sign_in_flows`))[0].n);
    const start = () =>
      fetch(`${hub.url}/auth/oidc/${slug}/login`, { headers: { 'x-forwarded-for': source }, redirect: 'manual' });
    const before = await flows();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await start()).status);
    expect(statuses).toEqual([303, 303, 303, 303, 429]);
    expect((await flows()) - before).toBe(4);
    const limited = await start();
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await limited.text()).toContain('Zu viele Anmeldeversuche');
    expect((await flows()) - before).toBe(4);
    // Another source still starts.
    const other = await fetch(`${hub.url}/auth/oidc/${slug}/login`, {
      headers: { 'x-forwarded-for': '203.0.113.10' },
      redirect: 'manual',
    });
    expect(other.status).toBe(303);
  });

  it('refuses pasted staff tokens, keeps agencies’ API keys', async () => {
    expect((await hub.gql(hub.token('cm-rheine-1'), VIEWER)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await hub.gql(hub.creds.agencies[0]!.apiKey, `{ viewer { agency { id } } }`)).errors).toBeUndefined();
  });

  it('ends a session unused for longer than the idle limit', async () => {
    const { browser, callback } = await signInThroughProvider(hub.url, slug, 'sub-kim');
    expect(callback.status).toBe(303);
    expect(await viewer(browser)).toBe('OK');
    // The condition itself is time passing without a request.
    await sleep((IDLE + 1) * 1000);
    expect(await viewer(browser)).toBe('UNAUTHENTICATED');
    // The browser is told to forget the cookie.
    expect(browser.cookie(hub.url, 'kim_session')).toBeUndefined();
  });

  it('ends a session at its absolute limit even while it is used', async () => {
    const { browser } = await signInThroughProvider(hub.url, slug, 'sub-kim');
    const start = Date.now();
    let lastOk = start;
    for (;;) {
      const code = await viewer(browser);
      if (code !== 'OK') break;
      lastOk = Date.now();
      expect(lastOk - start).toBeLessThan((ABSOLUTE + 3) * 1000);
      await sleep(500);
    }
    // Used all along (never idle), and refused only once the absolute limit had passed.
    expect(Date.now() - start).toBeGreaterThanOrEqual((ABSOLUTE - 1) * 1000);
    expect(Date.now() - lastOk).toBeLessThan(IDLE * 1000);
  });
});

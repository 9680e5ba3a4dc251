import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { startOidcProvider, type TestOidcProvider } from '@kim/test-support/oidc';
import { LANDING, seriousViolations as axe, signInWithProvider } from '@kim/test-support/console';
import { buildConsole, openBrowser, screenshot, type Browser } from './browser.js';

/**
 * Single sign-on in Debian's Chromium (issue 18, part 2): a case manager signs in through the
 * Kreis's OpenID provider (oidc-provider, in the process), lands on their cases with a session
 * cookie the page's script cannot read, and signs out (the hub's session and the provider's).
 */
describe('single sign-on in the console (Chromium)', () => {
  let idp: TestOidcProvider;
  let hub: TestHub;
  let browser: Browser | undefined;

  beforeAll(async () => {
    buildConsole();
    idp = await startOidcProvider();
    hub = await startTestHub('e2e_oidc', {
      persons: 20,
      env: {
        OIDC_PROVIDERS: JSON.stringify({
          '*': {
            issuer: idp.issuer,
            clientId: 'kim-console',
            clientSecret: 'console-secret-0123456789',
            matchEmail: true,
          },
        }),
      },
    });
    await idp.addClient({
      clientId: 'kim-console',
      clientSecret: 'console-secret-0123456789',
      redirectUris: [`${hub.url}/auth/oidc/callback`],
      postLogoutRedirectUris: [`${hub.url}/console/`],
    });
    const slug = (await hub.gql(hub.token('cm-rheine-1'), `{ viewer { tenant { slug } } }`)).data.viewer.tenant.slug;
    idp.addAccount({ sub: 'sub-rheine-1', email: `cm-rheine-1@${slug}.kim-hub.example`, email_verified: true });
  }, 240_000);
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });
  afterAll(async () => {
    await hub?.close();
    await idp?.close();
  });

  it('signs a case manager in through the provider; they see their cases; sign-out ends the session', async () => {
    browser = await openBrowser();
    const { page } = browser;
    const problems: string[] = [];
    const errors: string[] = [];
    // The console's own errors; the provider's development pages (fonts, favicon) are not ours.
    page.on('console', (m) => {
      // Chromium asks the hub's origin for /favicon.ico after the redirects through /auth (no page of ours).
      if (m.type() === 'error' && page.url().startsWith(hub.url) && !m.location().url.endsWith('/favicon.ico')) {
        errors.push(`${page.url()}: ${m.location().url} ${m.text()}`);
      }
    });

    await page.goto(`${hub.url}/console/`);
    await page.getByRole('link', { name: 'Mit dem Konto Ihrer Verwaltung anmelden' }).waitFor();
    problems.push(...(await axe(page, 'sign-in with single sign-on')));
    await screenshot(page, 'oidc-01-sign-in');

    await signInWithProvider(page, hub.url, 'sub-rheine-1', LANDING.caseManager);
    problems.push(...(await axe(page, 'my cases after single sign-on')));
    await screenshot(page, 'oidc-02-my-cases');
    // Their own cases (the demo gives cm-rheine-1 some), as with a token.
    const rows = page.getByRole('table').first().getByRole('row');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBeGreaterThan(1);
    // The session is in an HttpOnly cookie: not in the page's reach, not in storage.
    const cookies = await browser.context.cookies(hub.url);
    const session = cookies.find((c) => c.name === 'kim_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(await page.evaluate<string>('document.cookie')).not.toContain('kim_session');
    expect(await page.evaluate<string>('JSON.stringify({ ...sessionStorage, ...localStorage })')).not.toContain(
      session!.value,
    );

    // Sign-out: the hub ends the session, then the provider's sign-out page is shown.
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.waitForURL((u) => u.href.startsWith(idp.issuer));
    expect((await browser.context.cookies(hub.url)).some((c) => c.name === 'kim_session')).toBe(false);
    const viewer = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `kim_session=${session!.value}`, origin: hub.url },
      body: JSON.stringify({ query: '{ viewer { staff { id } } }' }),
    });
    expect(
      ((await viewer.json()) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code,
    ).toBe('UNAUTHENTICATED');
    await page.goto(`${hub.url}/console/`);
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Anmeldung' }).waitFor();

    expect(problems).toEqual([]);
    expect(errors.filter((e) => !/401|UNAUTHENTICATED/.test(e))).toEqual([]);
  });
});

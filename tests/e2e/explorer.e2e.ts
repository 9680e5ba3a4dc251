import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { seriousViolations } from '@kim/test-support/console';
import { openBrowser, screenshot, type Browser } from './browser.js';

/**
 * The hub's own GraphQL explorer in Debian's Chromium with every other origin cut off: it must
 * render and answer from the hub's files alone (issue 17: the CDN landing page was blank offline).
 */
describe('GraphQL explorer offline (Chromium)', () => {
  let hub: TestHub;
  let browser: Browser | undefined;
  const elsewhere: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    hub = await startTestHub('e2e_explorer');
    browser = await openBrowser();
    const origin = new URL(hub.url).origin;
    // No internet: anything not from the hub fails, and is noted.
    await browser.context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) return route.continue();
      elsewhere.push(url);
      return route.abort('internetdisconnected');
    });
    browser.page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    browser.page.on('pageerror', (e) => problems.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('opens from /graphql and runs a query, anonymous and with a staff token typed in', async () => {
    const page = browser!.page;
    await page.goto(`${hub.url}/graphql`);
    expect(new URL(page.url()).pathname).toBe('/graphql/explorer/');
    await page.getByRole('heading', { level: 1, name: /GraphQL-Explorer/ }).waitFor();
    // One page in German with English alongside: axe on it empty and with an answer shown.
    problems.push(...(await seriousViolations(page, 'explorer')));

    await page.getByLabel(/Anfrage/).fill('{ __typename }');
    await page.getByRole('button', { name: /Ausführen/ }).click();
    await page.locator('#status').filter({ hasText: 'HTTP 200' }).waitFor();
    expect(JSON.parse((await page.locator('#result').textContent())!)).toEqual({ data: { __typename: 'Query' } });

    // Agencies need a signed-in caller: refused without the token, listed with it.
    await page.getByLabel(/Anfrage/).fill('{ agencies { name } }');
    await page.getByRole('button', { name: /Ausführen/ }).click();
    await page.locator('#result').filter({ hasText: 'errors' }).waitFor();
    await page.getByLabel(/Token/).fill(hub.creds.staff[0]!.token);
    await page.getByRole('button', { name: /Ausführen/ }).click();
    await page.locator('#result').filter({ hasText: '"agencies"' }).waitFor();
    problems.push(...(await seriousViolations(page, 'explorer with an answer')));
    const answer: { data: { agencies: { name: string }[] } } = JSON.parse(
      (await page.locator('#result').textContent())!,
    );
    const names = answer.data.agencies.map((a) => a.name);
    expect(names.sort()).toEqual(hub.creds.agencies.map((a) => a.name).sort());

    // The token went nowhere but the request: not into storage, not into the address.
    // A string: the tests' typings have no DOM.
    const stored = await page.evaluate<string>(
      'JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })',
    );
    expect(stored).not.toContain(hub.creds.staff[0]!.token);
    expect(page.url()).not.toContain(hub.creds.staff[0]!.token);
    await screenshot(page, 'explorer');

    expect(elsewhere).toEqual([]);
    expect(problems).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { BoardAggregates } from '@kim/core';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { LANDING, signIn } from '@kim/test-support/console';
import { pageProblems } from './screen-text.js';
import { buildConsole, focusAfterNavigation, openBrowser, screenshot, tabTo, type Browser } from './browser.js';

/**
 * The coordinators' console in Debian's Chromium, against a real hub (own database, demo data
 * of a small Kreis) that serves the built console on /console, as `npm start` does.
 */
describe('coordinators console (Chromium)', () => {
  let hub: TestHub;
  let browser: Browser | undefined;
  let late: { caseId: string; caseReference: string; agencyName: string };
  let rheineReferences: string[];
  let kreisReferences: string[];
  let overdueCount: number;

  beforeAll(async () => {
    buildConsole();
    hub = await startTestHub('e2e_console', { persons: 120 });
    // Referrals the agencies left unanswered past their deadline: overdue as soon as they are read.
    await hub.db.ds.query(`UPDATE referrals SET respond_by = '2026-01-02' WHERE status = 'requested'`);
    const rheine = await hub.gql(
      hub.token('coordinator-rheine'),
      `{ overdueReferrals { caseId caseReference agencyName } }`,
    );
    const items: { caseId: string; caseReference: string; agencyName: string }[] = rheine.data.overdueReferrals;
    if (!items[0]) throw new Error('the demo data should leave a referral in Rheine overdue');
    late = items[0];
    overdueCount = items.length;
    rheineReferences = items.map((i) => i.caseReference);
    const kreis = await hub.gql(hub.token('coordinator-kreis'), `{ overdueReferrals { caseReference } }`);
    kreisReferences = kreis.data.overdueReferrals.map((i: { caseReference: string }) => i.caseReference);
    if (!kreisReferences.length) throw new Error('the demo data should leave a referral of the Kreis overdue');
  }, 180_000);

  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  afterAll(() => hub?.close());

  const heading = (page: Page) => page.getByRole('heading', { level: 1 });
  const htmlLang = (page: Page) => page.evaluate<string>('document.documentElement.lang');

  it('a coordinator of Rheine signs in, sees the overdue referrals of Rheine only, finds and opens a case, reads its timeline, downloads the access report, switches to English and signs out', async () => {
    browser = await openBrowser();
    const { page } = browser;
    await page.goto(`${hub.url}/console/`);
    // Not signed in: the console asks for a token first, in German.
    await heading(page).filter({ hasText: 'Anmeldung' }).waitFor();
    expect(await htmlLang(page)).toBe('de');
    await screenshot(page, '01-sign-in');

    await page.getByLabel('Zugangsschlüssel').fill('not-a-real-token');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('alert').filter({ hasText: 'Dieser Zugangsschlüssel ist unbekannt.' }).waitFor();
    expect(await page.getByText('Ihre Anmeldung ist abgelaufen').count()).toBe(0);
    await page.getByLabel('Zugangsschlüssel').fill(hub.token('operator'));
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Diese Konsole ist für Case Management und Koordinierende Stellen' })
      .waitFor();

    await page.getByLabel('Zugangsschlüssel').fill(hub.token('coordinator-rheine'));
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await heading(page).filter({ hasText: 'Übersicht' }).waitFor();
    await page.getByText('Angemeldet als Koordinierende Stelle Stadt Rheine').waitFor();
    const tile = page.getByRole('link', { name: /Überfällig$/ });
    expect((await tile.textContent())?.replace(/\D/g, '')).toBe(String(overdueCount));
    // The chart's figures are a table too, with the agency of the overdue referral in it.
    await page.getByRole('rowheader', { name: late.agencyName }).first().waitFor();
    await screenshot(page, '02-overview');

    await page.getByRole('navigation').getByRole('link', { name: 'Überfällige Vermittlungen' }).click();
    await heading(page).filter({ hasText: 'Überfällige Vermittlungen' }).waitFor();
    const table = page.getByRole('table', { name: /Überfällige Vermittlungen/ });
    await table.getByRole('link', { name: late.caseReference }).waitFor();
    // Exactly Rheine's overdue referrals; none of the Kreis's other areas.
    const shown = await table.getByRole('link').allTextContents();
    expect(shown.sort()).toEqual([...rheineReferences].sort());
    expect(shown.filter((r) => kreisReferences.includes(r))).toEqual([]);
    await screenshot(page, '03-overdue');

    await page.getByRole('navigation').getByRole('link', { name: 'Fallsuche' }).click();
    await page.getByLabel('Aktenzeichen oder Familienname').fill(late.caseReference);
    await page.getByRole('button', { name: 'Suchen' }).click();
    const results = page.getByRole('table', { name: '1 Fall angezeigt' });
    await results.getByRole('link', { name: late.caseReference }).waitFor();
    expect(await results.getByRole('row').count()).toBe(2);
    await screenshot(page, '04-search');

    await results.getByRole('link', { name: late.caseReference }).click();
    await heading(page)
      .filter({ hasText: `Fall ${late.caseReference}` })
      .waitFor();
    const timeline = page.getByRole('region', { name: 'Verlauf über alle Stellen' }).getByRole('listitem');
    await timeline.filter({ hasText: 'Fall eröffnet' }).first().waitFor();
    await page
      .getByRole('row')
      .filter({ hasText: late.agencyName })
      .filter({ hasText: 'überfällig' })
      .first()
      .waitFor();
    await screenshot(page, '05-case');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Auskunft herunterladen (HTML, druckbar)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`auskunft-${late.caseReference}.html`);
    const report = readFileSync(await download.path(), 'utf8');
    expect(report).toContain('Auskunft nach Art. 15 DSGVO');
    expect(report).toContain(late.caseReference);

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await heading(page)
      .filter({ hasText: `Case ${late.caseReference}` })
      .waitFor();
    expect(await htmlLang(page)).toBe('en');
    await page.getByRole('row').filter({ hasText: late.agencyName }).filter({ hasText: 'overdue' }).first().waitFor();
    // A deep link survives a reload: the gateway answers client routes with the console.
    await page.reload();
    await heading(page)
      .filter({ hasText: `Case ${late.caseReference}` })
      .waitFor();
    expect(await htmlLang(page)).toBe('en');
    await screenshot(page, '06-case-en');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await heading(page).filter({ hasText: 'Sign in' }).waitFor();
    await page.goto(`${hub.url}/console/overdue`);
    await heading(page).filter({ hasText: 'Sign in' }).waitFor();
  }, 120_000);

  it('works with the keyboard alone: sign in, navigate, open a case, download, switch language, sign out', async () => {
    browser = await openBrowser();
    const { page } = browser;
    await page.goto(`${hub.url}/console/sign-in`);
    await heading(page).filter({ hasText: 'Anmeldung' }).waitFor();

    await tabTo(page, (f) => f.tag === 'input');
    await page.keyboard.type(hub.token('coordinator-rheine'));
    await page.keyboard.press('Enter');
    await heading(page).filter({ hasText: 'Übersicht' }).waitFor();
    // After every navigation the focus is on the new page's heading.
    expect(await focusAfterNavigation(page, (f) => f.tag === 'h1')).toMatchObject({ tag: 'h1', text: 'Übersicht' });

    // The navigation comes before main: back there with Shift+Tab.
    await tabTo(page, (f) => f.text === 'Überfällige Vermittlungen', 30, 'Shift+Tab');
    await page.keyboard.press('Enter');
    await heading(page).filter({ hasText: 'Überfällige Vermittlungen' }).waitFor();
    expect(await focusAfterNavigation(page, (f) => f.tag === 'h1')).toMatchObject({
      tag: 'h1',
      text: 'Überfällige Vermittlungen',
    });

    await tabTo(page, (f) => f.tag === 'a' && f.text === late.caseReference);
    await page.keyboard.press('Enter');
    await heading(page)
      .filter({ hasText: `Fall ${late.caseReference}` })
      .waitFor();
    expect((await focusAfterNavigation(page, (f) => f.tag === 'h1')).tag).toBe('h1');

    // Past the case work's forms, the person's path among them.
    await tabTo(page, (f) => f.text.startsWith('Auskunft herunterladen (HTML'), 150);
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe(`auskunft-${late.caseReference}.html`);

    // The skip link is the first stop of the page and jumps over banner and navigation. The case
    // page holds the case work's forms (a coordinator may work on the case), hence the longer way back.
    await tabTo(page, (f) => f.text === 'Zum Inhalt springen', 250, 'Shift+Tab');
    await page.keyboard.press('Enter');
    expect((await focusAfterNavigation(page, (f) => f.tag === 'main')).tag).toBe('main');

    await tabTo(page, (f) => f.text === 'Switch to English', 60, 'Shift+Tab');
    await page.keyboard.press('Enter');
    await heading(page)
      .filter({ hasText: `Case ${late.caseReference}` })
      .waitFor();
    await tabTo(page, (f) => f.text === 'Sign out');
    await page.keyboard.press('Enter');
    await heading(page).filter({ hasText: 'Sign in' }).waitFor();
    expect((await focusAfterNavigation(page, (f) => f.tag === 'h1')).tag).toBe('h1');
    await screenshot(page, '07-keyboard-signed-out');
  }, 120_000);

  it('has no serious or critical accessibility violations (axe-core, WCAG 2.2 AA) on any page, in German and English', async () => {
    browser = await openBrowser();
    const { page } = browser;
    const problems: string[] = [];
    // Each page: no serious accessibility violation, no raw code and no missing translation on screen.
    const check = async (label: string) => problems.push(...(await pageProblems(page, label)));
    await page.goto(`${hub.url}/console/sign-in`);
    await heading(page).waitFor();
    await check('sign-in');
    await signIn(page, hub, 'coordinator-rheine', LANDING.coordinator);
    await page.getByRole('figure').waitFor();
    await check('overview');
    for (const [path, title] of [
      ['/overdue', 'Überfällige Vermittlungen'],
      ['/open-loops', 'Offene Rückmeldungen'],
    ] as const) {
      await page.getByRole('navigation').getByRole('link', { name: title }).click();
      // The new page's heading first: until then the previous page's tables are still there.
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByRole('table').or(page.getByText('Keine Einträge.')).first().waitFor();
      await check(path);
    }
    await page.getByRole('navigation').getByRole('link', { name: 'Lagebild' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lagebild' }).waitFor();
    await page.getByRole('figure').first().waitFor();
    await check('board');
    await page.getByRole('navigation').getByRole('link', { name: 'Fallsuche' }).click();
    await page.getByRole('heading', { level: 1, name: 'Fallsuche' }).waitFor();
    await page.getByRole('table').waitFor();
    await check('cases');
    await page.getByRole('table').getByRole('link').first().click();
    await page.getByRole('region', { name: 'Verlauf über alle Stellen' }).waitFor();
    await check('case');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('region', { name: 'Timeline across agencies' }).waitFor();
    await check('case (en)');
    await page.getByRole('navigation').getByRole('link', { name: 'Overview' }).click();
    await heading(page).filter({ hasText: 'Overview' }).waitFor();
    await page.getByRole('figure').waitFor();
    await check('overview (en)');
    // A console address that is no page: the not-found page, in English and German.
    await page.goto(`${hub.url}/console/no-such-page`);
    await heading(page).filter({ hasText: 'Page not found' }).waitFor();
    await check('not found (en)');
    await page.getByRole('button', { name: 'Auf Deutsch umschalten' }).click();
    await heading(page).filter({ hasText: 'Seite nicht gefunden' }).waitFor();
    await check('not found');
    expect(problems).toEqual([]);
  }, 120_000);

  it('signs the coordinator out with a notice when the hub stops accepting the token', async () => {
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, hub, 'coordinator-kreis', LANDING.coordinator);
    // The Kreis's token is withdrawn (as an identity provider would end the session).
    await hub.db.ds.query(`UPDATE staff_users SET token_hash = md5(random()::text) WHERE id = $1`, [
      hub.creds.staff.find((s) => s.key === 'coordinator-kreis')!.id,
    ]);
    // The next request the console makes (the case list, not cached yet) is refused.
    await page.getByRole('navigation').getByRole('link', { name: 'Fallsuche' }).click();
    await heading(page).filter({ hasText: 'Anmeldung' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Ihre Anmeldung ist abgelaufen' }).waitFor();
    // Nothing of the withdrawn session stays in the tab.
    expect(await page.evaluate<number>('sessionStorage.length')).toBe(0);
  }, 120_000);

  it('is served by the gateway on /console: client routes get the page with a content security policy, missing assets a 404', async () => {
    const page = await fetch(`${hub.url}/console/cases/${late.caseId}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<div id="root">');
    expect((await fetch(`${hub.url}/console/assets/missing.js`)).status).toBe(404);
    const bare = await fetch(`${hub.url}/console`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/console/');
  });

  it("shows Rheine's coordinator the status board of Rheine only, with charts and their tables, and downloads the committee report", async () => {
    // The board reads aggregates the worker refreshes; here the test refreshes them once.
    await new BoardAggregates(hub.db.ds).refresh();
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, hub, 'coordinator-rheine', LANDING.coordinator);
    await page.getByRole('navigation').getByRole('link', { name: 'Lagebild' }).click();
    await heading(page).filter({ hasText: 'Lagebild' }).waitFor();
    await page.getByText('Stadt Rheine', { exact: true }).waitFor();
    const caseload = page.getByRole('figure', { name: 'Auslastung je Regionalbereich (Schlüssel 1:100)' });
    expect(await caseload.getByRole('rowheader').allTextContents()).toEqual(['Rheine']);
    await page.getByRole('figure', { name: 'Offene Fälle nach Phase' }).getByRole('table').waitFor();
    // Milestones on the persons' path (issue 19): the chart's table has every month of the year as a row.
    const milestones = page.getByRole('figure', { name: 'Meilensteine auf dem Weg der Personen' });
    expect(await milestones.getByRole('rowheader').count()).toBe(12);
    expect(await milestones.getByRole('columnheader').allTextContents()).toEqual([
      'Monat',
      'Sprachniveau B1 erreicht',
      'Integrationskurs abgeschlossen',
      'Beschäftigung, Lebensunterhalt gesichert',
      'Eingebürgert',
    ]);
    await page.getByRole('table', { name: 'Personen im Zeitraum' }).waitFor();
    await screenshot(page, '08-board');
    const pdfButton = page.getByRole('button', { name: 'Bericht herunterladen (PDF)' });
    const downloading = page.waitForEvent('download');
    await pdfButton.click();
    // The PDF takes seconds: at once the page says it is being made, and the buttons wait.
    const making = page.getByRole('status').filter({ hasText: /kim-bericht-.*\.pdf wird erstellt, bitte warten …/ });
    await making.waitFor({ timeout: 1_000 });
    expect(await pdfButton.getAttribute('aria-busy')).toBe('true');
    expect(await page.getByRole('button', { name: 'Bericht herunterladen (HTML)' }).getAttribute('aria-disabled')).toBe(
      'true',
    );
    await screenshot(page, '09-report-being-made');
    const download = await downloading;
    await page.getByRole('status').filter({ hasText: 'Download gestartet' }).waitFor();
    expect(await making.count()).toBe(0);
    expect(download.suggestedFilename()).toMatch(/^kim-bericht-\d{4}-\d{2}-\d{4}-\d{2}\.pdf$/);
    expect(
      readFileSync(await download.path())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
  }, 120_000);
});

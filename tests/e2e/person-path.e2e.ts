import type { Page } from 'playwright-core';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { expectEventually } from '@kim/test-support/eventually';
import { LANDING, seriousViolations as axe, signIn } from '@kim/test-support/console';
import { OPEN_CASE, RECORD_CONSENT, consentFor, newcomer } from '@kim/test-support/fixtures';
import { buildConsole, openBrowser, type Browser } from './browser.js';
import { rawTextProblems } from './screen-text.js';

/**
 * The person's path on the case page (issue 19) in Debian's Chromium: a case manager records a
 * language certificate with the evidence seen, corrects it, reads the routes to a secure
 * residence with the disclaimer, and sends a dossier once the person's consent names the
 * Ausländerbehörde (the console shows the consent check first). German and English, no raw codes.
 */
describe("the person's path on the case page (Chromium)", () => {
  let hub: TestHub;
  let browser: Browser | undefined;

  beforeAll(async () => {
    buildConsole();
    hub = await startTestHub('e2e_personpath', { persons: 5 });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  const section = (page: Page, name: string) => page.getByRole('region', { name });

  it('records and corrects an achievement, shows the routes and the dossier with its consent check', async () => {
    const cm = hub.token('cm-rheine-1');
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const abh = hub.creds.agencies.find((a) => a.key === 'abh')!;
    const c = await hub.gql(cm, OPEN_CASE, {
      input: { person: newcomer({ arrivalDate: '2019-05-01' }), regionId: rheine },
    });
    const caseId = c.data.openCase.id as string;

    browser = await openBrowser();
    const { page } = browser;
    const problems: string[] = [];
    await signIn(page, hub, 'cm-rheine-1', LANDING.caseManager);
    await page.goto(`${hub.url}/console/cases/${caseId}`);
    const achievements = section(page, 'Integrationsleistungen');
    await achievements.getByText('Noch keine Integrationsleistungen erfasst.').waitFor();

    // Record a language certificate (A2, to be corrected to B1).
    const form = achievements.getByRole('form', { name: 'Leistung erfassen' });
    await form.getByLabel('Art', { exact: true }).selectOption({ label: 'Sprachzertifikat' });
    await form.getByLabel('Datum (ausgestellt, bestanden, abgeschlossen oder begonnen)').fill('2026-04-30');
    await form.getByLabel('Sprachniveau (GER)').selectOption('A2');
    await form.getByLabel('Prüfung').fill('Deutsch-Test für Zuwanderer');
    await form.getByLabel('Träger, Arbeitgeber:in oder Stelle').fill('VHS Rheine');
    await form.getByLabel('Nummer oder Aktenzeichen des Nachweises').fill('DTZ-2026-0815');
    await form.getByRole('button', { name: 'Leistung erfassen' }).click();
    await page.getByRole('status').filter({ hasText: 'Integrationsleistung erfasst.' }).waitFor();
    await achievements.getByRole('row', { name: /Sprachzertifikat.*A2/ }).waitFor();

    // The routes: § 25b asks for A2 (held), § 10 StAG for B1 (not yet); the authority decides.
    const routes = section(page, 'Wege zu einem sicheren Aufenthalt');
    await routes.getByText('entscheidet allein die zuständige Behörde', { exact: false }).waitFor();
    const languageRow = (law: string, label: string) =>
      routes
        .locator('div')
        .filter({ has: page.getByRole('heading', { name: new RegExp(`^${law}`) }) })
        .getByRole('row', { name: label });
    await expectEventually(async () =>
      expect(await languageRow('§ 10 StAG', 'Ausreichende Deutschkenntnisse (B1)').textContent()).toContain(
        'kein Nachweis',
      ),
    );
    expect(await languageRow('§ 25b AufenthG', 'Mündliche Deutschkenntnisse auf Niveau A2').textContent()).toContain(
      'Nachweis liegt vor',
    );

    // Correct it to B1: the old entry stays, struck through; § 10 StAG now holds the language.
    await achievements.getByRole('button', { name: 'Korrigieren' }).click();
    const correction = achievements.getByRole('form', { name: 'Korrektur eines Eintrags' });
    await correction.getByLabel('Sprachniveau (GER)').selectOption('B1');
    await correction.getByLabel('Nummer oder Aktenzeichen des Nachweises').fill('DTZ-2026-0815');
    await correction.getByLabel('Grund der Korrektur').fill('Niveau falsch abgeschrieben');
    await correction.getByRole('button', { name: 'Korrektur speichern' }).click();
    await achievements.getByText('Korrektur: Niveau falsch abgeschrieben').waitFor();
    await achievements.getByRole('row', { name: /korrigiert/ }).waitFor();
    await expectEventually(async () =>
      expect(await languageRow('§ 10 StAG', 'Ausreichende Deutschkenntnisse (B1)').textContent()).toContain(
        'Nachweis liegt vor',
      ),
    );

    // The dossier: without consent the console says so and does not offer sending.
    const dossier = section(page, 'Nachweismappe an die Behörde');
    await dossier.getByLabel('Behörde').selectOption({ label: abh.name });
    await dossier.getByText(`Keine gültige Einwilligung nennt ${abh.name}`, { exact: false }).waitFor();
    await dossier.getByRole('checkbox', { name: /Sprachzertifikat/ }).check();
    expect(await dossier.getByRole('button', { name: 'Mappe senden' }).isDisabled()).toBe(true);
    problems.push(...(await axe(page, 'person path')), ...(await rawTextProblems(page, 'person path')));

    // With the person's consent naming the Ausländerbehörde the dossier goes out.
    await hub.gql(cm, RECORD_CONSENT, {
      input: consentFor(caseId, abh.id, {
        purposes: ['CASE_COORDINATION'],
        categories: ['IDENTITY', 'EDUCATION_WORK'],
      }),
    });
    await page.reload();
    await dossier.getByLabel('Behörde').selectOption({ label: abh.name });
    await dossier.getByText(`Eine gültige Einwilligung nennt ${abh.name}`, { exact: false }).waitFor();
    await dossier.getByRole('checkbox', { name: /Sprachzertifikat/ }).check();
    await dossier.getByRole('button', { name: 'Mappe senden' }).click();
    await page.getByRole('status').filter({ hasText: 'Nachweismappe zum Versand gegeben.' }).waitFor();
    await dossier.getByText(new RegExp(`an ${abh.name}: 1 Leistung`)).waitFor();

    // English: the same page in the other catalog, without raw codes or missing keys.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await section(page, 'Routes to a secure residence')
      .getByText('decided by the competent authority', { exact: false })
      .waitFor();
    problems.push(...(await axe(page, 'person path (en)')), ...(await rawTextProblems(page, 'person path (en)')));
    expect(problems).toEqual([]);
  });
});

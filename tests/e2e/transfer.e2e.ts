import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { seedDemo, type DemoCredentials } from '@kim/demo-data';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { LANDING, seriousViolations as axe, signIn } from '@kim/test-support/console';
import { OPEN_CASE, newcomer } from '@kim/test-support/fixtures';
import { buildConsole, openBrowser, type Browser } from './browser.js';
import { rawTextProblems } from './screen-text.js';

/**
 * Moving a case to another Kreis (issue 19 item 5) in Debian's Chromium: the case manager of
 * Kreis Steinfurt sees that no consent covers Kreis Borken, records the person's consent in the
 * console, offers the case; the coordinator of Kreis Borken sees the offer with nothing personal,
 * accepts it into a regional area and opens the new case; the sending case is closed as moved.
 */
describe('moving a case to another Kreis (Chromium)', () => {
  let hub: TestHub;
  let borken: DemoCredentials;
  let browser: Browser | undefined;

  beforeAll(async () => {
    buildConsole();
    hub = await startTestHub('e2e_transfer', { persons: 3 });
    const suffix = randomBytes(3).toString('hex');
    borken = await seedDemo(hub.db.ds, {
      credentialPrefix: `bo${suffix}`,
      tenantSlug: `borken-${suffix}`,
      tenantName: 'Kreis Borken',
      persons: 2,
      simulatorUrl: 'http://127.0.0.1:9',
    });
    await hub.db.ds.query(`UPDATE tenants SET accepts_transfers = true WHERE id = $1`, [borken.tenantId]);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  const section = (page: Page, name: string) => page.getByRole('region', { name });

  it('offers the case from one Kreis and accepts it in the other', async () => {
    const cm = hub.token('cm-rheine-1');
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const familyName = `Umzug-${randomBytes(2).toString('hex')}`;
    const c = await hub.gql(cm, OPEN_CASE, {
      input: { person: newcomer({ name: { givenNames: 'Amina', familyName } }), regionId: rheine },
    });
    const caseId = c.data.openCase.id as string;
    const reference = c.data.openCase.reference as string;

    browser = await openBrowser();
    const { page } = browser;
    const problems: string[] = [];
    await signIn(page, hub, 'cm-rheine-1', LANDING.caseManager);
    await page.goto(`${hub.url}/console/cases/${caseId}`);
    const move = section(page, 'Umzug in einen anderen Kreis');

    // No consent yet: the console says why and does not offer the move.
    const offer = move.getByRole('form', { name: 'Fall anbieten' });
    await offer.getByLabel('Aufnehmender Kreis').selectOption({ label: 'Kreis Borken – keine passende Einwilligung' });
    await move.getByText('Keine Einwilligung der Person nennt diesen Kreis', { exact: false }).waitFor();
    expect(await offer.getByRole('button', { name: 'Umzug anbieten' }).isDisabled()).toBe(true);

    // The person's consent, recorded in the console: identity and residence status.
    await move.getByText('Einwilligung zum Umzug erfassen').click();
    const consent = move.locator('details form');
    await consent.getByLabel('Aufnehmender Kreis').selectOption({ label: 'Kreis Borken' });
    await consent.getByRole('checkbox', { name: 'Aufenthaltsstatus' }).check();
    await consent.getByLabel('Erklärt in der Sprache', { exact: false }).fill('ar');
    await consent.getByRole('button', { name: 'Einwilligung speichern' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Die Einwilligung zum Umzug nach Kreis Borken ist gespeichert.' })
      .waitFor();

    await offer.getByLabel('Aufnehmender Kreis').selectOption({ label: 'Kreis Borken – Einwilligung liegt vor' });
    await move.getByText('Übergeben werden: Identität, Aufenthaltsstatus.', { exact: false }).waitFor();
    problems.push(...(await axe(page, 'transfer offer')), ...(await rawTextProblems(page, 'transfer offer')));
    await offer.getByRole('button', { name: 'Umzug anbieten' }).click();
    await page.getByRole('status').filter({ hasText: 'Der Fall ist Kreis Borken angeboten.' }).waitFor();
    await move.getByRole('row', { name: /Kreis Borken.*angeboten/ }).waitFor();

    // Kreis Borken's coordinator: the offer, with nothing personal; accept into a regional area.
    await page.getByRole('button', { name: 'Abmelden' }).click();
    const coordinator = borken.staff.find((s) => s.key === 'coordinator-kreis')!;
    await signIn(page, { url: hub.url, token: () => coordinator.token }, 'coordinator-kreis', LANDING.coordinator);
    await page.getByRole('link', { name: 'Übernahmen' }).click();
    const card = page.getByRole('region', { name: /Angebot von Kreis Steinfurt/ });
    await card.getByText('Identität, Aufenthaltsstatus').waitFor();
    const listed = (await page.locator('main').textContent()) ?? '';
    expect([listed.includes(familyName), listed.includes(reference)]).toEqual([false, false]);
    problems.push(...(await axe(page, 'incoming transfers')), ...(await rawTextProblems(page, 'incoming transfers')));
    const steinfurt = borken.regions.find((r) => r.key === 'steinfurt')!;
    await card.getByLabel('Regionalbereich für den Fall').selectOption({ label: steinfurt.name });
    await card.getByRole('button', { name: 'Annehmen' }).click();
    await page.getByRole('status').filter({ hasText: 'Angenommen. Neuer Fall:' }).getByRole('link').click();

    // The new case in Borken: the person with the consented categories, the history of the move.
    await page.getByRole('heading', { level: 1, name: /^Fall KIM-/ }).waitFor();
    await page.getByText(familyName).waitFor();
    await page.getByText('Fall aus Kreis Steinfurt übernommen (Identität, Aufenthaltsstatus)').waitFor();
    await page.getByText('Vor dem Umzug: Fall eröffnet').first().waitFor();
    problems.push(...(await rawTextProblems(page, 'transferred case')));

    // The sending case is closed as moved.
    const [sent] = await hub.db.ds.query(`SELECT phase, closing_reason FROM cases WHERE id = $1`, [caseId]);
    expect(sent).toEqual({ phase: 'closed', closing_reason: 'moved' });

    // English: the incoming list in the other catalog.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('link', { name: 'Incoming cases' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cases from other Kreise' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Loading' }).waitFor({ state: 'detached' });
    problems.push(
      ...(await axe(page, 'incoming transfers (en)')),
      ...(await rawTextProblems(page, 'incoming transfers (en)')),
    );
    expect(problems).toEqual([]);
  });
});

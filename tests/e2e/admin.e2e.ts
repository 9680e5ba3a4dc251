import type { Page } from 'playwright-core';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { LANDING, seriousViolations, signIn } from '@kim/test-support/console';
import { buildConsole, focusAfterNavigation, focused, openBrowser, screenshot, type Browser } from './browser.js';
import { rawTextProblems } from './screen-text.js';

/**
 * A tenant administrator's afternoon in Debian's Chromium, against a real hub (issue 18, item 1):
 * a regional area, a case manager working in it, an agency with contact data and a service, an
 * API key read once, another key revoked; then the API says what the screens did. A mistyped
 * value and a taken e-mail are shown next to their field and nothing typed is lost. Every page is
 * checked with axe and for raw codes, in German and English. A case manager sees none of it.
 */
const AREA = 'Regionalbereich Neuenkirchen';
const CM = { name: 'Clara Beispiel', email: 'clara.beispiel@kreis-steinfurt.example' };
const AGENCY = {
  name: 'Caritas Neuenkirchen Migrationsberatung',
  webhookUrl: 'https://fachverfahren.caritas-neuenkirchen.example/kim',
  phone: '+49 5973 9400-0',
  email: 'mbe@caritas-neuenkirchen.example',
  address: 'Hauptstraße 12, 48485 Neuenkirchen',
  hours: 'Mo–Do 9–16 Uhr',
};
const SERVICE = { code: 'MBE-NK', name: 'Migrationsberatung für Erwachsene', funding: 'BAMF MBE' };

describe("tenant administrator's afternoon (Chromium)", () => {
  let hub: TestHub;
  let browser: Browser | undefined;
  let admin: string;
  let oldKey: { id: string; prefix: string; secret: string };

  beforeAll(async () => {
    buildConsole();
    hub = await startTestHub('e2e_admin', { persons: 2 });
    admin = hub.token('admin');
    // A key the Jobcenter's old system used: today the administrator revokes it.
    const jc = hub.creds.agencies.find((a) => a.key === 'jc')!;
    const r = await hub.gql(
      admin,
      `mutation($o: CredentialOwnerInput!) { issueCredential(owner: $o, label: "Altsystem") { secret credential { id prefix } } }`,
      { o: { agencyId: jc.id } },
    );
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    oldKey = { ...r.data.issueCredential.credential, secret: r.data.issueCredential.secret };
    const before = await hub.gql(oldKey.secret, `{ viewer { agency { id } } }`);
    if (before.data?.viewer.agency.id !== jc.id) throw new Error('the old key should sign in before it is revoked');
  }, 240_000);

  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });
  afterAll(() => hub?.close());

  const heading = (page: Page) => page.getByRole('heading', { level: 1 });
  const status = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });
  const nav = (page: Page) => page.getByRole('navigation', { name: /Hauptnavigation|Main navigation/ });
  /** axe and the raw-code check on the page as it is. */
  const checks = async (page: Page, label: string) => [
    ...(await seriousViolations(page, label)),
    ...(await rawTextProblems(page, label)),
  ];
  /** The error shown under a field, read through the field's aria-describedby (as a screen reader does). */
  const fieldError = async (page: Page, label: string): Promise<string> => {
    const ids = ((await page.getByLabel(label, { exact: true }).getAttribute('aria-describedby')) ?? '').split(' ');
    const errors: string[] = [];
    for (const id of ids.filter(Boolean)) {
      const described = page.locator(`[id="${id}"]`);
      if ((await described.getAttribute('class'))?.includes('field-error')) errors.push(await described.innerText());
    }
    return errors.join(' ');
  };

  it('sets up an area, a case manager, an agency with a service and keys; the API agrees', async () => {
    browser = await openBrowser();
    const { page } = browser;
    const problems: string[] = [];

    // A tenant administrator lands on the areas and sees the administration only.
    await signIn(page, hub, 'admin', LANDING.tenantAdmin);
    expect(await nav(page).getByRole('link').allInnerTexts()).toEqual([
      'Bereiche',
      'Mitarbeitende',
      'Stellen',
      'Zugangsschlüssel',
    ]);

    // A regional area: a mistyped post count is refused in the browser, next to its field.
    await page.getByLabel('Name', { exact: true }).nth(1).fill(AREA);
    await page.getByLabel('Koordinierende Stelle (Bereich)').selectOption({ label: 'Kreis Steinfurt' });
    await page.getByLabel('Stellen im Case Management (VZÄ)').fill('1000');
    await page.getByLabel('Telefon').fill('+49 5973 901-0');
    await page.getByRole('button', { name: 'Regionalbereich anlegen' }).click();
    expect(await fieldError(page, 'Stellen im Case Management (VZÄ)')).toBe('Höchstens 999.');
    expect((await focused(page)).text).toBe('region-new-fte');
    expect(await page.getByLabel('Telefon').inputValue()).toBe('+49 5973 901-0');
    problems.push(...(await checks(page, 'areas, with an error')));
    await screenshot(page, 'admin-01-areas-error');
    await page.getByLabel('Stellen im Case Management (VZÄ)').fill('1,5');
    await page.getByRole('button', { name: 'Regionalbereich anlegen' }).click();
    await status(page, `„${AREA}“ wurde angelegt.`).waitFor();
    await page.getByRole('row', { name: new RegExp(AREA) }).waitFor();
    problems.push(...(await checks(page, 'areas')));
    await screenshot(page, 'admin-02-areas');

    // A case manager in that area: a taken e-mail comes back from the hub, shown at the e-mail.
    await nav(page).getByRole('link', { name: 'Mitarbeitende' }).click();
    await heading(page).filter({ hasText: 'Mitarbeitende' }).waitFor();
    const taken = hub.creds.staff.find((s) => s.key === 'cm-rheine-1')!;
    const [{ email: takenEmail }] = await hub.db.ds.query(`SELECT email FROM staff_users WHERE id = $1`, [taken.id]);
    await page.getByLabel('Name', { exact: true }).fill(CM.name);
    await page.getByLabel('Dienstliche E-Mail').fill(takenEmail);
    await page.getByLabel('Rolle').selectOption({ label: 'Case Management' });
    await page.getByLabel('Regionalbereich').selectOption({ label: AREA });
    await page.getByLabel('Stellenanteil (VZÄ)').fill('0,5');
    await page.getByRole('button', { name: 'Anlegen', exact: true }).click();
    await page.getByText('Diese E-Mail-Adresse ist schon vergeben.').waitFor();
    expect(await fieldError(page, 'Dienstliche E-Mail')).toBe('Diese E-Mail-Adresse ist schon vergeben.');
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(CM.name);
    expect(await page.getByLabel('Regionalbereich').inputValue()).not.toBe('');
    problems.push(...(await checks(page, 'staff, with a refusal')));
    await screenshot(page, 'admin-03-staff-error');
    await page.getByLabel('Dienstliche E-Mail').fill(CM.email);
    await page.getByRole('button', { name: 'Anlegen', exact: true }).click();
    await status(page, `„${CM.name}“ wurde angelegt.`).waitFor();
    // The list is paged on the hub (refreshed after the change): the new case manager is on one of its pages.
    for (let p = 2; p <= 10; p++) {
      const row = page.getByRole('row', { name: new RegExp(CM.name) });
      if (
        await row.waitFor({ timeout: 5000 }).then(
          () => true,
          () => false,
        )
      )
        break;
      await page.getByRole('button', { name: 'Nächste Seite' }).click();
      await page.getByRole('table').getByText(`Seite ${p}`).waitFor();
    }
    await page.getByRole('row', { name: new RegExp(`${CM.name}.*Case Management ${AREA} aktiv `) }).waitFor();
    problems.push(...(await checks(page, 'staff')));
    await screenshot(page, 'admin-04-staff');

    // An agency with its contact data; its webhook secret is shown once.
    await nav(page).getByRole('link', { name: 'Stellen' }).click();
    await heading(page).filter({ hasText: 'Stellen' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill(AGENCY.name);
    await page.getByLabel('Art der Stelle').selectOption({ label: 'Migrationsberatung' });
    await page.getByLabel('Übermittlungsweg').selectOption({ label: 'Webhook (Schnittstelle)' });
    await page.getByLabel('Webhook-Adresse').fill(AGENCY.webhookUrl);
    await page.getByLabel('Telefon').fill(AGENCY.phone);
    await page.getByLabel('E-Mail', { exact: true }).fill(AGENCY.email);
    await page.getByLabel('Anschrift').fill(AGENCY.address);
    await page.getByLabel('Sprechzeiten').fill(AGENCY.hours);
    await page.getByRole('button', { name: 'Stelle anlegen' }).click();
    const secretDialog = page.getByRole('dialog', { name: `Webhook-Geheimnis für ${AGENCY.name}` });
    await secretDialog.waitFor();
    expect(await secretDialog.getByLabel('Geheimer Schlüssel').inputValue()).toMatch(/^whsec_/);
    problems.push(...(await checks(page, 'agencies, webhook secret shown')));
    await secretDialog.getByRole('button', { name: 'Ich habe den Schlüssel gesichert' }).click();
    await secretDialog.waitFor({ state: 'hidden' });
    await page.getByRole('link', { name: AGENCY.name }).click();
    await heading(page).filter({ hasText: AGENCY.name }).waitFor();

    // Its service.
    await page.getByLabel('Kennung').fill(SERVICE.code);
    await page.getByLabel('Name', { exact: true }).nth(1).fill(SERVICE.name);
    await page.getByLabel('Lebensbereich').selectOption({ label: 'Aufenthalt' });
    await page.getByLabel('Antwortfrist (Arbeitstage)').fill('5');
    await page.getByLabel('Förderlinie').fill(SERVICE.funding);
    await page.getByRole('button', { name: 'Leistung anlegen' }).click();
    await page
      .getByRole('row', { name: new RegExp(`${SERVICE.code}.*Aufenthalt.*5.*nein.*${SERVICE.funding}`) })
      .waitFor();
    problems.push(...(await checks(page, 'agency page')));
    await screenshot(page, 'admin-05-agency');

    // An API key for the new agency, read once.
    await nav(page).getByRole('link', { name: 'Zugangsschlüssel' }).click();
    await heading(page).filter({ hasText: 'Zugangsschlüssel' }).waitFor();
    await page.getByLabel('Inhaber*in').selectOption({ label: AGENCY.name });
    await page.getByLabel('Bezeichnung').fill('Fachverfahren Produktion');
    await page.getByRole('button', { name: 'Ausstellen' }).click();
    const keyDialog = page.getByRole('dialog', { name: `Neuer Schlüssel für ${AGENCY.name}` });
    await keyDialog.waitFor();
    await keyDialog.getByText('Nur jetzt sichtbar.').waitFor();
    const apiKey = await keyDialog.getByLabel('Geheimer Schlüssel').inputValue();
    expect(apiKey.length).toBeGreaterThan(20);
    await keyDialog.getByRole('button', { name: 'Kopieren' }).click();
    await keyDialog
      .getByRole('status')
      .filter({ hasText: /kopiert|Strg\+C/ })
      .waitFor();
    problems.push(...(await checks(page, 'credentials, key shown')));
    await screenshot(page, 'admin-06-key-shown');
    await keyDialog.getByRole('button', { name: 'Ich habe den Schlüssel gesichert' }).click();
    await keyDialog.waitFor({ state: 'hidden' });
    // The focus goes back to where the dialog came from, and the secret is nowhere on the page.
    expect((await focusAfterNavigation(page, (f) => f.text === 'Ausstellen')).text).toBe('Ausstellen');
    expect(await page.locator('main').innerText()).not.toContain(apiKey);
    expect(await page.content()).not.toContain(apiKey);

    // Renewed with an hour's overlap: a new secret, shown once; the first one works for the hour.
    const newRow = page.getByRole('row', { name: /Fachverfahren Produktion/ });
    await newRow.getByRole('button', { name: /erneuern/ }).click();
    const rotateDialog = page.getByRole('dialog', { name: 'Schlüssel erneuern' });
    await rotateDialog.getByLabel('Übergangszeit (Stunden)').fill('800');
    await rotateDialog.getByRole('button', { name: 'Erneuern' }).click();
    expect(await fieldError(page, 'Übergangszeit (Stunden)')).toBe('Zwischen 0 und 720 Stunden.');
    await rotateDialog.getByLabel('Übergangszeit (Stunden)').fill('1');
    await rotateDialog.getByRole('button', { name: 'Erneuern' }).click();
    await keyDialog.waitFor();
    const rotatedKey = await keyDialog.getByLabel('Geheimer Schlüssel').inputValue();
    expect(rotatedKey).not.toBe(apiKey);
    await keyDialog.getByRole('button', { name: 'Ich habe den Schlüssel gesichert' }).click();
    await keyDialog.waitFor({ state: 'hidden' });
    await expect(page.getByRole('row', { name: /Fachverfahren Produktion/ }).count()).resolves.toBe(2);

    // The old Jobcenter key is revoked, after a confirmation that starts on "Abbrechen".
    const jc = hub.creds.agencies.find((a) => a.key === 'jc')!;
    const [{ name: jcName }] = await hub.db.ds.query(`SELECT name FROM agencies WHERE id = $1`, [jc.id]);
    await page.getByRole('button', { name: `Schlüssel ${oldKey.prefix} (${jcName}) widerrufen` }).click();
    const confirm = page.getByRole('dialog', { name: 'Schlüssel widerrufen?' });
    await confirm.waitFor();
    expect((await focused(page)).text).toBe('Abbrechen');
    problems.push(...(await checks(page, 'credentials, revoke confirmation')));
    await confirm.getByRole('button', { name: 'Widerrufen' }).click();
    await status(page, `Schlüssel ${oldKey.prefix} (${jcName}) wurde widerrufen.`).waitFor();
    await page.getByRole('row', { name: new RegExp(`${oldKey.prefix}.*widerrufen`) }).waitFor();
    problems.push(...(await checks(page, 'credentials')));
    await screenshot(page, 'admin-07-credentials');

    // The same screens in English.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await heading(page).filter({ hasText: 'Access keys' }).waitFor();
    problems.push(...(await checks(page, 'credentials (English)')));
    for (const [link, title] of [
      ['Areas', 'Areas'],
      ['Staff', 'Staff'],
      ['Agencies', 'Agencies'],
    ]) {
      await nav(page).getByRole('link', { name: link }).click();
      await heading(page).filter({ hasText: title }).waitFor();
      await page.locator('table').first().waitFor();
      problems.push(...(await checks(page, `${title} (English)`)));
    }
    await page.getByRole('link', { name: AGENCY.name }).click();
    await heading(page).filter({ hasText: AGENCY.name }).waitFor();
    await page.getByRole('cell', { name: 'Residence', exact: true }).waitFor();
    problems.push(...(await checks(page, 'agency page (English)')));
    await screenshot(page, 'admin-08-agency-en');
    expect(problems).toEqual([]);

    // What the API says: the case manager works in the new area, the new key signs in, the old one is refused.
    const staff = await hub.gql(admin, `{ staffUsers { email role regionId active } regionalAreas { id name } }`);
    const areaId = staff.data.regionalAreas.find((r: { name: string }) => r.name === AREA).id;
    expect(staff.data.staffUsers.filter((s: { email: string }) => s.email === CM.email)).toEqual([
      { email: CM.email, role: 'CASE_MANAGER', regionId: areaId, active: true },
    ]);
    for (const key of [apiKey, rotatedKey]) {
      const me = await hub.gql(key, `{ viewer { agency { name } } }`);
      expect(me.data?.viewer.agency.name).toBe(AGENCY.name);
    }
    const agencies = await hub.gql(
      admin,
      `{ administeredAgencies { name webhookUrl contactPhone contactEmail contactAddress contactHours services { code } } }`,
    );
    expect(agencies.data.administeredAgencies.find((a: { name: string }) => a.name === AGENCY.name)).toEqual({
      name: AGENCY.name,
      webhookUrl: AGENCY.webhookUrl,
      contactPhone: AGENCY.phone,
      contactEmail: AGENCY.email,
      contactAddress: AGENCY.address,
      contactHours: AGENCY.hours,
      services: [{ code: SERVICE.code }],
    });
    const refused = await hub.gql(oldKey.secret, `{ viewer { agency { id } } }`);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  }, 300_000);

  it('a case manager gets no administration: no navigation, no page, and the API refuses', async () => {
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, hub, 'cm-rheine-1', LANDING.caseManager);
    const links = await nav(page).getByRole('link').allInnerTexts();
    expect(links.filter((l) => ['Bereiche', 'Mitarbeitende', 'Stellen', 'Zugangsschlüssel'].includes(l))).toEqual([]);
    await page.goto(`${hub.url}/console/admin/staff`);
    await heading(page).filter({ hasText: 'Kein Zugriff' }).waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    const problems = await checks(page, 'administration refused');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await heading(page).filter({ hasText: 'No access' }).waitFor();
    problems.push(...(await checks(page, 'administration refused (English)')));
    expect(problems).toEqual([]);
    const r = await hub.gql(hub.token('cm-rheine-1'), `{ staffUsers { id } }`);
    expect({ data: r.data ?? null, code: r.errors?.[0]?.extensions?.code }).toEqual({ data: null, code: 'FORBIDDEN' });
  }, 120_000);
});

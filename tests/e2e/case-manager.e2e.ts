import type { INestApplicationContext } from '@nestjs/common';
import type { Page } from 'playwright-core';
import type { Simulator } from '@kim/simulator';
import { createWorkerApp } from '@kim/worker';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { expectEventually } from '@kim/test-support/eventually';
import { simulatorFor } from '@kim/test-support/simulator';
import { LANDING, signIn } from '@kim/test-support/console';
import {
  CREATE_REFERRAL,
  OPEN_CASE,
  RECORD_CONSENT,
  SEND_REFERRAL,
  consentFor,
  newcomer,
} from '@kim/test-support/fixtures';
// Each page: no serious accessibility violation, no raw code and no missing translation on screen.
import { pageProblems } from './screen-text.js';
import { buildConsole, openBrowser, screenshot, type Browser } from './browser.js';

/**
 * A case manager's day in Debian's Chromium, against a real hub, worker and the simulated
 * agencies: intake, a referral whose consent check the console shows before sending, the
 * consent captured with its evidence, the referral sent and answered by the simulated
 * Jobcenter, the outcome acknowledged from the inbox's case, a goal updated, the case handed
 * to a colleague; axe on each page, in German and English.
 */
describe("case manager's day (Chromium)", () => {
  let hub: TestHub;
  let worker: INestApplicationContext;
  let sim: Simulator;
  let browser: Browser | undefined;

  beforeAll(async () => {
    buildConsole();
    hub = await startTestHub('e2e_casemanager', { persons: 20 });
    worker = await createWorkerApp(hub.config, false);
    sim = await simulatorFor(hub, 200);
  }, 240_000);

  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });
  afterAll(async () => {
    await sim?.close();
    await worker?.close();
    await hub?.close();
  });

  const heading = (page: Page) => page.getByRole('heading', { level: 1 });
  const status = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });

  it('intake, consent, referral, the agency answers, acknowledged, a goal updated, the case handed over', async () => {
    browser = await openBrowser();
    const { page } = browser;
    const problems: string[] = [];
    const staff = (key: string) => hub.creds.staff.find((s) => s.key === key)!;

    // A case manager starts on their own cases.
    await signIn(page, hub, 'cm-rheine-1', LANDING.caseManager);
    problems.push(...(await pageProblems(page, 'my cases')));
    await screenshot(page, 'cm-01-my-cases');

    // Intake: a placeholder birth date (01.01. in the papers), needs by life domain.
    await page.getByRole('navigation').getByRole('link', { name: 'Neuer Fall' }).click();
    await heading(page).filter({ hasText: 'Neuen Fall aufnehmen' }).waitFor();
    await page.getByLabel('Vornamen').fill('Layla');
    await page.getByLabel('Familienname').fill('Haddad');
    await page.getByRole('radio', { name: 'Platzhalter 01.01. im Ausweis' }).check();
    await page.getByLabel('Geburtsjahr').fill('1991');
    await page.getByLabel('Staatsangehörigkeit').selectOption({ label: 'Syrien' });
    await page.getByRole('checkbox', { name: 'Arabisch' }).check();
    await page.getByLabel('Wohnort').fill('Rheine');
    await page.getByLabel('Sprache', { exact: true }).fill('Integrationskurs B1');
    await page.getByLabel('Arbeit', { exact: true }).fill('Anerkennung als Elektrikerin');
    problems.push(...(await pageProblems(page, 'intake')));
    await screenshot(page, 'cm-02-intake');
    await page.getByRole('button', { name: 'Fall eröffnen' }).click();
    await heading(page)
      .filter({ hasText: /^Fall KIM-/ })
      .waitFor();
    const caseId = page.url().split('/').at(-1)!;
    const [stored] = await hub.db.ds.query(
      `SELECT p.birth_date::text AS birth, p.birth_date_precision AS precision, p.nationality, p.languages, c.case_manager_id AS cm
         FROM cases c JOIN persons p ON p.id = c.person_id WHERE c.id = $1`,
      [caseId],
    );
    expect(stored).toEqual({
      birth: '1991-01-01',
      precision: 'placeholder',
      nationality: 'SYR',
      languages: ['ar'],
      cm: staff('cm-rheine-1').id,
    });
    // The placeholder is never shown as the day of birth; codes are words.
    await page.getByText('01.01.1991 (Platzhalter)').waitFor();
    await page.getByText('Syrien').first().waitFor();
    const needs = page.getByRole('region', { name: 'Bedarfe' });
    await needs.getByText('Integrationskurs B1').waitFor();
    await needs.getByText('Arbeit:').waitFor();

    // A referral to the Jobcenter: before any consent, the console shows what is not covered.
    await page.getByLabel('Leistung (Stelle)').selectOption({ label: 'Arbeitsvermittlung SGB II (Arbeit)' });
    await page.getByRole('button', { name: 'Als Entwurf anlegen' }).click();
    await status(page, 'Entwurf angelegt.').waitFor();
    const check = page.getByRole('group', { name: /^Prüfung der Einwilligung: Jobcenter/ });
    await check.getByText('Keine gültige Einwilligung für: Identität, Kontakt.').waitFor();
    problems.push(...(await pageProblems(page, 'case with a draft')));
    await screenshot(page, 'cm-03-consent-check');

    // The consent, with its evidence.
    const consent = page.getByRole('form', { name: 'Einwilligung erfassen' });
    await consent.getByLabel('Empfangende Stelle').selectOption({ label: 'Jobcenter Kreis Steinfurt' });
    await consent.getByRole('checkbox', { name: 'Identität' }).check();
    await consent.getByRole('checkbox', { name: 'Kontakt' }).check();
    await consent.getByLabel('Formularversion').fill('KIM-EW 2026-1');
    await consent.getByLabel('Erklärt auf').selectOption({ label: 'Arabisch' });
    await consent.getByRole('checkbox', { name: 'mit Dolmetschung' }).check();
    await consent.getByRole('button', { name: 'Einwilligung speichern' }).click();
    await status(page, 'Einwilligung gespeichert.').waitFor();
    const [recorded] = await hub.db.ds.query(`SELECT categories, evidence FROM consents WHERE case_id = $1`, [caseId]);
    expect(recorded.categories).toEqual(['identity', 'contact']);
    expect(recorded.evidence).toMatchObject({
      formVersion: 'KIM-EW 2026-1',
      explainedInLanguage: 'ar',
      interpreterUsed: true,
    });
    await check.getByText('Die Einwilligung deckt Stelle, Zweck und alle Datenkategorien.').waitFor();
    await screenshot(page, 'cm-04-consent-covered');

    await check.getByRole('button', { name: /^Senden: Jobcenter/ }).click();
    await status(page, 'Vermittlung gesendet.').waitFor();

    // The simulated Jobcenter answers through its webhook; the inbox shows the answer.
    await expectEventually(
      async () => {
        const [r] = await hub.db.ds.query(`SELECT status FROM referrals WHERE case_id = $1`, [caseId]);
        expect(r.status).toBe('completed');
      },
      { timeoutMs: 60_000 },
    );
    await page.getByRole('navigation').getByRole('link', { name: 'Eingang' }).click();
    await heading(page).filter({ hasText: 'Eingang' }).waitFor();
    const reference = (await hub.db.ds.query(`SELECT reference FROM cases WHERE id = $1`, [caseId]))[0]
      .reference as string;
    const answers = page.getByRole('region', { name: 'Antworten der Stellen' });
    const row = answers.getByRole('row').filter({ has: page.getByRole('link', { name: reference }) });
    await row.getByRole('cell', { name: 'abgeschlossen', exact: true }).waitFor();
    problems.push(...(await pageProblems(page, 'inbox')));
    await screenshot(page, 'cm-05-inbox');

    // Acknowledge the outcome on the case; it leaves the inbox.
    await row.getByRole('link', { name: reference }).click();
    await heading(page)
      .filter({ hasText: `Fall ${reference}` })
      .waitFor();
    await page.getByRole('button', { name: /^Ergebnis zur Kenntnis nehmen: Jobcenter/ }).click();
    await status(page, 'Ergebnis zur Kenntnis genommen.').waitFor();
    await page.getByText('Ergebnis zur Kenntnis genommen.', { exact: true }).first().waitFor();

    // A goal, then its progress.
    await page.getByLabel('Lebensbereich').selectOption({ label: 'Arbeit' });
    await page.getByLabel('Ziel', { exact: true }).fill('Arbeitsaufnahme als Elektrikerin');
    await page.getByRole('button', { name: 'Ziel hinzufügen' }).click();
    await page.getByLabel('Stand des Ziels „Arbeitsaufnahme als Elektrikerin“').selectOption({ label: 'in Arbeit' });
    await page.getByRole('button', { name: 'Stand speichern: Arbeitsaufnahme als Elektrikerin' }).click();
    await expectEventually(async () => {
      const [g] = await hub.db.ds.query(`SELECT status FROM goals WHERE case_id = $1`, [caseId]);
      expect(g.status).toBe('in-progress');
    });

    // Person data corrected: she moved; the ledger names the field, not the new place.
    await page.getByRole('button', { name: 'Personendaten bearbeiten' }).click();
    await page.locator('#person-edit').getByLabel('Wohnort').fill('Emsdetten');
    await page.getByRole('button', { name: 'Personendaten speichern' }).click();
    await page
      .getByRole('region', { name: 'Personendaten ändern' })
      .getByRole('status')
      .filter({ hasText: 'Gespeichert.' })
      .waitFor();
    const [moved] = await hub.db.ds.query(
      `SELECT p.municipality, (SELECT reason FROM audit_events a WHERE a.action = 'person.updated' AND a.person_id = p.id) AS fields
         FROM cases c JOIN persons p ON p.id = c.person_id WHERE c.id = $1`,
      [caseId],
    );
    expect(moved).toEqual({ municipality: 'Emsdetten', fields: 'municipality' });
    // The timeline says what happened in German, its codes in words (the changed field, the goal's states).
    const timeline = page.getByRole('region', { name: 'Verlauf über alle Stellen' }).getByRole('listitem');
    await timeline.filter({ hasText: 'Personendaten geändert: Wohnort' }).waitFor();
    await timeline.filter({ hasText: 'Ziel offen → in Arbeit: Arbeitsaufnahme als Elektrikerin' }).waitFor();

    // Hand the case to a colleague of Rheine.
    await page.getByLabel('An Case Manager*in desselben Regionalbereichs').selectOption({
      label: staff('cm-rheine-2').displayName,
    });
    await page.getByLabel('Grund (optional)').fill('Urlaubsvertretung');
    problems.push(...(await pageProblems(page, 'case page')));
    await screenshot(page, 'cm-06-case');
    await page.getByRole('button', { name: 'Fall übergeben' }).click();
    await status(page, 'Fall übergeben.').waitFor();
    const [after] = await hub.db.ds.query(`SELECT case_manager_id FROM cases WHERE id = $1`, [caseId]);
    expect(after.case_manager_id).toBe(staff('cm-rheine-2').id);

    // The same screens in English.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await heading(page)
      .filter({ hasText: `Case ${reference}` })
      .waitFor();
    await page.getByText('1 Jan 1991 (placeholder)').waitFor();
    await page.getByText('Syria').first().waitFor();
    await page
      .getByRole('region', { name: 'Timeline across agencies' })
      .getByRole('listitem')
      .filter({ hasText: 'Person data changed: Place of residence' })
      .waitFor();
    problems.push(...(await pageProblems(page, 'case page (English)')));
    await screenshot(page, 'cm-07-case-en');
    await page.getByRole('navigation').getByRole('link', { name: 'Inbox' }).click();
    await heading(page).filter({ hasText: 'Inbox' }).waitFor();
    problems.push(...(await pageProblems(page, 'inbox (English)')));
    await page.getByRole('navigation').getByRole('link', { name: 'New case' }).click();
    await heading(page).filter({ hasText: 'Take in a new case' }).waitFor();
    problems.push(...(await pageProblems(page, 'intake (English)')));
    await page.getByRole('navigation').getByRole('link', { name: 'My cases' }).click();
    await heading(page).filter({ hasText: 'My cases' }).waitFor();
    // Handed over: no longer among this case manager's own cases.
    await page.locator('table, p[role=status]:has-text("No cases found")').first().waitFor();
    expect(await page.getByRole('link', { name: reference }).count()).toBe(0);
    problems.push(...(await pageProblems(page, 'my cases (English)')));
    await screenshot(page, 'cm-08-my-cases-en');
    expect(problems).toEqual([]);
  }, 300_000);

  it('recalls a sent referral the agency has not decided on, after asking again', async () => {
    // A referral to the foreigners' office, which takes its referrals in the nightly file: it
    // stays requested (undecided) until the file goes out, as a referral waits for a slow agency.
    const cm = hub.token('cm-rheine-1');
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const abh = hub.creds.agencies.find((a) => a.key === 'abh')!;
    const serviceId = hub.creds.services.find((s) => s.code === 'ABH-AUFENTHALT')!.id;
    const caseId = (await hub.gql(cm, OPEN_CASE, { input: { person: newcomer(), regionId: rheine } })).data.openCase
      .id as string;
    expect((await hub.gql(cm, RECORD_CONSENT, { input: consentFor(caseId, abh.id) })).errors).toBeUndefined();
    const referralId = (
      await hub.gql(cm, CREATE_REFERRAL, {
        input: { caseId, serviceId, purpose: 'REFERRAL', categories: ['IDENTITY', 'CONTACT'] },
      })
    ).data.createReferral.id as string;
    expect((await hub.gql(cm, SEND_REFERRAL, { id: referralId })).errors).toBeUndefined();

    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, hub, 'cm-rheine-1', LANDING.caseManager);
    await page.goto(`${hub.url}/console/cases/${caseId}`);
    const label = 'Ausländerbehörde Stadt Rheine: Klärung des Aufenthaltsstatus';
    await page.getByRole('button', { name: `Zurückziehen: ${label}` }).click();
    const dialog = page.getByRole('dialog', { name: `Vermittlung zurückziehen: ${label}` });
    await dialog.getByText('Ausländerbehörde Stadt Rheine hat noch nicht entschieden.', { exact: false }).waitFor();
    const problems = await pageProblems(page, 'recall dialog');
    await screenshot(page, 'cm-09-recall-dialog');
    // Asked again: without a reason nothing is sent; "Nicht zurückziehen" leaves it as it was.
    expect(await dialog.getByRole('button', { name: 'Vermittlung zurückziehen' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Nicht zurückziehen' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await hub.db.ds.query('SELECT status FROM referrals WHERE id = $1', [referralId]))[0].status).toBe(
      'requested',
    );

    await page.getByRole('button', { name: `Zurückziehen: ${label}` }).click();
    await dialog.getByLabel('Grund (die Stelle und der Verlauf zeigen ihn)').fill('Termin anderweitig vereinbart');
    await dialog.getByRole('button', { name: 'Vermittlung zurückziehen' }).click();
    await status(page, 'Vermittlung zurückgezogen.').waitFor();
    const [row] = await hub.db.ds.query('SELECT status, status_reason FROM referrals WHERE id = $1', [referralId]);
    expect(row).toEqual({ status: 'cancelled', status_reason: 'Termin anderweitig vereinbart' });
    // The request had not gone out in a file yet: it never will.
    const messages = await hub.db.ds.query('SELECT delivery_state FROM outbox_messages WHERE referral_id = $1', [
      referralId,
    ]);
    expect(messages).toEqual([{ delivery_state: 'suppressed' }]);
    await page
      .getByRole('region', { name: 'Verlauf über alle Stellen' })
      .getByRole('listitem')
      .filter({ hasText: 'Vermittlung an Ausländerbehörde Stadt Rheine zurückgezogen: Termin anderweitig vereinbart' })
      .waitFor();
    expect(await page.getByRole('button', { name: `Zurückziehen: ${label}` }).count()).toBe(0);
    problems.push(...(await pageProblems(page, 'case after the recall')));
    expect(problems).toEqual([]);
  }, 180_000);
});

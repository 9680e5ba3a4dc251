import type { INestApplicationContext } from '@nestjs/common';
import type { Page } from 'playwright-core';
import { createWorkerApp } from '@kim/worker';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { expectEventually } from '@kim/test-support/eventually';
import { OPEN_CASE, newcomer } from '@kim/test-support/fixtures';
import { LANDING, signIn } from '@kim/test-support/console';
// Each page: no serious accessibility violation, no raw code and no missing translation on screen.
import { pageProblems } from './screen-text.js';
import { buildConsole, openBrowser, screenshot, type Browser } from './browser.js';

/**
 * The link review screen in Debian's Chromium, against a real hub and worker: two intakes leave
 * review items the way the hub makes them (the worker's match job after the case committed),
 * and Rheine's coordinator reads and decides one.
 */
describe('link review screen (Chromium)', () => {
  let hub: TestHub;
  let worker: INestApplicationContext;
  let browser: Browser | undefined;
  const persons: Record<string, string> = {};
  let sameArea: string;
  let acrossAreas: string;

  beforeAll(async () => {
    buildConsole();
    hub = await startTestHub('e2e_linkreview', { persons: 30 });
    worker = await createWorkerApp(hub.config, false);
    const region = (key: string) => hub.creds.regions.find((r) => r.key === key)!.id;
    const open = async (key: string, token: string, regionKey: string, person: Record<string, unknown>) => {
      const r = await hub.gql(hub.token(token), OPEN_CASE, {
        input: { person: newcomer(person), regionId: region(regionKey) },
      });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      const [row] = await hub.db.ds.query<{ person_id: string }[]>(`SELECT person_id FROM cases WHERE id = $1`, [
        r.data.openCase.id,
      ]);
      persons[key] = row!.person_id;
    };
    // Within Rheine: swapped name order, placeholder dates, another nationality: maybe the same person.
    const omar = { birthDate: '1988-01-01', birthDatePrecision: 'PLACEHOLDER', sex: 'male' };
    await open('omar', 'cm-rheine-1', 'rheine', { ...omar, name: { givenNames: 'Omar', familyName: 'Khalil' } });
    await open('khalil', 'cm-rheine-2', 'rheine', {
      ...omar,
      name: { givenNames: 'Khalil', familyName: 'Omar' },
      nationality: 'IRQ',
      municipality: 'Steinfurt',
    });
    // Rheine and Lengerich: alike enough to link, but never automatically across areas.
    const hamid = { birthDate: '1986-08-21', birthDatePrecision: 'EXACT', sex: 'male' };
    await open('hamid', 'cm-rheine-1', 'rheine', {
      ...hamid,
      name: { givenNames: 'Hamid', familyName: 'Al-Rashid', originalScript: 'حامد الراشد' },
    });
    await open('hamed', 'cm-lengerich-1', 'lengerich', {
      ...hamid,
      name: { givenNames: 'Hamed', familyName: 'Alrashid', originalScript: 'حامد الراشد' },
    });
    const itemOf = async (x: string, y: string) =>
      expectEventually(
        async () => {
          const [row] = await hub.db.ds.query<{ id: string }[]>(
            `SELECT id FROM link_reviews WHERE person_a_id = $1 AND person_b_id = $2 AND status = 'open'`,
            [x, y].sort(),
          );
          expect(row).toBeDefined();
          return row!.id;
        },
        { timeoutMs: 60_000 },
      );
    sameArea = await itemOf(persons.omar!, persons.khalil!);
    acrossAreas = await itemOf(persons.hamid!, persons.hamed!);
  }, 240_000);

  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });
  afterAll(async () => {
    await worker?.close();
    await hub?.close();
  });

  const heading = (page: Page) => page.getByRole('heading', { level: 1 });

  it("Rheine's coordinator lists the open items, sees both records side by side within the privacy rules, and decides one with a note", async () => {
    browser = await openBrowser();
    const { page } = browser;
    const problems: string[] = [];
    await signIn(page, hub, 'coordinator-rheine', LANDING.coordinator);

    await page.getByRole('navigation').getByRole('link', { name: 'Personenabgleich' }).click();
    await heading(page).filter({ hasText: 'Personenabgleich' }).waitFor();
    const list = page.getByRole('table', { name: '2 offene Prüfungen' });
    await list.waitFor();
    expect(await list.getByRole('row').count()).toBe(3);
    problems.push(...(await pageProblems(page, 'list')));
    await screenshot(page, 'link-review-01-list');

    // Across areas: Lengerich's person is no one Rheine may see. Nothing of theirs is on the page.
    await page.goto(`${hub.url}/console/link-reviews/${acrossAreas}`);
    await heading(page).filter({ hasText: 'Gleiche Person?' }).waitFor();
    const across = page.getByRole('region', { name: 'Vergleich Merkmal für Merkmal' });
    const givenRow = across.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Vornamen' }) });
    await givenRow.getByText('Hamid').waitFor();
    await givenRow.getByText('verborgen: kein Fall in Ihrem Bereich').waitFor();
    await page.getByText('verborgen: eine der Personen hat keinen Fall in Ihrem Bereich').waitFor();
    await page.getByText('über Bereichsgrenzen führt der Hub nie selbst zusammen').waitFor();
    expect(await page.content()).not.toMatch(/Hamed|Alrashid/);
    problems.push(...(await pageProblems(page, 'item across areas')));
    await screenshot(page, 'link-review-02-across-areas');

    // Within Rheine: both records, field by field, with agreement and weight.
    await page.getByRole('navigation').getByRole('link', { name: 'Personenabgleich' }).click();
    await list.waitFor();
    await page
      .getByRole('link', { name: /^Prüfen: / })
      .and(page.locator(`[href$="${sameArea}"]`))
      .click();
    await heading(page).filter({ hasText: 'Gleiche Person?' }).waitFor();
    const evidence = page.getByRole('region', { name: 'Vergleich Merkmal für Merkmal' });
    const given = evidence.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Vornamen' }) });
    await given.getByRole('cell', { name: 'Omar', exact: true }).waitFor();
    await given.getByRole('cell', { name: 'Khalil', exact: true }).waitFor();
    await given.getByText('(Vor- und Familienname vertauscht)').waitFor();
    const birth = evidence.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Geburtsdatum' }) });
    await birth.getByText('gleiches Jahr (nur Jahr oder Platzhalter)').waitFor();
    expect(await birth.getByRole('cell', { name: '01.01.1988 (Platzhalter)' }).count()).toBe(2);
    const sex = evidence.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Geschlecht' }) });
    expect(await sex.getByRole('cell', { name: 'männlich' }).count()).toBe(2);
    expect(await evidence.getByText('verborgen').count()).toBe(0);
    problems.push(...(await pageProblems(page, 'item within the area')));
    // The same item in English: both records side by side, checked by axe too.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await heading(page).filter({ hasText: 'Same person?' }).waitFor();
    await page
      .getByRole('region', { name: 'Field by field' })
      .getByRole('rowheader', { name: 'Given names' })
      .waitFor();
    problems.push(...(await pageProblems(page, 'item within the area (English)')));
    await screenshot(page, 'link-review-03-item-en');
    await page.getByRole('button', { name: 'Auf Deutsch umschalten' }).click();
    await heading(page).filter({ hasText: 'Gleiche Person?' }).waitFor();

    // A decision is required; then DIFFERENT_PERSONS with a note.
    await page.getByRole('button', { name: 'Entscheidung speichern' }).click();
    await page.getByRole('alert').filter({ hasText: 'Bitte wählen Sie eine Entscheidung.' }).waitFor();
    await page.getByRole('radio', { name: /Verschiedene Personen/ }).check();
    expect(await page.getByRole('alert').count()).toBe(0);
    const note = 'Verschiedene Väter laut Pässen; Herr Khalil ist 1991 eingereist.';
    await page.getByLabel('Notiz zur Entscheidung').fill(note);
    await page.getByText(`${note.length} von höchstens 1000 Zeichen`).waitFor();
    await screenshot(page, 'link-review-04-decide');
    await page.getByRole('button', { name: 'Entscheidung speichern' }).click();
    await page.getByRole('status').filter({ hasText: 'Gespeichert: verschiedene Personen.' }).waitFor();

    const coordinator = hub.creds.staff.find((s) => s.key === 'coordinator-rheine')!.id;
    const [stored] = await hub.db.ds.query(`SELECT status, note, decided_by FROM link_reviews WHERE id = $1`, [
      sameArea,
    ]);
    expect(stored).toEqual({ status: 'different-persons', note, decided_by: coordinator });
    const ledger = await hub.db.ds.query(
      `SELECT person_id FROM audit_events WHERE action = 'link-review.decided' AND subject_id = $1`,
      [sameArea],
    );
    expect(ledger).toHaveLength(2);

    // Decided items leave the list; the screen speaks English too.
    await page.getByRole('link', { name: 'Zurück zur Liste' }).click();
    await page.getByRole('table', { name: '1 offene Prüfung' }).waitFor();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await heading(page).filter({ hasText: 'Linkage review' }).waitFor();
    await page.getByRole('table', { name: '1 open review' }).waitFor();
    problems.push(...(await pageProblems(page, 'list (English)')));
    await screenshot(page, 'link-review-05-list-en');
    expect(problems).toEqual([]);
  }, 180_000);
});

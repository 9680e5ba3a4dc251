import type { Page } from 'playwright-core';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { LANDING, signIn } from '@kim/test-support/console';
import { expectEventually } from '@kim/test-support/eventually';
import { buildConsole, focused, openBrowser, screenshot, tabTo, type Browser } from './browser.js';
import { pageProblems } from './screen-text.js';

/**
 * Sorting the console's lists by their column headers, in Debian's Chromium against a real hub:
 * the coordinators' case search and review queues (German and English, the keyboard alone for
 * one of them, axe on every page), and no name ever in the address bar: not the search term,
 * not a cursor (a cursor once was base64 of a family name).
 */
describe('sortable lists and names kept out of the URL (Chromium)', () => {
  let hub: TestHub;
  let browser: Browser | undefined;
  let names: string[];
  const ID = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
  // Three break-glass accesses to Rheine cases with chosen reads: by reads, descending, B A C.
  const READS = { A: 2, B: 5, C: 0 } as const;

  beforeAll(async () => {
    buildConsole();
    hub = await startTestHub('e2e_sorting', { persons: 80 });
    const ds = hub.db.ds;
    const staff = (key: string) => hub.creds.staff.find((s) => s.key === key)!.id;
    // Every case of the Kreis is Rheine's, worked by one case manager: more than three pages of
    // "Meine Fälle" (20 a page) and of the case search (25).
    await ds.query(
      `UPDATE cases SET case_manager_id = $1, region_id = (SELECT id FROM regions WHERE name = 'Rheine')`,
      [staff('cm-rheine-1')],
    );
    const [count]: { n: number }[] = await ds.query(`SELECT count(*)::int AS n FROM cases`);
    const n = count!.n;
    if (n < 61) throw new Error(`the seed should have more than 60 cases, not ${n}`);
    // Referrals left unanswered past their deadline: the overdue list has rows to sort.
    await ds.query(`UPDATE referrals SET respond_by = '2026-01-02' WHERE status = 'requested'`);
    const rows: { family_name: string }[] = await ds.query(`SELECT DISTINCT family_name FROM persons`);
    names = rows.map((r) => r.family_name.toLowerCase()).filter((n) => n.length >= 3);
    const cases: { id: string }[] = await ds.query(
      `SELECT c.id FROM cases c JOIN regions r ON r.id = c.region_id WHERE r.name = 'Rheine' ORDER BY c.reference LIMIT 3`,
    );
    for (const [i, [label, reads]] of Object.entries(READS).entries()) {
      const id = ID(i + 1);
      await ds.query(
        `INSERT INTO access_overrides (tenant_id, id, staff_user_id, case_id, reason, opened_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, now() - make_interval(hours => $6), now() + interval '30 minutes')`,
        [hub.creds.tenantId, id, staff('cm-lengerich-2'), cases[i]!.id, `Vorsprache ${label}`, i + 1],
      );
      for (let n = 0; n < reads; n++)
        await ds.query(
          `INSERT INTO audit_events (tenant_id, actor_kind, actor_id, action, subject_type, subject_id, categories, basis, allowed)
           VALUES ($1, 'staff', $2, 'case.read', 'case', $3, '{identity}', 'override:' || $4, true)`,
          [hub.creds.tenantId, staff('cm-lengerich-2'), cases[i]!.id, id],
        );
    }
  }, 180_000);

  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });
  afterAll(() => hub?.close());

  const heading = (page: Page) => page.getByRole('heading', { level: 1 });
  const ariaSort = (page: Page, label: string) =>
    page.locator('thead th', { has: page.getByRole('button', { name: label, exact: true }) }).getAttribute('aria-sort');

  /** Every URL the page stood at, and each of its parameters base64-decoded: none may hold a family name. */
  function watchUrls(page: Page): () => string[] {
    const seen: string[] = [];
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame()) seen.push(f.url());
    });
    return () => {
      const all = [...seen, page.url()];
      const found: string[] = [];
      for (const url of all) {
        const u = new URL(url);
        const texts = [decodeURIComponent(url)];
        for (const v of u.searchParams.values())
          for (const part of v.split(',')) texts.push(Buffer.from(part, 'base64url').toString('utf8'));
        for (const text of texts.map((x) => x.toLowerCase()))
          for (const n of names) if (text.includes(n)) found.push(`${n} in ${url}`);
      }
      return found;
    };
  }

  it("keeps the searched name and the pages' cursors free of names (case search and my cases)", async () => {
    browser = await openBrowser();
    const { page } = browser;
    const namesInUrl = watchUrls(page);
    const [person]: { family_name: string }[] = await hub.db.ds.query(
      `SELECT p.family_name FROM persons p JOIN cases c ON c.person_id = p.id JOIN regions r ON r.id = c.region_id
        WHERE r.name = 'Rheine' AND length(p.family_name) >= 4 ORDER BY p.family_name LIMIT 1`,
    );
    const searched = person!.family_name;

    await signIn(page, hub, 'coordinator-rheine', LANDING.coordinator);
    await page.goto(`${hub.url}/console/cases`);
    await heading(page).filter({ hasText: 'Fallsuche' }).waitFor();
    await page.getByLabel('Aktenzeichen oder Familienname').fill(searched);
    await page.getByRole('button', { name: 'Suchen', exact: true }).click();
    await page.getByRole('rowheader').first().waitFor();
    // The term works (the hub searched it) but stands nowhere in the address.
    await page.locator('tbody td', { hasText: searched }).first().waitFor();
    await page.getByRole('button', { name: 'Sortieren nach Name', exact: true }).click();
    await page.waitForURL(/sort=familyName-asc/);
    expect(await ariaSort(page, 'Sortieren nach Name')).toBe('ascending');
    // Back and forward keep the term (history state), still not in the URL.
    await page.goBack();
    await page.goForward();
    await page.waitForURL(/sort=familyName-asc/);
    await page.locator('tbody td', { hasText: searched }).first().waitFor();

    // My cases, sorted by name, on page 2 and 3: the pages' cursors stand in the URL.
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await signIn(page, hub, 'cm-rheine-1', LANDING.caseManager);
    await page.getByRole('button', { name: 'Sortieren nach Name', exact: true }).click();
    await page.waitForURL(/sort=familyName-asc/);
    for (const n of [2, 3]) {
      await page.getByRole('button', { name: 'Nächste Seite' }).click();
      await page.getByRole('heading', { name: `Seite ${n}` }).waitFor();
    }
    expect(new URL(page.url()).searchParams.get('pages')).toBeTruthy();
    expect(namesInUrl()).toEqual([]);
  }, 120_000);

  it('sorts the case search and the review queues by their headers, in German and English, with axe on each', async () => {
    browser = await openBrowser();
    const { page } = browser;
    const problems: string[] = [];
    await signIn(page, hub, 'coordinator-rheine', LANDING.coordinator);

    // The case search by Aktenzeichen, both ways: the hub's order, checked against the test's own.
    await page.goto(`${hub.url}/console/cases`);
    await heading(page).filter({ hasText: 'Fallsuche' }).waitFor();
    const refs = () => page.locator('tbody th[scope="row"]').allInnerTexts();
    await page.getByRole('button', { name: 'Sortieren nach Aktenzeichen', exact: true }).click();
    await page.waitForURL(/sort=reference-asc/);
    await page.locator('thead th[aria-sort="ascending"]').waitFor();
    // The rows of the order before stay until the hub answers: read until they are the new ones.
    const asc = await expectEventually(async () => {
      const shown = await refs();
      expect(shown.length).toBeGreaterThan(3);
      expect(shown).toEqual([...shown].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      return shown;
    });
    await page.getByRole('button', { name: 'Sortieren nach Aktenzeichen', exact: true }).click();
    await page.waitForURL(/sort=reference-desc/);
    await page.locator('thead th[aria-sort="descending"]').waitFor();
    // The hub's first page the other way round: the greatest references, descending.
    await expectEventually(async () => {
      const desc = await refs();
      expect(desc).toEqual([...desc].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
      expect(desc[0]! > asc.at(-1)!).toBe(true);
    });
    problems.push(...(await pageProblems(page, 'case search sorted')));
    await screenshot(page, 'sorting-01-cases-by-reference');

    // Break-glass accesses by reads, with the keyboard alone: Tab to the header, Enter.
    await page.goto(`${hub.url}/console/reviews/break-glass`);
    await heading(page).filter({ hasText: 'Notfallzugriffe' }).waitFor();
    await page.getByRole('rowheader').first().waitFor();
    expect(await page.locator('thead th[aria-sort]').count()).toBe(0);
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Sortieren nach Lesezugriffe');
    await page.keyboard.press('Enter');
    await page.waitForURL(/sort=reads-desc/);
    expect(await ariaSort(page, 'Sortieren nach Lesezugriffe')).toBe('descending');
    const reasons = () => page.locator('tbody td.wrap').allInnerTexts();
    // Written from the seed: B read 5 times, A twice, C never.
    await expectEventually(async () =>
      expect((await page.locator('tbody td.wrap').allInnerTexts())[0]).toBe('Vorsprache B'),
    );
    expect(await reasons()).toEqual(['Vorsprache B', 'Vorsprache A', 'Vorsprache C']);
    expect((await focused(page)).text).toBe('Sortieren nach Lesezugriffe');
    await page.keyboard.press('Enter');
    await page.waitForURL(/sort=reads-asc/);
    await expectEventually(async () =>
      expect((await page.locator('tbody td.wrap').allInnerTexts())[0]).toBe('Vorsprache C'),
    );
    expect(await reasons()).toEqual(['Vorsprache C', 'Vorsprache A', 'Vorsprache B']);
    problems.push(...(await pageProblems(page, 'break-glass sorted')));
    await screenshot(page, 'sorting-02-break-glass-by-reads');

    // Overdue referrals by agency (by deadline until then): the hub's order, the test's own check.
    await page.goto(`${hub.url}/console/overdue`);
    await heading(page).filter({ hasText: 'Überfällige Vermittlungen' }).waitFor();
    await page.getByRole('rowheader').first().waitFor();
    expect(await ariaSort(page, 'Sortieren nach Überfällig seit')).toBe('ascending');
    await page.getByRole('button', { name: 'Sortieren nach Stelle', exact: true }).click();
    await page.waitForURL(/sort=agencyName-asc/);
    await page.locator('thead th[aria-sort="ascending"]', { hasText: 'Stelle' }).waitFor();
    const collator = new Intl.Collator('de', { sensitivity: 'base' });
    await expectEventually(async () => {
      const agencies = await page.locator('tbody tr td:nth-child(2)').allInnerTexts();
      expect(agencies.length).toBeGreaterThan(1);
      for (let i = 1; i < agencies.length; i++)
        expect(collator.compare(agencies[i - 1]!, agencies[i]!)).toBeLessThanOrEqual(0);
    });
    problems.push(...(await pageProblems(page, 'overdue sorted')));

    // The caseload by name (most loaded first until then), and the other queues' headers.
    await page.goto(`${hub.url}/console/reviews/caseload`);
    await heading(page).filter({ hasText: 'Fallbelastung' }).waitFor();
    expect(await ariaSort(page, 'Sortieren nach Auslastung')).toBe('descending');
    await page.getByRole('button', { name: 'Sortieren nach Fallmanager:in', exact: true }).click();
    await page.waitForURL(/sort=name-asc/);
    await page.locator('thead th[aria-sort="ascending"]').waitFor();
    problems.push(...(await pageProblems(page, 'caseload sorted')));
    for (const [path, title, label, sort] of [
      ['/reviews/messages', 'Unzustellbare Nachrichten', 'Sortieren nach Zustellversuche', 'attempts-desc'],
      ['/reviews/flags', 'Auffällige Fälle', 'Sortieren nach Fall', 'caseReference-asc'],
      ['/link-reviews', 'Personenabgleich', 'Sortieren nach Erstellt am', 'createdAt-asc'],
    ] as const) {
      await page.goto(`${hub.url}/console${path}?sort=${sort}`);
      await heading(page).waitFor();
      await page.getByRole('status').filter({ hasText: 'Wird geladen' }).waitFor({ state: 'detached' });
      const header = page.getByRole('button', { name: label, exact: true });
      // An empty list has no table to sort; where there is one, the URL's order is marked.
      const marked = (await header.count()) ? await ariaSort(page, label) : 'no rows';
      expect(marked).toMatch(/^(ascending|descending|no rows)$/);
      problems.push(...(await pageProblems(page, `${title} sorted`)));
    }

    // English: the same headers, named in English, sort the same way.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.goto(`${hub.url}/console/reviews/break-glass`);
    await heading(page).filter({ hasText: 'Break-glass accesses' }).waitFor();
    await page.getByRole('button', { name: 'Sort by Reads', exact: true }).click();
    await page.waitForURL(/sort=reads-desc/);
    await expectEventually(async () =>
      expect((await page.locator('tbody td.wrap').allInnerTexts())[0]).toBe('Vorsprache B'),
    );
    expect(await ariaSort(page, 'Sort by Reads')).toBe('descending');
    problems.push(...(await pageProblems(page, 'break-glass sorted (English)')));
    await page.goto(`${hub.url}/console/cases`);
    await heading(page).filter({ hasText: 'Case search' }).waitFor();
    await page.getByRole('button', { name: 'Sort by Reference', exact: true }).click();
    await page.waitForURL(/sort=reference-asc/);
    expect(await ariaSort(page, 'Sort by Reference')).toBe('ascending');
    problems.push(...(await pageProblems(page, 'case search sorted (English)')));
    await page.goto(`${hub.url}/console/reviews/caseload`);
    await heading(page).filter({ hasText: 'Caseload' }).waitFor();
    await page.getByRole('button', { name: 'Sort by Case manager', exact: true }).click();
    await page.waitForURL(/sort=name-asc/);
    problems.push(...(await pageProblems(page, 'caseload sorted (English)')));
    await screenshot(page, 'sorting-03-caseload-en');

    // The coordinator's pages no other day checks in English with axe.
    for (const [path, title] of [
      ['/overdue', 'Overdue referrals'],
      ['/open-loops', 'Open loops'],
      ['/board', 'Status board'],
      ['/transfers', 'Cases from other Kreise'],
    ] as const) {
      await page.goto(`${hub.url}/console${path}`);
      await heading(page).filter({ hasText: title }).waitFor();
      await page.getByRole('status').filter({ hasText: 'Loading' }).waitFor({ state: 'detached' });
      await page.waitForLoadState('networkidle');
      problems.push(...(await pageProblems(page, `${path} (English)`)));
    }
    await page.getByRole('button', { name: 'Sign out' }).click();
    await heading(page).filter({ hasText: 'Sign in' }).waitFor();
    problems.push(...(await pageProblems(page, 'sign-in (English)')));
    expect(problems).toEqual([]);
  }, 180_000);
});

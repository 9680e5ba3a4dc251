import { readFileSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import type { Page } from 'playwright-core';
import { BoardAggregates } from '@kim/core';
import { createWorkerApp } from '@kim/worker';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { expectEventually } from '@kim/test-support/eventually';
import { OPEN_CASE, newcomer } from '@kim/test-support/fixtures';
import { LANDING, signIn } from '@kim/test-support/console';
import { buildConsole, openBrowser, screenshot, type Browser } from './browser.js';
import { pageProblems } from './screen-text.js';

const OVERRIDE_REASON = 'Person sprach in Lengerich vor, Akte in Rheine; Wohnungsverlust droht heute';
const REPLAY_ERROR = 'agency answered HTTP 503 (Wartungsfenster)';
const DISCARD_ERROR = 'agency answered HTTP 410 (Empfänger gelöscht)';

/**
 * A coordinator's review day in Debian's Chromium, against a real hub and worker: what waits
 * for Rheine's coordinating office is made the way the hub makes it (two intakes the matcher
 * could not decide, a break-glass access from Lengerich, a case in two funded language courses,
 * messages an agency did not accept), and the coordinator works through it, in German and
 * English, with axe-core on every page.
 */
describe("coordinator's review day (Chromium)", () => {
  let hub: TestHub;
  let worker: INestApplicationContext;
  let browser: Browser | undefined;
  let reviewItem: string;
  let overrideId: string;
  let overrideCase: { id: string; reference: string };
  let flagged: { id: string; reference: string };
  let replayId: string;
  let discardId: string;
  let webhookAgency: string;

  beforeAll(async () => {
    buildConsole();
    hub = await startTestHub('e2e_coordinator', { persons: 40 });
    worker = await createWorkerApp(hub.config, false);
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const open = async (token: string, person: Record<string, unknown>) => {
      const r = await hub.gql(hub.token(token), OPEN_CASE, { input: { person: newcomer(person), regionId: rheine } });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      return r.data.openCase as { id: string; reference: string };
    };

    // Two intakes in Rheine the matcher may not decide alone: a review item, made by the worker.
    const omar = { birthDate: '1988-01-01', birthDatePrecision: 'PLACEHOLDER', sex: 'male' };
    await open('cm-rheine-1', { ...omar, name: { givenNames: 'Omar', familyName: 'Khalil' } });
    overrideCase = await open('cm-rheine-2', {
      ...omar,
      name: { givenNames: 'Khalil', familyName: 'Omar' },
      nationality: 'IRQ',
      municipality: 'Steinfurt',
    });
    reviewItem = await expectEventually(
      async () => {
        const [row] = await hub.db.ds.query<{ id: string }[]>(`SELECT id FROM link_reviews WHERE status = 'open'`);
        if (!row) throw new Error('no open review item yet');
        return row.id;
      },
      { timeoutMs: 60_000 },
    );

    // Lengerich breaks the glass on a Rheine case and reads it once.
    const opened = await hub.gql(
      hub.token('cm-lengerich-2'),
      `mutation($input: OpenAccessOverrideInput!) { openAccessOverride(input: $input) { id } }`,
      { input: { caseId: overrideCase.id, reason: OVERRIDE_REASON, minutes: 30 } },
    );
    if (opened.errors) throw new Error(JSON.stringify(opened.errors));
    overrideId = opened.data.openAccessOverride.id;
    await hub.gql(hub.token('cm-lengerich-2'), `query($id: ID!) { case(id: $id) { id } }`, { id: overrideCase.id });

    // One person in two language courses of one funding line at once: double funding.
    const [c] = await hub.db.ds.query<{ id: string; reference: string }[]>(
      `SELECT c.id, c.reference FROM cases c JOIN regions r ON r.id = c.region_id
        WHERE r.name = 'Rheine' AND c.phase <> 'closed' AND c.id <> $1 ORDER BY c.reference LIMIT 1`,
      [overrideCase.id],
    );
    flagged = c!;
    const ids = Object.fromEntries(hub.creds.services.map((s) => [s.code, s.id]));
    const sk = hub.creds.agencies.find((a) => a.key === 'sk')!.id;
    const cm = hub.creds.staff.find((s) => s.key === 'cm-rheine-1')!.id;
    for (const code of ['SK-INTEGRATIONSKURS', 'SK-BERUFSSPRACHKURS']) {
      await hub.db.ds.query(
        `INSERT INTO referrals (tenant_id, case_id, service_id, agency_id, purpose, categories, status, created_by, requested_at, version)
         VALUES ($1, $2, $3, $4, 'referral', '{identity}', 'in-progress', $5, now() - interval '20 days', 1)`,
        [hub.creds.tenantId, flagged.id, ids[code], sk, cm],
      );
    }
    await new BoardAggregates(hub.db.ds).refresh();

    // Two messages about a Rheine referral that the agency did not accept after every attempt.
    const [ref] = await hub.db.ds.query<{ id: string; agency_id: string; agency: string }[]>(
      `SELECT f.id, f.agency_id, a.name AS agency FROM referrals f
         JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
         JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
         JOIN agencies a ON a.tenant_id = f.tenant_id AND a.id = f.agency_id
        WHERE r.name = 'Rheine' AND a.channel = 'webhook' ORDER BY f.id LIMIT 1`,
    );
    if (!ref) throw new Error('the demo data should have a referral of Rheine to a webhook agency');
    webhookAgency = ref.agency;
    const dead = async (error: string, ageSeconds: number) => {
      const [row] = await hub.db.ds.query<{ id: string }[]>(
        `INSERT INTO outbox_messages (tenant_id, agency_id, referral_id, event_type, event_id, delivery_state, trace_id,
                                      enqueued, enqueued_at, attempts, last_error, created_at)
         VALUES ($1, $2, $3, 'de.kim-hub.referral.status-changed.v1', gen_random_uuid()::text, 'dead', 'e2e-coordinator',
                 true, now(), 8, $4, now() - make_interval(secs => $5))
         RETURNING id`,
        [hub.creds.tenantId, ref.agency_id, ref.id, error, ageSeconds],
      );
      return row!.id;
    };
    replayId = await dead(REPLAY_ERROR, 120);
    discardId = await dead(DISCARD_ERROR, 60);
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
  const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });
  const coordinatorId = () => hub.creds.staff.find((s) => s.key === 'coordinator-rheine')!.id;

  it('decides a link review, reviews a break-glass access, follows a flag to its case, replays and discards dead messages, and reads the caseload', async () => {
    browser = await openBrowser();
    const { page } = browser;
    const problems: string[] = [];
    // Each page: no serious accessibility violation, no raw code and no missing translation on screen.
    const axe = async (label: string) => problems.push(...(await pageProblems(page, label)));

    await signIn(page, hub, 'coordinator-rheine', LANDING.coordinator);
    await nav(page, 'Prüfungen').click();
    await heading(page).filter({ hasText: 'Prüfungen' }).waitFor();
    // Counted by the hub: one break-glass access waits for its review.
    await page.getByRole('listitem').filter({ hasText: 'Notfallzugriffe (1 offen)' }).waitFor();
    const [{ n: flaggedInRheine }] = await hub.db.ds.query(
      `SELECT count(DISTINCT f.case_id)::int AS n FROM board_flags f JOIN regions r ON r.id = f.region_id WHERE r.name = 'Rheine'`,
    );
    expect(flaggedInRheine).toBeGreaterThanOrEqual(1);
    await page
      .getByRole('listitem')
      .filter({ hasText: `Auffällige Fälle (${flaggedInRheine} offen)` })
      .waitFor();
    await axe('reviews');
    await screenshot(page, 'coordinator-01-reviews');

    // 1. The link review: different persons, with a note.
    await nav(page, 'Personenabgleich').click();
    await page
      .getByRole('link', { name: /^Prüfen: / })
      .and(page.locator(`[href$="${reviewItem}"]`))
      .click();
    await heading(page).filter({ hasText: 'Gleiche Person?' }).waitFor();
    await page.getByRole('radio', { name: /Verschiedene Personen/ }).check();
    await page.getByLabel('Notiz zur Entscheidung').fill('Verschiedene Väter laut Pässen.');
    await page.getByRole('button', { name: 'Entscheidung speichern' }).click();
    await page.getByRole('status').filter({ hasText: 'Gespeichert: verschiedene Personen.' }).waitFor();
    expect(await hub.db.ds.query(`SELECT status, decided_by FROM link_reviews WHERE id = $1`, [reviewItem])).toEqual([
      { status: 'different-persons', decided_by: coordinatorId() },
    ]);
    await screenshot(page, 'coordinator-02-link-review-decided');

    // 2. The break-glass access: not justified, which needs a note.
    await nav(page, 'Prüfungen').click();
    await page.getByRole('link', { name: 'Notfallzugriffe' }).click();
    await heading(page).filter({ hasText: 'Notfallzugriffe' }).waitFor();
    const overrides = page.getByRole('region', { name: 'Notfallzugriffe' });
    await overrides.getByRole('cell', { name: OVERRIDE_REASON }).waitFor();
    await axe('break-glass list');
    await overrides.getByRole('link', { name: `Prüfen: ${overrideCase.reference}` }).click();
    await heading(page).filter({ hasText: 'Notfallzugriff prüfen' }).waitFor();
    await page.getByText(OVERRIDE_REASON).waitFor();
    await page.getByRole('button', { name: 'Prüfung speichern' }).click();
    await page.getByRole('alert').filter({ hasText: 'Bitte wählen Sie eine Bewertung.' }).waitFor();
    await page.getByRole('radio', { name: 'nicht gerechtfertigt' }).check();
    await page.getByRole('button', { name: 'Prüfung speichern' }).click();
    await page.getByRole('alert').filter({ hasText: 'Bitte begründen Sie' }).waitFor();
    const note = 'Keine Eilbedürftigkeit: Termin war erst in zwei Wochen.';
    await page.getByLabel('Vermerk').fill(note);
    await axe('break-glass review');
    await screenshot(page, 'coordinator-03-break-glass-review');
    await page.getByRole('button', { name: 'Prüfung speichern' }).click();
    await page.getByRole('status').filter({ hasText: 'Die Prüfung ist gespeichert.' }).waitFor();
    expect(
      await hub.db.ds.query(`SELECT verdict, review_note, reviewed_by FROM access_overrides WHERE id = $1`, [
        overrideId,
      ]),
    ).toEqual([{ verdict: 'unjustified', review_note: note, reviewed_by: coordinatorId() }]);

    // 3. A flag, followed to its case; the list goes to a spreadsheet.
    await nav(page, 'Prüfungen').click();
    await page.getByRole('link', { name: 'Auffällige Fälle' }).click();
    await heading(page).filter({ hasText: 'Auffällige Fälle' }).waitFor();
    await page.getByLabel('Art', { exact: true }).selectOption({ label: 'Doppelförderung' });
    await page.getByRole('button', { name: 'Filtern' }).click();
    const flags = page.getByRole('region', { name: 'Auffällige Fälle' });
    const flagRow = flags.getByRole('row').filter({ hasText: flagged.reference });
    await flagRow.getByRole('cell', { name: 'Doppelförderung' }).waitFor();
    expect(await flags.getByRole('cell', { name: 'Doppelter Berechtigungsschein' }).count()).toBe(0);
    await axe('flags');
    await screenshot(page, 'coordinator-04-flags');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Als CSV herunterladen (Tabellenkalkulation)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('auffaellige-faelle.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\uFEFFFall;Art;Regionalbereich');
    expect(csv).toContain(`${flagged.reference};Doppelförderung;Rheine`);
    await flagRow.getByRole('link', { name: flagged.reference }).click();
    await heading(page)
      .filter({ hasText: `Fall ${flagged.reference}` })
      .waitFor();
    await screenshot(page, 'coordinator-05-flagged-case');

    // 4. Dead messages: one sent again, one discarded with a reason.
    await nav(page, 'Prüfungen').click();
    await page.getByRole('link', { name: 'Unzustellbare Nachrichten' }).click();
    await heading(page).filter({ hasText: 'Unzustellbare Nachrichten' }).waitFor();
    const messages = page.getByRole('region', { name: 'Unzustellbare Nachrichten' });
    await messages.getByRole('row').filter({ hasText: REPLAY_ERROR }).waitFor();
    await axe('dead messages');
    await screenshot(page, 'coordinator-06-dead-messages');
    await messages
      .getByRole('row')
      .filter({ hasText: REPLAY_ERROR })
      .getByRole('button', { name: /^Erneut senden/ })
      .click();
    await page
      .getByRole('status')
      .filter({ hasText: `Die Nachricht an ${webhookAgency} ist wieder in der Zustellung.` })
      .waitFor();
    const [replayed] = await hub.db.ds.query(`SELECT delivery_state, replays FROM outbox_messages WHERE id = $1`, [
      replayId,
    ]);
    expect(replayed.replays).toBe(1);
    expect(replayed.delivery_state).not.toBe('dead');
    await messages.getByRole('row').filter({ hasText: REPLAY_ERROR }).waitFor({ state: 'detached' });

    await messages
      .getByRole('row')
      .filter({ hasText: DISCARD_ERROR })
      .getByRole('button', { name: /^Verwerfen/ })
      .click();
    await page.getByLabel('Begründung (Pflicht, 3 bis 500 Zeichen)').fill('ok');
    await page.getByRole('button', { name: 'Endgültig verwerfen' }).click();
    await page.getByRole('alert').filter({ hasText: '3 bis 500 Zeichen' }).waitFor();
    const reason = 'Empfänger gibt es nicht mehr; mit der Stelle telefonisch geklärt.';
    await page.getByLabel('Begründung (Pflicht, 3 bis 500 Zeichen)').fill(reason);
    await axe('discard a message');
    await page.getByRole('button', { name: 'Endgültig verwerfen' }).click();
    await page.getByRole('status').filter({ hasText: 'ist verworfen und wird nie zugestellt' }).waitFor();
    expect(
      await hub.db.ds.query(`SELECT delivery_state, discard_reason FROM outbox_messages WHERE id = $1`, [discardId]),
    ).toEqual([{ delivery_state: 'discarded', discard_reason: reason }]);

    // 5. Barriers and gaps; the caseload against the 1:100 key, and its headline on the board.
    await nav(page, 'Prüfungen').click();
    await page.getByRole('link', { name: 'Hürden und Lücken' }).click();
    await heading(page).filter({ hasText: 'Hürden und Lücken' }).waitFor();
    await page.getByRole('rowheader', { name: 'Sprache' }).waitFor();
    await axe('barriers');
    await screenshot(page, 'coordinator-07-barriers');

    await nav(page, 'Prüfungen').click();
    await page.getByRole('link', { name: 'Fallbelastung' }).click();
    await heading(page).filter({ hasText: 'Fallbelastung' }).waitFor();
    const [{ n: openInRheine }] = await hub.db.ds.query(
      `SELECT count(*)::int AS n FROM cases c JOIN regions r ON r.id = c.region_id WHERE r.name = 'Rheine' AND c.phase <> 'closed'`,
    );
    const headline = page.getByRole('region', { name: 'Kennzahlen' });
    await headline.getByText('Offene Fälle im Bereich').waitFor();
    expect(await headline.locator('dd').first().textContent()).toBe(String(openInRheine));
    await axe('caseload');
    await screenshot(page, 'coordinator-08-caseload');
    const [caseload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Als CSV herunterladen (Tabellenkalkulation)' }).click(),
    ]);
    expect(caseload.suggestedFilename()).toBe('fallbelastung.csv');
    const lines = readFileSync(await caseload.path(), 'utf8')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFFallmanager:in;Regionalbereich;Stellenanteil (VZÄ);Kapazität (Fälle);Offene Fälle;Auslastung',
    );
    const [{ n: managers }] = await hub.db.ds.query(
      `SELECT count(*)::int AS n FROM staff_users u JOIN regions r ON r.id = u.region_id WHERE r.name = 'Rheine' AND u.role = 'case-manager'`,
    );
    expect(lines).toHaveLength(1 + managers);

    await nav(page, 'Lagebild').click();
    await page.getByRole('region', { name: 'Kennzahlen' }).getByText('Offene Fälle im Bereich').waitFor();

    // The same screens in English, each checked by axe.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    for (const [path, title] of [
      ['/reviews', 'Reviews'],
      ['/reviews/break-glass', 'Break-glass accesses'],
      [`/reviews/break-glass/${overrideId}`, 'Review a break-glass access'],
      ['/reviews/flags', 'Flagged cases'],
      ['/reviews/messages', 'Undeliverable messages'],
      ['/reviews/barriers', 'Barriers and gaps'],
      ['/reviews/caseload', 'Caseload'],
    ] as const) {
      await page.goto(`${hub.url}/console${path}`);
      await heading(page).filter({ hasText: title }).waitFor();
      await page.getByRole('status').filter({ hasText: 'Loading' }).waitFor({ state: 'detached' });
      await axe(`${path} (English)`);
    }
    await screenshot(page, 'coordinator-09-caseload-en');
    expect(problems).toEqual([]);
  }, 240_000);
});

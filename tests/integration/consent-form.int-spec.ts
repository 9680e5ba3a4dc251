import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStaffUser, issueCredential } from '@kim/core';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { OPEN_CASE, newcomer } from '@kim/test-support/fixtures';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The printable consent form (issue 17): the case manager prints, from the consent capture screen,
 * what the person is asked to sign, German first and English second, as a PDF made by the hub's
 * Chromium (as the committee report). The PDF's text is read back with pdf.js and checked against
 * the table below, written from the issue and the GDPR, not from the renderer.
 */
describe('printable consent form (PDF)', () => {
  let hub: TestHub;
  let caseId: string;
  let reference: string;
  let jc: string;
  let caritas: string;
  const contacts = {
    controllerName: 'Kreis Steinfurt, Der Landrat',
    controllerAddress: 'Tecklenburger Straße 10\n48565 Steinfurt',
    dpoName: 'Dr. Maria Beispiel',
    dpoContact: 'datenschutz@kreis-steinfurt.example',
  };
  const selection = {
    categories: 'IDENTITY,CONTACT,HEALTH',
    purposes: 'REFERRAL,CASE_COORDINATION',
    validFrom: '2026-12-01',
    validUntil: '2027-11-30',
    formVersion: 'KIM-EW 2026-1',
    explainedIn: 'ar',
  };
  const formUrl = (id: string, over: Record<string, string> = {}) =>
    `${hub.url}/reports/consent-form/${id}?${new URLSearchParams({ agencyIds: `${jc},${caritas}`, ...selection, ...over }).toString()}`;
  const get = (url: string, token: string) => fetch(url, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    hub = await startTestHub('consent_form');
    const cm = hub.token('cm-rheine-1');
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    jc = hub.creds.agencies.find((a) => a.key === 'jc')!.id;
    caritas = hub.creds.agencies.find((a) => a.key === 'caritas')!.id;
    const opened = await hub.gql(cm, OPEN_CASE, {
      input: {
        person: newcomer({
          name: { givenNames: 'Yasmin', familyName: 'Darwish' },
          birthDate: '1994-03-15',
          birthDatePrecision: 'EXACT',
          municipality: 'Rheine',
        }),
        regionId: rheine,
      },
    });
    caseId = opened.data.openCase.id;
    reference = opened.data.openCase.reference;
    // Setup: the recipients' contact data and the tenant's privacy contacts, as the administrator keeps them.
    await hub.db.ds.query(
      `UPDATE agencies SET contact_address = 'Dutumer Straße 5, 48431 Rheine', contact_phone = '05971 1234', contact_email = 'rheine@jobcenter.example' WHERE id = $1`,
      [jc],
    );
    const system = { kind: 'system' as const, tenantId: hub.creds.tenantId };
    const adminUser = await createStaffUser(hub.db.ds, system, {
      displayName: 'Verwaltung KIM',
      email: 'kim-admin@kreis-steinfurt.example',
      role: 'tenant-admin',
    });
    const admin = (await issueCredential(hub.db.ds, system, { staffUserId: adminUser.id })).secret;
    const set = await hub.gql(
      admin,
      `mutation($i: PrivacyContactsInput!) { setPrivacyContacts(input: $i) { controllerName } }`,
      { i: contacts },
    );
    if (set.errors) throw new Error(`setup: privacy contacts: ${JSON.stringify(set.errors)}`);
  }, 120_000);
  afterAll(() => hub?.close());

  /** What the form must say, in order of reading, German first (issue 17; Art. 7, 9, 13, 15–21, 77 GDPR). */
  const ORACLE: [what: string, text: string][] = [
    ['title (de)', 'Einwilligungserklärung zur Datenübermittlung im Kommunalen Integrationsmanagement'],
    ['form version (de)', 'Formular KIM-EW 2026-1'],
    ['the person', 'Yasmin Darwish'],
    ['birth date, German', '15. März 1994'],
    ['place of residence', 'Rheine'],
    ['first recipient', 'Jobcenter Kreis Steinfurt'],
    ["first recipient's address", 'Dutumer Straße 5, 48431 Rheine'],
    ["first recipient's e-mail", 'rheine@jobcenter.example'],
    ['second recipient', 'Caritas Fachdienst Migration und Integration'],
    ['purposes (de)', 'Vermittlung, Fallkoordination'],
    ['categories (de)', 'Identität, Kontakt, Gesundheit'],
    ['health is a special category (de)', 'Gesundheitsdaten sind besonders geschützte Daten (Art. 9 DSGVO)'],
    ['validity (de)', 'Gültig vom 1. Dezember 2026 bis zum 30. November 2027'],
    ['explained in (de)', 'Die Einwilligung wurde mir auf Arabisch erklärt.'],
    ['withdrawal (de)', 'Widerruf (Art. 7 Abs. 3 DSGVO)'],
    ['rights (de)', 'Berichtigung (Art. 16), Löschung (Art. 17), Einschränkung (Art. 18)'],
    ['complaint (de)', 'Beschwerde bei einer Aufsichtsbehörde (Art. 77 DSGVO)'],
    ['controller', 'Kreis Steinfurt, Der Landrat'],
    ["controller's address", 'Tecklenburger Straße 10'],
    ['data protection officer', 'Dr. Maria Beispiel'],
    ["DPO's contact", 'datenschutz@kreis-steinfurt.example'],
    ['signature', 'Unterschrift der Person'],
    ['title (en)', 'Declaration of consent to the transfer of data in municipal integration management'],
    ['form version (en)', 'Form KIM-EW 2026-1'],
    ['birth date, English', '15 March 1994'],
    ['purposes (en)', 'Referral, Case coordination'],
    ['categories (en)', 'identity, contact, health'],
    ['validity (en)', 'Valid from 1 December 2026 until 30 November 2027'],
    ['explained in (en)', 'The consent was explained to me in Arabic.'],
    ['withdrawal (en)', 'Withdrawal (Art. 7(3) GDPR)'],
    ['complaint (en)', 'A complaint to a supervisory authority (Art. 77 GDPR)'],
    ['controller (en)', 'Controller and data protection officer'],
  ];

  it('says everything the table asks, German before English, no code of the hub, and is in the ledger', async () => {
    const res = await get(formUrl(caseId), hub.token('cm-rheine-1'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/pdf/);
    const pdf = Buffer.from(await res.arrayBuffer());
    mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
    writeFileSync(path.join(ROOT, 'test-results', 'consent-form.pdf'), pdf);
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const text = await (await doc.getPage(n)).getTextContent();
      pages.push(
        (text.items as { str?: string; hasEOL?: boolean }[])
          .map((i) => `${i.str ?? ''}${i.hasEOL ? ' ' : ''}`)
          .join(''),
      );
    }
    // pdf.js gives pieces of lines (a line's end marked): compare with the spaces evened out.
    const all = pages.join(' ').replace(/\s+/g, ' ');
    const missing = ORACLE.filter(([, text]) => !all.includes(text)).map(([what]) => what);
    expect(missing).toEqual([]);
    const at = (text: string) => all.indexOf(text);
    expect(at('Einwilligungserklärung zur')).toBeLessThan(at('Declaration of consent'));
    // English starts on a page of its own, after the German that is signed.
    expect(pages.findIndex((p) => p.includes('Declaration of consent'))).toBeGreaterThan(0);
    expect(all).not.toMatch(/\b(IDENTITY|CASE_COORDINATION|case-coordination|education-work|EXACT)\b/);
    expect(all).toContain(reference);

    const ledger = await hub.db.ds.query(
      `SELECT action, allowed, categories FROM audit_events WHERE subject_id = $1 AND action = 'consent-form.printed'`,
      [caseId],
    );
    expect(ledger).toEqual([{ action: 'consent-form.printed', allowed: true, categories: ['identity', 'contact'] }]);
  }, 120_000);

  it('is refused to staff of another area and to agencies, and bad input is a 400 naming the parameter', async () => {
    const other = await get(formUrl(caseId, { format: 'html' }), hub.token('cm-steinfurt-1'));
    expect([403, 404]).toContain(other.status);
    const agency = await get(
      formUrl(caseId, { format: 'html' }),
      hub.creds.agencies.find((a) => a.key === 'jc')!.apiKey,
    );
    expect([401, 403]).toContain(agency.status);
    const cm = hub.token('cm-rheine-1');
    const cases: [Record<string, string>, string][] = [
      [{ categories: 'IDENTITY,SECRETS' }, 'categories'],
      [{ purposes: '' }, 'purposes'],
      [{ agencyIds: 'not-an-id' }, 'agencyIds'],
      [{ validFrom: '2027-12-01' }, 'validUntil'],
      [{ colour: 'red' }, 'colour'],
    ];
    for (const [over, where] of cases) {
      const r = await get(formUrl(caseId, { ...over, format: 'html' }), cm);
      const body = (await r.json()) as { error: string; problems?: { path: string }[] };
      expect({ status: r.status, error: body.error, at: body.problems?.some((p) => p.path.startsWith(where)) }).toEqual(
        {
          status: 400,
          error: 'INVALID_INPUT',
          at: true,
        },
      );
    }
  });
});

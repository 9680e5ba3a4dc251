import type { INestApplicationContext } from '@nestjs/common';
import { createStaffUser, issueCredential } from '@kim/core';
import { createWorkerApp } from '@kim/worker';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { expectEventually } from '@kim/test-support/eventually';
import { recordingAgency, type RecordingAgency } from '@kim/test-support/agency-endpoint';
import {
  CREATE_REFERRAL,
  OPEN_CASE,
  RECORD_CONSENT,
  SEND_REFERRAL,
  consentFor,
  newcomer,
} from '@kim/test-support/fixtures';

describe('Auskunft nach Art. 15 DSGVO', () => {
  let hub: TestHub;
  let worker: INestApplicationContext;
  let agency: RecordingAgency;

  beforeAll(async () => {
    hub = await startTestHub('art15', { persons: 60 });
    agency = await recordingAgency();
    await hub.db.ds.query(`UPDATE agencies SET webhook_url = $1 WHERE channel = 'webhook'`, [agency.url]);
    worker = await createWorkerApp(hub.config, false);
  });
  afterAll(async () => {
    await worker.close();
    await agency.close();
    await hub.close();
  });

  const report = async (token: string, caseId: string, format = 'json') =>
    fetch(`${hub.url}/reports/access/${caseId}?format=${format}`, { headers: { authorization: `Bearer ${token}` } });

  it('lists the data held and every recipient: disclosures by message and reads by agencies', async () => {
    const cm = hub.token('cm-rheine-1');
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const jc = hub.creds.agencies.find((a) => a.key === 'jc')!;
    const c = await hub.gql(cm, OPEN_CASE, { input: { person: newcomer(), regionId: rheine } });
    const caseId = c.data.openCase.id;
    await hub.gql(cm, RECORD_CONSENT, { input: consentFor(caseId, jc.id) });
    const service = hub.creds.services.find((s) => s.code === 'JC-VERMITTLUNG')!.id;
    const d = await hub.gql(cm, CREATE_REFERRAL, {
      input: { caseId, serviceId: service, purpose: 'REFERRAL', categories: ['IDENTITY', 'CONTACT'] },
    });
    await hub.gql(cm, SEND_REFERRAL, { id: d.data.createReferral.id });
    await expectEventually(() =>
      expect(agency.events.some((e) => e.data.referralId === d.data.createReferral.id)).toBe(true),
    );
    await hub.gql(jc.apiKey, `query($id: ID!) { case(id: $id) { person { givenNames } } }`, { id: caseId });

    const res = await report(cm, caseId);
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.person).toMatchObject({
      givenNames: 'Amina',
      familyName: 'Al-Hassan',
      birthDatePrecision: 'placeholder',
    });
    expect(body.consents).toEqual([
      expect.objectContaining({ recipient: 'Jobcenter Kreis Steinfurt', categories: ['identity', 'contact'] }),
    ]);
    // Every read by the agency is listed: the case itself (no person category), then the person.
    expect(body.disclosures.map((l: any) => [l.recipient, l.action, l.categories])).toEqual([
      ['Jobcenter Kreis Steinfurt', 'disclosed', ['identity', 'contact']],
      ['Jobcenter Kreis Steinfurt', 'read', []],
      ['Jobcenter Kreis Steinfurt', 'read', ['identity', 'contact']],
    ]);
    const html = await (await report(cm, caseId, 'html')).text();
    expect(html).toContain('Auskunft nach Art. 15 DSGVO');
    expect(html).toContain('Jobcenter Kreis Steinfurt');
  });

  /**
   * What Art. 15 GDPR says the person is told (and Art. 13(1)(a)/(b) whom to turn to), written
   * from the regulation, each as words a German letter must contain.
   */
  const ART15: [what: string, mustSay: RegExp][] = [
    ['(1)(a) the purposes', /Wozu wir Ihre Daten verarbeiten/],
    ['(1)(b) the categories of data, (3) a copy', /Ihre Daten, die wir speichern/],
    ['(1)(c) the recipients', /Wer Ihre Daten erhalten hat/],
    ['(1)(d) how long they are kept', /Wie lange wir Ihre Daten speichern[\s\S]*1095 Tage/],
    ['(1)(e) rectification, Art. 16', /Berichtigung \(Art\. 16 DSGVO\)/],
    ['(1)(e) erasure, Art. 17', /Löschung \(Art\. 17 DSGVO\)/],
    ['(1)(e) restriction, Art. 18', /Einschränkung der Verarbeitung \(Art\. 18 DSGVO\)/],
    ['Art. 19 notification of recipients', /Art\. 19 DSGVO/],
    ['Art. 20 portability', /Datenübertragbarkeit \(Art\. 20 DSGVO\)/],
    ['(1)(e) objection, Art. 21', /Widerspruch \(Art\. 21 DSGVO\)/],
    [
      '(1)(f) complaint to a supervisory authority, Art. 77',
      /Beschwerde bei einer Aufsichtsbehörde \(Art\. 77 DSGVO\)/,
    ],
    ['(1)(g) the source', /Woher Ihre Daten stammen/],
    ['(1)(h) automated decisions', /Art\. 22 DSGVO/],
    ['Art. 13(1)(a) the controller', /Kreis Steinfurt, Der Landrat[\s\S]*Tecklenburger Straße 10/],
    [
      'Art. 13(1)(b) the data protection officer',
      /Datenschutzbeauftragte[\s\S]*Dr\. Maria Beispiel[\s\S]*datenschutz@kreis-steinfurt\.example/,
    ],
  ];
  /** Codes of the hub a person must not read in the letter (statuses, categories, purposes, actions). */
  const CODES =
    /\b(requested|in-progress|placeholder|identity|contact|referral|disclosed|read|case-coordination|female|male|SYR|azr)\b/;

  it('writes a German letter with everything Art. 15 GDPR asks for, controller and DPO from the tenant settings, no codes', async () => {
    const system = { kind: 'system' as const, tenantId: hub.creds.tenantId };
    const adminUser = await createStaffUser(hub.db.ds, system, {
      displayName: 'Verwaltung KIM',
      email: 'kim-admin@kreis-steinfurt.example',
      role: 'tenant-admin',
    });
    const admin = (await issueCredential(hub.db.ds, system, { staffUserId: adminUser.id })).secret;
    const SET = `mutation($i: PrivacyContactsInput!) { setPrivacyContacts(input: $i) { controllerName dpoName } }`;
    const contacts = {
      controllerName: 'Kreis Steinfurt, Der Landrat',
      controllerAddress: 'Tecklenburger Straße 10\n48565 Steinfurt',
      dpoName: 'Dr. Maria Beispiel',
      dpoContact: 'datenschutz@kreis-steinfurt.example, Tecklenburger Straße 10, 48565 Steinfurt',
    };
    // Only the tenant administrator sets them, and only whole and bounded.
    const cm = hub.token('cm-rheine-1');
    expect((await hub.gql(cm, SET, { i: contacts })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await hub.gql(admin, SET, { i: { ...contacts, dpoName: ' ' } })).errors?.[0]?.extensions?.code).toBe(
      'INVALID_INPUT',
    );
    expect((await hub.gql(admin, SET, { i: contacts })).data.setPrivacyContacts).toEqual({
      controllerName: contacts.controllerName,
      dpoName: contacts.dpoName,
    });
    const read = await hub.gql(admin, `{ privacyContacts { controllerAddress dpoContact } }`);
    expect(read.data.privacyContacts).toEqual({
      controllerAddress: contacts.controllerAddress,
      dpoContact: contacts.dpoContact,
    });

    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const jc = hub.creds.agencies.find((a) => a.key === 'jc')!;
    const c = await hub.gql(cm, OPEN_CASE, { input: { person: newcomer(), regionId: rheine } });
    const caseId = c.data.openCase.id;
    await hub.gql(cm, RECORD_CONSENT, { input: consentFor(caseId, jc.id) });
    const service = hub.creds.services.find((s) => s.code === 'JC-VERMITTLUNG')!.id;
    const d = await hub.gql(cm, CREATE_REFERRAL, {
      input: { caseId, serviceId: service, purpose: 'REFERRAL', categories: ['IDENTITY', 'CONTACT'] },
    });
    await hub.gql(cm, SEND_REFERRAL, { id: d.data.createReferral.id });
    await expectEventually(() =>
      expect(agency.events.some((e) => e.data.referralId === d.data.createReferral.id)).toBe(true),
    );

    const html = await (await report(cm, caseId, 'html')).text();
    expect(html).toContain('<html lang="de">');
    expect(ART15.filter(([, say]) => !say.test(html)).map(([what]) => what)).toEqual([]);
    // What the person reads: the text without markup.
    const text = html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ');
    expect(text.match(CODES)).toBeNull();
    // The codes as words: the referral's status, the categories and the purpose of the consent.
    for (const w of ['angefragt', 'Identität, Kontakt', 'Vermittlung', 'übermittelt', 'Syrien', 'Platzhalter'])
      expect([w, text.includes(w)]).toEqual([w, true]);
  });

  it('names every recipient the demo data disclosed to, for a demo person', async () => {
    const [row] = await hub.db.ds.query(
      `SELECT c.id AS case_id, count(*)::int AS n FROM audit_events a JOIN cases c ON c.tenant_id = a.tenant_id AND c.person_id = a.person_id
        JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
        WHERE a.action = 'referral.disclose' AND a.allowed AND r.name = 'Rheine' AND c.reference LIKE 'KIM-____-D%' GROUP BY c.id ORDER BY n DESC LIMIT 1`,
    );
    expect(row.n).toBeGreaterThan(0);
    const body = (await (await report(hub.token('coordinator-rheine'), row.case_id)).json()) as any;
    expect(body.disclosures.filter((l: any) => l.action === 'disclosed')).toHaveLength(row.n);
    expect(body.cases[0].referrals.length).toBeGreaterThanOrEqual(row.n);
  });

  it('is refused to agencies, operators and staff of another area, and audited when made', async () => {
    const [c] = await hub.db.ds.query(
      `SELECT c.id FROM cases c JOIN regions r ON r.id = c.region_id WHERE r.name = 'Rheine' LIMIT 1`,
    );
    expect((await report(hub.creds.agencies[0]!.apiKey, c.id)).status).toBe(403);
    expect((await report(hub.token('operator'), c.id)).status).toBe(403);
    // Another area's case: the same 404 as an unknown one.
    expect((await report(hub.token('cm-lengerich-1'), c.id)).status).toBe(404);
    expect((await report('nobody-at-all', c.id)).status).toBe(401);
    const audited = await hub.db.ds.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'access-report.generated'`,
    );
    // two reports in the first test, one each in the letter's and the demo person's; refusals produce none
    expect(audited[0].n).toBe(4);
  });

  /**
   * Red-team probe: the person's achievements (issue 19) are data the hub holds about them, and a
   * dossier sent to the Ausländerbehörde is a disclosure to a recipient: Art. 15(1) and (3) GDPR
   * ask for both. The report listed neither (the ledger's dossier.send was not among its actions).
   */
  it("lists the person's achievements and the authority a dossier of them was sent to", async () => {
    const cm = hub.token('cm-rheine-1');
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const abh = hub.creds.agencies.find((a) => a.key === 'abh')!;
    // The demo's Ausländerbehörde takes files; here it takes webhooks (the same message either way).
    await hub.db.ds.query(`UPDATE agencies SET channel = 'webhook', webhook_url = $1 WHERE id = $2`, [
      agency.url,
      abh.id,
    ]);
    const c = await hub.gql(cm, OPEN_CASE, {
      input: { person: newcomer({ name: { givenNames: 'Samira', familyName: 'Dossier' } }), regionId: rheine },
    });
    const caseId = c.data.openCase.id as string;
    const recorded = await hub.gql(
      cm,
      `mutation R($c: ID!, $a: AchievementInput!, $e: AchievementEvidenceInput!) {
        recordAchievement(caseId: $c, achievement: $a, evidence: $e) { id }
      }`,
      {
        c: caseId,
        a: {
          kind: 'LANGUAGE_CERTIFICATE',
          achievedOn: '2026-05-20',
          cefrLevel: 'B1',
          test: 'DTZ',
          provider: 'VHS Rheine',
        },
        e: { kind: 'CERTIFICATE', reference: 'DTZ-2026-4711', seenOn: '2026-06-01' },
      },
    );
    expect(recorded.errors).toBeUndefined();
    await hub.gql(cm, RECORD_CONSENT, {
      input: consentFor(caseId, abh.id, {
        purposes: ['CASE_COORDINATION'],
        categories: ['IDENTITY', 'EDUCATION_WORK'],
      }),
    });
    const sent = await hub.gql(cm, `mutation S($input: SendDossierInput!) { sendDossier(input: $input) { id } }`, {
      input: { caseId, agencyId: abh.id, achievementIds: [recorded.data.recordAchievement.id] },
    });
    expect(sent.errors).toBeUndefined();
    await expectEventually(() =>
      expect(agency.events.some((e) => e.data?.dossierId === sent.data.sendDossier.id)).toBe(true),
    );

    const body = (await (await report(cm, caseId)).json()) as any;
    expect(body.cases[0].achievements).toEqual([
      expect.objectContaining({
        kind: 'language-certificate',
        achievedOn: '2026-05-20',
        evidence: { kind: 'certificate', reference: 'DTZ-2026-4711', seenOn: '2026-06-01' },
      }),
    ]);
    expect(body.disclosures.map((l: any) => [l.recipient, l.action, [...l.categories].sort()])).toEqual([
      [abh.name, 'disclosed', ['education-work', 'identity']],
    ]);
    const html = await (await report(cm, caseId, 'html')).text();
    expect(html).toContain('Sprachzertifikat');
    expect(html).toContain('DTZ-2026-4711');
    expect(html.slice(html.indexOf('3. Wer Ihre Daten erhalten hat'))).toContain(abh.name);
  });
});

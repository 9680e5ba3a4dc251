/**
 * The matrix's fixture, set up once: a probe person with identifiers of several issuers,
 * aliases, and cases in two areas (Rheine and Lengerich), every consent situation the policy
 * distinguishes, a break-glass override, a link review and a merge, a second tenant, and the
 * principals who probe it all. Set up through the API where the API can do it; the rest (the
 * person's second case, an expired consent, two more agencies) as the database owner.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createStaffUser, issueCredential } from '@kim/core';
import { seedDemo, type DemoCredentials } from '@kim/demo-data';
import {
  AgencyEntity,
  CaseEntity,
  CaseNeedEntity,
  GoalEntity,
  ServiceEntity,
  TimelineEventEntity,
} from '@kim/persistence';
import type { TestHub } from '@kim/test-support/hub';
import { berlinToday } from './facts.js';
import type { Viewer } from './oracle.js';

export type MatrixHub = Pick<TestHub, 'url' | 'gql' | 'db'>;

export interface MatrixFixture {
  tenantId: string;
  otherTenantId: string;
  creds: DemoCredentials;
  otherCreds: DemoCredentials;
  principals: Viewer[];
  /** The probe person, their case in Rheine (A) and in Lengerich (B). */
  personId: string;
  caseA: string;
  caseB: string;
  /** An id no case has. */
  unknownCaseId: string;
  /** Values of the probe person that no aggregate or pseudonymised export may carry. */
  identityValues: string[];
  searchTerms: string[];
  /** A demo agency key, or one of the two agencies the fixture adds. */
  agency(key: string): { id: string; apiKey: string };
  regions: { rheine: string; lengerich: string; steinfurt: string };
  areas: { rheine: string; kreis: string };
  /** A legal basis the hub accepts for a case of Rheine: a listed norm that reaches the agency's kind. */
  legalBasis: { agency: string; citation: string; categories: string[] };
}

export const RECORD_LEGAL_BASIS = `mutation($input: RecordLegalBasisInput!) { recordLegalBasis(input: $input) { id } }`;
export const REVIEW_LEGAL_BASIS = `mutation($input: ReviewLegalBasisInput!) { reviewLegalBasis(input: $input) { id status } }`;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Fails the setup with what the API said: a fixture that did not come about proves nothing. */
export async function must<T = any>(
  hub: MatrixHub,
  token: string,
  query: string,
  variables: Record<string, unknown>,
  what: string,
): Promise<T> {
  const r = await hub.gql(token, query, variables);
  if (r.errors?.length || !r.data) throw new Error(`fixture: ${what} failed: ${JSON.stringify(r.errors)}`);
  return r.data as T;
}

export const OPEN_CASE = `mutation($input: OpenCaseInput!) { openCase(input: $input) { id reference person { id } } }`;
export const RECORD_CONSENT = `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`;
export const CREATE_REFERRAL = `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id } }`;
export const SEND_REFERRAL = `mutation($id: ID!) { sendReferral(referralId: $id) { id status } }`;

/** A consent as a case manager records it, valid from a month ago for a year. */
export function consentInput(
  caseId: string,
  agencyId: string,
  categories: string[],
  over: Record<string, unknown> = {},
): Record<string, unknown> {
  const today = berlinToday();
  const from = addDays(today, -30);
  return {
    caseId,
    recipientAgencyId: agencyId,
    purposes: ['REFERRAL'],
    categories,
    validFrom: from,
    validUntil: addDays(today, 365),
    evidence: { formVersion: 'KIM-EW-2024-1', signedOn: from, explainedInLanguage: 'fa', interpreterUsed: true },
    ...over,
  };
}

/** Letters from random bytes: names that neither a demo person nor another fresh person resembles. */
function randomName(length: number): string {
  const letters = 'bdfghklmnprstvwz';
  const vowels = 'aeiou';
  const bytes = randomBytes(length);
  const chars = [...bytes].map((b, i) => (i % 2 ? vowels[b % vowels.length]! : letters[b % letters.length]!));
  return chars[0]!.toUpperCase() + chars.slice(1).join('');
}

/** A newcomer with a name and birth date no other person of the fixture has. */
export function freshPerson(over: Record<string, unknown> = {}): Record<string, unknown> {
  const day = new Date(Date.UTC(1960, 0, 1) + (randomBytes(4).readUInt32BE() % (40 * 365)) * 86_400_000);
  return {
    name: { givenNames: randomName(7), familyName: randomName(10) },
    birthDate: day.toISOString().slice(0, 10),
    birthDatePrecision: 'EXACT',
    sex: 'female',
    nationality: 'AFG',
    languages: ['fa'],
    residenceStatus: 'Aufenthaltsgestattung',
    municipality: 'Rheine',
    arrivalDate: '2025-05-02',
    ...over,
  };
}

/**
 * A tenant administrator (issue 18), set up as the platform operator's command line does: a
 * staff user with the role and a token issued to them.
 */
async function tenantAdmin(ds: TestHub['db']['ds'], tenantId: string, suffix: string, label: string): Promise<Viewer> {
  const system = { kind: 'system' as const, tenantId };
  const user = await createStaffUser(ds, system, {
    displayName: `Verwaltung (Matrix ${suffix})`,
    email: `admin-${suffix}@matrix.example`,
    role: 'tenant-admin',
  });
  const issued = await issueCredential(ds, system, { staffUserId: user.id }, { label: 'Matrix' });
  return { label, token: issued.secret, tenantId, kind: 'staff', id: user.id };
}

export async function setupFixture(hub: TestHub): Promise<MatrixFixture> {
  const ds = hub.db.ds;
  const creds = hub.creds;
  const tenantId = creds.tenantId;
  const suffix = randomBytes(3).toString('hex');
  const otherCreds = await seedDemo(ds, {
    credentialPrefix: `b${suffix}`,
    tenantSlug: `kreis-b-${suffix}`,
    tenantName: 'Kreis B',
    persons: 4,
    simulatorUrl: 'http://127.0.0.1:9',
  });
  const staff = (key: string) => creds.staff.find((s) => s.key === key)!;
  const token = (key: string) => staff(key).token;
  const region = (key: string) => creds.regions.find((r) => r.key === key)!.id;
  const service = (code: string) => creds.services.find((s) => s.code === code)!.id;
  const today = berlinToday();

  // Agencies the demo has not: a welfare organisation whose consent denies every read (action
  // access), a naturalisation authority with a narrow disclosure consent and a broader service
  // consent, and two offices that listed norms reach (legal bases: § 69 SGB X, § 8a SGB VIII).
  const extra: Record<string, { id: string; apiKey: string; serviceId: string }> = {};
  const LAW: Record<string, string> = {
    'naturalisation-authority': 'aufenthg',
    'social-welfare': 'sgb-xii',
    'youth-office': 'sgb-viii',
  };
  for (const [key, name, kind, channel] of [
    ['diakonie', 'Diakonie Rheine (Matrix)', 'welfare-organisation', 'webhook'],
    ['ebb', 'Einbürgerungsbehörde Kreis Steinfurt (Matrix)', 'naturalisation-authority', 'file'],
    ['sozial', 'Sozialamt Stadt Rheine (Matrix)', 'social-welfare', 'webhook'],
    ['jugend', 'Jugendamt Kreis Steinfurt (Matrix)', 'youth-office', 'webhook'],
  ] as const) {
    const id = randomUUID();
    const apiKey = `m${suffix}-agency-${key}`;
    await ds.getRepository(AgencyEntity).insert({
      tenantId,
      id,
      name,
      kind,
      legalDomain: LAW[kind] ?? 'none',
      channel,
      webhookUrl: channel === 'webhook' ? `http://127.0.0.1:9/agencies/${id}/webhook` : null,
      webhookSecret: `whsec_${randomBytes(24).toString('base64')}`,
      apiKeyHash: sha256(apiKey),
    });
    const serviceId = randomUUID();
    await ds.getRepository(ServiceEntity).insert({
      tenantId,
      id: serviceId,
      agencyId: id,
      code: `M-${key.toUpperCase()}-${suffix}`,
      name: `${name}: Beratung`,
      lifeDomain: 'family',
      responseDays: 5,
    });
    extra[key] = { id, apiKey, serviceId };
  }
  const agency = (key: string) => {
    if (extra[key]) return { id: extra[key].id, apiKey: extra[key].apiKey };
    const a = creds.agencies.find((x) => x.key === key);
    if (!a) throw new Error(`fixture: no agency ${key}`);
    return { id: a.id, apiKey: a.apiKey };
  };

  // The probe person and case A (Rheine), opened at intake with identifiers of four issuers.
  const cm = token('cm-rheine-1');
  const tag = randomBytes(2).toString('hex').toUpperCase();
  const values = {
    azr: `AZR-${tag}-4711`,
    jc: `JC-${tag}-0815`,
    abh: `ABH-${tag}-2024`,
    caritas: `CAR-${tag}-0042`,
  };
  const opened = await must<{ openCase: { id: string; reference: string; person: { id: string } } }>(
    hub,
    cm,
    OPEN_CASE,
    {
      input: {
        regionId: region('rheine'),
        person: {
          name: { givenNames: 'Zarifa', familyName: 'Qasemzadeh', originalScript: 'ظریفه قاسم‌زاده' },
          aliases: [{ givenNames: 'Sarifa', familyName: 'Ghasemzadeh' }],
          birthDate: '1991-04-17',
          birthDatePrecision: 'EXACT',
          sex: 'female',
          nationality: 'AFG',
          languages: ['fa', 'ps'],
          residenceStatus: 'Aufenthaltserlaubnis § 25 Abs. 2 AufenthG',
          municipality: 'Rheine',
          arrivalDate: '2024-09-23',
          identifiers: [
            { kind: 'azr', value: values.azr },
            { kind: 'agency-customer-number', agencyId: agency('jc').id, value: values.jc },
            { kind: 'agency-customer-number', agencyId: agency('abh').id, value: values.abh },
            { kind: 'agency-customer-number', agencyId: agency('caritas').id, value: values.caritas },
          ],
        },
        needs: [
          { domain: 'HEALTH', description: 'Diagnose: posttraumatische Belastungsstörung, Therapieplatz gesucht' },
          { domain: 'LANGUAGE', description: 'Integrationskurs B1' },
        ],
      },
    },
    'open case A',
  );
  const caseA = opened.openCase.id;
  const personId = opened.openCase.person.id;
  for (const description of ['Therapieplatz in Rheine', 'Integrationskurs bis B1 abschließen'])
    await must(
      hub,
      cm,
      `mutation($id: ID!, $input: GoalInput!) { addGoal(caseId: $id, input: $input) { id } }`,
      { id: caseA, input: { domain: description.startsWith('Therapie') ? 'HEALTH' : 'LANGUAGE', description } },
      'add goal',
    );

  // Case B: the same person's case in Lengerich (a move; written as the owner, because intake
  // must never attach a new case to a person of another area by identifier).
  const caseB = randomUUID();
  const cmLengerich = staff('cm-lengerich-1');
  await ds.getRepository(CaseEntity).insert({
    tenantId,
    id: caseB,
    reference: `KIM-${today.slice(0, 4)}-L${tag}`,
    personId,
    caseManagerId: cmLengerich.id,
    regionId: region('lengerich'),
    phase: 'planning',
    closedAt: null,
    version: 1,
  });
  await ds.getRepository(CaseNeedEntity).insert({
    tenantId,
    caseId: caseB,
    domain: 'work',
    description: 'Arbeitssuche im Raum Lengerich',
  });
  await ds.getRepository(GoalEntity).insert({
    tenantId,
    id: randomUUID(),
    caseId: caseB,
    domain: 'work',
    description: 'Praktikum in Lengerich',
    targetDate: addDays(today, 120),
    status: 'open',
  });
  await ds.getRepository(TimelineEventEntity).insert({
    tenantId,
    caseId: caseB,
    kind: 'case.opened',
    occurredAt: new Date(),
    actorRole: 'case-manager',
    actorId: cmLengerich.id,
    summary: 'Case opened (intake, moved from Rheine)',
    data: {},
  });

  // Consent situations on case A.
  const consent = async (tok: string, input: Record<string, unknown>, what: string) =>
    (await must<{ recordConsent: { id: string } }>(hub, tok, RECORD_CONSENT, { input }, what)).recordConsent.id;
  await consent(cm, consentInput(caseA, agency('jc').id, ['IDENTITY', 'CONTACT', 'BENEFITS']), 'consent jc');
  await consent(
    cm,
    consentInput(caseA, agency('tbb').id, ['IDENTITY', 'RESIDENCE_STATUS'], {
      purposes: ['REFERRAL', 'SERVICE_DELIVERY'],
    }),
    'consent tbb',
  );
  await consent(cm, consentInput(caseA, agency('ki').id, ['IDENTITY']), 'consent ki');
  await consent(
    cm,
    consentInput(caseA, agency('sk').id, ['IDENTITY', 'CONTACT'], {
      provisions: [{ type: 'deny', actions: ['access'], categories: ['IDENTITY'] }],
    }),
    'consent sk (deny identity for access)',
  );
  const caritasConsent = await consent(
    cm,
    consentInput(caseA, agency('caritas').id, ['IDENTITY', 'CONTACT', 'RESIDENCE_STATUS']),
    'consent caritas',
  );
  const aaConsent = await consent(
    cm,
    consentInput(caseA, agency('aa').id, ['IDENTITY', 'CONTACT', 'EDUCATION_WORK']),
    'consent aa',
  );
  await consent(
    cm,
    consentInput(caseA, agency('abh').id, ['IDENTITY', 'RESIDENCE_STATUS'], {
      kind: 'service',
      purposes: ['SERVICE_DELIVERY'],
    }),
    'consent abh (service)',
  );
  await consent(
    cm,
    consentInput(caseA, agency('ewg').id, ['IDENTITY', 'CONTACT'], { purposes: ['STATISTICS'] }),
    'consent ewg (statistics)',
  );
  await consent(
    cm,
    consentInput(caseA, agency('diakonie').id, ['IDENTITY', 'CONTACT'], {
      provisions: [{ type: 'deny', actions: ['access'] }],
    }),
    'consent diakonie (deny access)',
  );
  await consent(cm, consentInput(caseA, agency('ebb').id, ['IDENTITY']), 'consent ebb (disclosure)');
  await consent(
    cm,
    consentInput(caseA, agency('ebb').id, ['RESIDENCE_STATUS', 'CONTACT'], {
      kind: 'service',
      purposes: ['SERVICE_DELIVERY'],
    }),
    'consent ebb (service)',
  );
  // On case B only: the volunteers.
  await consent(
    token('cm-lengerich-1'),
    consentInput(caseB, agency('welcome').id, ['IDENTITY', 'CONTACT']),
    'consent welcome on B',
  );
  // Referrals on case A: sent ones, drafts, one whose consent is then revoked, one whose consent expires.
  const referral = async (code: string, categories: string[], send: boolean, note?: string) => {
    const id = (
      await must<{ createReferral: { id: string } }>(
        hub,
        cm,
        CREATE_REFERRAL,
        {
          input: {
            caseId: caseA,
            serviceId: code.length === 36 ? code : service(code),
            purpose: 'REFERRAL',
            categories,
            ...(note ? { note } : {}),
          },
        },
        `create referral ${code}`,
      )
    ).createReferral.id;
    if (send) await must(hub, cm, SEND_REFERRAL, { id }, `send referral ${code}`);
    return id;
  };
  await referral(
    'JC-VERMITTLUNG',
    ['IDENTITY', 'CONTACT'],
    true,
    'Termin bitte vormittags, Kinderbetreuung bis 12 Uhr',
  );
  await referral('JC-LEISTUNG', ['IDENTITY'], false, 'Entwurf: Bürgergeld-Antrag, noch nicht besprochen');
  await referral('TBB-WOHNEN', ['IDENTITY'], false, 'Entwurf: Wohnungssuche');
  await referral('KI-BILDUNG', ['IDENTITY'], true);
  await referral('SK-INTEGRATIONSKURS', ['CONTACT'], true, 'Kurs am Vormittag');
  await referral('CARITAS-MBE', ['IDENTITY'], true);
  await referral('AA-BERUFSBERATUNG', ['IDENTITY'], true);
  await referral(extra.diakonie!.serviceId, ['IDENTITY'], true);
  await referral('WLOTSE-AUSBILDUNG', ['IDENTITY'], false);
  await must(
    hub,
    cm,
    `mutation($id: ID!) { revokeConsent(consentId: $id) { id } }`,
    { id: caritasConsent },
    'revoke caritas',
  );
  const expiredFrom = addDays(today, -400);
  await ds.query(
    `UPDATE consents SET valid_from = $2::date, valid_until = $3::date, evidence = jsonb_set(evidence, '{signedOn}', to_jsonb($2::text))
      WHERE tenant_id = $1 AND id = $4`,
    [tenantId, expiredFrom, addDays(today, -35), aaConsent],
  );

  // A break-glass override on case A by the one case manager who holds the permission.
  await must(
    hub,
    token('cm-lengerich-2'),
    `mutation($input: OpenAccessOverrideInput!) { openAccessOverride(input: $input) { id } }`,
    { input: { caseId: caseA, reason: 'Vorsprache in Lengerich, die Akte liegt in Rheine', minutes: 480 } },
    'override',
  );

  // Identity linkage: a review item between the probe person and a person of Steinfurt, and a
  // merge of a Steinfurt person into a Rheine person.
  const openFresh = async (tok: string, regionKey: string, what: string) =>
    (
      await must<{ openCase: { id: string; person: { id: string } } }>(
        hub,
        tok,
        OPEN_CASE,
        {
          input: {
            regionId: region(regionKey),
            person: freshPerson({ municipality: regionKey === 'rheine' ? 'Rheine' : 'Steinfurt' }),
          },
        },
        what,
      )
    ).openCase;
  const open = async (tok: string, regionKey: string, what: string) =>
    (await openFresh(tok, regionKey, what)).person.id;
  const q = await open(token('cm-steinfurt-1'), 'steinfurt', 'open case Q (Steinfurt)');
  const [a, b] = personId < q ? [personId, q] : [q, personId];
  const probeIsA = a === personId;
  const qName = (
    await ds.query(`SELECT given_names, family_name FROM persons WHERE tenant_id = $1 AND id = $2`, [tenantId, q])
  )[0];
  const pair = (pv: string, qv: string) => (probeIsA ? { valueA: pv, valueB: qv } : { valueA: qv, valueB: pv });
  await ds.query(
    `INSERT INTO link_reviews (tenant_id, person_a_id, person_b_id, score, evidence, source) VALUES ($1, $2, $3, 3.5, $4, 'maintenance')`,
    [
      tenantId,
      a,
      b,
      JSON.stringify([
        { field: 'given', level: 'variant', weight: 4.1, ...pair('Zarifa', qName.given_names) },
        { field: 'family', level: 'exact', weight: 6.2, ...pair('Qasemzadeh', qName.family_name) },
        { field: 'municipality', level: 'different', weight: -1.5, ...pair('Rheine', 'Steinfurt') },
      ]),
    ],
  );
  const m1Case = await openFresh(cm, 'rheine', 'open case M1 (Rheine)');
  const m1 = m1Case.person.id;
  const m2 = await open(token('cm-steinfurt-1'), 'steinfurt', 'open case M2 (Steinfurt)');
  await ds.query(`UPDATE persons SET merged_into_id = $3 WHERE tenant_id = $1 AND id = $2`, [tenantId, m2, m1]);
  await ds.query(
    `INSERT INTO person_merges (tenant_id, survivor_id, merged_id, basis, reason) VALUES ($1, $2, $3, 'score', 'Matrix: automatisch verknüpft')`,
    [tenantId, m1, m2],
  );
  // Legal bases: recorded by Rheine's (or the Kreis's) coordinator on a listed norm that reaches
  // the agency's kind, in effect once the office's second coordinator confirmed them.
  const legalBasis = async (
    author: string,
    input: Record<string, unknown>,
    review: { by: string; decision: 'CONFIRM' | 'REJECT' } | null,
    what: string,
  ) => {
    const id = (
      await must<{ recordLegalBasis: { id: string } }>(
        hub,
        token(author),
        RECORD_LEGAL_BASIS,
        { input: { purposes: ['REFERRAL'], validFrom: addDays(today, -10), ...input } },
        what,
      )
    ).recordLegalBasis.id;
    if (review)
      await must(
        hub,
        token(review.by),
        REVIEW_LEGAL_BASIS,
        {
          input: {
            legalBasisId: id,
            decision: review.decision,
            ...(review.decision === 'REJECT' ? { note: 'Matrix: Norm trägt die Übermittlung nicht' } : {}),
          },
        },
        `${what}: review`,
      );
    return id;
  };
  const confirmRheine = { by: 'coordinator-rheine-2', decision: 'CONFIRM' } as const;
  // The social welfare office: on case A (identity, benefits), and on another person's case in
  // Rheine (contact, family), which must add nothing to its grant for the probe person.
  await legalBasis(
    'coordinator-rheine',
    {
      recipientAgencyId: agency('sozial').id,
      caseId: caseA,
      categories: ['IDENTITY', 'BENEFITS'],
      citation: '§ 69 Abs. 1 Nr. 1 SGB X',
    },
    confirmRheine,
    'legal basis sozial on case A',
  );
  await legalBasis(
    'coordinator-rheine',
    {
      recipientAgencyId: agency('sozial').id,
      caseId: m1Case.id,
      categories: ['CONTACT', 'FAMILY'],
      citation: '§ 69 SGB X',
    },
    confirmRheine,
    "legal basis sozial on another person's case",
  );
  // The youth office: area-wide for Rheine (contact, family), and a consent (identity) with a sent
  // referral on the person's case in Lengerich: the area-wide basis connects it to no case.
  await legalBasis(
    'coordinator-rheine',
    { recipientAgencyId: agency('jugend').id, categories: ['CONTACT', 'FAMILY'], citation: '§ 8a SGB VIII' },
    confirmRheine,
    'legal basis jugend for the area of Rheine',
  );
  const cmL = token('cm-lengerich-1');
  await consent(cmL, consentInput(caseB, agency('jugend').id, ['IDENTITY']), 'consent jugend on B');
  const jugendReferral = (
    await must<{ createReferral: { id: string } }>(
      hub,
      cmL,
      CREATE_REFERRAL,
      { input: { caseId: caseB, serviceId: extra.jugend!.serviceId, purpose: 'REFERRAL', categories: ['IDENTITY'] } },
      'create referral jugend on B',
    )
  ).createReferral.id;
  await must(hub, cmL, SEND_REFERRAL, { id: jugendReferral }, 'send referral jugend on B');
  // The Ausländerbehörde: a legal basis on case A still waiting for the second coordinator, and
  // one the second coordinator rejected. Neither grants anything.
  await legalBasis(
    'coordinator-rheine',
    {
      recipientAgencyId: agency('abh').id,
      caseId: caseA,
      categories: ['IDENTITY', 'RESIDENCE_STATUS'],
      citation: '§ 87 Abs. 1 AufenthG',
    },
    null,
    'legal basis abh on case A (pending)',
  );
  await legalBasis(
    'coordinator-rheine',
    {
      recipientAgencyId: agency('abh').id,
      caseId: caseA,
      categories: ['IDENTITY', 'CONTACT'],
      citation: '§ 71 Abs. 1 SGB X',
    },
    { by: 'coordinator-rheine-2', decision: 'REJECT' },
    'legal basis abh on case A (rejected)',
  );

  // Achievements, so that the board's milestones hold counts of 1 to 4 to suppress (without them
  // every milestone cell is 0 and the matrix's check of counts never bites): case A's person
  // reaches B1 and completes the integration course, case B's reaches B1, both this month.
  const ACHIEVE = `mutation($c: ID!, $a: AchievementInput!, $e: AchievementEvidenceInput!) {
    recordAchievement(caseId: $c, achievement: $a, evidence: $e) { id } }`;
  const seen = { kind: 'CERTIFICATE', reference: 'Matrix-Nachweis', seenOn: today };
  const b1 = { kind: 'LANGUAGE_CERTIFICATE', achievedOn: today, cefrLevel: 'B1', test: 'DTZ', provider: 'Matrix-VHS' };
  const course = { kind: 'INTEGRATION_COURSE', achievedOn: today, provider: 'Matrix-VHS' };
  for (const [tok, caseId, a, what] of [
    [token('cm-rheine-1'), caseA, b1, 'B1 on case A'],
    [token('cm-rheine-1'), caseA, course, 'integration course on case A'],
    [cmL, caseB, b1, 'B1 on case B'],
  ] as const) {
    await must(hub, tok, ACHIEVE, { c: caseId, a, e: seen }, `record achievement: ${what}`);
  }

  // A file handoff run, and the board's aggregates computed as the worker would.
  await ds.query(
    `INSERT INTO handoff_runs (tenant_id, agency_id, kind, state, trace_id) VALUES ($1, $2, 'import', 'finished', 'matrix')`,
    [tenantId, agency('abh').id],
  );
  await ds.query(`SELECT kim_refresh_board_views()`);

  const caseBRef = (
    await ds.query(`SELECT reference FROM cases WHERE tenant_id = $1 AND id = $2`, [tenantId, caseB])
  )[0].reference;
  const principals: Viewer[] = [];
  const addStaff = (c: DemoCredentials, key: string, label: string) => {
    const s = c.staff.find((x) => x.key === key)!;
    principals.push({ label, token: s.token, tenantId: c.tenantId, kind: 'staff', id: s.id });
  };
  addStaff(creds, 'cm-rheine-1', 'staff:cm-rheine-1');
  addStaff(creds, 'cm-rheine-2', 'staff:cm-rheine-2');
  addStaff(creds, 'coordinator-rheine', 'staff:coordinator-rheine');
  addStaff(creds, 'coordinator-rheine-2', 'staff:coordinator-rheine-2');
  addStaff(creds, 'cm-lengerich-1', 'staff:cm-lengerich-1 (case B)');
  addStaff(creds, 'cm-lengerich-2', 'staff:cm-lengerich-2 (case B, override on A)');
  addStaff(creds, 'coordinator-kreis', 'staff:coordinator-kreis (case B)');
  addStaff(creds, 'cm-steinfurt-1', 'staff:cm-steinfurt-1 (neither case)');
  addStaff(creds, 'operator', 'staff:operator');
  principals.push(await tenantAdmin(ds, tenantId, suffix, 'staff:tenant-admin'));
  const situations: [string, string][] = [
    ['jc', 'valid consent, sent referral'],
    ['tbb', 'consent recorded on the case only, a draft'],
    ['ki', 'narrower consent (identity)'],
    ['sk', 'deny provision: identity for access'],
    ['caritas', 'revoked'],
    ['aa', 'expired'],
    ['abh', 'service consent only; a pending and a rejected legal basis on the case'],
    ['ewg', 'statistics only'],
    ['diakonie', 'deny provision: every access'],
    ['ebb', 'disclosure identity + service consent'],
    ['sozial', "legal basis on the case; another on another person's case"],
    ['jugend', "area-wide legal basis (Rheine); consent and sent referral on the person's other case"],
    ['asyl', 'none (no listed norm reaches its kind)'],
    ['welcome', "consent on the person's other case"],
    ['wlotse', 'no consent, a draft'],
  ];
  for (const [key, situation] of situations)
    principals.push({
      label: `agency:${key} (${situation})`,
      token: agency(key).apiKey,
      tenantId,
      kind: 'agency',
      id: agency(key).id,
    });
  for (const key of ['cm-rheine-1', 'coordinator-rheine', 'coordinator-kreis', 'cm-lengerich-2', 'operator'])
    addStaff(otherCreds, key, `other-tenant:${key}`);
  principals.push(await tenantAdmin(ds, otherCreds.tenantId, `b${suffix}`, 'other-tenant:tenant-admin'));
  const otherJc = otherCreds.agencies.find((x) => x.key === 'jc')!;
  principals.push({
    label: 'other-tenant:agency jc',
    token: otherJc.apiKey,
    tenantId: otherCreds.tenantId,
    kind: 'agency',
    id: otherJc.id,
  });

  return {
    tenantId,
    otherTenantId: otherCreds.tenantId,
    creds,
    otherCreds,
    principals,
    personId,
    caseA,
    caseB,
    unknownCaseId: randomUUID(),
    identityValues: [
      'Zarifa',
      'Qasemzadeh',
      'Ghasemzadeh',
      'Sarifa',
      'ظریفه قاسم‌زاده',
      '1991-04-17',
      '2024-09-23',
      ...Object.values(values),
    ],
    searchTerms: ['Qa', 'Qasemz', 'ghasemz', 'Zarif', opened.openCase.reference, caseBRef],
    agency,
    regions: { rheine: region('rheine'), lengerich: region('lengerich'), steinfurt: region('steinfurt') },
    areas: {
      rheine: (
        await ds.query(`SELECT coordination_area_id AS id FROM regions WHERE tenant_id = $1 AND id = $2`, [
          tenantId,
          region('rheine'),
        ])
      )[0].id,
      kreis: (
        await ds.query(`SELECT coordination_area_id AS id FROM regions WHERE tenant_id = $1 AND id = $2`, [
          tenantId,
          region('lengerich'),
        ])
      )[0].id,
    },
    legalBasis: { agency: 'abh', citation: '§ 87 Abs. 1 AufenthG', categories: ['IDENTITY'] },
  };
}

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  AgencyChannel,
  AgencyKind,
  CasePhase,
  DataCategory,
  LegalDomain,
  LifeDomain,
  Purpose,
  ReferralStatus,
  StaffRole,
  timelineSummaryColumns,
} from '@kim/contracts';
import {
  seedRepository,
  type AuditEventEntity,
  type CaseEntity,
  type CaseNeedEntity,
  type ConsentEntity,
  type GoalEntity,
  type PersonEntity,
  type ReferralEntity,
  type StaffUserEntity,
  type TimelineEventEntity,
} from '@kim/persistence';
import { generateWebhookSecret } from '@kim/messaging';
import { Rng } from './random.js';
import { ARABIC_SCRIPT, ORIGINS } from './names.js';
import { addWorkingDays, sealAuditChain } from '@kim/core';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Stable ids from names, so that a re-run finds what an earlier run made. */
function stableId(...parts: string[]): string {
  const h = sha256(parts.join('|'));
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Why the demo data never goes into a hub that runs in production. */
export class DemoSeedRefused extends Error {
  constructor() {
    super(
      'refusing to load the demo data with NODE_ENV=production: it brings made-up persons and sign-in tokens ' +
        'anyone can read in the README (demo-operator, demo-agency-jc …). Seed a development or test database ' +
        '(NODE_ENV=development), never the one a production hub serves.',
    );
    this.name = 'DemoSeedRefused';
  }
}

export interface DemoOptions {
  /** Prefix of every demo credential; tests use their own so tenants never collide. */
  credentialPrefix?: string;
  tenantSlug?: string;
  tenantName?: string;
  persons?: number;
  /** Base URL of the partner-agency simulator that receives webhooks. */
  simulatorUrl: string;
  /** The environment the seed runs in (default NODE_ENV); production is refused. */
  nodeEnv?: string;
  seed?: number;
}

export interface DemoCredentials {
  tenantId: string;
  staff: { key: string; role: string; displayName: string; token: string; regionId: string | null; id: string }[];
  agencies: {
    key: string;
    id: string;
    name: string;
    kind: string;
    channel: string;
    apiKey: string;
    webhookSecret: string;
  }[];
  regions: { key: string; id: string; name: string }[];
  services: { code: string; id: string; agencyKey: string }[];
}

/** Kreis Steinfurt's five regional areas and their case-manager posts (seed: 9.0 FTE). */
const REGIONS = [
  { key: 'steinfurt', name: 'Steinfurt', fte: '1.60', area: 'kreis', managers: [1.0, 0.6] },
  { key: 'ibbenbueren', name: 'Ibbenbüren', fte: '1.60', area: 'kreis', managers: [1.0, 0.6] },
  { key: 'lengerich', name: 'Lengerich', fte: '2.00', area: 'kreis', managers: [1.0, 1.0] },
  { key: 'emsdetten-greven', name: 'Emsdetten/Greven', fte: '1.90', area: 'kreis', managers: [1.0, 0.9] },
  { key: 'rheine', name: 'Rheine', fte: '1.90', area: 'rheine', managers: [1.0, 0.9] },
] as const;

/** The agencies of Rheine's steering group, with the services they take referrals for. */
const AGENCIES = [
  {
    key: 'aa',
    name: 'Agentur für Arbeit Rheine',
    kind: AgencyKind.EMPLOYMENT_AGENCY,
    law: LegalDomain.SGB_III,
    channel: AgencyChannel.WEBHOOK,
    services: [
      { code: 'AA-BERUFSBERATUNG', name: 'Berufsberatung und Vermittlung', domain: LifeDomain.WORK, days: 10 },
    ],
  },
  {
    key: 'abh',
    name: 'Ausländerbehörde Stadt Rheine',
    kind: AgencyKind.FOREIGNERS_AUTHORITY,
    law: LegalDomain.AUFENTHG,
    channel: AgencyChannel.FILE,
    services: [
      { code: 'ABH-AUFENTHALT', name: 'Klärung des Aufenthaltsstatus', domain: LifeDomain.RESIDENCE, days: 15 },
    ],
  },
  {
    key: 'ewg',
    name: 'Entwicklungs- und Wirtschaftsförderungsgesellschaft Rheine',
    kind: AgencyKind.ECONOMIC_DEVELOPMENT,
    law: LegalDomain.NONE,
    channel: AgencyChannel.WEBHOOK,
    services: [
      {
        code: 'EWG-ANERKENNUNG',
        name: 'Beratung zur Anerkennung ausländischer Abschlüsse',
        domain: LifeDomain.WORK,
        days: 10,
      },
    ],
  },
  {
    key: 'caritas',
    name: 'Caritas Fachdienst Migration und Integration',
    kind: AgencyKind.MIGRATION_COUNSELLING,
    law: LegalDomain.NONE,
    channel: AgencyChannel.WEBHOOK,
    services: [
      {
        code: 'CARITAS-MBE',
        name: 'Migrationsberatung für Erwachsene (MBE)',
        domain: LifeDomain.FAMILY,
        days: 5,
        fundingLine: 'bamf-migrationsberatung',
      },
    ],
  },
  {
    key: 'asyl',
    name: 'Hilfen für Asylbewerber (Leistungsgewährung)',
    kind: AgencyKind.ASYLUM_BENEFITS,
    law: LegalDomain.ASYLBLG,
    channel: AgencyChannel.WEBHOOK,
    services: [{ code: 'ASYL-LEISTUNG', name: 'Leistungen nach dem AsylbLG', domain: LifeDomain.MONEY, days: 5 }],
  },
  {
    key: 'jc',
    name: 'Jobcenter Kreis Steinfurt',
    kind: AgencyKind.JOBCENTER,
    law: LegalDomain.SGB_II,
    channel: AgencyChannel.WEBHOOK,
    services: [
      { code: 'JC-VERMITTLUNG', name: 'Arbeitsvermittlung SGB II', domain: LifeDomain.WORK, days: 10 },
      { code: 'JC-LEISTUNG', name: 'Bürgergeld-Antrag', domain: LifeDomain.MONEY, days: 10 },
    ],
  },
  {
    key: 'ki',
    name: 'Kommunales Integrationszentrum Kreis Steinfurt',
    kind: AgencyKind.INTEGRATION_CENTRE,
    law: LegalDomain.NONE,
    channel: AgencyChannel.WEBHOOK,
    services: [
      { code: 'KI-BILDUNG', name: 'Bildungsberatung und Schulzugang', domain: LifeDomain.EDUCATION, days: 10 },
    ],
  },
  {
    key: 'sk',
    name: 'Sprachkursträger Rheine',
    kind: AgencyKind.LANGUAGE_COURSE_PROVIDER,
    law: LegalDomain.NONE,
    channel: AgencyChannel.WEBHOOK,
    services: [
      {
        code: 'SK-INTEGRATIONSKURS',
        name: 'Integrationskurs (BAMF)',
        domain: LifeDomain.LANGUAGE,
        days: 10,
        integrationCourse: true,
        fundingLine: 'bamf-sprachkurs',
      },
      {
        code: 'SK-BERUFSSPRACHKURS',
        name: 'Berufssprachkurs (DeuFöV)',
        domain: LifeDomain.LANGUAGE,
        days: 10,
        fundingLine: 'bamf-sprachkurs',
      },
    ],
  },
  {
    key: 'tbb',
    name: 'Team Beratung und Begleitung für Zuwanderer',
    kind: AgencyKind.WELFARE_ORGANISATION,
    law: LegalDomain.NONE,
    channel: AgencyChannel.WEBHOOK,
    services: [{ code: 'TBB-WOHNEN', name: 'Begleitung bei der Wohnungssuche', domain: LifeDomain.HOUSING, days: 5 }],
  },
  {
    key: 'welcome',
    name: 'WelCome In! Wohnzimmer',
    kind: AgencyKind.VOLUNTEER_GROUP,
    law: LegalDomain.NONE,
    channel: AgencyChannel.FILE,
    services: [{ code: 'WELCOME-TREFF', name: 'Begegnung und Alltagsbegleitung', domain: LifeDomain.FAMILY, days: 10 }],
  },
  {
    key: 'wlotse',
    name: 'Willkommenslotse Kreis Steinfurt',
    kind: AgencyKind.ECONOMIC_DEVELOPMENT,
    law: LegalDomain.NONE,
    channel: AgencyChannel.WEBHOOK,
    services: [
      { code: 'WLOTSE-AUSBILDUNG', name: 'Vermittlung in Ausbildung und Praktikum', domain: LifeDomain.WORK, days: 10 },
    ],
  },
] as const;

const MUNICIPALITIES: Record<string, string[]> = {
  steinfurt: ['Steinfurt', 'Horstmar', 'Laer', 'Metelen', 'Neuenkirchen', 'Nordwalde', 'Ochtrup', 'Wettringen'],
  ibbenbueren: ['Ibbenbüren', 'Hörstel', 'Hopsten', 'Mettingen', 'Recke', 'Westerkappeln'],
  lengerich: ['Lengerich', 'Tecklenburg', 'Ladbergen', 'Lienen', 'Lotte'],
  'emsdetten-greven': ['Emsdetten', 'Greven', 'Saerbeck', 'Altenberge'],
  rheine: ['Rheine'],
};

const NEED_TEXT: Record<string, string> = {
  language: 'Deutschkenntnisse für Alltag und Beruf',
  work: 'Arbeitsaufnahme oder Ausbildung',
  education: 'Schul- oder Berufsabschluss, Anerkennung',
  housing: 'Eigene Wohnung gesucht',
  health: 'Gesundheitliche Versorgung klären',
  residence: 'Aufenthaltsrechtliche Fragen',
  family: 'Kinderbetreuung und Familienalltag',
  money: 'Existenzsicherung klären',
};

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * Demo data for Kreis Steinfurt from the seed document: regional areas with posts, Rheine's
 * own coordinating office, the steering group's agencies and services, staff, and synthetic
 * persons with cases, consents and referrals. Idempotent: a second run changes nothing.
 */
export async function seedDemo(ds: DataSource, opts: DemoOptions): Promise<DemoCredentials> {
  if ((opts.nodeEnv ?? process.env.NODE_ENV) === 'production') throw new DemoSeedRefused();
  const prefix = opts.credentialPrefix ?? 'demo';
  const slug = opts.tenantSlug ?? 'kreis-steinfurt';
  const tenantId = stableId('tenant', slug);
  const creds: DemoCredentials = { tenantId, staff: [], agencies: [], regions: [], services: [] };
  const areaIds = { kreis: stableId(slug, 'area', 'kreis'), rheine: stableId(slug, 'area', 'rheine') };

  for (const r of REGIONS) creds.regions.push({ key: r.key, id: stableId(slug, 'region', r.key), name: r.name });
  const staffRows: Partial<StaffUserEntity>[] = [];
  const addStaff = (
    key: string,
    displayName: string,
    role: string,
    regionId: string | null,
    areaId: string | null,
    fte: number | null,
  ) => {
    const token = `${prefix}-${key}`;
    const id = stableId(slug, 'staff', key);
    creds.staff.push({ key, role, displayName, token, regionId, id });
    staffRows.push({
      tenantId,
      id,
      displayName,
      email: `${key}@${slug}.kim-hub.example`,
      role,
      regionId,
      coordinationAreaId: areaId,
      fte: fte === null ? null : fte.toFixed(2),
      tokenHash: sha256(token),
      mayOverride: false,
    });
  };
  addStaff(
    'coordinator-kreis',
    'Koordinierende Stelle Kreis Steinfurt',
    StaffRole.COORDINATOR,
    null,
    areaIds.kreis,
    null,
  );
  addStaff(
    'coordinator-rheine',
    'Koordinierende Stelle Stadt Rheine',
    StaffRole.COORDINATOR,
    null,
    areaIds.rheine,
    null,
  );
  // A second coordinator per office: legal bases are confirmed by someone other than their author.
  addStaff(
    'coordinator-kreis-2',
    'Koordinierende Stelle Kreis Steinfurt (Vertretung)',
    StaffRole.COORDINATOR,
    null,
    areaIds.kreis,
    null,
  );
  addStaff(
    'coordinator-rheine-2',
    'Koordinierende Stelle Stadt Rheine (Vertretung)',
    StaffRole.COORDINATOR,
    null,
    areaIds.rheine,
    null,
  );
  addStaff('operator', 'Betrieb KIM Hub', StaffRole.OPERATOR, null, null, null);
  // The Kreis's tenant administrator: areas, staff, agencies, services, credentials; no case data.
  addStaff('admin', 'Verwaltung KIM Kreis Steinfurt', StaffRole.TENANT_ADMIN, null, null, null);
  for (const r of REGIONS) {
    r.managers.forEach((fte, i) => {
      const area = r.area === 'rheine' ? areaIds.rheine : areaIds.kreis;
      addStaff(
        `cm-${r.key}-${i + 1}`,
        `Case Management ${r.name} ${i + 1}`,
        StaffRole.CASE_MANAGER,
        stableId(slug, 'region', r.key),
        area,
        fte,
      );
    });
  }
  // One case manager holds the break-glass permission, so the demo can show an override.
  const breakGlass = staffRows.find((s) => s.id === stableId(slug, 'staff', 'cm-lengerich-2'));
  if (breakGlass) breakGlass.mayOverride = true;
  for (const a of AGENCIES) {
    const id = stableId(slug, 'agency', a.key);
    // Random, and stored with the agency; a second run hands out the stored one (below).
    const secret = generateWebhookSecret(randomBytes(32));
    creds.agencies.push({
      key: a.key,
      id,
      name: a.name,
      kind: a.kind,
      channel: a.channel,
      apiKey: `${prefix}-agency-${a.key}`,
      webhookSecret: secret,
    });
    for (const s of a.services)
      creds.services.push({ code: s.code, id: stableId(slug, 'service', s.code), agencyKey: a.key });
  }

  if (await seedRepository.tenantExists(ds, tenantId)) {
    // Seeded before: the secrets the agencies (and the simulator) already hold are the stored ones.
    const stored = await seedRepository.agencySecrets(ds, tenantId);
    const secretOf = new Map(stored.map((r) => [r.id, r.webhookSecret]));
    for (const agency of creds.agencies) agency.webhookSecret = secretOf.get(agency.id) ?? agency.webhookSecret;
    return creds;
  }

  await ds.transaction(async (m) => {
    await seedRepository.tenants(m, [{ id: tenantId, slug, name: opts.tenantName ?? 'Kreis Steinfurt' }]);
    await seedRepository.coordinationAreas(m, [
      { tenantId, id: areaIds.kreis, name: 'Kreis Steinfurt', kind: 'kreis' },
      { tenantId, id: areaIds.rheine, name: 'Stadt Rheine', kind: 'municipality' },
    ]);
    await seedRepository.regions(
      m,
      REGIONS.map((r) => ({
        tenantId,
        id: stableId(slug, 'region', r.key),
        name: r.name,
        fte: r.fte,
        caseloadKey: 100,
        coordinationAreaId: r.area === 'rheine' ? areaIds.rheine : areaIds.kreis,
      })),
    );
    await seedRepository.staff(m, staffRows);
    for (const a of AGENCIES) {
      const c = creds.agencies.find((x) => x.key === a.key)!;
      await seedRepository.agencies(m, [
        {
          tenantId,
          id: c.id,
          name: a.name,
          kind: a.kind,
          legalDomain: a.law,
          channel: a.channel,
          webhookUrl:
            a.channel === AgencyChannel.WEBHOOK
              ? `${opts.simulatorUrl.replace(/\/$/, '')}/agencies/${c.id}/webhook`
              : null,
          webhookSecret: c.webhookSecret,
          apiKeyHash: sha256(c.apiKey),
        },
      ]);
      await seedRepository.services(
        m,
        a.services.map((s) => ({
          tenantId,
          id: stableId(slug, 'service', s.code),
          agencyId: c.id,
          code: s.code,
          name: s.name,
          lifeDomain: s.domain,
          responseDays: s.days,
          integrationCourse: 'integrationCourse' in s ? s.integrationCourse : false,
          fundingLine: 'fundingLine' in s ? s.fundingLine : null,
        })),
      );
    }
    await seedCases(m, tenantId, slug, creds, opts);
  });
  // The seeded ledger entries chained, as a writer leaves them (the sweep would, later).
  await sealAuditChain(ds, tenantId);
  return creds;
}

async function seedCases(m: EntityManager, tenantId: string, slug: string, creds: DemoCredentials, opts: DemoOptions) {
  const rng = new Rng(opts.seed ?? 20210228);
  const total = opts.persons ?? 300;
  const weightSum = ORIGINS.reduce((n, o) => n + o.weight, 0);
  const managers = creds.staff.filter((s) => s.role === StaffRole.CASE_MANAGER);
  const today = new Date();
  const phases = [
    CasePhase.INTAKE,
    CasePhase.ASSESSMENT,
    CasePhase.PLANNING,
    CasePhase.LINKING,
    CasePhase.LINKING,
    CasePhase.MONITORING,
    CasePhase.MONITORING,
    CasePhase.REASSESSMENT,
    CasePhase.CLOSED,
  ];
  const persons: Partial<PersonEntity>[] = [];
  const cases: Partial<CaseEntity>[] = [];
  const needs: Partial<CaseNeedEntity>[] = [];
  const goals: Partial<GoalEntity>[] = [];
  const consents: Partial<ConsentEntity>[] = [];
  const referrals: Partial<ReferralEntity>[] = [];
  const timeline: Partial<TimelineEventEntity>[] = [];
  const ledger: Partial<AuditEventEntity>[] = [];

  for (let i = 0; i < total; i++) {
    let pickW = rng.next() * weightSum;
    const origin = ORIGINS.find((o) => (pickW -= o.weight) < 0) ?? ORIGINS[0]!;
    const female = rng.chance(0.45);
    const given = rng.pick(female ? origin.given.female : origin.given.male);
    const family = rng.pick(origin.family);
    const birthYear = today.getUTCFullYear() - rng.int(18, 60);
    const placeholder = rng.chance(origin.placeholderShare);
    const birthDate = placeholder
      ? `${birthYear}-01-01`
      : isoDate(new Date(Date.UTC(birthYear, rng.int(0, 11), rng.int(1, 28))));
    const region = rng.chance(0.3) ? REGIONS[4] : rng.pick(REGIONS.slice(0, 4));
    const regionId = stableId(slug, 'region', region.key);
    const arrival = new Date(today.getTime() - rng.int(30, 5 * 365) * 86400000);
    const opened = new Date(Math.max(arrival.getTime() + 14 * 86400000, today.getTime() - rng.int(5, 700) * 86400000));
    const personId = stableId(slug, 'person', String(i));
    const caseId = stableId(slug, 'case', String(i));
    const original =
      ARABIC_SCRIPT[given] && ARABIC_SCRIPT[family] ? `${ARABIC_SCRIPT[given]} ${ARABIC_SCRIPT[family]}` : null;
    persons.push({
      tenantId,
      id: personId,
      givenNames: given,
      familyName: family,
      nameOriginalScript: original,
      aliases: [],
      birthDate,
      birthDatePrecision: placeholder ? 'placeholder' : 'exact',
      sex: female ? 'female' : 'male',
      nationality: origin.nationality,
      languages: origin.languages.slice(0, rng.int(1, origin.languages.length)),
      residenceStatus: rng.pick(origin.residence),
      municipality: rng.pick(MUNICIPALITIES[region.key]!),
      arrivalDate: isoDate(arrival),
    });
    const phase = rng.pick(phases);
    const manager = rng.pick(managers.filter((s) => s.regionId === regionId));
    const reference = `KIM-${opened.getUTCFullYear()}-D${String(i + 1).padStart(4, '0')}`;
    cases.push({
      tenantId,
      id: caseId,
      reference,
      personId,
      caseManagerId: manager.id,
      regionId,
      phase,
      openedAt: opened,
      closedAt: phase === CasePhase.CLOSED ? today : null,
      version: 1,
    });
    timeline.push({
      tenantId,
      caseId,
      kind: 'case.opened',
      occurredAt: opened,
      actorRole: 'case-manager',
      actorId: manager.id,
      ...timelineSummaryColumns({ code: 'case.opened', params: { reference } }),
      data: {},
    });
    const domains = [
      ...new Set([
        rng.pick(Object.values(LifeDomain)),
        rng.pick([LifeDomain.LANGUAGE, LifeDomain.WORK]),
        rng.pick(Object.values(LifeDomain)),
      ]),
    ];
    for (const d of domains) needs.push({ tenantId, caseId, domain: d, description: NEED_TEXT[d]! });
    if (phase === CasePhase.INTAKE || phase === CasePhase.ASSESSMENT) continue;
    for (const d of domains.slice(0, 2))
      goals.push({
        tenantId,
        caseId,
        domain: d,
        description: `Ziel: ${NEED_TEXT[d]}`,
        targetDate: isoDate(new Date(opened.getTime() + 180 * 86400000)),
        status: 'open',
      });
    if (phase === CasePhase.PLANNING) continue;

    // Linking and later: consent and referrals to services matching the needs.
    const matching = creds.services.filter((s) => {
      const agency = AGENCIES.find((a) => a.key === s.agencyKey)!;
      return (
        agency.channel === AgencyChannel.WEBHOOK &&
        agency.services.some((x) => x.code === s.code && domains.includes(x.domain))
      );
    });
    for (const svc of matching.slice(0, 2)) {
      const agency = creds.agencies.find((a) => a.key === svc.agencyKey)!;
      const signed = new Date(opened.getTime() + rng.int(1, 20) * 86400000);
      const consentId = stableId(slug, 'consent', String(i), svc.code);
      consents.push({
        id: consentId,
        tenantId,
        personId,
        caseId,
        recipientAgencyId: agency.id,
        purposes: [Purpose.REFERRAL, Purpose.SERVICE_DELIVERY],
        categories: [DataCategory.IDENTITY, DataCategory.CONTACT, DataCategory.EDUCATION_WORK],
        validFrom: isoDate(signed),
        validUntil: isoDate(new Date(signed.getTime() + 730 * 86400000)),
        revokedAt: null,
        evidence: {
          formVersion: 'KIM-EW-2024-1',
          signedOn: isoDate(signed),
          explainedInLanguage: origin.languages[0]!,
          interpreterUsed: rng.chance(0.5),
        },
        capturedBy: manager.id,
      });
      const requested = new Date(signed.getTime() + 86400000);
      const status = rng.pick([
        ReferralStatus.REQUESTED,
        ReferralStatus.ACCEPTED,
        ReferralStatus.IN_PROGRESS,
        ReferralStatus.IN_PROGRESS,
        ReferralStatus.COMPLETED,
        ReferralStatus.COMPLETED,
        ReferralStatus.REJECTED,
      ]);
      const referralId = randomUUID();
      const referral: Partial<ReferralEntity> = {
        tenantId,
        id: referralId,
        caseId,
        serviceId: svc.id,
        agencyId: agency.id,
        purpose: Purpose.REFERRAL,
        categories: [DataCategory.IDENTITY, DataCategory.CONTACT],
        status,
        businessStatus: null,
        statusReason:
          status === ReferralStatus.REJECTED
            ? rng.pick(['Kursplätze belegt', 'Zuständigkeit liegt beim Jobcenter', 'Voraussetzungen nicht erfüllt'])
            : null,
        servicesDelivered: status === ReferralStatus.COMPLETED ? ['Beratungsgespräch', 'Vermittlung'] : null,
        outcome: status === ReferralStatus.COMPLETED ? 'Ziel erreicht' : null,
        note: null,
        respondBy: addWorkingDays(requested, 10),
        createdBy: manager.id,
        lastAgencyUpdateAt: null,
        lastAgencyEventId: null,
        requestedAt: requested,
        createdAt: requested,
        updatedAt: requested,
        version: 1,
      };
      referrals.push(referral);
      timeline.push({
        tenantId,
        caseId,
        referralId,
        kind: 'referral.status-changed',
        occurredAt: requested,
        actorRole: 'case-manager',
        actorId: manager.id,
        ...timelineSummaryColumns({ code: 'referral.sent', params: { agency: agency.name } }),
        data: { from: 'draft', to: 'requested' },
      });
      // What the demo disclosed is in the ledger, so a person's Art. 15 report names every recipient.
      ledger.push({
        tenantId,
        at: requested,
        actorKind: 'system',
        actorId: null,
        action: 'referral.disclose',
        subjectType: 'referral',
        subjectId: referralId,
        categories: [DataCategory.IDENTITY, DataCategory.CONTACT],
        basis: consentId,
        allowed: true,
        reason: null,
        personId,
        agencyId: agency.id,
      });
      if (status !== ReferralStatus.REQUESTED) {
        const answeredAt = new Date(requested.getTime() + rng.int(1, 15) * 86400000);
        // The milestones the referral_milestones trigger stamps on live changes (the demo inserts final states).
        if (status !== ReferralStatus.REJECTED) referral.acceptedAt = answeredAt;
        if (status === ReferralStatus.IN_PROGRESS || status === ReferralStatus.COMPLETED)
          referral.startedAt = answeredAt;
        if (status === ReferralStatus.COMPLETED || status === ReferralStatus.REJECTED) referral.finishedAt = answeredAt;
        timeline.push({
          tenantId,
          caseId,
          referralId,
          kind: 'referral.status-changed',
          occurredAt: answeredAt,
          actorRole: 'agency',
          actorId: agency.id,
          ...timelineSummaryColumns({
            code: 'referral.status-changed',
            params: { agency: agency.name, fromStatus: ReferralStatus.REQUESTED, toStatus: status },
          }),
          data: { from: 'requested', to: status },
        });
      }
    }
  }
  await seedRepository.persons(m, persons);
  await seedRepository.cases(m, cases);
  await seedRepository.needs(m, needs);
  await seedRepository.goals(m, goals);
  await seedRepository.consents(m, consents);
  await seedRepository.referrals(m, referrals);
  await seedRepository.timeline(m, timeline);
  ledger.sort((a, b) => a.at!.getTime() - b.at!.getTime());
  await seedRepository.ledger(m, ledger);
}

/**
 * What the database holds, read as its owner (no row-level security, no application code): the
 * ground truth the matrix fills the policy table's expectations with. Plain records, enum values
 * spelled as the API spells them (IN_PROGRESS, RESIDENCE_STATUS).
 */
import type { DataSource } from 'typeorm';

/** Today's calendar day in Berlin (consent validity is counted in local calendar days). */
export function berlinToday(at = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(at);
}

/** 'in-progress' → 'IN_PROGRESS', as the API shows enum values. */
export const apiEnum = (v: string): string => v.toUpperCase().replace(/-/g, '_');
/** 'RESIDENCE_STATUS' or 'residence-status' → 'residence-status', as the docs name a category. */
export const docName = (v: string): string => v.toLowerCase().replace(/_/g, '-');

export interface StaffFact {
  id: string;
  displayName: string;
  role: string;
  regionId: string | null;
  areaId: string | null;
  mayOverride: boolean;
}
export interface AgencyFact {
  id: string;
  name: string;
  kind: string;
  legalDomain: string;
  channel: string;
  contactPhone: string | null;
  contactEmail: string | null;
  contactAddress: string | null;
  contactHours: string | null;
}
export interface ServiceFact {
  id: string;
  agencyId: string;
  code: string;
  name: string;
  lifeDomain: string;
  responseDays: number;
  integrationCourse: boolean;
  fundingLine: string | null;
}
export interface PersonFact {
  id: string;
  givenNames: string;
  familyName: string;
  nameOriginalScript: string | null;
  aliases: { givenNames: string; familyName: string; originalScript?: string | null }[];
  birthDate: string | null;
  birthDatePrecision: string;
  sex: string;
  nationality: string | null;
  languages: string[];
  residenceStatus: string | null;
  municipality: string;
  arrivalDate: string | null;
  doNotContact: boolean;
  mergedIntoId: string | null;
}
export interface CaseFact {
  id: string;
  reference: string;
  personId: string;
  caseManagerId: string;
  regionId: string;
  areaId: string;
  phase: string;
  openedAt: string;
  closedAt: string | null;
}
export interface ConsentFact {
  id: string;
  personId: string;
  caseId: string;
  recipientAgencyId: string;
  purposes: string[];
  categories: string[];
  validFrom: string;
  validUntil: string;
  revokedAt: string | null;
  evidence: {
    formVersion: string;
    signedOn: string;
    explainedInLanguage: string;
    interpreterUsed: boolean;
    documentReference?: string;
  };
  kind: string;
  grantorType: string;
  provisions: { type: string; agencyIds?: string[]; purposes?: string[]; categories?: string[]; actions?: string[] }[];
}
export interface LegalBasisFact {
  id: string;
  recipientAgencyId: string;
  /** The person of its case; null for an area-wide basis. */
  personId: string | null;
  /** The case it was recorded on; null for an area-wide basis. */
  caseId: string | null;
  /** The coordination area an area-wide basis covers; null for a basis of one case. */
  areaId: string | null;
  recordedBy: string;
  purposes: string[];
  categories: string[];
  validFrom: string;
  validUntil: string | null;
  /** pending, confirmed or rejected (four eyes). */
  status: string;
  confirmed: boolean;
}
export interface ReferralFact {
  id: string;
  caseId: string;
  serviceId: string;
  agencyId: string;
  purpose: string;
  categories: string[];
  status: string;
  businessStatus: string | null;
  statusReason: string | null;
  servicesDelivered: string[] | null;
  outcome: string | null;
  note: string | null;
  requestedAt: string | null;
  respondBy: string | null;
  outcomeAcknowledgedAt: string | null;
}
export interface OutboxFact {
  id: string;
  agencyId: string;
  referralId: string | null;
  consentId: string | null;
  eventType: string;
  eventId: string;
  deliveryState: string;
  createdAt: string;
}
export interface TimelineFact {
  id: string;
  caseId: string;
  referralId: string | null;
  kind: string;
  occurredAt: string;
  actorRole: string;
  actorId: string | null;
  summary: string;
  summaryCode: string | null;
  summaryParams: Record<string, string | string[]> | null;
  data: Record<string, unknown>;
}
export interface OverrideFact {
  id: string;
  caseId: string;
  staffUserId: string;
  expiresAt: string;
  reviewedAt: string | null;
}
export interface LinkReviewFact {
  id: string;
  personAId: string;
  personBId: string;
  status: string;
  evidence: { field: string; level: string; weight: number; valueA: string; valueB: string }[];
}
export interface MergeFact {
  id: string;
  survivorId: string;
  mergedId: string;
  undoneAt: string | null;
}

export interface Facts {
  tenantId: string;
  today: string;
  now: Date;
  regions: { id: string; name: string; fte: number; areaId: string }[];
  areas: { id: string; name: string }[];
  staff: StaffFact[];
  agencies: AgencyFact[];
  services: ServiceFact[];
  persons: Map<string, PersonFact>;
  identifiers: { personId: string; kind: string; issuer: string; value: string }[];
  cases: CaseFact[];
  needs: { caseId: string; domain: string; description: string }[];
  goals: {
    id: string;
    caseId: string;
    domain: string;
    description: string;
    targetDate: string | null;
    status: string;
  }[];
  consents: ConsentFact[];
  legalBases: LegalBasisFact[];
  referrals: ReferralFact[];
  outbox: OutboxFact[];
  timeline: TimelineFact[];
  overrides: OverrideFact[];
  linkReviews: LinkReviewFact[];
  merges: MergeFact[];
  handoffRuns: string[];
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** Everything of one tenant the matrix compares answers with. */
export async function loadFacts(ds: DataSource, tenantId: string): Promise<Facts> {
  const q = <T>(sql: string) => ds.query<T[]>(sql, [tenantId]);
  const now = new Date();
  const regions = await q<{ id: string; name: string; fte: string; area_id: string }>(
    `SELECT id, name, fte::text, coordination_area_id AS area_id FROM regions WHERE tenant_id = $1`,
  );
  const areas = await q<{ id: string; name: string }>(`SELECT id, name FROM coordination_areas WHERE tenant_id = $1`);
  const staff = await q<{
    id: string;
    display_name: string;
    role: string;
    region_id: string | null;
    area_id: string | null;
    may_override: boolean;
  }>(
    `SELECT s.id, s.display_name, s.role, s.region_id,
            coalesce(s.coordination_area_id, r.coordination_area_id) AS area_id, s.may_override
       FROM staff_users s LEFT JOIN regions r ON r.tenant_id = s.tenant_id AND r.id = s.region_id
      WHERE s.tenant_id = $1`,
  );
  const agencies = await q<
    AgencyFact & {
      legal_domain: string;
      contact_phone: string | null;
      contact_email: string | null;
      contact_address: string | null;
      contact_hours: string | null;
    }
  >(
    `SELECT id, name, kind, legal_domain, channel, contact_phone, contact_email, contact_address, contact_hours
       FROM agencies WHERE tenant_id = $1`,
  );
  const services = await q<{
    id: string;
    agency_id: string;
    code: string;
    name: string;
    life_domain: string;
    response_days: number;
    integration_course: boolean;
    funding_line: string | null;
  }>(`SELECT id, agency_id, code, name, life_domain, response_days, integration_course, funding_line
       FROM services WHERE tenant_id = $1`);
  const persons = await q<Record<string, any>>(
    `SELECT id, given_names, family_name, name_original_script, aliases, birth_date::text AS birth_date,
            birth_date_precision, sex, nationality, languages, residence_status, municipality,
            arrival_date::text AS arrival_date, do_not_contact, merged_into_id
       FROM persons WHERE tenant_id = $1`,
  );
  const identifiers = await q<{ person_id: string; kind: string; issuer: string; value: string }>(
    `SELECT person_id, kind, issuer, value FROM person_identifiers WHERE tenant_id = $1`,
  );
  const cases = await q<Record<string, any>>(
    `SELECT c.id, c.reference, c.person_id, c.case_manager_id, c.region_id, r.coordination_area_id AS area_id,
            c.phase, c.opened_at, c.closed_at
       FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id WHERE c.tenant_id = $1`,
  );
  const needs = await q<{ case_id: string; domain: string; description: string }>(
    `SELECT case_id, domain, description FROM case_needs WHERE tenant_id = $1`,
  );
  const goals = await q<Record<string, any>>(
    `SELECT id, case_id, domain, description, target_date::text AS target_date, status FROM goals WHERE tenant_id = $1`,
  );
  const consents = await q<Record<string, any>>(
    `SELECT id, person_id, case_id, recipient_agency_id, purposes, categories, valid_from::text AS valid_from,
            valid_until::text AS valid_until, revoked_at, evidence, kind, grantor, provisions
       FROM consents WHERE tenant_id = $1`,
  );
  const timeline = await q<Record<string, any>>(
    `SELECT id, case_id, referral_id, kind, occurred_at, actor_role, actor_id, summary, summary_code, summary_params, data
       FROM timeline_events WHERE tenant_id = $1`,
  );
  const referrals = await q<Record<string, any>>(
    `SELECT id, case_id, service_id, agency_id, purpose, categories, status, business_status, status_reason,
            services_delivered, outcome, note, requested_at, respond_by::text AS respond_by, outcome_acknowledged_at
       FROM referrals WHERE tenant_id = $1`,
  );
  const outbox = await q<Record<string, any>>(
    `SELECT id, agency_id, referral_id, consent_id, event_type, event_id, delivery_state, created_at
       FROM outbox_messages WHERE tenant_id = $1`,
  );
  const overrides = await q<Record<string, any>>(
    `SELECT id, case_id, staff_user_id, expires_at, reviewed_at FROM access_overrides WHERE tenant_id = $1`,
  );
  const reviews = await q<Record<string, any>>(
    `SELECT id, person_a_id, person_b_id, status, evidence FROM link_reviews WHERE tenant_id = $1`,
  );
  const merges = await q<Record<string, any>>(
    `SELECT id, survivor_id, merged_id, undone_at FROM person_merges WHERE tenant_id = $1`,
  );
  const runs = await q<{ id: string }>(`SELECT id FROM handoff_runs WHERE tenant_id = $1`);

  // Legal bases: scoped to one case (and its person) or to a coordination area; in force only
  // once reviewed with the verdict "confirmed" (a rejected one has a review too).
  const lbRows = await q<Record<string, any>>(
    `SELECT id, recipient_agency_id, person_id, case_id, coordination_area_id, recorded_by, purposes, categories,
            valid_from::text AS valid_from, valid_until::text AS valid_until, review_status
       FROM legal_bases WHERE tenant_id = $1`,
  );
  const legalBases: LegalBasisFact[] = lbRows.map((b) => ({
    id: b.id,
    recipientAgencyId: b.recipient_agency_id,
    personId: b.person_id ?? null,
    caseId: b.case_id ?? null,
    areaId: b.coordination_area_id ?? null,
    recordedBy: b.recorded_by,
    purposes: b.purposes,
    categories: b.categories,
    validFrom: b.valid_from,
    validUntil: b.valid_until ?? null,
    status: b.review_status,
    confirmed: b.review_status === 'confirmed',
  }));

  return {
    tenantId,
    today: berlinToday(now),
    now,
    regions: regions.map((r) => ({ id: r.id, name: r.name, fte: Number(r.fte), areaId: r.area_id })),
    areas,
    staff: staff.map((s) => ({
      id: s.id,
      displayName: s.display_name,
      role: s.role,
      regionId: s.region_id,
      areaId: s.area_id,
      mayOverride: s.may_override,
    })),
    agencies: agencies.map((a) => ({
      id: a.id,
      name: a.name,
      kind: a.kind,
      legalDomain: a.legal_domain,
      channel: a.channel,
      contactPhone: a.contact_phone,
      contactEmail: a.contact_email,
      contactAddress: a.contact_address,
      contactHours: a.contact_hours,
    })),
    services: services.map((s) => ({
      id: s.id,
      agencyId: s.agency_id,
      code: s.code,
      name: s.name,
      lifeDomain: s.life_domain,
      responseDays: s.response_days,
      integrationCourse: s.integration_course,
      fundingLine: s.funding_line,
    })),
    persons: new Map(
      persons.map((p) => [
        p.id,
        {
          id: p.id,
          givenNames: p.given_names,
          familyName: p.family_name,
          nameOriginalScript: p.name_original_script,
          aliases: p.aliases ?? [],
          birthDate: p.birth_date,
          birthDatePrecision: p.birth_date_precision,
          sex: p.sex,
          nationality: p.nationality,
          languages: p.languages,
          residenceStatus: p.residence_status,
          municipality: p.municipality,
          arrivalDate: p.arrival_date,
          doNotContact: p.do_not_contact,
          mergedIntoId: p.merged_into_id,
        },
      ]),
    ),
    identifiers: identifiers.map((i) => ({ personId: i.person_id, kind: i.kind, issuer: i.issuer, value: i.value })),
    cases: cases.map((c) => ({
      id: c.id,
      reference: c.reference,
      personId: c.person_id,
      caseManagerId: c.case_manager_id,
      regionId: c.region_id,
      areaId: c.area_id,
      phase: c.phase,
      openedAt: iso(c.opened_at)!,
      closedAt: iso(c.closed_at),
    })),
    needs: needs.map((n) => ({ caseId: n.case_id, domain: n.domain, description: n.description })),
    goals: goals.map((g) => ({
      id: g.id,
      caseId: g.case_id,
      domain: g.domain,
      description: g.description,
      targetDate: g.target_date,
      status: g.status,
    })),
    consents: consents.map((c) => ({
      id: c.id,
      personId: c.person_id,
      caseId: c.case_id,
      recipientAgencyId: c.recipient_agency_id,
      purposes: c.purposes,
      categories: c.categories,
      validFrom: c.valid_from,
      validUntil: c.valid_until,
      revokedAt: iso(c.revoked_at),
      evidence: c.evidence,
      kind: c.kind ?? 'disclosure',
      grantorType: c.grantor?.type ?? 'subject',
      provisions: c.provisions ?? [],
    })),
    legalBases,
    referrals: referrals.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      serviceId: r.service_id,
      agencyId: r.agency_id,
      purpose: r.purpose,
      categories: r.categories,
      status: r.status,
      businessStatus: r.business_status,
      statusReason: r.status_reason,
      servicesDelivered: r.services_delivered,
      outcome: r.outcome,
      note: r.note,
      requestedAt: iso(r.requested_at),
      respondBy: r.respond_by,
      outcomeAcknowledgedAt: iso(r.outcome_acknowledged_at),
    })),
    outbox: outbox.map((o) => ({
      id: o.id,
      agencyId: o.agency_id,
      referralId: o.referral_id,
      consentId: o.consent_id,
      eventType: o.event_type,
      eventId: o.event_id,
      deliveryState: o.delivery_state,
      createdAt: iso(o.created_at)!,
    })),
    timeline: timeline.map((t) => ({
      id: t.id,
      caseId: t.case_id,
      referralId: t.referral_id,
      kind: t.kind,
      occurredAt: iso(t.occurred_at)!,
      actorRole: t.actor_role,
      actorId: t.actor_id,
      summary: t.summary,
      summaryCode: t.summary_code,
      summaryParams: t.summary_params,
      data: t.data ?? {},
    })),
    overrides: overrides.map((o) => ({
      id: o.id,
      caseId: o.case_id,
      staffUserId: o.staff_user_id,
      expiresAt: iso(o.expires_at)!,
      reviewedAt: iso(o.reviewed_at),
    })),
    linkReviews: reviews.map((r) => ({
      id: r.id,
      personAId: r.person_a_id,
      personBId: r.person_b_id,
      status: r.status,
      evidence: r.evidence ?? [],
    })),
    merges: merges.map((m) => ({
      id: m.id,
      survivorId: m.survivor_id,
      mergedId: m.merged_id,
      undoneAt: iso(m.undone_at),
    })),
    handoffRuns: runs.map((r) => r.id),
  };
}

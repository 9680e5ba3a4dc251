/**
 * The access policy as a table: who sees what. Written by hand from docs/privacy.md, section
 * "The access policy: who sees what" (for the board, docs/board.md "Who sees what"; for message
 * operations, docs/operations.md), apart from the code that enforces it. It imports nothing:
 * no decorator, no access function, no field metadata of the gateway. The access matrix
 * (tests/access/matrix.ts) computes every expected answer from this table and the facts in the
 * database, and compares it with what the API returns.
 *
 * Every object type, field, query and mutation of the schema must be named here; one the table
 * does not know makes the matrix fail.
 */

/** Data categories (privacy.md, "Consent and legal bases"). */
export const CATEGORIES = [
  'identity',
  'contact',
  'residence-status',
  'benefits',
  'education-work',
  'family',
  'health',
] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * An agency's read grant for a person, now (privacy.md, "An agency's read grant"): what the
 * consents and legal bases that meet these conditions allow it with action `access`.
 */
export const READ_GRANT = {
  action: 'access',
  /** Purposes a read may rest on; `statistics` or `case-coordination` alone never count. */
  purposes: ['referral', 'service-delivery'],
  /** Only consents to disclose; a `service` consent never lets data leave the hub. */
  consentKinds: ['disclosure'],
  /** Unrevoked, within their validity period (calendar days, Europe/Berlin), provisions applied; deny wins. */
  consentMustBeUnrevokedAndValid: true,
  /** Legal bases: naming the agency, confirmed (four eyes), valid now, applying to the person. */
  legalBasisMustBeConfirmed: true,
  /** "Health data never goes out on a legal basis, only on consent that names it." */
  neverOnLegalBasis: ['health'] as Category[],
} as const;

/**
 * Connected to a case (privacy.md, "Connected to a case"): a referral of the agency on that very
 * case that has been sent, or a consent or legal basis in its grant recorded on that very case.
 */
export const CONNECTION = {
  /** A referral counts once it has been sent (it is then in any status but draft). */
  sentReferral: true,
  /** A consent or legal basis connects only the case it was recorded on. */
  grantRecordedOnThisCase: true,
} as const;

/**
 * The category an identifier's existence discloses, by its issuer (privacy.md, "The category of
 * an identifier"). Keys are agency kinds (as the API names them) and the register AZR.
 */
export const IDENTIFIER_CATEGORY: Record<string, Category> = {
  AZR: 'residence-status',
  FOREIGNERS_AUTHORITY: 'residence-status',
  NATURALISATION_AUTHORITY: 'residence-status',
  JOBCENTER: 'benefits',
  ASYLUM_BENEFITS: 'benefits',
  SOCIAL_WELFARE: 'benefits',
  EMPLOYMENT_AGENCY: 'education-work',
  LANGUAGE_COURSE_PROVIDER: 'education-work',
  ECONOMIC_DEVELOPMENT: 'education-work',
  YOUTH_OFFICE: 'family',
};
/** "any other agency" */
export const IDENTIFIER_CATEGORY_OTHERWISE: Category = 'identity';

/**
 * Who sees a case (privacy.md, "Principals and situations").
 * - case manager: cases of their regional area; coordinator: of the coordination area they supervise;
 * - staff with an open override: that one case, by single read only (never in lists or search);
 * - operator, another tenant, another area: nobody;
 * - agency: read grant for the person not empty and connected to the case.
 * A case one may not see looks like an unknown one: `NOT_FOUND`, same message.
 */
export const CASE_VISIBILITY = {
  caseManager: 'own-region',
  coordinator: 'own-coordination-area',
  override: 'single-read-only',
  operator: 'never',
  otherTenant: 'never',
  agency: 'grant-not-empty-and-connected',
  refusal: 'same-as-unknown-id',
} as const;

/**
 * How one field is seen. `value`: as stored. `all`: every item. `none`: an empty list.
 * `null`: null. `{ category }`: the value if the category is in the agency's grant, else null with
 * a `CONSENT_REQUIRED` error naming the category. The named rules are spelled out in
 * FIELD_RULES below.
 */
export type Rule =
  | 'value'
  | 'all'
  | 'none'
  | 'null'
  | { category: Category }
  | 'consents-recorded-on-this-case'
  | 'own-sent-referrals'
  | 'events-of-own-referrals-from-sending'
  | 'grant'
  | 'not-grant'
  | 'identifiers-by-issuer'
  | 'not-reached';

export interface FieldPolicy {
  /** The object type of the field's value, for fields that are objects or lists of objects. */
  of?: string;
  /** Staff who see the case (own area, or an override for the single read). */
  staff: Rule;
  /** An agency that sees the case. */
  agency: Rule;
}

/** The named rules of CASE_TYPES, in words. */
export const FIELD_RULES: Record<string, string> = {
  'consents-recorded-on-this-case': 'the consents recorded on this case',
  'own-sent-referrals': "only the agency's own referrals, never a draft (sent: requestedAt is set)",
  'events-of-own-referrals-from-sending':
    "only events of the agency's own referrals from the moment they were sent (nothing of a draft)",
  grant: "the caller's read grant (staff: every category)",
  'not-grant': 'every category not in the read grant (staff: none)',
  'identifiers-by-issuer':
    "if identity is in the grant: the agency's own identifier, and another issuer's only if that identifier's category is in the grant too; else null",
  'not-reached': 'the type never reaches this audience (an empty list or null above it)',
};

const both = (r: Rule, of?: string): FieldPolicy => (of ? { of, staff: r, agency: r } : { staff: r, agency: r });
const staffOnly = (of?: string): FieldPolicy =>
  of ? { of, staff: 'value', agency: 'not-reached' } : { staff: 'value', agency: 'not-reached' };
const identity: FieldPolicy = { staff: 'value', agency: { category: 'identity' } };
const contact: FieldPolicy = { staff: 'value', agency: { category: 'contact' } };
const residence: FieldPolicy = { staff: 'value', agency: { category: 'residence-status' } };

/** "What a caller who sees the case sees" (privacy.md), field by field, for every type under Case. */
export const CASE_TYPES: Record<string, Record<string, FieldPolicy>> = {
  Case: {
    id: both('value'),
    reference: both('value'),
    phase: both('value'),
    openedAt: both('value'),
    closedAt: both('value'),
    region: both('value', 'Region'),
    caseManager: both('value', 'StaffMember'),
    needs: { of: 'Need', staff: 'all', agency: 'none' },
    plan: { of: 'Plan', staff: 'value', agency: 'null' },
    consents: { of: 'Consent', staff: 'consents-recorded-on-this-case', agency: 'none' },
    referrals: { of: 'Referral', staff: 'all', agency: 'own-sent-referrals' },
    timeline: { of: 'TimelineEvent', staff: 'all', agency: 'events-of-own-referrals-from-sending' },
    person: both('value', 'Person'),
  },
  Person: {
    id: both('value'),
    visibleCategories: both('grant'),
    hiddenCategories: both('not-grant'),
    givenNames: identity,
    familyName: identity,
    nameOriginalScript: identity,
    aliases: { of: 'NameVariant', staff: 'value', agency: { category: 'identity' } },
    birthDate: identity,
    birthDatePrecision: identity,
    sex: identity,
    nationality: identity,
    municipality: contact,
    languages: contact,
    doNotContact: contact,
    residenceStatus: residence,
    arrivalDate: residence,
    identifiers: { of: 'ExternalIdentifier', staff: 'all', agency: 'identifiers-by-issuer' },
  },
  NameVariant: { givenNames: both('value'), familyName: both('value'), originalScript: both('value') },
  ExternalIdentifier: { kind: both('value'), issuer: both('value'), value: both('value') },
  Region: { id: both('value'), name: both('value'), fte: both('value') },
  StaffMember: { id: both('value'), displayName: both('value'), role: both('value') },
  Need: { domain: staffOnly(), description: staffOnly() },
  Plan: { goals: staffOnly('Goal') },
  Goal: {
    id: staffOnly(),
    domain: staffOnly(),
    description: staffOnly(),
    targetDate: staffOnly(),
    status: staffOnly(),
  },
  Consent: {
    id: staffOnly(),
    recipientAgencyId: staffOnly(),
    recipientTenantId: staffOnly(),
    purposes: staffOnly(),
    categories: staffOnly(),
    validFrom: staffOnly(),
    validUntil: staffOnly(),
    revokedAt: staffOnly(),
    evidence: staffOnly('ConsentEvidence'),
    kind: staffOnly(),
    grantorType: staffOnly(),
  },
  ConsentEvidence: {
    formVersion: staffOnly(),
    signedOn: staffOnly(),
    explainedInLanguage: staffOnly(),
    interpreterUsed: staffOnly(),
    documentReference: staffOnly(),
  },
  // A referral the caller sees is seen whole; the note too ("yes for its own sent referrals").
  Referral: {
    id: both('value'),
    status: both('value'),
    businessStatus: both('value'),
    statusReason: both('value'),
    servicesDelivered: both('value'),
    outcome: both('value'),
    purpose: both('value'),
    categories: both('value'),
    note: both('value'),
    // "the sender is warned": only in the answer to createReferral/sendReferral, never on a read.
    noteWarning: both('null'),
    requestedAt: both('value'),
    respondBy: both('value'),
    overdue: both('value'),
    overdueWorkingDays: both('value'),
    deliveryState: both('value'),
    service: both('value', 'Service'),
    agency: both('value', 'Agency'),
  },
  TimelineEvent: {
    id: both('value'),
    kind: both('value'),
    occurredAt: both('value'),
    actorRole: both('value'),
    actorId: both('value'),
    referralId: both('value'),
    summary: both('value'),
    summaryCode: both('value'),
    summaryParams: both('value', 'TimelineSummaryParam'),
    referralStatus: both('value'),
  },
  // The words of the summary, in parts: the same as summary says.
  TimelineSummaryParam: {
    name: both('value'),
    values: both('value'),
  },
  // Issue 19: the person's path is a query of its own (personPath), for staff only.
  PersonPath: {
    caseId: staffOnly(),
    achievements: staffOnly('Achievement'),
    residenceRoutes: staffOnly('ResidenceRoute'),
    dossiers: staffOnly('Dossier'),
  },
  Achievement: {
    id: staffOnly(),
    caseId: staffOnly(),
    kind: staffOnly(),
    achievedOn: staffOnly(),
    endedOn: staffOnly(),
    cefrLevel: staffOnly(),
    test: staffOnly(),
    provider: staffOnly(),
    points: staffOnly(),
    hoursPerWeek: staffOnly(),
    securesLivelihood: staffOnly(),
    attendee: staffOnly(),
    title: staffOnly(),
    qualification: staffOnly(),
    completed: staffOnly(),
    recognition: staffOnly(),
    source: staffOnly(),
    agencyId: staffOnly(),
    referralId: staffOnly(),
    recordedAt: staffOnly(),
    correctsId: staffOnly(),
    correctionReason: staffOnly(),
    supersededAt: staffOnly(),
    supersededById: staffOnly(),
    evidence: staffOnly('AchievementEvidence'),
  },
  AchievementEvidence: { kind: staffOnly(), reference: staffOnly(), seenOn: staffOnly() },
  ResidenceRoute: {
    key: staffOnly(),
    law: staffOnly(),
    title: staffOnly('LocalizedText'),
    validFrom: staffOnly(),
    amendedBy: staffOnly(),
    facts: staffOnly('RouteFact'),
    disclaimer: staffOnly('LocalizedText'),
  },
  RouteFact: {
    key: staffOnly(),
    label: staffOnly('LocalizedText'),
    source: staffOnly(),
    status: staffOnly(),
    evidence: staffOnly(),
    note: staffOnly('LocalizedText'),
  },
  LocalizedText: { de: staffOnly(), en: staffOnly() },
  Dossier: {
    id: staffOnly(),
    agencyId: staffOnly(),
    achievementIds: staffOnly(),
    note: staffOnly(),
    createdAt: staffOnly(),
    deliveryState: staffOnly(),
  },
  // The network's agencies and services are not personal data.
  Service: {
    id: both('value'),
    code: both('value'),
    name: both('value'),
    lifeDomain: both('value'),
    responseDays: both('value'),
    agency: both('value', 'Agency'),
    integrationCourse: both('value'),
    fundingLine: both('value'),
  },
  Agency: {
    id: both('value'),
    name: both('value'),
    kind: both('value'),
    legalDomain: both('value'),
    channel: both('value'),
    services: both('value', 'Service'),
    // Issue 18: how case managers reach the agency, the agency's own work contact (not a person's).
    contactPhone: both('value'),
    contactEmail: both('value'),
    contactAddress: both('value'),
    contactHours: both('value'),
  },
};

/** Who may call a query; `staff` names roles, `case-area` etc. are the scopes below. */
export type Audience = 'case-manager' | 'coordinator' | 'operator' | 'tenant-admin' | 'agency';

export interface ListPolicy {
  who: Audience[];
  /** What those who may call it get (privacy.md, "Lists, search and other reads"; board.md; operations.md). */
  what: string;
}

/** Every query of the API. */
export const QUERIES: Record<string, ListPolicy> = {
  personPath: {
    who: ['case-manager', 'coordinator'],
    what: "issue 19: the person's path of one case the caller may read (an override opens it); another case is refused like an unknown id; agencies never",
  },
  case: {
    who: ['case-manager', 'coordinator', 'agency'],
    what: 'one case as CASE_TYPES says; refused like an unknown id when the caller may not see it; an override opens it',
  },
  cases: {
    who: ['case-manager', 'coordinator', 'agency'],
    what: 'staff: the cases of their area (never by override); agency: exactly the cases it sees. Operators: none. orderBy changes the order only; FAMILY_NAME is refused to agencies',
  },
  referralChanges: {
    who: ['agency'],
    what: 'events of its own sent referrals and consent notices addressed to it (never a suppressed or discarded message: those are never delivered)',
  },
  linkReviews: {
    who: ['case-manager', 'coordinator'],
    what: "items where one person has a case in the caller's area; values, levels, weights and the score of a person outside the caller's area are withheld",
  },
  personMerges: {
    who: ['case-manager', 'coordinator'],
    what: "merges where one person has a case in the caller's area",
  },
  accessOverrides: {
    who: ['case-manager', 'coordinator'],
    what: 'coordinators: overrides on cases of the area they supervise; case managers: their own',
  },
  accessOverridePage: {
    who: ['case-manager', 'coordinator'],
    what: 'as accessOverrides, paged; the counts are of the same overrides',
  },
  statusBoard: {
    who: ['coordinator', 'operator'],
    what: 'board.md: coordinators their own area (another area refused), operators any area of the tenant; counts of 1 to 4 suppressed',
  },
  barriers: {
    who: ['coordinator', 'operator'],
    what: 'as statusBoard; the flagged cases are case detail: coordinators of the area only, operators never',
  },
  overdueReferrals: {
    who: ['coordinator'],
    what: 'referrals of cases in the area the coordinator supervises (board.md: case detail under Fachaufsicht)',
  },
  openLoops: {
    who: ['coordinator'],
    what: 'finished referrals whose outcome nobody acknowledged, of cases in the area the coordinator supervises',
  },
  referralWatch: {
    who: ['coordinator'],
    what: 'as overdueReferrals and openLoops, paged; the counts are of the same referrals',
  },
  outboundMessages: {
    who: ['coordinator', 'operator'],
    what: 'operations.md: dead and failing messages of their own tenant',
  },
  handoffRuns: { who: ['coordinator', 'operator'], what: "handoffs.md: the tenant's file handoff runs" },
  queues: {
    who: ['coordinator', 'operator'],
    what: "operations.md: the deployment's queue counts (jobs carry ids only)",
  },
  agencies: {
    who: ['case-manager', 'coordinator', 'operator', 'tenant-admin', 'agency'],
    what: "the partner agencies of the caller's own tenant and their services (not personal data; the tenant administrator keeps them)",
  },
  me: {
    who: ['case-manager', 'coordinator', 'operator', 'tenant-admin'],
    what: 'the staff member the token belongs to',
  },
  viewer: {
    who: ['case-manager', 'coordinator', 'operator', 'tenant-admin', 'agency'],
    what: 'issue 18: the caller itself: its own tenant, and its own agency (API key) or its own staff member (token); never another',
  },
  // Issue 18, administration: tenant administrators administer their own tenant only; they see
  // its structure, staff users, agencies, services and credentials, never a case or a person.
  // Case managers, coordinators, operators and agencies administer nothing.
  coordinationAreas: {
    who: ['tenant-admin'],
    what: "issue 18: the coordination areas of the administrator's own tenant",
  },
  regionalAreas: { who: ['tenant-admin'], what: "issue 18: the regional areas of the administrator's own tenant" },
  privacyContacts: {
    who: ['tenant-admin'],
    what: "issue 17: the controller and DPO of the administrator's own tenant (printed on Art. 15 letters)",
  },
  staffUsers: {
    who: ['tenant-admin'],
    what: "issue 18: the staff users of the administrator's own tenant, active or not (work data, no case data)",
  },
  services: { who: ['tenant-admin'], what: "issue 18: every service of the administrator's own tenant" },
  staffUserPage: {
    who: ['tenant-admin'],
    what: 'issue 18: as staffUsers, one page at a time (the console pages the list)',
  },
  administeredAgencies: {
    who: ['tenant-admin'],
    what: "issue 18: the agencies of the administrator's own tenant with webhook and status URL, never a secret",
  },
  credentials: {
    who: ['tenant-admin'],
    what: "issue 18: the credentials of the administrator's own tenant, never a secret (no field carries one)",
  },
  // Issue 18, single sign-on (docs/operations.md, "Sessions"): a staff member's own sessions; a
  // tenant administrator's view of a staff user of their own tenant.
  mySessions: {
    who: ['case-manager', 'coordinator', 'operator', 'tenant-admin'],
    what: "issue 18: the caller's own sessions of single sign-on, no one else's",
  },
  staffSessions: {
    who: ['tenant-admin'],
    what: "issue 18: the sessions of a staff user of the administrator's own tenant; another tenant's like an unknown one",
  },
  myDeliveries: {
    who: ['agency'],
    what: "issue 18: the messages the hub sent this agency, and no other agency's; never a suppressed one (it never left the hub, as in referralChanges)",
  },
  intakeRegions: {
    who: ['case-manager', 'coordinator'],
    what: 'privacy.md, openCase: a case manager their regional area, a coordinator the regional areas of the area they supervise',
  },
  handOverCandidates: {
    who: ['case-manager', 'coordinator'],
    what: "the other case managers of a case's regional area, for a case the caller works on; another area's case like an unknown one",
  },
  legalBases: {
    who: ['coordinator'],
    what: "privacy.md: the legal bases of the area the coordinator supervises (recorded on its cases, or for the area), every status; another area's never",
  },
  legalNorms: {
    who: ['case-manager', 'coordinator'],
    what: 'privacy.md: the listed norms (not personal data), for the staff who work with cases',
  },
  // Issue 19 item 5 (privacy.md, "Moving a case to another Kreis").
  transferOptions: {
    who: ['case-manager', 'coordinator'],
    what: 'issue 19: for a case the caller works on (ordinary access, never by override), the Kreise taking transfers and the consent covering each; another case like an unknown one',
  },
  caseTransfers: {
    who: ['case-manager', 'coordinator'],
    what: 'issue 19: the offers made for a case the caller works on (ordinary access); another case like an unknown one',
  },
  incomingTransfers: {
    who: ['coordinator'],
    what: "issue 19: exactly the offers addressed to the coordinator's own Kreis (nothing personal in them), none of another Kreis",
  },
  linkReviewPage: {
    who: ['case-manager', 'coordinator'],
    what: 'as linkReviews, paged; totalCount counts the open items of the area as stored',
  },
};

/**
 * Who may make a change. `ordinary-case-access`: case managers of the case's regional area and
 * coordinators of its coordination area ("changing the case still needs ordinary access": an
 * override is read-only). The other scopes are named after the docs that set them.
 */
export type MutationScope =
  | 'ordinary-region-access'
  | 'ordinary-case-access'
  | 'coordinator-of-case-area'
  | 'override-permission-outside-area'
  | 'coordinator-of-case-area-not-opener'
  | 'staff-of-either-person'
  | 'operator-or-coordinator-of-case-area'
  | 'coordinator-of-own-area'
  | 'coordinator-of-basis-area-not-author'
  | 'tenant-admin-of-own-tenant'
  | 'agency-with-webhook-itself'
  | 'own-session'
  | 'coordinator-of-receiving-tenant'
  | 'coordinator-of-receiving-area';

export interface MutationPolicy {
  scope: MutationScope;
  source: string;
  /** Other ways of calling the same mutation that the docs give their own rule. */
  variants?: Record<string, { scope: MutationScope; source: string }>;
}

export const MUTATIONS: Record<string, MutationPolicy> = {
  openCase: {
    scope: 'ordinary-region-access',
    source: 'privacy.md: case managers work in their regional area, coordinators in the area they supervise',
  },
  moveCasePhase: {
    scope: 'ordinary-case-access',
    source: 'privacy.md, Overrides: changing the case still needs ordinary access',
  },
  addGoal: { scope: 'ordinary-case-access', source: 'as moveCasePhase' },
  recordConsent: { scope: 'ordinary-case-access', source: 'as moveCasePhase' },
  revokeConsent: { scope: 'ordinary-case-access', source: 'as moveCasePhase (the consent of a case)' },
  setDoNotContact: { scope: 'ordinary-case-access', source: 'as moveCasePhase' },
  createReferral: { scope: 'ordinary-case-access', source: 'as moveCasePhase' },
  sendReferral: { scope: 'ordinary-case-access', source: 'as moveCasePhase' },
  cancelReferral: { scope: 'ordinary-case-access', source: 'as moveCasePhase' },
  acknowledgeReferralOutcome: { scope: 'ordinary-case-access', source: 'as moveCasePhase' },
  updatePerson: { scope: 'ordinary-case-access', source: 'privacy.md, who may change what: person data' },
  addCaseNote: { scope: 'ordinary-case-access', source: 'privacy.md, who may change what: notes' },
  updateGoal: { scope: 'ordinary-case-access', source: 'as addGoal (the goal of a case)' },
  recordAchievement: {
    scope: 'ordinary-case-access',
    source: 'issue 19: achievements are recorded on the case, as addGoal',
  },
  correctAchievement: { scope: 'ordinary-case-access', source: 'as recordAchievement (the achievement of a case)' },
  sendDossier: {
    scope: 'ordinary-case-access',
    source:
      "issue 19: the case manager sends the dossier from the case, under the person's consent naming the authority",
  },
  handOverCase: {
    scope: 'ordinary-case-access',
    source: "privacy.md, who may change what: handOverCase (to a case manager of the case's regional area)",
  },
  recordLegalBasis: {
    scope: 'coordinator-of-case-area',
    source: 'privacy.md, Consent and legal bases: a coordinator, for one case of the area they supervise',
    variants: {
      'area-wide': {
        scope: 'coordinator-of-own-area',
        source:
          'privacy.md, Consent and legal bases: without a case, for the coordination area the coordinator supervises',
      },
    },
  },
  reviewLegalBasis: {
    scope: 'coordinator-of-basis-area-not-author',
    source:
      "privacy.md, Consent and legal bases: a second coordinator of the same area confirms or rejects it, never its author; another area's basis is unknown to them",
    variants: {
      'area-wide': {
        scope: 'coordinator-of-basis-area-not-author',
        source: 'as reviewLegalBasis: the area of an area-wide basis is the one it was recorded for',
      },
    },
  },
  openAccessOverride: {
    scope: 'override-permission-outside-area',
    source: 'privacy.md, Overrides: staff holding the override permission, a case outside their area; operators never',
  },
  reviewAccessOverride: {
    scope: 'coordinator-of-case-area-not-opener',
    source: "privacy.md, Overrides: the coordinator of the case's area; nobody reviews their own override",
  },
  decideLinkReview: {
    scope: 'staff-of-either-person',
    source: "privacy.md: link reviews are items where one person has a case in the caller's area",
  },
  unmergePersons: { scope: 'staff-of-either-person', source: 'as decideLinkReview' },
  replayMessage: {
    scope: 'operator-or-coordinator-of-case-area',
    source: "operations.md: coordinators and operators of the tenant; issue 14: not another area's messages",
  },
  discardMessage: { scope: 'operator-or-coordinator-of-case-area', source: 'as replayMessage' },
  // Issue 18: the administration is the tenant administrators' and only of their own tenant
  // (another tenant's area, staff user, agency, service or credential is unknown to them).
  createCoordinationArea: {
    scope: 'tenant-admin-of-own-tenant',
    source: 'issue 18: tenant administrators set up areas',
  },
  renameCoordinationArea: { scope: 'tenant-admin-of-own-tenant', source: 'as createCoordinationArea' },
  setPrivacyContacts: {
    scope: 'tenant-admin-of-own-tenant',
    source: 'issue 17: the tenant administrator sets the controller and DPO of the Art. 15 letters',
  },
  createRegionalArea: { scope: 'tenant-admin-of-own-tenant', source: 'as createCoordinationArea' },
  updateRegionalArea: { scope: 'tenant-admin-of-own-tenant', source: 'as createCoordinationArea' },
  createStaffUser: { scope: 'tenant-admin-of-own-tenant', source: 'issue 18: tenant administrators add staff users' },
  updateStaffUser: { scope: 'tenant-admin-of-own-tenant', source: 'as createStaffUser' },
  createAgency: { scope: 'tenant-admin-of-own-tenant', source: 'issue 18: tenant administrators add agencies' },
  updateAgency: { scope: 'tenant-admin-of-own-tenant', source: 'as createAgency' },
  createService: { scope: 'tenant-admin-of-own-tenant', source: 'as createAgency (its services)' },
  updateService: { scope: 'tenant-admin-of-own-tenant', source: 'as createService' },
  issueCredential: {
    scope: 'tenant-admin-of-own-tenant',
    source: 'issue 18: tenant administrators issue, list, expire, revoke and rotate credentials',
  },
  expireCredential: { scope: 'tenant-admin-of-own-tenant', source: 'as issueCredential' },
  revokeCredential: { scope: 'tenant-admin-of-own-tenant', source: 'as issueCredential' },
  rotateCredential: { scope: 'tenant-admin-of-own-tenant', source: 'as issueCredential' },
  endStaffSessions: {
    scope: 'tenant-admin-of-own-tenant',
    source: "issue 18: a tenant administrator ends a staff user's sessions (docs/operations.md, Sessions)",
  },
  endMySession: {
    scope: 'own-session',
    source: 'issue 18: a staff member ends one of their own sessions, never anyone else’s',
  },
  sendTestEvent: {
    scope: 'agency-with-webhook-itself',
    source:
      'issue 18: an agency has a test event sent to its own webhook URL (an agency that receives files has none); staff never',
  }, // Issue 19 item 5 (privacy.md, "Moving a case to another Kreis").
  offerTransfer: {
    scope: 'ordinary-case-access',
    source: "issue 19: the case manager offers the case, under the person's consent naming the receiving Kreis",
  },
  withdrawTransfer: { scope: 'ordinary-case-access', source: 'as offerTransfer (the offer of a case)' },
  declineTransfer: {
    scope: 'coordinator-of-receiving-tenant',
    source: 'issue 19: a coordinator of the receiving Kreis declines, with a reason; the sending Kreis cannot',
  },
  acceptTransfer: {
    scope: 'coordinator-of-receiving-area',
    source:
      'issue 19: a coordinator of the receiving Kreis accepts and assigns a regional area of the area they supervise',
  },
  recallReferral: {
    scope: 'ordinary-case-access',
    source: 'as cancelReferral (issue 17: the case manager recalls a sent referral the agency has not decided on)',
  },
};

/**
 * Types outside a case, read through the queries above. `count`: a count of persons, null
 * (suppressed) or 0 or at least 5 (board.md, "Suppression of small numbers"). `value`: compared
 * where the matrix knows the truth, by the query's rule. `deployment`: a figure of the
 * deployment, not of any person (not compared). `structure`: pagination.
 */
export type OtherRule = 'value' | 'count' | 'withheld-outside-area' | 'deployment' | 'structure';

const fields = (rule: OtherRule, names: string[]): Record<string, OtherRule> =>
  Object.fromEntries(names.map((n) => [n, rule]));

export const OTHER_TYPES: Record<string, Record<string, OtherRule>> = {
  CaseConnection: fields('structure', ['edges', 'pageInfo']),
  CaseEdge: { cursor: 'structure', node: 'value' },
  ReferralWatchConnection: { ...fields('structure', ['edges', 'pageInfo']), totalCount: 'value', byAgency: 'value' },
  ReferralWatchEdge: { cursor: 'structure', node: 'value' },
  AccessOverrideConnection: {
    ...fields('structure', ['edges', 'pageInfo']),
    ...fields('value', ['totalCount', 'unreviewedCount']),
  },
  AccessOverrideEdge: { cursor: 'structure', node: 'value' },
  AgencyWatchCount: fields('value', ['agencyId', 'agencyName', 'referrals']),
  PageInfo: fields('structure', ['hasNextPage', 'endCursor']),
  ReferralChangeConnection: fields('structure', ['edges', 'pageInfo']),
  ReferralChangeEdge: { cursor: 'structure', node: 'value' },
  ReferralChange: fields('value', [
    'caseId',
    'consentId',
    'deliveryState',
    'eventId',
    'eventType',
    'occurredAt',
    'referralId',
    'referralStatus',
  ]),
  LinkReview: {
    ...fields('value', [
      'id',
      'personAId',
      'personBId',
      'casesA',
      'casesB',
      'capped',
      'source',
      'status',
      'createdAt',
      'decidedAt',
      'note',
      'evidence',
    ]),
    score: 'withheld-outside-area',
  },
  LinkEvidence: {
    ...fields('value', ['field', 'category']),
    ...fields('withheld-outside-area', ['level', 'weight', 'valueA', 'valueB']),
  },
  PersonMerge: fields('value', [
    'id',
    'survivorId',
    'mergedId',
    'basis',
    'score',
    'reviewId',
    'reason',
    'mergedBy',
    'mergedAt',
    'undoneAt',
    'undoReason',
  ]),
  AccessOverride: fields('value', [
    'id',
    'caseId',
    'caseReference',
    'expiresAt',
    'openedAt',
    'reads',
    'reason',
    'reviewNote',
    'reviewedAt',
    'reviewedBy',
    'staffName',
    'staffUserId',
    'verdict',
  ]),
  LegalBasis: fields('value', [
    'id',
    'recipientAgencyId',
    'personId',
    'caseId',
    'coordinationAreaId',
    'norm',
    'purposes',
    'categories',
    'citation',
    'validFrom',
    'validUntil',
    'recordedBy',
    'status',
    'reviewedBy',
    'reviewedAt',
    'reviewNote',
  ]),
  // The maintained list of norms: law, not personal data.
  LegalNorm: fields('deployment', ['agencyKinds', 'categories', 'citation', 'code', 'title']),
  StatusBoard: {
    ...fields('value', [
      'areaId',
      'areaName',
      'asOf',
      'caseManagers',
      'funnel',
      'funnelTotal',
      'period',
      'phases',
      'regions',
      'rejectionReasons',
      'trends',
      'waitingTimes',
      'milestones',
    ]),
    suppressionThreshold: 'deployment',
    openCases: 'count',
    // How far behind the read replica is (issue 21): a property of the deployment, no data.
    replicaLagSeconds: 'deployment',
  },
  Barriers: {
    ...fields('value', [
      'areaId',
      'areaName',
      'asOf',
      'flagCounts',
      'flaggedCases',
      'needs',
      'period',
      'rejectionReasons',
    ]),
    replicaLagSeconds: 'deployment',
  },
  BoardPeriod: fields('value', ['from', 'to']),
  CaseManagerLoad: {
    ...fields('value', ['capacity', 'fte', 'name', 'regionId', 'regionName', 'staffId', 'utilisation']),
    openCases: 'count',
  },
  RegionLoad: {
    ...fields('value', ['byPhase', 'capacity', 'caseloadKey', 'name', 'posts', 'regionId', 'utilisation']),
    openCases: 'count',
  },
  PhaseCount: { phase: 'value', cases: 'count' },
  FunnelCounts: fields('count', [
    'accepted',
    'awaitingAnswer',
    'cancelled',
    'completed',
    'failed',
    'inProgress',
    'openLoops',
    'overdue',
    'rejected',
    'requested',
  ]),
  FunnelRow: {
    ...fields('count', [
      'accepted',
      'awaitingAnswer',
      'cancelled',
      'completed',
      'failed',
      'inProgress',
      'openLoops',
      'overdue',
      'rejected',
      'requested',
    ]),
    ...fields('value', ['agencyId', 'agencyName', 'integrationCourse', 'serviceId', 'serviceName']),
  },
  MonthTrend: {
    month: 'value',
    medianDaysToAcceptance: 'value',
    ...fields('count', ['casesClosed', 'casesOpened', 'referralsCompleted', 'referralsRejected', 'referralsRequested']),
  },
  ReasonCount: {
    ...fields('value', ['agencyId', 'agencyName', 'reason', 'serviceId', 'serviceName', 'status']),
    referrals: 'count',
  },
  WaitingTime: {
    ...fields('value', ['measure', 'medianDays', 'p90Days', 'scope', 'serviceId', 'serviceName']),
    referrals: 'count',
  },
  FlagCount: { kind: 'value', cases: 'count' },
  FlaggedCase: fields('value', ['caseId', 'caseReference', 'kind', 'regionName']),
  NeedGap: {
    domain: 'value',
    servicesInNetwork: 'deployment',
    ...fields('count', ['notReferred', 'openNeeds', 'referred']),
  },
  ReferralWatchItem: fields('value', [
    'agencyName',
    'caseId',
    'caseManagerName',
    'caseReference',
    'overdue',
    'overdueAt',
    'overdueWorkingDays',
    'referralId',
    'requestedAt',
    'respondBy',
    'serviceName',
    'status',
  ]),
  OutboundMessage: fields('value', [
    'agency',
    'agencyId',
    'attempts',
    'createdAt',
    'cursor',
    'deliveryState',
    'discardReason',
    'discardedAt',
    'enqueuedAt',
    'eventId',
    'eventType',
    'id',
    'lastError',
    'referralId',
    'replays',
    'sentAt',
  ]),
  HandoffRun: fields('value', [
    'agencyId',
    'applied',
    'duplicates',
    'durationMs',
    'error',
    'errorReport',
    'exported',
    'files',
    'finishedAt',
    'id',
    'imported',
    'kind',
    'rejected',
    'startedAt',
    'state',
    'suppressed',
  ]),
  // Issue 18, administration (tenant administrators of the tenant only): structure and work data.
  CoordinationArea: fields('value', ['id', 'kind', 'name']),
  PrivacyContacts: fields('value', ['controllerAddress', 'controllerName', 'dpoContact', 'dpoName']),
  RegionalArea: fields('value', [
    'caseloadKey',
    'contactEmail',
    'contactPhone',
    'coordinationAreaId',
    'fte',
    'id',
    'name',
  ]),
  StaffUser: fields('value', ['active', 'coordinationAreaId', 'displayName', 'email', 'fte', 'id', 'regionId', 'role']),
  // A credential as listed: never its secret; the secret is only in the answer that issues it.
  Credential: fields('value', [
    'agencyId',
    'createdAt',
    'expiresAt',
    'id',
    'label',
    'lastUsedAt',
    'prefix',
    'replacedBy',
    'revokedAt',
    'staffUserId',
    'state',
  ]),
  IssuedCredential: fields('value', ['credential', 'previous', 'secret']),
  CreatedAgency: fields('value', ['agencyId', 'statusUrl', 'webhookSecret']),
  StaffUserConnection: fields('structure', ['edges', 'pageInfo']),
  StaffUserEdge: { cursor: 'structure', node: 'value' },
  // The agency as administered: where the hub posts and where it answers; no field carries a secret.
  AdministeredAgency: fields('value', [
    'channel',
    'contactAddress',
    'contactEmail',
    'contactHours',
    'contactPhone',
    'id',
    'kind',
    'legalDomain',
    'name',
    'services',
    'statusUrl',
    'webhookUrl',
  ]),
  // viewer: the caller itself.
  Viewer: fields('value', ['agency', 'staff', 'tenant']),
  ViewerTenant: fields('value', ['id', 'name', 'slug']),
  ViewerAgency: fields('value', ['id', 'name', 'statusUrl']),
  // A session of single sign-on as its user or a tenant administrator lists it: never its secret.
  StaffSession: fields('value', [
    'createdAt',
    'current',
    'endReason',
    'endedAt',
    'expiresAt',
    'id',
    'issuer',
    'lastSeenAt',
    'staffUserId',
    'userAgent',
  ]),
  // myDeliveries: the agency's own messages; ids and states, no personal data.
  AgencyDelivery: fields('value', [
    'attempts',
    'createdAt',
    'deliveryState',
    'eventId',
    'eventType',
    'lastError',
    'referralId',
    'sentAt',
  ]),
  TestEventResult: fields('value', ['error', 'eventId', 'httpStatus', 'ok']),
  QueueInfo: fields('deployment', [
    'active',
    'completed',
    'delayed',
    'failed',
    'isPaused',
    'name',
    'oldestWaitingSeconds',
    'paused',
    'readAt',
    'waiting',
  ]),
  // Issue 19 item 5: offers to move a case; the receiving Kreis's view has nothing personal.
  TransferOption: fields('value', [
    'tenantId',
    'kreis',
    'covered',
    'consentId',
    'categories',
    'refusal',
    'closestConsentId',
  ]),
  OutgoingTransfer: fields('value', [
    'id',
    'caseId',
    'toTenantId',
    'toKreis',
    'categories',
    'status',
    'offeredAt',
    'decidedAt',
    'declineReason',
    'closedAt',
  ]),
  IncomingTransfer: fields('value', [
    'id',
    'fromKreis',
    'categories',
    'status',
    'offeredAt',
    'decidedAt',
    'declineReason',
  ]),
  AcceptedTransferResult: fields('value', ['transfer', 'caseId', 'caseReference']),
  // Issue 19: persons per milestone on their path (board.md, "Milestones"); every count suppressed from 1 to 4.
  MilestoneFigures: fields('value', ['months', 'total']),
  MilestoneCounts: fields('count', ['b1Reached', 'courseCompleted', 'livelihoodSecured', 'naturalised']),
  MilestoneMonth: {
    month: 'value',
    ...fields('count', ['b1Reached', 'courseCompleted', 'livelihoodSecured', 'naturalised']),
  },
  // Issue 17: the review queue paged (linkReviewPage).
  LinkReviewConnection: { ...fields('structure', ['edges', 'pageInfo']), totalCount: 'value' },
  LinkReviewEdge: { cursor: 'structure', node: 'value' },
};

/** Suppression of small numbers (board.md): a count of persons from 1 to 4 never leaves the hub. */
export const SUPPRESSED_COUNTS = { from: 1, to: 4 } as const;

/**
 * The Art. 15 report of a case (`GET /reports/access/{caseId}`, JSON): staff of the case's area
 * only; only what the caller may see: the cases of the caller's area (the person's cases
 * elsewhere are not listed), with their needs, goals, consents and timeline; recipients from the
 * ledger for those.
 */
export const ACCESS_REPORT = {
  who: 'ordinary-case-access',
  person: 'every field (staff see the whole person)',
  identifiers: 'all',
  cases: "the person's cases in the caller's area, each with its needs, goals, referrals and timeline",
  consents: 'the consents recorded on those cases',
  legalBases: 'not compared',
  disclosures: "recipients of reads and disclosures of those cases; never a recipient of only the person's other cases",
  keys: ['generatedAt', 'person', 'identifiers', 'cases', 'consents', 'legalBases', 'disclosures'],
} as const;

/** Every read of personal data by an agency is in the ledger; refusals are recorded too. */
export const LEDGER = {
  agencyReads: ['single case', 'list', 'search', 'referral', 'timeline'],
  everySearch: true,
  refusals: true,
  overrideReads: true,
} as const;

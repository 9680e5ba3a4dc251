import { z } from 'zod';

/**
 * The hub's message contracts as this package sees them on the wire. They are a copy, so the
 * package has no runtime dependency on the hub's code; a test in the hub's repository proves
 * that they describe exactly the JSON Schemas the hub publishes (docs/schemas/).
 */
export const EventType = {
  REFERRAL_REQUESTED: 'de.kim-hub.referral.requested.v1',
  REFERRAL_CANCELLED: 'de.kim-hub.referral.cancelled.v1',
  REFERRAL_STATUS_CHANGED: 'de.kim-hub.referral.status-changed.v1',
  CONSENT_REVOKED: 'de.kim-hub.consent.revoked.v1',
  DOSSIER_SUBMITTED: 'de.kim-hub.achievement-dossier.submitted.v1',
} as const;
export type EventType = (typeof EventType)[keyof typeof EventType];

const text = (max: number) => z.string().trim().min(1).max(max);
const dateTime = () => z.iso.datetime({ offset: true });

/** Status of a referral on the wire (lower case with dashes, after FHIR Task.status). */
export const referralStatusSchema = z.enum([
  'draft',
  'requested',
  'accepted',
  'rejected',
  'cancelled',
  'in-progress',
  'on-hold',
  'completed',
  'failed',
  'entered-in-error',
]);
export type ReferralStatus = z.infer<typeof referralStatusSchema>;

export const businessStatusSchema = z.enum([
  'received',
  'appointment-scheduled',
  'appointment-missed',
  'waitlisted',
  'needs-client-action',
  'service-started',
]);
export type BusinessStatus = z.infer<typeof businessStatusSchema>;

export const dataCategorySchema = z.enum([
  'identity',
  'contact',
  'residence-status',
  'benefits',
  'education-work',
  'family',
  'health',
]);
export type DataCategory = z.infer<typeof dataCategorySchema>;

export const purposeSchema = z.enum(['referral', 'case-coordination', 'service-delivery', 'statistics']);
export type Purpose = z.infer<typeof purposeSchema>;

/** Person data in a referral: each block is present only where the person's consent covers its category. */
export const disclosedPersonSchema = z.object({
  identity: z
    .object({
      givenNames: z.string(),
      familyName: z.string(),
      birthDate: z.string().nullable(),
      birthDatePrecision: z.string(),
      nationality: z.string().nullable(),
      agencyIdentifier: z.string().nullable(),
    })
    .optional(),
  contact: z.object({ municipality: z.string(), languages: z.array(z.string()) }).optional(),
  residenceStatus: z.object({ residenceStatus: z.string().nullable(), arrivalDate: z.string().nullable() }).optional(),
});
export type DisclosedPerson = z.infer<typeof disclosedPersonSchema>;

export const referralRequestedDataSchema = z.object({
  referralId: z.uuid(),
  caseReference: z.string(),
  service: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  purpose: purposeSchema,
  categories: z.array(dataCategorySchema),
  person: disclosedPersonSchema,
  note: z.string().nullable(),
  requestedAt: dateTime(),
  respondBy: z.iso.date().nullable(),
  /** How to reach whoever referred: role and the regional area's work contact (no personal data). */
  referrer: z
    .object({
      role: z.enum(['case-manager', 'coordinator']),
      area: z.string(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
    })
    .optional(),
});
export type ReferralRequestedData = z.infer<typeof referralRequestedDataSchema>;

export const referralCancelledDataSchema = z.object({
  referralId: z.uuid(),
  reason: z.string(),
  cancelledAt: dateTime(),
});
export type ReferralCancelledData = z.infer<typeof referralCancelledDataSchema>;

export const consentRevokedDataSchema = z.object({
  consentId: z.uuid(),
  caseReference: z.string(),
  cancelledReferralIds: z.array(z.uuid()),
  revokedAt: dateTime(),
  instruction: z.string(),
});
export type ConsentRevokedData = z.infer<typeof consentRevokedDataSchema>;

/** Common European Framework of Reference levels, lowest first. */
export const cefrLevelSchema = z.enum(['A1', 'A2', 'B1', 'B2', 'C1', 'C2']);
export type CefrLevel = z.infer<typeof cefrLevelSchema>;

/**
 * A course provider's certificate, attached to a `completed` status message (optional): the hub
 * records it as an achievement of the person's case.
 */
export const statusCertificateSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('language-certificate'),
      cefrLevel: cefrLevelSchema,
      test: text(100),
      issuedOn: z.iso.date(),
      reference: text(100).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('integration-course'), issuedOn: z.iso.date(), reference: text(100).optional() }).strict(),
  z.object({ kind: z.literal('orientation-course'), issuedOn: z.iso.date(), reference: text(100).optional() }).strict(),
  z
    .object({
      kind: z.literal('life-in-germany-test'),
      points: z.number().int().min(0).max(33),
      issuedOn: z.iso.date(),
      reference: text(100).optional(),
    })
    .strict(),
]);
export type StatusCertificate = z.infer<typeof statusCertificateSchema>;

/** One achievement in a dossier (for foreigners' and naturalisation authorities). */
export const dossierAchievementSchema = z.object({
  id: z.uuid(),
  kind: z.enum([
    'language-certificate',
    'integration-course',
    'life-in-germany-test',
    'orientation-course',
    'school',
    'vocational-training',
    'qualification-recognition',
    'employment',
    'voluntary-work',
    'naturalisation',
  ]),
  achievedOn: z.iso.date(),
  endedOn: z.iso.date().nullable(),
  cefrLevel: cefrLevelSchema.optional(),
  test: z.string().optional(),
  provider: z.string().optional(),
  points: z.number().int().optional(),
  hoursPerWeek: z.number().optional(),
  securesLivelihood: z.boolean().optional(),
  attendee: z.enum(['self', 'child']).optional(),
  title: z.string().optional(),
  qualification: z.string().optional(),
  completed: z.boolean().optional(),
  recognition: z.enum(['full', 'partial']).optional(),
  source: z.enum(['agency', 'case-manager']),
  evidence: z.object({ kind: z.string(), reference: z.string(), seenOn: z.iso.date() }),
});
export type DossierAchievement = z.infer<typeof dossierAchievementSchema>;

/** A dossier of the person's integration achievements, sent with the person's consent naming your authority. */
export const dossierSubmittedDataSchema = z.object({
  dossierId: z.uuid(),
  caseReference: z.string(),
  categories: z.array(dataCategorySchema),
  person: disclosedPersonSchema,
  achievements: z.array(dossierAchievementSchema),
  note: z.string().nullable(),
  submittedAt: dateTime(),
  notice: z.string(),
  referrer: z
    .object({
      role: z.enum(['case-manager', 'coordinator']),
      area: z.string(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
    })
    .optional(),
});
export type DossierSubmittedData = z.infer<typeof dossierSubmittedDataSchema>;

/** A status message the agency sends about one referral. */
export const statusMessageDataSchema = z
  .object({
    referralId: z.uuid(),
    status: referralStatusSchema,
    businessStatus: businessStatusSchema.optional(),
    /** Required for rejected, on-hold, failed and cancelled. */
    reason: text(500).optional(),
    /** Required for completed. */
    servicesDelivered: z.array(text(200)).max(50).optional(),
    outcome: text(1000).optional(),
    /** When the change happened at the agency; the hub applies messages in this order. */
    occurredAt: dateTime(),
    /** The agency's own identifier for the person. */
    agencyPersonIdentifier: text(64).optional(),
    /** A course provider's certificate; only with status completed. */
    certificate: statusCertificateSchema.optional(),
  })
  .strict()
  .refine((d) => d.certificate === undefined || d.status === 'completed', {
    path: ['certificate'],
    message: 'a certificate comes only with status completed',
  });
export type StatusMessageData = z.infer<typeof statusMessageDataSchema>;

/** CloudEvents 1.0 structured-mode JSON envelope. */
export const cloudEventSchema = z.object({
  specversion: z.literal('1.0'),
  id: text(200),
  source: text(500),
  type: text(200),
  time: dateTime().optional(),
  subject: z.string().max(500).optional(),
  datacontenttype: z.literal('application/json').optional(),
  dataschema: z.string().max(500).optional(),
  tenantid: z.string().max(64).optional(),
  traceparent: z.string().max(512).optional(),
  data: z.unknown(),
});
export type CloudEventEnvelope = z.infer<typeof cloudEventSchema>;

export const referralRequestedEventSchema = cloudEventSchema.extend({
  type: z.literal(EventType.REFERRAL_REQUESTED),
  data: referralRequestedDataSchema,
});
export const referralCancelledEventSchema = cloudEventSchema.extend({
  type: z.literal(EventType.REFERRAL_CANCELLED),
  data: referralCancelledDataSchema,
});
export const consentRevokedEventSchema = cloudEventSchema.extend({
  type: z.literal(EventType.CONSENT_REVOKED),
  data: consentRevokedDataSchema,
});
export const dossierSubmittedEventSchema = cloudEventSchema.extend({
  type: z.literal(EventType.DOSSIER_SUBMITTED),
  data: dossierSubmittedDataSchema,
});
export const statusChangedEventSchema = cloudEventSchema.extend({
  type: z.literal(EventType.REFERRAL_STATUS_CHANGED),
  data: statusMessageDataSchema,
});

export type ReferralRequestedEvent = z.infer<typeof referralRequestedEventSchema>;
export type ReferralCancelledEvent = z.infer<typeof referralCancelledEventSchema>;
export type ConsentRevokedEvent = z.infer<typeof consentRevokedEventSchema>;
export type StatusChangedEvent = z.infer<typeof statusChangedEventSchema>;
export type DossierSubmittedEvent = z.infer<typeof dossierSubmittedEventSchema>;

/** Every event the hub sends to an agency's webhook. */
export type HubEvent = ReferralRequestedEvent | ReferralCancelledEvent | ConsentRevokedEvent | DossierSubmittedEvent;
export type HubEventType = HubEvent['type'];

/** The schema of each event type the hub sends, by type. */
export const hubEventSchemas = {
  [EventType.REFERRAL_REQUESTED]: referralRequestedEventSchema,
  [EventType.REFERRAL_CANCELLED]: referralCancelledEventSchema,
  [EventType.CONSENT_REVOKED]: consentRevokedEventSchema,
  [EventType.DOSSIER_SUBMITTED]: dossierSubmittedEventSchema,
} as const satisfies Record<HubEventType, z.ZodType>;

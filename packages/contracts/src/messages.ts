import { z } from 'zod';
import { agencyPurposeSchema, businessStatusSchema, dataCategorySchema, referralStatusSchema } from './enums.js';
import { LONE_SURROGATE, LONE_SURROGATE_MESSAGE, isoDateSchema, text, uuidSchema } from './domain.js';
import { cefrLevelSchema, statusCertificateSchema } from './achievement.js';

/**
 * Message contracts that cross the hub's boundary. Each travels as the `data` of a
 * CloudEvents 1.0 envelope whose `type` names the contract and its major version.
 */
export const EventType = {
  REFERRAL_REQUESTED: 'de.kim-hub.referral.requested.v1',
  REFERRAL_CANCELLED: 'de.kim-hub.referral.cancelled.v1',
  REFERRAL_STATUS_CHANGED: 'de.kim-hub.referral.status-changed.v1',
  CONSENT_REVOKED: 'de.kim-hub.consent.revoked.v1',
  DOSSIER_SUBMITTED: 'de.kim-hub.achievement-dossier.submitted.v1',
} as const;
export type EventType = (typeof EventType)[keyof typeof EventType];

/** Person data in an outbound referral: each block is present only where consent covers its category. */
export const disclosedPersonSchema = z.object({
  identity: z
    .object({
      givenNames: z.string(),
      familyName: z.string(),
      birthDate: z.string().nullable(),
      birthDatePrecision: z.string(),
      nationality: z.string().nullable(),
      /** The identifier this agency itself uses for the person, when known. */
      agencyIdentifier: z.string().nullable(),
    })
    .optional(),
  contact: z.object({ municipality: z.string(), languages: z.array(z.string()) }).optional(),
  residenceStatus: z.object({ residenceStatus: z.string().nullable(), arrivalDate: z.string().nullable() }).optional(),
});
export type DisclosedPerson = z.infer<typeof disclosedPersonSchema>;

/**
 * How the agency reaches whoever referred: the role and the regional area's work contact (a team
 * phone, a functional mailbox), never a person's own data.
 */
export const referrerContactSchema = z.object({
  role: z.enum(['case-manager', 'coordinator']),
  area: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});
export type ReferrerContact = z.infer<typeof referrerContactSchema>;

export const referralRequestedDataSchema = z.object({
  referralId: uuidSchema,
  caseReference: z.string(),
  service: z.object({ id: uuidSchema, code: z.string(), name: z.string() }),
  purpose: agencyPurposeSchema,
  /** Exactly the categories this message discloses, as covered by consent at send time. */
  categories: z.array(dataCategorySchema),
  person: disclosedPersonSchema,
  note: z.string().nullable(),
  requestedAt: z.iso.datetime({ offset: true }),
  respondBy: isoDateSchema.nullable(),
  referrer: referrerContactSchema.optional(),
});
export type ReferralRequestedData = z.infer<typeof referralRequestedDataSchema>;

export const referralCancelledDataSchema = z.object({
  referralId: uuidSchema,
  reason: z.string(),
  cancelledAt: z.iso.datetime({ offset: true }),
});
export type ReferralCancelledData = z.infer<typeof referralCancelledDataSchema>;

/** What an agency sends back: a status change of one referral. */
export const statusMessageDataSchema = z
  .object({
    referralId: uuidSchema,
    status: referralStatusSchema,
    businessStatus: businessStatusSchema.optional(),
    /** Required for rejected, on-hold, failed and cancelled. */
    reason: text(500).optional(),
    /** Services actually delivered; required for completed. */
    servicesDelivered: z.array(text(200)).max(50).optional(),
    outcome: text(1000).optional(),
    /** When the change happened at the agency; orders messages that arrive out of order. */
    occurredAt: z.iso.datetime({ offset: true }),
    /** The agency's own identifier for the person, added to the link map. */
    agencyPersonIdentifier: text(64).optional(),
    /** A course provider's certificate, only with `completed`: it becomes an achievement of the case. */
    certificate: statusCertificateSchema.optional(),
  })
  .strict()
  .refine((d) => d.certificate === undefined || d.status === 'completed', {
    path: ['certificate'],
    message: 'a certificate comes only with status completed',
  });
export type StatusMessageData = z.infer<typeof statusMessageDataSchema>;

/**
 * An optional envelope attribute: bounded, and without NUL (the received event is stored as
 * jsonb, which refuses U+0000), but unlike `text` it may be empty.
 */
const envelopeText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'must not contain a NUL character (U+0000)')
    .refine((s) => !LONE_SURROGATE.test(s), LONE_SURROGATE_MESSAGE);

/** CloudEvents 1.0 structured-mode JSON envelope (required attributes plus the ones we use). */
export const cloudEventSchema = z.object({
  specversion: z.literal('1.0'),
  id: text(200),
  source: text(500),
  type: text(200),
  time: z.iso.datetime({ offset: true }).optional(),
  subject: envelopeText(500).optional(),
  datacontenttype: z.literal('application/json').optional(),
  dataschema: envelopeText(500).optional(),
  tenantid: envelopeText(64).optional(),
  traceparent: envelopeText(512).optional(),
  data: z.unknown(),
});
export type CloudEvent<T = unknown> = Omit<z.infer<typeof cloudEventSchema>, 'data'> & { data: T };

export const inboundStatusEventSchema = cloudEventSchema.extend({
  type: z.literal(EventType.REFERRAL_STATUS_CHANGED),
  data: statusMessageDataSchema,
});

/** Told to an agency that received data under a consent the person has now revoked (GDPR Art. 19). */
export const consentRevokedDataSchema = z.object({
  consentId: uuidSchema,
  caseReference: z.string(),
  /** Referrals to this agency that the revocation cancelled. */
  cancelledReferralIds: z.array(uuidSchema),
  revokedAt: z.iso.datetime({ offset: true }),
  /** What the agency must do now: stop processing, and erase what it no longer may keep. */
  instruction: z.string(),
});
export type ConsentRevokedData = z.infer<typeof consentRevokedDataSchema>;

/** One achievement in a dossier, with what it rests on. */
export const dossierAchievementSchema = z.object({
  id: uuidSchema,
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
  achievedOn: isoDateSchema,
  endedOn: isoDateSchema.nullable(),
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
  /** agency: from the agency's status message; case-manager: entered with the evidence seen. */
  source: z.enum(['agency', 'case-manager']),
  evidence: z.object({ kind: z.string(), reference: z.string(), seenOn: isoDateSchema }),
});
export type DossierAchievement = z.infer<typeof dossierAchievementSchema>;

/**
 * A dossier of the person's integration achievements for the foreigners' or naturalisation
 * authority (issue 19), sent with the person's consent naming that authority. Identity is
 * present only where the consent covers it; the achievements are the education-work category.
 */
export const dossierSubmittedDataSchema = z.object({
  dossierId: uuidSchema,
  caseReference: z.string(),
  /** Exactly the categories this message discloses, as covered at send time. */
  categories: z.array(dataCategorySchema),
  person: disclosedPersonSchema,
  achievements: z.array(dossierAchievementSchema),
  note: z.string().nullable(),
  submittedAt: z.iso.datetime({ offset: true }),
  /** The hub states it: the authority decides. */
  notice: z.string(),
  referrer: referrerContactSchema.optional(),
});
export type DossierSubmittedData = z.infer<typeof dossierSubmittedDataSchema>;

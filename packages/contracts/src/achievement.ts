import { z } from 'zod';
import { isoDateSchema, text } from './domain.js';
import type { ValueOf } from './enums.js';

/**
 * Integration achievements (issue 19, Baustein 3 of the seed): evidence on the person's plan
 * that helps them show the foreigners' or naturalisation authority what they have achieved.
 */
export const AchievementKind = {
  LANGUAGE_CERTIFICATE: 'language-certificate',
  INTEGRATION_COURSE: 'integration-course',
  /** The test "Leben in Deutschland" at the end of the orientation course (33 questions). */
  LIFE_IN_GERMANY_TEST: 'life-in-germany-test',
  ORIENTATION_COURSE: 'orientation-course',
  /** School attendance or a school qualification, of the person or of their child. */
  SCHOOL: 'school',
  VOCATIONAL_TRAINING: 'vocational-training',
  QUALIFICATION_RECOGNITION: 'qualification-recognition',
  EMPLOYMENT: 'employment',
  VOLUNTARY_WORK: 'voluntary-work',
  /** Naturalisation (Einbürgerung): the day the certificate of naturalisation was handed over; the path's end. */
  NATURALISATION: 'naturalisation',
} as const;
export type AchievementKind = ValueOf<typeof AchievementKind>;
export const achievementKindSchema = z.enum(AchievementKind);

/** Common European Framework of Reference levels, lowest first (the order is used to compare). */
export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export type CefrLevel = (typeof CEFR_LEVELS)[number];
export const cefrLevelSchema = z.enum(CEFR_LEVELS);

/** Where an achievement came from: an agency's message, or a case manager who saw the evidence. */
export const AchievementSource = { AGENCY: 'agency', CASE_MANAGER: 'case-manager' } as const;
export type AchievementSource = ValueOf<typeof AchievementSource>;

/** The document a case manager saw; an agency's achievement rests on its status message. */
export const EvidenceKind = {
  CERTIFICATE: 'certificate',
  CONTRACT: 'contract',
  NOTICE: 'notice',
  CONFIRMATION: 'confirmation',
  OTHER: 'other',
  MESSAGE: 'message',
} as const;
export type EvidenceKind = ValueOf<typeof EvidenceKind>;
/** What a case manager may name: every kind but an agency's message. */
export const evidenceKindSchema = z.enum(['certificate', 'contract', 'notice', 'confirmation', 'other']);

/** Whose school attendance: the person's own, or a child's (§ 25b AufenthG asks about the children). */
export const SchoolAttendee = { SELF: 'self', CHILD: 'child' } as const;
export const schoolAttendeeSchema = z.enum(SchoolAttendee);

export const RecognitionResult = { FULL: 'full', PARTIAL: 'partial' } as const;
export const recognitionResultSchema = z.enum(RecognitionResult);

/** No achievement of a person living today predates this; a bound against typos such as 0202-01-01. */
export const EARLIEST_ACHIEVEMENT_DATE = '1950-01-01';
const achievementDate = isoDateSchema.refine((d) => d >= EARLIEST_ACHIEVEMENT_DATE, {
  message: `must not be before ${EARLIEST_ACHIEVEMENT_DATE}`,
});
const hoursPerWeek = z.number().min(0.5).max(60);

/**
 * The facts of each kind. `achievedOn` is the day the certificate was issued, the test passed,
 * the course completed, or (for employment, training, school, voluntary work) the first day.
 */
const common = {
  achievedOn: achievementDate,
  /** End of employment, training, school attendance or voluntary work; absent while it lasts. */
  endedOn: achievementDate.optional(),
};
const kinds = [
  z
    .object({
      kind: z.literal(AchievementKind.LANGUAGE_CERTIFICATE),
      ...common,
      cefrLevel: cefrLevelSchema,
      /** The test taken, e.g. "Deutsch-Test für Zuwanderer (DTZ)", "telc Deutsch B1", "Goethe-Zertifikat B1". */
      test: text(100),
      provider: text(200),
    })
    .strict(),
  z.object({ kind: z.literal(AchievementKind.INTEGRATION_COURSE), ...common, provider: text(200) }).strict(),
  z
    .object({
      kind: z.literal(AchievementKind.LIFE_IN_GERMANY_TEST),
      ...common,
      /** Correct answers out of 33. */
      points: z.number().int().min(0).max(33),
      provider: text(200).optional(),
    })
    .strict(),
  z.object({ kind: z.literal(AchievementKind.ORIENTATION_COURSE), ...common, provider: text(200) }).strict(),
  z
    .object({
      kind: z.literal(AchievementKind.SCHOOL),
      ...common,
      attendee: schoolAttendeeSchema,
      /** The school (e.g. "Gesamtschule Rheine"). */
      title: text(200),
      /** A qualification obtained, e.g. "Hauptschulabschluss"; absent for attendance only. */
      qualification: text(200).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal(AchievementKind.VOCATIONAL_TRAINING),
      ...common,
      /** The occupation trained for. */
      title: text(200),
      provider: text(200),
      completed: z.boolean(),
    })
    .strict(),
  z
    .object({
      kind: z.literal(AchievementKind.QUALIFICATION_RECOGNITION),
      ...common,
      /** The foreign qualification, e.g. "Bachelor Bauingenieurwesen (Damaskus)". */
      title: text(200),
      /** The recognising body, e.g. "IHK FOSA". */
      provider: text(200),
      recognition: recognitionResultSchema,
    })
    .strict(),
  z
    .object({
      kind: z.literal(AchievementKind.EMPLOYMENT),
      ...common,
      /** The employer; optional (the person may not want it passed on). */
      provider: text(200).optional(),
      hoursPerWeek,
      /** Whether the income secures the livelihood (Lebensunterhalt gesichert) as the case manager judged from the evidence. */
      securesLivelihood: z.boolean(),
    })
    .strict(),
  z
    .object({
      kind: z.literal(AchievementKind.VOLUNTARY_WORK),
      ...common,
      provider: text(200),
      hoursPerWeek: hoursPerWeek.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal(AchievementKind.NATURALISATION),
      ...common,
      /** The naturalisation authority that handed over the certificate (Einbürgerungsurkunde). */
      provider: text(200).optional(),
    })
    .strict(),
] as const;

export const achievementFactsSchema = z
  .discriminatedUnion('kind', [...kinds])
  .refine((a) => a.endedOn === undefined || a.endedOn >= a.achievedOn, {
    path: ['endedOn'],
    message: 'must not be before achievedOn',
  });
export type AchievementFacts = z.infer<typeof achievementFactsSchema>;

/** The evidence a case manager saw: what document, its number or a reference to the file, and when. */
export const achievementEvidenceSchema = z
  .object({
    kind: evidenceKindSchema,
    reference: text(200),
    seenOn: achievementDate,
  })
  .strict();
export type AchievementEvidence = z.infer<typeof achievementEvidenceSchema>;

/** An achievement a case manager records. */
export const achievementInputSchema = z
  .object({ achievement: achievementFactsSchema, evidence: achievementEvidenceSchema })
  .strict();
export type AchievementInput = z.infer<typeof achievementInputSchema>;

/** A correction: the new facts and evidence, and why the old ones were wrong (kept, never overwritten). */
export const achievementCorrectionSchema = z
  .object({ achievement: achievementFactsSchema, evidence: achievementEvidenceSchema, reason: text(500) })
  .strict();
export type AchievementCorrection = z.infer<typeof achievementCorrectionSchema>;

/**
 * The certificate a course provider may attach to a `completed` status message (optional,
 * backwards compatible). It becomes an achievement of the referral's case, with the agency as
 * its source and the message as its evidence.
 */
export const statusCertificateSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('language-certificate'),
      cefrLevel: cefrLevelSchema,
      test: text(100),
      issuedOn: isoDateSchema,
      /** The certificate's number at the provider. */
      reference: text(100).optional(),
    })
    .strict(),
  z
    .object({ kind: z.literal('integration-course'), issuedOn: isoDateSchema, reference: text(100).optional() })
    .strict(),
  z
    .object({ kind: z.literal('orientation-course'), issuedOn: isoDateSchema, reference: text(100).optional() })
    .strict(),
  z
    .object({
      kind: z.literal('life-in-germany-test'),
      points: z.number().int().min(0).max(33),
      issuedOn: isoDateSchema,
      reference: text(100).optional(),
    })
    .strict(),
]);
export type StatusCertificate = z.infer<typeof statusCertificateSchema>;

/** A dossier the case manager sends: chosen achievements to the foreigners' or naturalisation authority. */
export const dossierInputSchema = z
  .object({
    caseId: z.uuid(),
    agencyId: z.uuid(),
    achievementIds: z
      .array(z.uuid())
      .min(1)
      .max(50)
      .refine((ids) => new Set(ids).size === ids.length, 'names an achievement twice'),
    /** A cover note for the authority (at most 500 characters). */
    note: text(500).optional(),
  })
  .strict();
export type DossierInput = z.infer<typeof dossierInputSchema>;

import { z } from 'zod';
import { CEFR_LEVELS, achievementKindSchema, schoolAttendeeSchema } from './achievement.js';

/**
 * The shape of the residence-route configuration (packages/core/src/achievement/routes/routes.data.ts): which facts each legal route
 * to a secure residence asks about, with its legal source and the day each version applies
 * from. The law changes; a change is a new version with its own validFrom, never an edit of
 * the old one, so an evaluation can be repeated for any day.
 */
const words = z.object({ de: z.string().min(1).max(300), en: z.string().min(1).max(300) }).strict();

export const factCheckSchema = z.discriminatedUnion('type', [
  /** Full years since the recorded arrival date; a reduced minimum the authority decides (e.g. with a child). */
  z
    .object({
      type: z.literal('residence-years'),
      minYears: z.number().int().min(1).max(20),
      reducedMinYears: z.number().int().min(1).max(20).optional(),
    })
    .strict(),
  /** Arrived on or before a day (the recorded arrival date). */
  z.object({ type: z.literal('arrived-by'), date: z.iso.date() }).strict(),
  /** Younger than this many years today (only an exact birth date can say). */
  z.object({ type: z.literal('age-below'), years: z.number().int().min(1).max(99) }).strict(),
  /** A language certificate at this CEFR level or above. */
  z.object({ type: z.literal('language-level'), minLevel: z.enum(CEFR_LEVELS) }).strict(),
  /** Any one of these achievements (a test with at least so many points, a training completed). */
  z
    .object({
      type: z.literal('achievement'),
      anyOf: z
        .array(
          z
            .object({
              kind: achievementKindSchema,
              minPoints: z.number().int().min(0).max(33).optional(),
              completed: z.literal(true).optional(),
            })
            .strict(),
        )
        .min(1),
    })
    .strict(),
  /** Ongoing employment that secures the livelihood, for at least so many months. */
  z.object({ type: z.literal('livelihood'), minMonths: z.number().int().min(0).max(60).optional() }).strict(),
  /** Ongoing employment of at least so many hours a week, for at least so many months. */
  z
    .object({
      type: z.literal('employment'),
      minHoursPerWeek: z.number().min(1).max(60),
      minMonths: z.number().int().min(0).max(60),
    })
    .strict(),
  /** School attendance of the person or a child: for so many years, or a qualification, or a completed training. */
  z
    .object({
      type: z.literal('school'),
      attendee: schoolAttendeeSchema,
      minYears: z.number().int().min(0).max(13).optional(),
      orQualification: z.boolean().optional(),
      orCompletedTraining: z.boolean().optional(),
    })
    .strict(),
  /** A fact the hub holds no evidence for (identity, no convictions, commitment): the authority checks. */
  z.object({ type: z.literal('authority') }).strict(),
]);
export type FactCheck = z.infer<typeof factCheckSchema>;

export const routeFactSchema = z
  .object({
    key: z.string().regex(/^[a-z0-9-]{2,40}$/),
    label: words,
    /** The provision, e.g. "§ 25b Abs. 1 Satz 2 Nr. 4 AufenthG". */
    source: z.string().min(3).max(200),
    check: factCheckSchema,
    note: words.optional(),
  })
  .strict();
export type RouteFact = z.infer<typeof routeFactSchema>;

export const routeVersionSchema = z
  .object({
    /** The day this wording of the law applies from (its entry into force). */
    validFrom: z.iso.date(),
    /** The amending act, for the reader. */
    amendedBy: z.string().min(3).max(300),
    facts: z.array(routeFactSchema).min(1).max(30),
  })
  .strict();

export const residenceRouteSchema = z
  .object({
    key: z.string().regex(/^[a-z0-9-]{2,40}$/),
    /** e.g. "§ 25b AufenthG" */
    law: z.string().min(3).max(100),
    title: words,
    versions: z.array(routeVersionSchema).min(1),
  })
  .strict()
  .refine((r) => new Set(r.versions.map((v) => v.validFrom)).size === r.versions.length, {
    message: 'two versions of a route apply from the same day',
  });
export type ResidenceRoute = z.infer<typeof residenceRouteSchema>;

export const residenceRoutesConfigSchema = z
  .object({
    /** Version of this configuration file (the day it was last reviewed against the law). */
    version: z.iso.date(),
    disclaimer: words,
    routes: z.array(residenceRouteSchema).min(1),
  })
  .strict();
export type ResidenceRoutesConfig = z.infer<typeof residenceRoutesConfigSchema>;

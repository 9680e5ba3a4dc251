import { z } from 'zod';
import { DataCategory, LifeDomain, dataCategorySchema, lifeDomainSchema } from './enums.js';
import { isoDateSchema, text, uuidSchema } from './domain.js';

/**
 * Moving a case to another Kreis of the hub (issue 19): the inputs of the three parties' steps and
 * the package the channel carries from the sending tenant to the receiving one.
 */
export const transferOfferInputSchema = z.object({
  caseId: uuidSchema,
  /** The receiving Kreis (a tenant of the hub that takes transfers). */
  toTenantId: uuidSchema,
  /** The categories to pass on; absent: all the person's consent names. Identity is always among them. */
  categories: z.array(dataCategorySchema).min(1).max(Object.keys(DataCategory).length).optional(),
});
export type TransferOfferInput = z.infer<typeof transferOfferInputSchema>;

export const transferAcceptInputSchema = z.object({
  transferId: uuidSchema,
  /** The regional area of the receiving Kreis the case goes to (of the coordinator's own area). */
  regionId: uuidSchema,
  /** Its case manager there; absent: the first case manager of the area by name. */
  caseManagerId: uuidSchema.optional(),
});
export type TransferAcceptInput = z.infer<typeof transferAcceptInputSchema>;

export const transferDeclineInputSchema = z.object({
  transferId: uuidSchema,
  /** Why: the sending Kreis reads it. At most 500 characters. */
  reason: text(500),
});
export type TransferDeclineInput = z.infer<typeof transferDeclineInputSchema>;

/** The life domains of needs that each data category carries (needs pass on by domain only, never their notes). */
export const NEED_DOMAIN_CATEGORY: Record<LifeDomain, DataCategory> = {
  [LifeDomain.LANGUAGE]: DataCategory.EDUCATION_WORK,
  [LifeDomain.WORK]: DataCategory.EDUCATION_WORK,
  [LifeDomain.EDUCATION]: DataCategory.EDUCATION_WORK,
  [LifeDomain.HOUSING]: DataCategory.CONTACT,
  [LifeDomain.HEALTH]: DataCategory.HEALTH,
  [LifeDomain.RESIDENCE]: DataCategory.RESIDENCE_STATUS,
  [LifeDomain.FAMILY]: DataCategory.FAMILY,
  [LifeDomain.MONEY]: DataCategory.BENEFITS,
};

const shortText = z.string().max(500);
const nameVariant = z.object({ givenNames: shortText.optional(), familyName: shortText.optional() }).loose();

/**
 * What the receiving Kreis gets: per category exactly the blocks docs/privacy.md lists, the
 * history as codes and dates (never a note), achievements only under education-work. Built by
 * the sender under the consent when offering; checked again by the receiver on accepting.
 */
export const transferPackageSchema = z.object({
  version: z.literal(1),
  categories: z.array(dataCategorySchema).min(1),
  identity: z.object({
    givenNames: shortText,
    familyName: shortText,
    nameOriginalScript: shortText.nullable(),
    aliases: z.array(nameVariant).max(50),
    birthDate: isoDateSchema.nullable(),
    birthDatePrecision: shortText,
    sex: shortText,
    nationality: shortText.nullable(),
  }),
  contact: z.object({ municipality: shortText, languages: z.array(shortText).max(30) }).optional(),
  residenceStatus: z
    .object({ residenceStatus: shortText.nullable(), arrivalDate: isoDateSchema.nullable() })
    .optional(),
  needs: z.array(z.object({ domain: lifeDomainSchema })).max(100),
  achievements: z
    .array(
      z.object({
        kind: shortText,
        achievedOn: isoDateSchema,
        endedOn: isoDateSchema.nullable(),
        details: z.record(z.string(), z.unknown()),
        evidenceKind: shortText,
        evidenceReference: shortText,
        evidenceSeenOn: isoDateSchema,
      }),
    )
    .max(500)
    .optional(),
  /** The sending case's timeline as kinds and dates: what happened when, never what was written. */
  history: z.array(z.object({ kind: shortText, occurredAt: z.iso.datetime({ offset: true }) })).max(5000),
  openedOn: isoDateSchema,
});
export type TransferPackage = z.infer<typeof transferPackageSchema>;

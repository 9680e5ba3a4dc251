import { z } from 'zod';
import {
  agencyChannelSchema,
  agencyKindSchema,
  birthDatePrecisionSchema,
  businessStatusSchema,
  dataCategorySchema,
  identifierKindSchema,
  legalBasisDecisionSchema,
  legalDomainSchema,
  lifeDomainSchema,
  overrideVerdictSchema,
  purposeSchema,
  agencyPurposeSchema,
} from './enums.js';

/** ISO calendar date (YYYY-MM-DD), validated as a real date. */
export const isoDateSchema = z.iso.date();
export const uuidSchema = z.uuid();
/**
 * Half of a UTF-16 surrogate pair without its other half. JSON allows it as an escape ("\ud800"),
 * UTF-8 cannot encode it: PostgreSQL's jsonb refuses it (22P02) and a text column would store a
 * replacement character instead. Every boundary refuses it, naming the field.
 */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const LONE_SURROGATE_MESSAGE = 'not well-formed Unicode text (a lone surrogate)';

/** True when no string of a parsed JSON value, key or value, holds a lone surrogate. */
export function wellFormedJson(v: unknown): boolean {
  if (typeof v === 'string') return !LONE_SURROGATE.test(v);
  if (Array.isArray(v)) return v.every(wellFormedJson);
  if (v !== null && typeof v === 'object')
    return Object.entries(v).every(([k, x]) => !LONE_SURROGATE.test(k) && wellFormedJson(x));
  return true;
}

/** Short, trimmed free text with a bound, so no field can carry a document. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    // PostgreSQL stores no NUL character (not in text, not escaped in jsonb): refuse it at the boundary.
    .refine((s) => !s.includes('\u0000'), 'must not contain a NUL character (U+0000)')
    .refine((s) => !LONE_SURROGATE.test(s), LONE_SURROGATE_MESSAGE);
/** ISO 3166-1 alpha-3 country code. */
export const countryCodeSchema = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 3166-1 alpha-3 code such as SYR');
/** ISO 639 language code (two or three letters). */
export const languageCodeSchema = z.string().regex(/^[a-z]{2,3}$/, 'expected an ISO 639 code such as ar or fa');

export const externalIdentifierSchema = z.object({
  kind: identifierKindSchema,
  /** Agency that issued the identifier; absent for register numbers such as the AZR number. */
  agencyId: uuidSchema.optional(),
  value: text(64),
});
export type ExternalIdentifier = z.infer<typeof externalIdentifierSchema>;

export const personNameSchema = z.object({
  givenNames: text(200),
  familyName: text(200),
  /** Name in its original script (e.g. Arabic), where known. */
  originalScript: text(200).optional(),
});

export const personInputSchema = z
  .object({
    name: personNameSchema,
    aliases: z.array(personNameSchema).max(20).default([]),
    birthDate: isoDateSchema.optional(),
    birthDatePrecision: birthDatePrecisionSchema,
    sex: z.enum(['female', 'male', 'diverse', 'unknown']).default('unknown'),
    nationality: countryCodeSchema.optional(),
    languages: z.array(languageCodeSchema).max(10).default([]),
    residenceStatus: text(100).optional(),
    municipality: text(100),
    arrivalDate: isoDateSchema.optional(),
    identifiers: z.array(externalIdentifierSchema).max(20).default([]),
  })
  .superRefine((p, ctx) => {
    if (p.birthDatePrecision !== 'unknown' && !p.birthDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['birthDate'],
        message: `required when birthDatePrecision is ${p.birthDatePrecision}`,
      });
    }
    if (p.birthDatePrecision === 'placeholder' && p.birthDate && !p.birthDate.endsWith('-01-01')) {
      ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'a placeholder birth date is 01.01. of the year' });
    }
  });
export type PersonInput = z.infer<typeof personInputSchema>;

/**
 * A change to a person's data from a case manager: only the fields given change. The birth
 * date and its precision come together (a precision without a date, or the reverse, could make
 * a placeholder look exact); precision `unknown` clears the date.
 */
export const personUpdateSchema = z
  .object({
    name: personNameSchema.optional(),
    birthDate: isoDateSchema.optional(),
    birthDatePrecision: birthDatePrecisionSchema.optional(),
    sex: z.enum(['female', 'male', 'diverse', 'unknown']).optional(),
    nationality: countryCodeSchema.optional(),
    languages: z.array(languageCodeSchema).max(10).optional(),
    residenceStatus: text(100).optional(),
    municipality: text(100).optional(),
    arrivalDate: isoDateSchema.optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (Object.values(p).every((v) => v === undefined)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'name at least one field to change' });
    }
    if (p.birthDate !== undefined && p.birthDatePrecision === undefined) {
      ctx.addIssue({ code: 'custom', path: ['birthDatePrecision'], message: 'required with birthDate' });
    }
    if (p.birthDatePrecision !== undefined && p.birthDatePrecision !== 'unknown' && !p.birthDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['birthDate'],
        message: `required when birthDatePrecision is ${p.birthDatePrecision}`,
      });
    }
    if (p.birthDatePrecision === 'unknown' && p.birthDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['birthDate'],
        message: 'must be absent when birthDatePrecision is unknown',
      });
    }
    if (p.birthDatePrecision === 'placeholder' && p.birthDate && !p.birthDate.endsWith('-01-01')) {
      ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'a placeholder birth date is 01.01. of the year' });
    }
  });
export type PersonUpdate = z.infer<typeof personUpdateSchema>;

/** Statuses of a goal of the integration plan. */
export const goalStatusSchema = z.enum(['open', 'in-progress', 'achieved', 'dropped']);

export const goalUpdateSchema = z
  .object({
    status: goalStatusSchema.optional(),
    description: text(500).optional(),
    targetDate: isoDateSchema.optional(),
  })
  .strict()
  .refine((g) => Object.values(g).some((v) => v !== undefined), 'name at least one field to change');

/** A case note: free text on the case's timeline, for staff only (the gateway's bound for any text). */
export const caseNoteSchema = text(1000);

/** Handing a case to a colleague; the note says why (on the timeline, for both). */
export const handOverSchema = z.object({
  caseId: uuidSchema,
  toCaseManagerId: uuidSchema,
  note: text(500).optional(),
});

export const needSchema = z.object({
  domain: lifeDomainSchema,
  description: text(500),
});

export const openCaseInputSchema = z.object({
  person: personInputSchema,
  regionId: uuidSchema,
  /** Case manager who takes the case; defaults to the caller when they are a case manager. */
  caseManagerId: uuidSchema.optional(),
  needs: z.array(needSchema).max(20).default([]),
});
export type OpenCaseInput = z.infer<typeof openCaseInputSchema>;

export const goalInputSchema = z.object({
  domain: lifeDomainSchema,
  description: text(500),
  targetDate: isoDateSchema.optional(),
});

/** An exception inside a consent (after FHIR Consent.provision); absent lists mean "any". */
export const consentProvisionSchema = z.object({
  type: z.enum(['permit', 'deny']),
  agencyIds: z.array(uuidSchema).max(50).optional(),
  purposes: z.array(purposeSchema).optional(),
  categories: z.array(dataCategorySchema).optional(),
  actions: z.array(z.enum(['disclose', 'access'])).optional(),
});

export const consentInputSchema = z
  .object({
    caseId: uuidSchema,
    /** The agency the data may go to; or, for moving the case, recipientTenantId instead. */
    recipientAgencyId: uuidSchema.optional(),
    /** The receiving Kreis of a transfer consent (issue 19): then the only purpose is 'transfer'. */
    recipientTenantId: uuidSchema.optional(),
    /** 'disclosure': data may go to the agency; 'service': the person agrees to the service itself. */
    kind: z.enum(['disclosure', 'service']).default('disclosure'),
    /** Who gave it: the person, or a guardian (name required then). */
    grantor: z
      .object({ type: z.enum(['subject', 'guardian']), name: text(200).optional() })
      .refine((g) => g.type === 'subject' || !!g.name, { path: ['name'], message: 'required for a guardian' })
      .default({ type: 'subject' }),
    provisions: z.array(consentProvisionSchema).max(20).default([]),
    purposes: z.array(purposeSchema).min(1),
    categories: z.array(dataCategorySchema).min(1),
    validFrom: isoDateSchema,
    validUntil: isoDateSchema,
    evidence: z.object({
      formVersion: text(50),
      signedOn: isoDateSchema,
      /** Language in which the consent was explained to the person. */
      explainedInLanguage: languageCodeSchema,
      interpreterUsed: z.boolean().default(false),
      documentReference: text(200).optional(),
    }),
  })
  .refine((c) => c.validUntil >= c.validFrom, { path: ['validUntil'], message: 'must not be before validFrom' })
  .refine((c) => (c.recipientAgencyId === undefined) !== (c.recipientTenantId === undefined), {
    path: ['recipientAgencyId'],
    message: 'name either an agency or (to move the case) a receiving Kreis, not both',
  })
  .refine(
    (c) =>
      c.recipientTenantId === undefined
        ? !c.purposes.includes('transfer')
        : c.kind === 'disclosure' && c.purposes.length > 0 && c.purposes.every((p) => p === 'transfer'),
    {
      path: ['purposes'],
      message: "'transfer' is the purpose of a consent naming a receiving Kreis, and its only one",
    },
  )
  .refine((c) => c.recipientTenantId === undefined || c.categories.includes('identity'), {
    path: ['categories'],
    message: 'a transfer carries at least the identity (the receiving Kreis must know whose case it is)',
  })
  .refine((c) => c.recipientTenantId === undefined || c.provisions.length === 0, {
    path: ['provisions'],
    message: 'a transfer consent has no provisions',
  });
export type ConsentInput = z.infer<typeof consentInputSchema>;

export const createReferralInputSchema = z.object({
  caseId: uuidSchema,
  serviceId: uuidSchema,
  purpose: agencyPurposeSchema,
  /** Data categories the referral should carry; each must be covered by consent when it is sent. */
  categories: z.array(dataCategorySchema).min(1),
  note: text(1000).optional(),
});
export type CreateReferralInput = z.infer<typeof createReferralInputSchema>;

export const agencySchema = z.object({
  name: text(200),
  kind: agencyKindSchema,
  legalDomain: legalDomainSchema,
  channel: agencyChannelSchema,
  webhookUrl: z.url().optional(),
});

export const businessStatusInput = businessStatusSchema;

export const legalBasisInputSchema = z
  .object({
    recipientAgencyId: uuidSchema,
    /** The one case it applies to (of the author's area); absent: the author's coordination area. */
    caseId: uuidSchema.optional(),
    // 'transfer' rests on the person's consent only.
    purposes: z.array(agencyPurposeSchema).min(1),
    categories: z.array(dataCategorySchema).min(1),
    /** The norm, e.g. "§ 71 Abs. 1 AufenthG". */
    citation: z
      .string()
      .trim()
      .regex(/§|Art\./, 'name the norm, e.g. "§ 71 Abs. 1 AufenthG" or "Art. 6 Abs. 1 lit. c DSGVO"')
      .max(200),
    validFrom: isoDateSchema,
    validUntil: isoDateSchema.optional(),
  })
  .refine((b) => !b.validUntil || b.validUntil >= b.validFrom, {
    path: ['validUntil'],
    message: 'must not be before validFrom',
  });
export type LegalBasisInput = z.infer<typeof legalBasisInputSchema>;

/** A second coordinator confirms or rejects a legal basis; a rejection says why. */
export const legalBasisReviewInputSchema = z
  .object({
    legalBasisId: uuidSchema,
    decision: legalBasisDecisionSchema,
    note: text(1000).optional(),
  })
  .refine((r) => r.decision !== 'reject' || !!r.note, {
    path: ['note'],
    message: 'a rejection needs a note saying why',
  });
export type LegalBasisReviewInput = z.infer<typeof legalBasisReviewInputSchema>;

/** Break-glass access to one case outside one's area: a reason a reviewer can judge, and a short time. */
export const accessOverrideInputSchema = z.object({
  caseId: uuidSchema,
  reason: z.string().trim().min(20, 'say why, in at least 20 characters: the coordinator reviews it').max(1000),
  /** How long the access lasts; default 60, at most one working day. */
  minutes: z.number().int().min(5).max(480).default(60),
});
export type AccessOverrideInput = z.infer<typeof accessOverrideInputSchema>;

export const overrideReviewInputSchema = z
  .object({
    overrideId: uuidSchema,
    verdict: overrideVerdictSchema,
    note: z.string().trim().max(1000).optional(),
  })
  .refine((r) => r.verdict !== 'unjustified' || (r.note?.length ?? 0) > 0, {
    path: ['note'],
    message: 'an unjustified override needs a note saying what follows',
  });
export type OverrideReviewInput = z.infer<typeof overrideReviewInputSchema>;

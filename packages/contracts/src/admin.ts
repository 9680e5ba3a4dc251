import { z } from 'zod';
import { text, uuidSchema } from './domain.js';
import {
  agencyChannelSchema,
  agencyKindSchema,
  legalDomainSchema,
  lifeDomainSchema,
  staffRoleSchema,
} from './enums.js';

// The console's administration screens import this module alone (@kim/contracts/admin) to check
// a form against the very rules the hub applies; the names of the choices come with it.
export { AgencyChannel, AgencyKind, LegalDomain, LifeDomain, StaffRole } from './enums.js';
export { text } from './domain.js';

/**
 * Inputs of the tenant administration (GraphQL and the command line alike). Every text is
 * bounded; an update names only the fields it changes, and `null` clears an optional one.
 */

/** A URL-safe short name of a tenant ("kreis-steinfurt"). */
export const slugSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/, 'lower-case letters, digits and hyphens, 1–48 characters');

export const tenantInputSchema = z.object({ slug: slugSchema, name: text(200) });

const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()/–-]{3,40}$/, 'a telephone number of digits, spaces and + ( ) / -');
const emailSchema = z.email().max(254);
const optional = <T extends z.ZodType>(s: T) => s.nullish();

export const coordinationAreaKindSchema = z.enum(['kreis', 'municipality']);

export const coordinationAreaInputSchema = z.object({
  name: text(200),
  kind: coordinationAreaKindSchema,
});

export const regionInputSchema = z.object({
  name: text(200),
  coordinationAreaId: uuidSchema,
  fte: z.number().min(0).max(999),
  caseloadKey: z.number().int().min(1).max(1000).default(100),
  contactPhone: optional(phoneSchema),
  contactEmail: optional(emailSchema),
});

export const regionUpdateSchema = z
  .object({
    name: text(200).optional(),
    fte: z.number().min(0).max(999).optional(),
    caseloadKey: z.number().int().min(1).max(1000).optional(),
    contactPhone: optional(phoneSchema),
    contactEmail: optional(emailSchema),
  })
  .refine((o) => Object.values(o).some((v) => v !== undefined), 'name at least one field to change');

export const staffUserInputSchema = z
  .object({
    displayName: text(200),
    email: emailSchema,
    role: staffRoleSchema,
    regionId: uuidSchema.nullish(),
    coordinationAreaId: uuidSchema.nullish(),
    fte: z.number().min(0).max(1).nullish(),
  })
  .superRefine((s, ctx) => {
    // The access policy reads these: a case manager works in a regional area, a coordinator
    // supervises a coordination area; other roles hold neither.
    if (s.role === 'case-manager' && !s.regionId)
      ctx.addIssue({ code: 'custom', path: ['regionId'], message: 'a case manager needs a regional area' });
    if (s.role === 'coordinator' && !s.coordinationAreaId)
      ctx.addIssue({
        code: 'custom',
        path: ['coordinationAreaId'],
        message: 'a coordinator needs a coordination area',
      });
    if ((s.role === 'operator' || s.role === 'tenant-admin') && (s.regionId || s.coordinationAreaId))
      ctx.addIssue({ code: 'custom', path: ['role'], message: `a ${s.role} works in no area` });
  });

export const staffUserUpdateSchema = z
  .object({
    displayName: text(200).optional(),
    email: emailSchema.optional(),
    role: staffRoleSchema.optional(),
    regionId: uuidSchema.nullish(),
    coordinationAreaId: uuidSchema.nullish(),
    fte: z.number().min(0).max(1).nullish(),
    active: z.boolean().optional(),
  })
  .refine((o) => Object.values(o).some((v) => v !== undefined), 'name at least one field to change');

const contactFields = {
  contactPhone: optional(phoneSchema),
  contactEmail: optional(emailSchema),
  contactAddress: optional(text(300)),
  contactHours: optional(text(200)),
};

export const agencyAdminInputSchema = z
  .object({
    name: text(200),
    kind: agencyKindSchema,
    legalDomain: legalDomainSchema.default('none'),
    channel: agencyChannelSchema.default('webhook'),
    webhookUrl: z.url().max(2000).nullish(),
    ...contactFields,
  })
  .refine((a) => a.channel !== 'webhook' || !!a.webhookUrl, {
    path: ['webhookUrl'],
    message: 'a webhook agency needs a webhook URL',
  });

export const agencyUpdateSchema = z
  .object({
    name: text(200).optional(),
    kind: agencyKindSchema.optional(),
    legalDomain: legalDomainSchema.optional(),
    channel: agencyChannelSchema.optional(),
    webhookUrl: z.url().max(2000).nullish(),
    ...contactFields,
  })
  .refine((o) => Object.values(o).some((v) => v !== undefined), 'name at least one field to change');

export const serviceInputSchema = z.object({
  agencyId: uuidSchema,
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, dot, hyphen, underscore; up to 64'),
  name: text(200),
  lifeDomain: lifeDomainSchema,
  responseDays: z.number().int().min(1).max(365).default(5),
  integrationCourse: z.boolean().default(false),
  fundingLine: optional(text(100)),
});

export const serviceUpdateSchema = z
  .object({
    name: text(200).optional(),
    lifeDomain: lifeDomainSchema.optional(),
    responseDays: z.number().int().min(1).max(365).optional(),
    integrationCourse: z.boolean().optional(),
    fundingLine: optional(text(100)),
  })
  .refine((o) => Object.values(o).some((v) => v !== undefined), 'name at least one field to change');

/** Whose credential: one staff user or one agency. */
export const credentialOwnerSchema = z
  .object({ staffUserId: uuidSchema.optional(), agencyId: uuidSchema.optional() })
  .refine((o) => !!o.staffUserId !== !!o.agencyId, 'name either a staff user or an agency');

export const credentialIssueSchema = z.object({
  label: optional(text(100)),
  /** Days until it expires; none: until revoked. */
  validDays: z.number().int().min(1).max(3650).nullish(),
});

/** How long the old credential keeps working after a rotation. */
export const rotationOverlapSchema = z
  .number()
  .int()
  .min(0)
  .max(30 * 24 * 3600);

export type TenantInput = z.infer<typeof tenantInputSchema>;
export type CoordinationAreaInput = z.infer<typeof coordinationAreaInputSchema>;
export type RegionInput = z.infer<typeof regionInputSchema>;
export type RegionUpdate = z.infer<typeof regionUpdateSchema>;
export type StaffUserInput = z.infer<typeof staffUserInputSchema>;
export type StaffUserUpdate = z.infer<typeof staffUserUpdateSchema>;
export type AgencyAdminInput = z.infer<typeof agencyAdminInputSchema>;
export type AgencyUpdate = z.infer<typeof agencyUpdateSchema>;
export type ServiceInput = z.infer<typeof serviceInputSchema>;
export type ServiceUpdate = z.infer<typeof serviceUpdateSchema>;
export type CredentialIssue = z.infer<typeof credentialIssueSchema>;

/**
 * Who answers for the data (Art. 13(1)(a)/(b) GDPR): the controller and its data protection
 * officer, printed on the person's Art. 15 letter.
 */
export const privacyContactsInputSchema = z.object({
  controllerName: text(200),
  controllerAddress: text(500),
  dpoName: text(200),
  dpoContact: text(500),
});
export type PrivacyContactsInput = z.infer<typeof privacyContactsInputSchema>;

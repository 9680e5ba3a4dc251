import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { DataCategory, Purpose, isoDateSchema, languageCodeSchema, parseInput, text, uuidSchema } from '@kim/contracts';
import { agencyRepository, personRepository } from '@kim/persistence';
import { caseForStaff } from '../case/case-scope.js';
import { DomainError, invalidInput } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { audit } from '../ledger/audit.js';
import { privacyContacts } from '../admin/tenants.js';
import type { ConsentFormContent } from './consent-form-html.js';

// The console names categories and purposes as GraphQL does (IDENTITY); the hub stores the values.
const categoryKey = z.enum(Object.keys(DataCategory) as [keyof typeof DataCategory, ...(keyof typeof DataCategory)[]]);
const purposeKey = z.enum(Object.keys(Purpose) as [keyof typeof Purpose, ...(keyof typeof Purpose)[]]);

/** What the case manager chose on the consent capture screen, to be printed before it is signed. */
export const consentFormSelectionSchema = z
  .object({
    agencyIds: z.array(uuidSchema).min(1).max(20),
    categories: z.array(categoryKey).min(1).max(7),
    purposes: z.array(purposeKey).min(1).max(4),
    validFrom: isoDateSchema.optional(),
    validUntil: isoDateSchema.optional(),
    formVersion: text(100).optional(),
    explainedIn: languageCodeSchema.optional(),
  })
  .strict()
  .refine((s) => !s.validFrom || !s.validUntil || s.validFrom <= s.validUntil, {
    message: 'validUntil is before validFrom',
    path: ['validUntil'],
  });
export type ConsentFormSelection = z.infer<typeof consentFormSelectionSchema>;

/**
 * The printable consent form of a case's person: read through the case access of staff (the
 * caller's area only), its recipients from the tenant's agencies, the controller and DPO from the
 * tenant's settings; printing it is in the ledger, as a read of the person's identity and contact.
 */
export class ConsentForms {
  constructor(private readonly ds: DataSource) {}

  async forCase(p: Principal, caseId: string, raw: unknown): Promise<ConsentFormContent> {
    let s: ConsentFormSelection;
    try {
      s = parseInput(consentFormSelectionSchema, raw, 'consent form');
    } catch (e) {
      invalidInput(e);
    }
    return this.ds.transaction('REPEATABLE READ', async (m) => {
      const c = await caseForStaff(m, p, caseId);
      const [person] = await personRepository.byIds(m, p.tenantId, [c.personId]);
      if (!person) throw new Error(`person ${c.personId} of case ${caseId} not found`);
      const agencies = await agencyRepository.byIds(m, p.tenantId, [...new Set(s.agencyIds)]);
      const unknown = s.agencyIds.filter((id) => !agencies.some((a) => a.id === id));
      if (unknown.length)
        throw new DomainError('INVALID_INPUT', `invalid consent form: unknown agency ${unknown[0]}`, {
          problems: [{ path: 'agencyIds', message: `unknown agency ${unknown[0]}` }],
        });
      const contacts = await privacyContacts(m, p.tenantId);
      await audit(m, p, {
        action: 'consent-form.printed',
        subjectType: 'case',
        subjectId: caseId,
        categories: [DataCategory.IDENTITY, DataCategory.CONTACT],
        allowed: true,
        personId: c.personId,
      });
      return {
        person: {
          givenNames: person.givenNames,
          familyName: person.familyName,
          birthDate: person.birthDate,
          birthDatePrecision: person.birthDatePrecision,
          municipality: person.municipality,
        },
        caseReference: c.reference,
        recipients: s.agencyIds.map((id) => {
          const a = agencies.find((x) => x.id === id)!;
          return { name: a.name, address: a.contactAddress, phone: a.contactPhone, email: a.contactEmail };
        }),
        purposes: [...new Set(s.purposes)].map((k) => Purpose[k]),
        categories: [...new Set(s.categories)].map((k) => DataCategory[k]),
        validFrom: s.validFrom ?? null,
        validUntil: s.validUntil ?? null,
        formVersion: s.formVersion ?? null,
        explainedIn: s.explainedIn ?? null,
        contacts,
        printedAt: new Date().toISOString(),
      };
    });
  }
}

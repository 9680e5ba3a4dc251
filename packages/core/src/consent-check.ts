import type { EntityManager } from 'typeorm';
import { decide, type Consent, type Decision } from '@kim/consent';
import type { AgencyKind, DataCategory, Purpose } from '@kim/contracts';
import { ConsentEntity } from '@kim/persistence';

export interface DisclosureQuestion {
  tenantId: string;
  personId: string;
  agency: { id: string; kind: string };
  purpose: Purpose;
  categories: DataCategory[];
  at: Date;
}

export function toConsent(c: ConsentEntity): Consent {
  return {
    id: c.id,
    subjectPersonId: c.personId,
    recipientAgencyId: c.recipientAgencyId,
    purposes: c.purposes as Purpose[],
    categories: c.categories as DataCategory[],
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    revokedAt: c.revokedAt,
  };
}

/** Ask the consent engine, with the person's consents as they are now in the database. */
export async function decideDisclosure(m: EntityManager, q: DisclosureQuestion): Promise<Decision> {
  const consents = await m.find(ConsentEntity, { where: { tenantId: q.tenantId, personId: q.personId } });
  return decide({
    consents: consents.map(toConsent),
    legalBases: [],
    recipient: { agencyId: q.agency.id, kind: q.agency.kind as AgencyKind },
    subjectPersonId: q.personId,
    purpose: q.purpose,
    categories: q.categories,
    action: 'disclose',
    at: q.at,
  });
}

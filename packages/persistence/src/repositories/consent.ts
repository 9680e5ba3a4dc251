import type { DataCategory, Purpose } from '@kim/contracts';
import type { ConsentEvidence, ConsentGrantor, ConsentProvisionRow } from '../entities/consent.entity.js';
import { rows, statement, type Db } from './statement.js';

/** A consent as the person gave it; `date` columns as 'YYYY-MM-DD' text. */
export interface ConsentRow {
  tenantId: string;
  id: string;
  personId: string;
  caseId: string;
  recipientAgencyId: string;
  purposes: Purpose[];
  categories: DataCategory[];
  validFrom: string;
  validUntil: string;
  revokedAt: Date | null;
  evidence: ConsentEvidence;
  kind: 'disclosure' | 'service';
  grantor: ConsentGrantor | null;
  provisions: ConsentProvisionRow[] | null;
  expiredAt: Date | null;
  capturedBy: string;
  createdAt: Date;
}

const CONSENT_COLUMNS = `tenant_id AS "tenantId", id, person_id AS "personId", case_id AS "caseId",
         recipient_agency_id AS "recipientAgencyId", purposes, categories, valid_from::text AS "validFrom",
         valid_until::text AS "validUntil", revoked_at AS "revokedAt", evidence, kind, grantor, provisions,
         expired_at AS "expiredAt", captured_by AS "capturedBy", created_at AS "createdAt"`;

const byPersons = statement<ConsentRow, [string, string[]]>(
  'consent',
  'byPersons',
  `
  SELECT ${CONSENT_COLUMNS}
    FROM consents WHERE tenant_id = $1 AND person_id = ANY($2) ORDER BY created_at`,
  { prepared: true },
);

/** Consents. */
export const consentRepository = {
  /** The consents of persons, oldest first. */
  byPersons: (db: Db, tenantId: string, personIds: readonly string[]) =>
    rows(db, byPersons, [tenantId, [...personIds]]),
};

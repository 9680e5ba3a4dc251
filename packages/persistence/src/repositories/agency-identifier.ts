import { IdentifierKind } from '@kim/contracts';
import { maybeOne, rows, statement, type Db } from './statement.js';

/** The agencies' own numbers for a person (kind agency-customer-number, issued by the agency). */
const insert = statement<{ personId: string }, [string, string, string, string, string]>(
  'agency-identifier',
  'insert',
  `
  INSERT INTO person_identifiers (tenant_id, person_id, kind, issuer, value) VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (tenant_id, kind, issuer, value) DO NOTHING RETURNING person_id AS "personId"`,
);

const holder = statement<{ personId: string }, [string, string, string, string]>(
  'agency-identifier',
  'holder',
  `
  SELECT person_id AS "personId" FROM person_identifiers
   WHERE tenant_id = $1 AND kind = $2 AND issuer = $3 AND value = $4`,
);

export const agencyIdentifierRepository = {
  /** Add the agency's number for the person; false when some person (perhaps this one) holds it already. */
  async insert(db: Db, tenantId: string, personId: string, agencyId: string, value: string): Promise<boolean> {
    const inserted = await rows(db, insert, [
      tenantId,
      personId,
      IdentifierKind.AGENCY_CUSTOMER_NUMBER,
      agencyId,
      value,
    ]);
    return inserted.length > 0;
  },

  /** Who holds the agency's number, if anyone. */
  async holder(db: Db, tenantId: string, agencyId: string, value: string): Promise<string | null> {
    const row = await maybeOne(db, holder, [tenantId, IdentifierKind.AGENCY_CUSTOMER_NUMBER, agencyId, value]);
    return row?.personId ?? null;
  },
};

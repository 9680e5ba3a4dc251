import { maybeOne, statement, type Db } from './statement.js';

/** Who a credential belongs to: a staff user or an agency, with the tenant it is valid in. */
export interface PrincipalRow {
  kind: 'staff' | 'agency';
  tenant_id: string;
  id: string;
  role: string | null;
  display_name: string;
  region_id: string | null;
  coordination_area_id: string | null;
  may_override: boolean;
  agency_kind: string | null;
  credential_id: string | null;
  credential_expires_at: Date | null;
}

// The one database function that may look across tenants: no tenant is known before this.
const byTokenHash = statement<PrincipalRow, [string]>(
  'principal',
  'byTokenHash',
  `
  SELECT * FROM kim_principal_by_token_hash($1)`,
  { prepared: true },
);

export const principalRepository = {
  byTokenHash: (db: Db, hash: string) => maybeOne(db, byTokenHash, [hash]),
};

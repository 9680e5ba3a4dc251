import { createHash, randomBytes } from 'node:crypto';
import type { StaffRole } from '@kim/contracts';
import { principalRepository, type Db } from '@kim/persistence';
import type { Principal } from './principal.js';

/**
 * The one hash of a credential (an agency's API key, a staff user's token): only this is stored,
 * and a bearer token is looked up by it. Every place that stores or checks a key uses this.
 */
export const hashCredential = (credential: string): string => createHash('sha256').update(credential).digest('hex');

/** A new agency API key: shown once, stored only as its hash. */
export const newApiKey = (): string => `kim_${randomBytes(24).toString('base64url')}`;

/** The principal a credential's hash belongs to, or null. Looks across tenants (no tenant is known yet). */
export async function principalByCredentialHash(db: Db, hash: string): Promise<Principal | null> {
  const row = await principalRepository.byTokenHash(db, hash);
  if (!row) return null;
  if (row.kind === 'staff') {
    return {
      kind: 'staff',
      tenantId: row.tenant_id,
      userId: row.id,
      role: row.role as StaffRole,
      displayName: row.display_name,
      regionId: row.region_id,
      coordinationAreaId: row.coordination_area_id,
      mayOverride: row.may_override,
    };
  }
  return {
    kind: 'agency',
    tenantId: row.tenant_id,
    agencyId: row.id,
    agencyKind: row.agency_kind!,
    name: row.display_name,
  };
}

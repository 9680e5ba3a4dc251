import { createHash, randomBytes } from 'node:crypto';
import type { StaffRole } from '@kim/contracts';
import { principalRepository, type Db, type PrincipalRow } from '@kim/persistence';
import type { Principal } from './principal.js';

/**
 * The one hash of a credential (an agency's API key, a staff user's token): only this is stored,
 * and a bearer token is looked up by it. Every place that stores or checks a key uses this.
 */
export const hashCredential = (credential: string): string => createHash('sha256').update(credential).digest('hex');

/** A new agency API key: shown once, stored only as its hash. */
export const newApiKey = (): string => `kim_${randomBytes(24).toString('base64url')}`;

/** A new staff token: shown once, stored only as its hash. */
export const newStaffToken = (): string => `kims_${randomBytes(24).toString('base64url')}`;

/** How many characters of a secret a list shows: enough to tell keys apart, far too few to use. */
export const CREDENTIAL_PREFIX_LENGTH = 12;
export const credentialPrefix = (secret: string): string => secret.slice(0, CREDENTIAL_PREFIX_LENGTH);

/** A sign-in: who, with which credential, valid until when (null: until revoked). */
export interface SignIn {
  principal: Principal;
  credentialId: string | null;
  expiresAt: Date | null;
}

/** The principal a credential's hash belongs to, or null. Looks across tenants (no tenant is known yet). */
export async function principalByCredentialHash(db: Db, hash: string): Promise<Principal | null> {
  return (await signInByCredentialHash(db, hash))?.principal ?? null;
}

/**
 * Sign in with a credential's hash: only a credential neither revoked nor expired, of an active
 * staff user or an agency. Counts the credential's last use.
 */
export async function signInByCredentialHash(db: Db, hash: string): Promise<SignIn | null> {
  const row = await principalRepository.byTokenHash(db, hash);
  if (!row) return null;
  return { principal: principalOf(row), credentialId: row.credential_id, expiresAt: row.credential_expires_at };
}

function principalOf(row: PrincipalRow): Principal {
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

import { StaffRole } from '@kim/contracts';

/**
 * What a tenant's identity provider says about a person, read the way the tenant configured it.
 * Pure: the claims of an ID token in, a staff user to provision (or the reason not to) out.
 */

/** Which claims carry what (the provider's configuration); role and areas only when named. */
export interface ClaimMapping {
  name: string;
  email: string;
  role?: string | undefined;
  region?: string | undefined;
  coordinationArea?: string | undefined;
  /** Provider role values and the hub role each stands for; unset: the hub's own role names. */
  roles?: Record<string, 'case-manager' | 'coordinator'> | undefined;
}

export interface NamedArea {
  id: string;
  name: string;
}

export interface ProvisionedStaff {
  displayName: string;
  email: string;
  role: typeof StaffRole.CASE_MANAGER | typeof StaffRole.COORDINATOR;
  regionId: string | null;
  coordinationAreaId: string | null;
}

export type Provisioning = { ok: true; staff: ProvisionedStaff } | { ok: false; reason: string };

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}$/;

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const values = (v: unknown): string[] => (Array.isArray(v) ? v : [v]).map(text).filter((s): s is string => s !== null);

/** An e-mail claim, lower-cased, if it is one. */
export function emailOf(claims: Record<string, unknown>, mapping: Pick<ClaimMapping, 'email'>): string | null {
  const email = text(claims[mapping.email])?.toLowerCase() ?? null;
  return email && EMAIL.test(email) ? email : null;
}

/** An area named by a claim: by id or by exact name (names are unique in a tenant). */
function areaNamed(claim: unknown, areas: readonly NamedArea[]): NamedArea | null {
  for (const v of values(claim)) {
    const hit = areas.find((a) => a.id === v.toLowerCase() || a.name === v);
    if (hit) return hit;
  }
  return null;
}

/**
 * A new staff user from the claims of a first sign-in: a role the claims name (through the
 * mapping) that may be provisioned (case manager, coordinator; never an administrator), the area
 * that role needs, an e-mail and a name. Anything missing: refused with the reason.
 */
export function provisioningFromClaims(
  claims: Record<string, unknown>,
  mapping: ClaimMapping,
  areas: { regions: readonly NamedArea[]; coordinationAreas: readonly NamedArea[] },
): Provisioning {
  if (!mapping.role) return { ok: false, reason: 'no role claim is configured' };
  const allowed: Record<string, ProvisionedStaff['role']> = mapping.roles ?? {
    [StaffRole.CASE_MANAGER]: StaffRole.CASE_MANAGER,
    [StaffRole.COORDINATOR]: StaffRole.COORDINATOR,
  };
  const role = values(claims[mapping.role])
    .map((v) => (Object.hasOwn(allowed, v) ? allowed[v] : undefined))
    .find((r) => r !== undefined);
  if (!role) return { ok: false, reason: `the claim ${mapping.role} names no role of the hub` };
  const email = emailOf(claims, mapping);
  if (!email) return { ok: false, reason: `the claim ${mapping.email} holds no e-mail address` };
  const displayName = (text(claims[mapping.name]) ?? email).slice(0, 200);
  if (role === StaffRole.CASE_MANAGER) {
    const region = mapping.region ? areaNamed(claims[mapping.region], areas.regions) : null;
    if (!region)
      return { ok: false, reason: 'a case manager needs a regional area, and the claims name none of this tenant' };
    return { ok: true, staff: { displayName, email, role, regionId: region.id, coordinationAreaId: null } };
  }
  const area = mapping.coordinationArea ? areaNamed(claims[mapping.coordinationArea], areas.coordinationAreas) : null;
  if (!area) {
    return { ok: false, reason: 'a coordinator needs a coordination area, and the claims name none of this tenant' };
  }
  return { ok: true, staff: { displayName, email, role, regionId: null, coordinationAreaId: area.id } };
}

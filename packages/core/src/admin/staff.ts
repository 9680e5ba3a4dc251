import type { DataSource } from 'typeorm';
import { staffUserInputSchema, staffUserUpdateSchema, uuidSchema } from '@kim/contracts';
import { staffRepository, type Db, type StaffAdminRow } from '@kim/persistence';
import { audit } from '../ledger/audit.js';
import { DomainError, notFound } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { adminUserOf, assertAdministers, changedFields, parse, refusal } from './authority.js';

/** Every staff user of a tenant, active or not. */
export const listStaff = (db: Db, tenantId: string): Promise<StaffAdminRow[]> => staffRepository.list(db, tenantId);

/** Largest page of the administration's staff list. */
export const MAX_STAFF_PAGE = 100;

/**
 * One page of the staff users of a tenant, by name: up to `first` after the staff user `after`
 * (the previous page's last id). `hasNextPage` is read with one row more, not a count.
 */
export async function pageStaff(
  db: Db,
  p: Principal,
  first: number,
  after: string | null = null,
): Promise<{ items: StaffAdminRow[]; hasNextPage: boolean }> {
  assertAdministers(p);
  if (!Number.isInteger(first) || first < 1 || first > MAX_STAFF_PAGE) {
    throw new DomainError('INVALID_INPUT', `first must be between 1 and ${MAX_STAFF_PAGE}`, {
      problems: [{ path: 'first', message: `between 1 and ${MAX_STAFF_PAGE}` }],
    });
  }
  if (after !== null) {
    const cursor = parse(uuidSchema, after, 'cursor (after)');
    if ((await staffRepository.byIds(db, p.tenantId, [cursor])).length === 0) {
      throw new DomainError('INVALID_INPUT', `no staff user ${after} to page after`, {
        problems: [{ path: 'after', message: 'not a staff user of this tenant' }],
      });
    }
  }
  const rows = await staffRepository.page(db, p.tenantId, after, first + 1);
  return { items: rows.slice(0, first), hasNextPage: rows.length > first };
}

const MISSING_AREA = 'the regional or coordination area named does not exist in this tenant';

/** A staff user with role and areas. They sign in with a credential issued to them, or by single sign-on. */
export async function createStaffUser(ds: DataSource, p: Principal, input: unknown): Promise<StaffAdminRow> {
  assertAdministers(p);
  const s = parse(staffUserInputSchema, input, 'staff user');
  return ds.transaction(async (m) => {
    const id = await staffRepository
      .insert(m, p.tenantId, {
        displayName: s.displayName,
        email: s.email.toLowerCase(),
        role: s.role,
        regionId: s.regionId ?? null,
        coordinationAreaId: s.coordinationAreaId ?? null,
        fte: s.fte != null ? s.fte.toFixed(2) : null,
      })
      .catch((e: unknown) => refusal(e, `a staff user with e-mail ${s.email} exists already`, MISSING_AREA));
    await audit(m, p, {
      action: 'staff.created',
      subjectType: 'staff-user',
      subjectId: id,
      allowed: true,
      reason: s.role,
    });
    return (await staffRepository.lock(m, p.tenantId, id))!;
  });
}

/** Change a staff user's name, e-mail, role or areas, or deactivate them (no sign-in from then on). */
export async function updateStaffUser(
  ds: DataSource,
  p: Principal,
  id: string,
  patch: unknown,
): Promise<StaffAdminRow> {
  assertAdministers(p);
  const u = parse(staffUserUpdateSchema, patch, 'staff user');
  return ds.transaction(async (m) => {
    const old = await staffRepository.lock(m, p.tenantId, id);
    if (!old) throw notFound('staff user', id);
    if (u.active === false && adminUserOf(p) === id) {
      throw new DomainError('CONFLICT', 'you cannot deactivate yourself; ask another tenant administrator');
    }
    const next = {
      displayName: u.displayName ?? old.displayName,
      email: (u.email ?? old.email).toLowerCase(),
      role: u.role ?? old.role,
      regionId: u.regionId === undefined ? old.regionId : u.regionId,
      coordinationAreaId: u.coordinationAreaId === undefined ? old.coordinationAreaId : u.coordinationAreaId,
      fte: u.fte === undefined ? old.fte : u.fte === null ? null : u.fte.toFixed(2),
    };
    // The whole user must still be one the access policy can read (e.g. a case manager keeps a region).
    parse(staffUserInputSchema, { ...next, fte: next.fte === null ? null : Number(next.fte) }, 'staff user');
    const deactivated = u.active === undefined ? old.deactivatedAt !== null : !u.active;
    await staffRepository
      .write(m, p.tenantId, id, next, deactivated)
      .catch((e: unknown) => refusal(e, `a staff user with e-mail ${next.email} exists already`, MISSING_AREA));
    await audit(m, p, {
      action: 'staff.updated',
      subjectType: 'staff-user',
      subjectId: id,
      allowed: true,
      reason: changedFields(u),
    });
    return (await staffRepository.lock(m, p.tenantId, id))!;
  });
}

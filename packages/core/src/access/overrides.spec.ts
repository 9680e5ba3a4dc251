import { StaffRole } from '@kim/contracts';
import { overrideOpensCase, whyNoOverride, whyNoReview } from './staff-access.js';
import type { Principal } from '../common/principal.js';

const scope = { regionId: 'region-rheine', coordinationAreaId: 'area-rheine' };
const staff = (role: StaffRole, over: Partial<Extract<Principal, { kind: 'staff' }>> = {}): Principal => ({
  kind: 'staff',
  tenantId: 't',
  userId: 'u1',
  role,
  displayName: 'x',
  regionId: 'region-lengerich',
  coordinationAreaId: 'area-kreis',
  ...over,
});

describe('who may break the glass', () => {
  // Every role × permission × ordinary access: exactly staff working with persons, holding the
  // permission, outside their ordinary reach.
  const cases = Object.values(StaffRole).flatMap((role) =>
    [true, false, undefined].flatMap((mayOverride) => [false, true].map((inArea) => ({ role, mayOverride, inArea }))),
  );
  it.each(cases)('%o', ({ role, mayOverride, inArea }) => {
    const p = staff(role, {
      ...(mayOverride === undefined ? {} : { mayOverride }),
      ...(inArea ? { regionId: scope.regionId, coordinationAreaId: scope.coordinationAreaId } : {}),
    });
    // Case managers and coordinators work with persons; operators and tenant administrators never.
    const worksWithPersons = role === StaffRole.CASE_MANAGER || role === StaffRole.COORDINATOR;
    const ordinary = inArea && worksWithPersons;
    const expected = worksWithPersons && mayOverride === true && !ordinary;
    expect(whyNoOverride(p, scope) === null).toBe(expected);
  });

  it('never lets agencies or the system break the glass', () => {
    expect(
      whyNoOverride({ kind: 'agency', tenantId: 't', agencyId: 'a', agencyKind: 'jobcenter', name: 'x' }, scope),
    ).toMatch(/only staff/);
    expect(whyNoOverride({ kind: 'system', tenantId: 't' }, scope)).toMatch(/only staff/);
  });
});

describe('what an override opens', () => {
  const at = new Date('2026-11-26T10:00:00Z');
  const grant = { staffUserId: 'u1', caseId: 'c1', expiresAt: new Date('2026-11-26T10:30:00Z') };
  const p = staff(StaffRole.CASE_MANAGER, { mayOverride: true });

  it('opens its case to its holder until it expires', () => {
    expect(overrideOpensCase(p, 'c1', grant, at)).toBe(true);
    expect(overrideOpensCase(p, 'c1', grant, grant.expiresAt)).toBe(false);
  });

  it('opens no other case and nothing to anyone else', () => {
    expect(overrideOpensCase(p, 'c2', grant, at)).toBe(false);
    expect(overrideOpensCase(staff(StaffRole.CASE_MANAGER, { userId: 'u2', mayOverride: true }), 'c1', grant, at)).toBe(
      false,
    );
  });
});

describe('who reviews an override', () => {
  const coordinator = staff(StaffRole.COORDINATOR, { userId: 'co', coordinationAreaId: 'area-rheine' });

  it("is the coordinator of the case's area", () => {
    expect(whyNoReview(coordinator, scope, 'u1')).toBeNull();
    expect(whyNoReview({ ...coordinator, coordinationAreaId: 'area-kreis' } as Principal, scope, 'u1')).toMatch(
      /outside/,
    );
  });

  it('is never the one who opened it, nor a case manager or operator', () => {
    expect(whyNoReview(coordinator, scope, 'co')).toMatch(/someone other/);
    expect(whyNoReview(staff(StaffRole.CASE_MANAGER, { coordinationAreaId: 'area-rheine' }), scope, 'u9')).toMatch(
      /only coordinators/,
    );
    expect(whyNoReview(staff(StaffRole.OPERATOR, { coordinationAreaId: 'area-rheine' }), scope, 'u9')).toMatch(
      /only coordinators/,
    );
  });
});

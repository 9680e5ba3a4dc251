import { StaffRole } from '@kim/contracts';
import type { Principal } from '../common/principal.js';
import { DEFAULT_CASE_ORDER, decodeCaseCursor, encodeCaseCursor, mayOrderBy, type CaseOrder } from './case-order.js';

const ID = '6af90e27-90be-4123-8955-28b5178f7670';
const byRef: CaseOrder = { field: 'reference', direction: 'asc' };
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return `${(e as { code?: string }).code}: ${(e as Error).message}`;
  }
  return 'accepted';
};

describe('case list cursors', () => {
  const byName: CaseOrder = { field: 'familyName', direction: 'asc' };
  // Written by hand: base64url of the JSON the hub gives out, and of the first sortable form.
  const handMade = (v: unknown[]) => Buffer.from(JSON.stringify(v)).toString('base64url');

  it('give back the case id in their own order', () => {
    expect(decodeCaseCursor(encodeCaseCursor(byRef, ID), byRef)).toEqual({ id: ID });
    expect(decodeCaseCursor(handMade(['case-order-2', 'familyName', 'asc', ID]), byName)).toEqual({ id: ID });
  });

  it('hold the order and the id only: no sort key, above all no name', () => {
    const decoded = JSON.parse(Buffer.from(encodeCaseCursor(byName, ID), 'base64url').toString('utf8'));
    expect(decoded).toEqual(['case-order-2', 'familyName', 'asc', ID]);
  });

  it('of the first sortable form (key beside the id) are still taken, by their id', () => {
    const old = handMade(['case-order', 'familyName', 'asc', 'yilmaz', ID]);
    expect(decodeCaseCursor(old, byName)).toEqual({ id: ID });
    expect(code(() => decodeCaseCursor(old, byRef))).toMatch(/another order/);
  });

  it.each<[string, CaseOrder]>([
    ['another field', { field: 'familyName', direction: 'asc' }],
    ['the other direction', { field: 'reference', direction: 'desc' }],
    ['the default order', DEFAULT_CASE_ORDER],
  ])('are refused in %s', (_, other) => {
    expect(code(() => decodeCaseCursor(encodeCaseCursor(byRef, ID), other))).toMatch(/^INVALID_INPUT: .*another order/);
  });

  it('take the form given out before sorting in the default order only', () => {
    const legacy = Buffer.from(`2026-03-02T09:00:00.123Z|${ID}`).toString('base64url');
    expect(decodeCaseCursor(legacy, DEFAULT_CASE_ORDER)).toEqual({ id: ID });
    expect(code(() => decodeCaseCursor(legacy, byRef))).toMatch(/another order/);
  });

  it.each<[string, string, CaseOrder]>([
    ['not base64 JSON', 'bm9wZQ', byRef],
    ['an id that is no uuid', handMade(['case-order-2', 'reference', 'asc', 'x']), byRef],
    ['a tag of no list', handMade(['case-order-9', 'reference', 'asc', ID]), byRef],
    ['too many parts', handMade(['case-order-2', 'reference', 'asc', ID, ID]), byRef],
    ['more than 1,000 characters', 'A'.repeat(1001), byRef],
  ])('refuse %s', (_, cursor, order) => {
    expect(code(() => decodeCaseCursor(cursor, order))).toMatch(/^INVALID_INPUT: after is not a cursor/);
  });
});

describe('who may sort by what', () => {
  const staff: Principal = {
    kind: 'staff',
    tenantId: ID,
    userId: ID,
    role: StaffRole.CASE_MANAGER,
    displayName: 'X',
    regionId: ID,
    coordinationAreaId: null,
  };
  const agency: Principal = { kind: 'agency', tenantId: ID, agencyId: ID, agencyKind: 'jobcenter', name: 'A' };
  it('staff by every field; an agency not by family name (it sees names case by case)', () => {
    expect((['openedAt', 'reference', 'familyName', 'phase'] as const).map((f) => mayOrderBy(staff, f))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect((['openedAt', 'reference', 'familyName', 'phase'] as const).map((f) => mayOrderBy(agency, f))).toEqual([
      true,
      true,
      false,
      true,
    ]);
  });
});

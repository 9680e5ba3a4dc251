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
  it('give back the key and id in their own order', () => {
    expect(decodeCaseCursor(encodeCaseCursor(byRef, 'KIM-2026-00012', ID), byRef)).toEqual({
      key: 'KIM-2026-00012',
      id: ID,
    });
  });

  it.each<[string, CaseOrder]>([
    ['another field', { field: 'familyName', direction: 'asc' }],
    ['the other direction', { field: 'reference', direction: 'desc' }],
    ['the default order', DEFAULT_CASE_ORDER],
  ])('are refused in %s', (_, other) => {
    expect(code(() => decodeCaseCursor(encodeCaseCursor(byRef, 'KIM-2026-00012', ID), other))).toMatch(
      /^INVALID_INPUT: .*another order/,
    );
  });

  it('take the form given out before sorting in the default order only, as microseconds', () => {
    const legacy = Buffer.from(`2026-03-02T09:00:00.123Z|${ID}`).toString('base64url');
    // 2026-03-02T09:00:00.123Z is 1772442000123 ms after the epoch (date -d … +%s%3N).
    expect(decodeCaseCursor(legacy, DEFAULT_CASE_ORDER)).toEqual({ key: '1772442000123000', id: ID });
    expect(code(() => decodeCaseCursor(legacy, byRef))).toMatch(/another order/);
  });

  const phaseAsc: CaseOrder = { field: 'phase', direction: 'asc' };
  const openedAsc: CaseOrder = { field: 'openedAt', direction: 'asc' };
  it.each<[string, string, CaseOrder]>([
    ['not base64 JSON', 'bm9wZQ', byRef],
    ['a key not of its field', encodeCaseCursor(phaseAsc, 'closed', ID), phaseAsc],
    ['an id that is no uuid', encodeCaseCursor(byRef, 'KIM', 'x'), byRef],
    ['an opened-at key that is no number', encodeCaseCursor(openedAsc, '1e9', ID), openedAsc],
  ])('refuse %s', (_, cursor, order) => {
    expect(code(() => decodeCaseCursor(cursor, order))).toBe('INVALID_INPUT: after is not a cursor this API gave out');
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

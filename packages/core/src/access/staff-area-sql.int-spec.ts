import fc from 'fast-check';
import { StaffRole } from '@kim/contracts';
import { staffAreaSql } from '@kim/persistence';
import { isolatedDatabase, type TestDatabase } from '@kim/test-support/db';
import type { Principal } from '../common/principal.js';
import { staffAreaParams, staffSeesCase } from './policy.js';

/**
 * The one SQL fragment of staff area access against the pure rule, in PostgreSQL: for random
 * principals (every role, areas known, unknown or missing) and random cases, the fragment with
 * staffAreaParams admits exactly the cases staffSeesCase lets staff see.
 */
describe('the staff area SQL fragment agrees with staffSeesCase', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await isolatedDatabase('staff_area_sql');
  });
  afterAll(() => db.drop());

  const regions = ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b'];
  const areas = ['00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000c2'];
  const tenantId = '00000000-0000-4000-8000-000000000001';
  const maybeId = (ids: string[]) => fc.oneof(fc.constantFrom(...ids), fc.constant(null));

  const principal: fc.Arbitrary<Principal> = fc.oneof(
    fc.record({
      kind: fc.constant('staff' as const),
      tenantId: fc.constant(tenantId),
      userId: fc.constant('00000000-0000-4000-8000-0000000000ff'),
      role: fc.constantFrom(StaffRole.CASE_MANAGER, StaffRole.COORDINATOR, StaffRole.OPERATOR),
      displayName: fc.constant('X'),
      regionId: maybeId(regions),
      coordinationAreaId: maybeId(areas),
    }),
    fc.constant<Principal>({ kind: 'agency', tenantId, agencyId: regions[0]!, agencyKind: 'jobcenter', name: 'A' }),
    fc.constant<Principal>({ kind: 'system', tenantId }),
  );
  const scope = fc.record({ regionId: fc.constantFrom(...regions), coordinationAreaId: fc.constantFrom(...areas) });

  it('admits exactly what the rule admits', async () => {
    await fc.assert(
      fc.asyncProperty(principal, scope, async (p, c) => {
        const params = staffAreaParams(p);
        const [row] = await db.ds.query<{ sees: boolean }[]>(
          `SELECT coalesce(${staffAreaSql('c', 'r', '$1', '$2')}, false) AS sees
             FROM (SELECT $3::uuid AS region_id) c, (SELECT $4::uuid AS coordination_area_id) r`,
          [params.regionId, params.coordinationAreaId, c.regionId, c.coordinationAreaId],
        );
        expect(row!.sees).toBe(staffSeesCase(p, c));
      }),
      { numRuns: 300 },
    );
  });
});

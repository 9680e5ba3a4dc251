import { caseRepository, declaredStatements } from '@kim/persistence';
import { isolatedDatabase, type TestDatabase } from '@kim/test-support/db';
import { seedDemo, type DemoCredentials } from '@kim/demo-data';

/**
 * The linked case's one statement for case, area and person (caseRepository.scopeWithPerson):
 * the person is the case's own, of the case's tenant, with every column as stored. The oracle is
 * the person written below by hand, a second person with the same id in another tenant, and the
 * demo's cases read with plain SQL.
 */
describe('a case with its person in one statement', () => {
  let db: TestDatabase;
  let creds: DemoCredentials;
  const personId = '0190f3a1-7c2e-7d4b-9a10-5e2f00c0ffee';
  const caseId = '0190f3a1-7c2e-7d4b-9a10-5e2f00ca5e01';
  const otherTenant = '0190f3a1-7c2e-7d4b-9a10-5e2f0007e4a1';
  let regionId: string;
  let areaId: string;
  let managerId: string;

  beforeAll(async () => {
    db = await isolatedDatabase('casewithperson');
    creds = await seedDemo(db.ds, { simulatorUrl: 'http://127.0.0.1:9', persons: 3, credentialPrefix: 'cwp' });
    [{ regionId, areaId, managerId }] = await db.ds.query(
      `SELECT c.region_id AS "regionId", r.coordination_area_id AS "areaId", c.case_manager_id AS "managerId"
         FROM cases c JOIN regions r ON r.id = c.region_id ORDER BY c.id LIMIT 1`,
    );
    await db.ds.query(
      `INSERT INTO persons (tenant_id, id, given_names, family_name, name_original_script, aliases, birth_date,
                            birth_date_precision, sex, nationality, languages, residence_status, municipality,
                            arrival_date, do_not_contact)
       VALUES ($1, $2, 'Amina', 'Haddad', 'أمينة حداد', '[{"givenNames":"Amina","familyName":"Hadad"}]',
               '1990-04-03', 'exact', 'female', 'SY', '{ar,de}', 'aufenthaltserlaubnis', 'Rheine', '2023-09-14', true)`,
      [creds.tenantId, personId],
    );
    await db.ds.query(
      `INSERT INTO cases (tenant_id, id, reference, person_id, case_manager_id, region_id, phase, opened_at, version)
       VALUES ($1, $2, 'CWP-2026-00001', $3, $4, $5, 'intake', '2026-02-01T08:30:00Z', 1)`,
      [creds.tenantId, caseId, personId, managerId, regionId],
    );
    // Another Kreis holds a person under the same id: never the case's person.
    await db.ds.query(`INSERT INTO tenants (id, slug, name) VALUES ($1, 'cwp-other', 'Anderer Kreis')`, [otherTenant]);
    await db.ds.query(
      `INSERT INTO persons (tenant_id, id, given_names, family_name, aliases, birth_date_precision, sex, languages,
                            municipality)
       VALUES ($1, $2, 'Falsch', 'Anderswo', '[]', 'exact', 'male', '{}', 'Elsewhere')`,
      [otherTenant, personId],
    );
  });
  afterAll(() => db.drop());

  it('reads the case, its area and its person as written', async () => {
    const row = await caseRepository.scopeWithPerson(db.ds, creds.tenantId, caseId);
    expect(row).toEqual({
      id: caseId,
      personId,
      regionId,
      coordinationAreaId: areaId,
      caseManagerId: managerId,
      phase: 'intake',
      reference: 'CWP-2026-00001',
      openedAt: new Date('2026-02-01T08:30:00Z'),
      closedAt: null,
      person: {
        tenantId: creds.tenantId,
        id: personId,
        givenNames: 'Amina',
        familyName: 'Haddad',
        nameOriginalScript: 'أمينة حداد',
        aliases: [{ givenNames: 'Amina', familyName: 'Hadad' }],
        birthDate: '1990-04-03',
        birthDatePrecision: 'exact',
        sex: 'female',
        nationality: 'SY',
        languages: ['ar', 'de'],
        residenceStatus: 'aufenthaltserlaubnis',
        municipality: 'Rheine',
        arrivalDate: '2023-09-14',
        doNotContact: true,
        erasedAt: null,
        createdAt: expect.any(Date),
        mergedIntoId: null,
      },
    });
  });

  it('is one row for the case, though another tenant has a person under the same id', async () => {
    const text = declaredStatements().find((s) => s.repository === 'case' && s.name === 'scopeWithPerson')!.text;
    const found: { p_familyName: string }[] = await db.ds.query(text, [creds.tenantId, caseId]);
    expect(found.map((r) => r.p_familyName)).toEqual(['Haddad']);
  });

  it("gives every demo case its own person, and nothing for an unknown case or another tenant's", async () => {
    const demo: { id: string; personId: string; familyName: string }[] = await db.ds.query(
      `SELECT c.id, c.person_id AS "personId", p.family_name AS "familyName"
         FROM cases c JOIN persons p ON p.tenant_id = c.tenant_id AND p.id = c.person_id
        WHERE c.tenant_id = $1 AND c.id <> $2`,
      [creds.tenantId, caseId],
    );
    expect(demo.length).toBeGreaterThanOrEqual(3);
    for (const c of demo) {
      const row = await caseRepository.scopeWithPerson(db.ds, creds.tenantId, c.id);
      expect([row?.id, row?.person?.id, row?.person?.familyName]).toEqual([c.id, c.personId, c.familyName]);
    }
    expect(
      await caseRepository.scopeWithPerson(db.ds, creds.tenantId, '0190f3a1-7c2e-7d4b-9a10-5e2f00000000'),
    ).toBeNull();
    expect(await caseRepository.scopeWithPerson(db.ds, otherTenant, caseId)).toBeNull();
  });
});

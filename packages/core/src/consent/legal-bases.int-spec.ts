import { randomUUID } from 'node:crypto';
import { consentRepository, referralRepository } from '@kim/persistence';
import { isolatedDatabase, type TestDatabase } from '@kim/test-support/db';
import { seedDemo, type DemoCredentials } from '@kim/demo-data';
import { legalBasesFor } from './consent-check.js';

/**
 * The one loader of legal bases returns only those in effect: confirmed, valid, in scope, on a
 * listed norm that reaches the agency (with the norm's categories only). The expectations are
 * written out by hand per basis, apart from the SQL and the norm table.
 */
describe('legal bases in effect', () => {
  let db: TestDatabase;
  let creds: DemoCredentials;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await isolatedDatabase('legalbases');
    creds = await seedDemo(db.ds, { simulatorUrl: 'http://127.0.0.1:9', persons: 6, credentialPrefix: 'lgb' });
    const region = (key: string) => creds.regions.find((r) => r.key === key)!.id;
    const staff = (key: string) => creds.staff.find((s) => s.key === key)!.id;
    const agency = (key: string) => creds.agencies.find((a) => a.key === key)!.id;
    // One person with a case in Rheine (A), one in Steinfurt (B); and another person's case (C) in Rheine.
    const [{ id: person }] = await db.ds.query(`SELECT id FROM persons WHERE tenant_id = $1 ORDER BY id LIMIT 1`, [
      creds.tenantId,
    ]);
    const [{ id: other }] = await db.ds.query(
      `SELECT id FROM persons WHERE tenant_id = $1 ORDER BY id OFFSET 1 LIMIT 1`,
      [creds.tenantId],
    );
    ids.person = person;
    const newCase = async (key: string, personId: string, regionKey: string, manager: string) => {
      const [row] = await db.ds.query(
        `INSERT INTO cases (tenant_id, reference, person_id, case_manager_id, region_id, phase, version)
         VALUES ($1, $2, $3, $4, $5, 'linking', 1) RETURNING id`,
        [creds.tenantId, `LGB-${key}`, personId, staff(manager), region(regionKey)],
      );
      ids[key] = row.id;
    };
    await newCase('caseA', person, 'rheine', 'cm-rheine-1');
    await newCase('caseB', person, 'steinfurt', 'cm-steinfurt-1');
    await newCase('caseC', other, 'rheine', 'cm-rheine-1');
    const [{ id: rheineArea }] = await db.ds.query(`SELECT coordination_area_id AS id FROM regions WHERE id = $1`, [
      region('rheine'),
    ]);
    const [{ id: kreisArea }] = await db.ds.query(`SELECT coordination_area_id AS id FROM regions WHERE id = $1`, [
      region('steinfurt'),
    ]);
    const basis = async (
      key: string,
      b: {
        agency?: string;
        caseKey?: string;
        area?: string;
        status?: string;
        norm?: string;
        categories?: string;
        from?: string;
        until?: string | null;
      },
    ) => {
      const caseId = b.caseKey ? ids[b.caseKey]! : null;
      const [row] = await db.ds.query(
        `INSERT INTO legal_bases (tenant_id, recipient_agency_id, person_id, case_id, coordination_area_id, purposes, categories,
                                  citation, norm, valid_from, valid_until, recorded_by, review_status, reviewed_by, reviewed_at)
         VALUES ($1, $2, (SELECT person_id FROM cases WHERE id = $3), $3, $4, '{referral}', $5, 'cited', $6, $7, $8, $9, $10,
                 CASE WHEN $10 = 'pending' THEN NULL ELSE $11::uuid END, CASE WHEN $10 = 'pending' THEN NULL ELSE now() END)
         RETURNING id`,
        [
          creds.tenantId,
          agency(b.agency ?? 'abh'),
          caseId,
          b.area ?? null,
          b.categories ?? '{identity,residence-status}',
          b.norm ?? 'AUFENTHG_87',
          b.from ?? '2026-01-01',
          b.until === undefined ? null : b.until,
          staff('coordinator-rheine'),
          b.status ?? 'confirmed',
          staff('coordinator-rheine-2'),
        ],
      );
      ids[key] = row.id;
    };
    await basis('confirmedOnA', { caseKey: 'caseA' });
    await basis('pendingOnA', { caseKey: 'caseA', status: 'pending' });
    await basis('rejectedRheine', { area: rheineArea, status: 'rejected' });
    await basis('confirmedKreis', { area: kreisArea });
    await basis('confirmedRheine', { area: rheineArea });
    await basis('expiredOnA', { caseKey: 'caseA', until: '2026-06-30' });
    await basis('futureOnA', { caseKey: 'caseA', from: '2027-01-01' });
    await basis('normForJobcenters', { caseKey: 'caseA', norm: 'SGBII_50' });
    await basis('benefitsOnA', { caseKey: 'caseA', categories: '{identity,benefits}' });
    await basis('otherAgency', { caseKey: 'caseA', agency: 'jc', norm: 'SGBX_69', categories: '{identity}' });
    await basis('onOtherPersonsCase', { caseKey: 'caseC' });
  });
  afterAll(() => db.drop());

  const at = new Date('2026-12-03T12:00:00Z');
  const abh = () => creds.agencies.find((a) => a.key === 'abh')!.id;
  const load = async (caseKey?: string) =>
    (
      await legalBasesFor(db.ds.manager, creds.tenantId, ids.person!, abh(), {
        at,
        ...(caseKey ? { caseId: ids[caseKey]! } : {}),
      })
    )
      .map((b) => ({ key: Object.keys(ids).find((k) => ids[k] === b.id)!, categories: [...b.categories] }))
      .sort((x, y) => x.key.localeCompare(y.key));

  it('for data leaving case A (Rheine): the bases of that case and of the Rheine area', async () => {
    expect(await load('caseA')).toEqual([
      { key: 'benefitsOnA', categories: ['identity'] },
      { key: 'confirmedOnA', categories: ['identity', 'residence-status'] },
      { key: 'confirmedRheine', categories: ['identity', 'residence-status'] },
    ]);
  });

  it('for data leaving case B (Steinfurt): only the Kreis area basis, none recorded for case A', async () => {
    expect(await load('caseB')).toEqual([{ key: 'confirmedKreis', categories: ['identity', 'residence-status'] }]);
  });

  it("for the person (reads, reports): every basis in effect for one of the person's cases", async () => {
    expect(await load()).toEqual([
      { key: 'benefitsOnA', categories: ['identity'] },
      { key: 'confirmedKreis', categories: ['identity', 'residence-status'] },
      { key: 'confirmedOnA', categories: ['identity', 'residence-status'] },
      { key: 'confirmedRheine', categories: ['identity', 'residence-status'] },
    ]);
  });

  describe("an agency's grant facts for the person of a case, in one statement", () => {
    // Consents of the person (on case A and on case B, one a service consent, one revoked, one to
    // another agency) and one of the other person: the statement returns the person's, all of them.
    const consents: Record<string, string> = {};
    const revokedAt = new Date('2026-11-30T08:15:30.123Z');
    beforeAll(async () => {
      const staff = creds.staff.find((s) => s.key === 'cm-rheine-1')!.id;
      const agency = (key: string) => creds.agencies.find((a) => a.key === key)!.id;
      const consent = async (
        key: string,
        caseKey: string,
        personKey: string,
        c: { agency?: string; kind?: 'service' },
      ) => {
        consents[key] = randomUUID();
        await consentRepository.insert(db.ds, {
          tenantId: creds.tenantId,
          id: consents[key],
          personId:
            personKey === 'person'
              ? ids.person!
              : ((await db.ds.query(`SELECT person_id AS id FROM cases WHERE id = $1`, [ids[caseKey]]))[0]
                  .id as string),
          caseId: ids[caseKey]!,
          recipientAgencyId: agency(c.agency ?? 'abh'),
          recipientTenantId: null,
          purposes: ['referral'] as never,
          categories: ['identity', 'contact'] as never,
          validFrom: '2026-01-01',
          validUntil: '2027-12-31',
          evidence: { formVersion: 'v1', signedOn: '2026-01-01', explainedInLanguage: 'de', interpreterUsed: false },
          kind: c.kind ?? 'disclosure',
          grantor: null,
          provisions: null,
          capturedBy: staff,
        });
      };
      await consent('onA', 'caseA', 'person', {});
      await consent('serviceOnB', 'caseB', 'person', { kind: 'service' });
      await consent('toJobcenter', 'caseA', 'person', { agency: 'jc' });
      await consent('revokedOnA', 'caseA', 'person', {});
      await consentRepository.revoke(db.ds, creds.tenantId, consents.revokedOnA!, revokedAt);
      await consent('otherPerson', 'caseC', 'other', {});
      // Two referrals on case A (the older first), one on case C; none on case B.
      const referral = async (key: string, caseKey: string, serviceCode: string, createdAt: string) => {
        const service = creds.services.find((x) => x.code === serviceCode)!;
        consents[key] = randomUUID();
        await db.ds.query(
          `INSERT INTO referrals (tenant_id, id, case_id, service_id, agency_id, purpose, categories, status, created_by,
                                  requested_at, created_at, version)
           VALUES ($1, $2, $3, $4, (SELECT agency_id FROM services WHERE id = $4), 'referral', '{identity}', 'requested',
                   $5, $6, $6, 1)`,
          [creds.tenantId, consents[key], ids[caseKey], service.id, staff, createdAt],
        );
      };
      await referral('referralA2', 'caseA', 'ABH-AUFENTHALT', '2026-11-02T10:00:00Z');
      await referral('referralA1', 'caseA', 'AA-BERUFSBERATUNG', '2026-11-01T10:00:00Z');
      await referral('referralC', 'caseC', 'AA-BERUFSBERATUNG', '2026-11-01T10:00:00Z');
    });

    const facts = async (caseKey: string, off: string[] = []) => {
      const f = await consentRepository.grantFactsOfCase(
        db.ds,
        { tenantId: creds.tenantId, caseId: ids[caseKey]!, agencyId: abh(), day: '2026-12-03' },
        off,
      );
      if (!f) return null;
      const keyOf = (id: string) => Object.keys(consents).find((k) => consents[k] === id) ?? 'seeded';
      return {
        personId: f.personId,
        // The seeded demo's own consents of the person are there too; each is the person's.
        consents: f.consents
          .filter((k) => keyOf(k.id) !== 'seeded')
          .map((k) => keyOf(k.id))
          .sort(),
        consentsOfOthers: f.consents.filter((k) => k.personId !== f.personId).length,
        legalBases: f.legalBases.map((b) => Object.keys(ids).find((k) => ids[k] === b.id)!).sort(),
        revokedAt: f.consents.find((k) => k.id === consents.revokedOnA)?.revokedAt,
        referrals: f.referrals.map((t) => [
          keyOf(t.referral.id),
          t.service.id === t.referral.serviceId,
          t.agency.id === t.referral.agencyId,
        ]),
      };
    };

    it("of case A: the person's consents of every kind and recipient, and the bases in effect on any of their cases (norm not yet filtered)", async () => {
      expect(await facts('caseA')).toEqual({
        personId: ids.person,
        consents: ['onA', 'revokedOnA', 'serviceOnB', 'toJobcenter'],
        consentsOfOthers: 0,
        legalBases: ['benefitsOnA', 'confirmedKreis', 'confirmedOnA', 'confirmedRheine', 'normForJobcenters'],
        revokedAt,
        referrals: [
          ['referralA1', true, true],
          ['referralA2', true, true],
        ],
      });
    });

    it("the referrals come as the referral loader's statement reads them (same fields, same types)", async () => {
      const f = await consentRepository.grantFactsOfCase(
        db.ds,
        { tenantId: creds.tenantId, caseId: ids.caseA!, agencyId: abh(), day: '2026-12-03' },
        [],
      );
      expect(f?.referrals).toEqual(await referralRepository.withTargetsOfCases(db.ds, creds.tenantId, [ids.caseA!]));
    });

    it('of case B (same person, other area): the same facts, the grant being the person’s', async () => {
      const b = await facts('caseB');
      expect(b?.consents).toEqual(['onA', 'revokedOnA', 'serviceOnB', 'toJobcenter']);
      expect(b?.referrals).toEqual([]);
      expect(b?.legalBases).toEqual([
        'benefitsOnA',
        'confirmedKreis',
        'confirmedOnA',
        'confirmedRheine',
        'normForJobcenters',
      ]);
    });

    it("of the other person's case C: theirs only", async () => {
      expect(await facts('caseC')).toMatchObject({
        consents: ['otherPerson'],
        consentsOfOthers: 0,
        referrals: [['referralC', true, true]],
        legalBases: ['confirmedRheine', 'onOtherPersonsCase'],
      });
    });

    it('with the recipient rule switched off (an ablation run): the bases naming another agency too', async () => {
      expect((await facts('caseA', ['agency.grant.recipient']))?.legalBases).toEqual([
        'benefitsOnA',
        'confirmedKreis',
        'confirmedOnA',
        'confirmedRheine',
        'normForJobcenters',
        'otherAgency',
      ]);
    });

    it('of a case that is not there (or of another tenant): null', async () => {
      expect(
        await consentRepository.grantFactsOfCase(
          db.ds,
          { tenantId: creds.tenantId, caseId: randomUUID(), agencyId: abh(), day: '2026-12-03' },
          [],
        ),
      ).toBeNull();
    });
  });

  it('the database refuses a confirmed basis without a second coordinator or without a scope', async () => {
    const staff = creds.staff.find((s) => s.key === 'coordinator-rheine')!.id;
    await expect(
      db.ds.query(
        `INSERT INTO legal_bases (tenant_id, recipient_agency_id, case_id, purposes, categories, citation, norm, valid_from,
                                  recorded_by, review_status, reviewed_by)
         VALUES ($1, $2, $3, '{referral}', '{identity}', 'x', 'AUFENTHG_87', '2026-01-01', $4, 'confirmed', $4)`,
        [creds.tenantId, abh(), ids.caseA, staff],
      ),
    ).rejects.toThrow(/CHK_legal_bases_confirmed/);
    await expect(
      db.ds.query(
        `INSERT INTO legal_bases (tenant_id, recipient_agency_id, purposes, categories, citation, norm, valid_from,
                                  recorded_by, review_status, reviewed_by)
         VALUES ($1, $2, '{referral}', '{identity}', 'x', 'AUFENTHG_87', '2026-01-01', $3, 'confirmed', $4)`,
        [creds.tenantId, abh(), staff, creds.staff.find((s) => s.key === 'coordinator-rheine-2')!.id],
      ),
    ).rejects.toThrow(/CHK_legal_bases_confirmed/);
  });
});

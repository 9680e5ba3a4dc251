import { In, type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import {
  AgencyEntity,
  CaseNeedEntity,
  ConsentEntity,
  GoalEntity,
  PersonEntity,
  PersonIdentifierEntity,
  ReferralEntity,
  RegionEntity,
  ServiceEntity,
  StaffUserEntity,
  TimelineEventEntity,
} from '@kim/persistence';
import { isolatedDatabase, type TestDatabase } from '@kim/test-support/db';
import { seedDemo, type DemoCredentials } from '@kim/demo-data';
import { HubQueries } from './queries.js';

/**
 * The loaders read rows with statements of their own instead of TypeORM's query builder; what
 * they hand out must be exactly what TypeORM would have (types, dates, nulls, JSON, arrays).
 */
describe('HubQueries reads rows as TypeORM would', () => {
  let db: TestDatabase;
  let creds: DemoCredentials;
  let queries: HubQueries;

  beforeAll(async () => {
    db = await isolatedDatabase('queries');
    creds = await seedDemo(db.ds, { simulatorUrl: 'http://127.0.0.1:9', persons: 40, credentialPrefix: 'queries' });
    queries = new HubQueries(db.ds);
    // Nulls and timestamps in every shape: a revoked, expired consent with provisions.
    await db.ds.query(
      `UPDATE consents SET revoked_at = '2026-03-01T10:15:30.123456Z', expired_at = now(),
              provisions = '[{"type":"deny","categories":["health"]}]'::jsonb
        WHERE id = (SELECT id FROM consents ORDER BY created_at LIMIT 1)`,
    );
    // The demo has no identifiers: two persons get some, one of them two.
    await db.ds.query(
      `INSERT INTO person_identifiers (tenant_id, person_id, kind, issuer, value)
       SELECT p.tenant_id, p.id, 'agency-customer-number', a.id::text, 'Q-' || left(p.id::text, 8) || '-' || n
         FROM (SELECT * FROM persons ORDER BY id LIMIT 2) p
         JOIN LATERAL (SELECT id FROM agencies WHERE tenant_id = p.tenant_id ORDER BY id LIMIT 1) a ON true
         CROSS JOIN generate_series(1, 2) n
        WHERE n = 1 OR p.id = (SELECT min(id::text)::uuid FROM persons)`,
    );
  });
  afterAll(() => db.drop());

  const typeorm = <T extends ObjectLiteral>(ds: DataSource, entity: EntityTarget<T>, where: object, order = {}) =>
    ds.getRepository(entity).find({ where: where as never, order: order });

  // Rows are plain objects now (docs/architecture.md): equal in every field to TypeORM's entities.
  it.each([
    ['persons', PersonEntity, (t: string, ids: readonly string[]) => queries.persons(t, ids)],
    ['agencies', AgencyEntity, (t: string, ids: readonly string[]) => queries.agencies(t, ids)],
    ['services', ServiceEntity, (t: string, ids: readonly string[]) => queries.services(t, ids)],
    ['staff', StaffUserEntity, (t: string, ids: readonly string[]) => queries.staff(t, ids)],
    ['regions', RegionEntity, (t: string, ids: readonly string[]) => queries.regions(t, ids)],
  ] as const)('by id: %s', async (_name, entity, read) => {
    const expected = await typeorm<ObjectLiteral>(db.ds, entity, { tenantId: creds.tenantId });
    expect(expected.length).toBeGreaterThan(0);
    const ids = expected.map((r) => r.id as string);
    const actual = await read(creds.tenantId, ids);
    expect(actual).toEqual(expected);
  });

  type ByKey = (t: string, keys: readonly string[]) => Promise<object[][]>;
  it.each([
    [
      'timeline by case',
      TimelineEventEntity,
      'caseId',
      { occurredAt: 'ASC', recordedAt: 'ASC' },
      (t, k) => queries.timelineByCase(t, k),
    ],
    ['goals by case', GoalEntity, 'caseId', { createdAt: 'ASC' }, (t, k) => queries.goalsByCase(t, k)],
    ['needs by case', CaseNeedEntity, 'caseId', { id: 'ASC' }, (t, k) => queries.needsByCase(t, k)],
    ['consents by person', ConsentEntity, 'personId', { createdAt: 'ASC' }, (t, k) => queries.consentsByPerson(t, k)],
    [
      'identifiers by person',
      PersonIdentifierEntity,
      'personId',
      { id: 'ASC' },
      (t, k) => queries.identifiersByPerson(t, k),
    ],
    ['services by agency', ServiceEntity, 'agencyId', { code: 'ASC' }, (t, k) => queries.servicesByAgency(t, k)],
  ] as [string, EntityTarget<ObjectLiteral>, string, object, ByKey][])(
    'by key: %s',
    async (_name, entity, key, order, read) => {
      const all = await typeorm<ObjectLiteral>(db.ds, entity, { tenantId: creds.tenantId });
      const keys = [...new Set(all.map((r) => r[key] as string))].slice(0, 12);
      expect(keys.length).toBeGreaterThan(0);
      const groups = await read(creds.tenantId, keys);
      // Needs and identifiers come in no particular order: compared as sets.
      const sorted = (rows: object[]) =>
        'id' in order ? [...rows].sort((a, b) => ((a as { id: string }).id < (b as { id: string }).id ? -1 : 1)) : rows;
      for (const [i, k] of keys.entries()) {
        expect(sorted(groups[i]!)).toEqual(await typeorm(db.ds, entity, { tenantId: creds.tenantId, [key]: k }, order));
      }
    },
  );

  it('by key: referrals by case', async () => {
    const all = await typeorm(db.ds, ReferralEntity, { tenantId: creds.tenantId });
    const keys = [...new Set(all.map((r) => r.caseId))].slice(0, 12);
    const groups = await queries.referralsWithTargets(creds.tenantId, keys);
    for (const [i, k] of keys.entries()) {
      expect(groups[i]!.map((g) => g.referral)).toEqual(
        await typeorm(db.ds, ReferralEntity, { tenantId: creds.tenantId, caseId: k }, { createdAt: 'ASC' }),
      );
    }
  });

  it('reads referrals with their services and agencies in one go', async () => {
    const referrals = await typeorm(db.ds, ReferralEntity, { tenantId: creds.tenantId }, { createdAt: 'ASC' });
    const caseIds = [...new Set(referrals.map((r) => r.caseId))].slice(0, 10);
    const groups = await queries.referralsWithTargets(creds.tenantId, caseIds);
    for (const [i, caseId] of caseIds.entries()) {
      const expected = referrals.filter((r) => r.caseId === caseId);
      expect(groups[i]!.map((g) => g.referral)).toEqual(expected);
      for (const g of groups[i]!) {
        expect(g.service).toEqual(await db.ds.getRepository(ServiceEntity).findOneBy({ id: g.referral.serviceId }));
        expect(g.agency).toEqual(await db.ds.getRepository(AgencyEntity).findOneBy({ id: g.referral.agencyId }));
      }
    }
  });

  it('keeps ids it was asked for in order, with null where a row is missing', async () => {
    const [person] = await typeorm(db.ds, PersonEntity, { tenantId: creds.tenantId });
    const missing = '00000000-0000-4000-8000-000000000000';
    const rows = await queries.persons(creds.tenantId, [missing, person!.id]);
    expect(rows.map((r) => r?.id ?? null)).toEqual([null, person!.id]);
    expect(await typeorm(db.ds, PersonEntity, { id: In([missing]) })).toEqual([]);
  });
});

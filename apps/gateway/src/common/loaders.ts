import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
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
  preparedQuery,
} from '@kim/persistence';
import type { HubQueries } from '@kim/core';

/**
 * DataLoaders, made fresh for every request so nothing is cached across principals. Every
 * field reachable from a list goes through one, so a page costs a fixed number of statements.
 */
export function createLoaders(queries: HubQueries, ds: DataSource, tenantId: string) {
  const byId = <T extends { id: string }>(entity: new () => T) =>
    new DataLoader<string, T | null>((ids) => queries.byIds(entity, tenantId, ids));
  const service = byId(ServiceEntity);
  const agency = byId(AgencyEntity);
  return {
    person: byId(PersonEntity),
    staff: byId(StaffUserEntity),
    region: byId(RegionEntity),
    service,
    agency,
    /** With each referral's service and agency in the same statement, handed to their loaders. */
    referralsByCase: new DataLoader<string, ReferralEntity[]>(async (ids) => {
      const groups = await queries.referralsWithTargets(tenantId, ids);
      for (const group of groups) {
        for (const row of group) {
          service.prime(row.service.id, row.service);
          agency.prime(row.agency.id, row.agency);
        }
      }
      return groups.map((group) => group.map((row) => row.referral));
    }),
    timelineByCase: new DataLoader<string, TimelineEventEntity[]>((ids) =>
      queries.byKey(TimelineEventEntity, 'caseId', tenantId, ids, { occurredAt: 'ASC', recordedAt: 'ASC' }),
    ),
    goalsByCase: new DataLoader<string, GoalEntity[]>((ids) =>
      queries.byKey(GoalEntity, 'caseId', tenantId, ids, { createdAt: 'ASC' }),
    ),
    needsByCase: new DataLoader<string, CaseNeedEntity[]>((ids) =>
      queries.byKey(CaseNeedEntity, 'caseId', tenantId, ids),
    ),
    consentsByPerson: new DataLoader<string, ConsentEntity[]>((ids) =>
      queries.byKey(ConsentEntity, 'personId', tenantId, ids, { createdAt: 'ASC' }),
    ),
    identifiersByPerson: new DataLoader<string, PersonIdentifierEntity[]>((ids) =>
      queries.byKey(PersonIdentifierEntity, 'personId', tenantId, ids),
    ),
    servicesByAgency: new DataLoader<string, ServiceEntity[]>((ids) =>
      queries.byKey(ServiceEntity, 'agencyId', tenantId, ids, { code: 'ASC' }),
    ),
    /** Delivery state of the newest outbound message per referral. */
    deliveryByReferral: new DataLoader<string, string | null>(async (ids) => {
      const rows = await preparedQuery<{ referral_id: string; delivery_state: string }>(
        ds,
        `SELECT DISTINCT ON (referral_id) referral_id, delivery_state FROM outbox_messages
          WHERE tenant_id = $1 AND referral_id = ANY($2::uuid[]) ORDER BY referral_id, created_at DESC`,
        [tenantId, ids],
      );
      const map = new Map(rows.map((r) => [r.referral_id, r.delivery_state]));
      return ids.map((id) => map.get(id) ?? null);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

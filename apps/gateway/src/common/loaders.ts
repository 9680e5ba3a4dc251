import DataLoader from 'dataloader';
import type { AgencyRow, ReferralEntity, ServiceRow } from '@kim/persistence';
import type { HubQueries } from '@kim/core';

/**
 * DataLoaders, made fresh for every request so nothing is cached across principals. Every
 * field reachable from a list goes through one, so a page costs a fixed number of statements.
 */
export function createLoaders(queries: HubQueries, tenantId: string) {
  const batch =
    <T>(read: (tenantId: string, keys: readonly string[]) => Promise<T[]>) =>
    (keys: readonly string[]) =>
      read(tenantId, keys);
  const service = new DataLoader<string, ServiceRow | null>(batch(queries.services));
  const agency = new DataLoader<string, AgencyRow | null>(batch(queries.agencies));
  return {
    person: new DataLoader(batch(queries.persons)),
    staff: new DataLoader(batch(queries.staff)),
    region: new DataLoader(batch(queries.regions)),
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
    timelineByCase: new DataLoader(batch(queries.timelineByCase)),
    goalsByCase: new DataLoader(batch(queries.goalsByCase)),
    needsByCase: new DataLoader(batch(queries.needsByCase)),
    achievementsByCase: new DataLoader(batch(queries.achievementsByCase)),
    dossiersByCase: new DataLoader(batch(queries.dossiersByCase)),
    consentsByPerson: new DataLoader(batch(queries.consentsByPerson)),
    identifiersByPerson: new DataLoader(batch(queries.identifiersByPerson)),
    servicesByAgency: new DataLoader(batch(queries.servicesByAgency)),
    /** Delivery state of the newest outbound message per referral. */
    deliveryByReferral: new DataLoader(batch((t, ids) => queries.deliveryStateByReferral(t, ids))),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

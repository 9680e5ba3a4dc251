import type { DataSource } from 'typeorm';
import type { DeliveryState } from '@kim/contracts';
import {
  achievementRepository,
  dossierRepository,
  agencyRepository,
  areaRepository,
  caseRepository,
  consentRepository,
  outboxRepository,
  personRepository,
  referralRepository,
  staffRepository,
  timelineRepository,
  type AgencyRow,
  type ReferralRow,
  type ServiceRow,
} from '@kim/persistence';

/** Rows in the order of the ids asked for, null where one is missing. */
export function inIdOrder<T extends { id: string }>(ids: readonly string[], rows: readonly T[]): (T | null)[] {
  const map = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => map.get(id) ?? null);
}

/** Rows grouped by a key, one group per key asked for, each in the rows' order. */
export function groupedBy<T, K extends keyof T>(keys: readonly string[], rows: readonly T[], key: K): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const r of rows) groups.get(r[key] as string)?.push(r);
  return keys.map((k) => groups.get(k)!);
}

/**
 * Batched reads by id for the API (the gateway wraps these in per-request DataLoaders). Which
 * cases a caller sees is the access policy's question (access/reads.ts), not these.
 */
export class HubQueries {
  constructor(private readonly ds: DataSource) {}

  persons = async (tenantId: string, ids: readonly string[]) =>
    inIdOrder(ids, await personRepository.byIds(this.ds, tenantId, ids));
  staff = async (tenantId: string, ids: readonly string[]) =>
    inIdOrder(ids, await staffRepository.byIds(this.ds, tenantId, ids));
  regions = async (tenantId: string, ids: readonly string[]) =>
    inIdOrder(ids, await areaRepository.regionsByIds(this.ds, tenantId, ids));
  services = async (tenantId: string, ids: readonly string[]) =>
    inIdOrder(ids, await agencyRepository.servicesByIds(this.ds, tenantId, ids));
  agencies = async (tenantId: string, ids: readonly string[]) =>
    inIdOrder(ids, await agencyRepository.byIds(this.ds, tenantId, ids));

  /** Timeline entries per case, in the order they happened. */
  timelineByCase = async (tenantId: string, caseIds: readonly string[]) =>
    groupedBy(caseIds, await timelineRepository.byCases(this.ds, tenantId, caseIds), 'caseId');
  goalsByCase = async (tenantId: string, caseIds: readonly string[]) =>
    groupedBy(caseIds, await caseRepository.goalsByCases(this.ds, tenantId, caseIds), 'caseId');
  achievementsByCase = async (tenantId: string, caseIds: readonly string[]) =>
    groupedBy(caseIds, await achievementRepository.byCases(this.ds, tenantId, caseIds), 'caseId');
  dossiersByCase = async (tenantId: string, caseIds: readonly string[]) =>
    groupedBy(caseIds, await dossierRepository.byCases(this.ds, tenantId, caseIds), 'caseId');
  needsByCase = async (tenantId: string, caseIds: readonly string[]) =>
    groupedBy(caseIds, await caseRepository.needsByCases(this.ds, tenantId, caseIds), 'caseId');
  consentsByPerson = async (tenantId: string, personIds: readonly string[]) =>
    groupedBy(personIds, await consentRepository.byPersons(this.ds, tenantId, personIds), 'personId');
  identifiersByPerson = async (tenantId: string, personIds: readonly string[]) =>
    groupedBy(personIds, await personRepository.identifiersByPersons(this.ds, tenantId, personIds), 'personId');
  servicesByAgency = async (tenantId: string, agencyIds: readonly string[]) =>
    groupedBy(agencyIds, await agencyRepository.servicesByAgencies(this.ds, tenantId, agencyIds), 'agencyId');

  /** Delivery state of the newest outbound message per referral (null: none). */
  async deliveryStateByReferral(tenantId: string, referralIds: readonly string[]): Promise<(DeliveryState | null)[]> {
    const rows = await outboxRepository.latestStateOfReferrals(this.ds, tenantId, referralIds);
    const map = new Map(rows.map((r) => [r.referralId, r.deliveryState]));
    return referralIds.map((id) => map.get(id) ?? null);
  }

  /**
   * The referrals of cases with the service and agency each names, in one statement: a referral
   * is almost never shown without them, and two more round trips cost more than the join.
   */
  async referralsWithTargets(
    tenantId: string,
    caseIds: readonly string[],
  ): Promise<{ referral: ReferralRow; service: ServiceRow; agency: AgencyRow }[][]> {
    const groups = new Map<string, { referral: ReferralRow; service: ServiceRow; agency: AgencyRow }[]>(
      caseIds.map((id) => [id, []]),
    );
    for (const t of await referralRepository.withTargetsOfCases(this.ds, tenantId, caseIds)) {
      groups.get(t.referral.caseId)?.push(t);
    }
    return caseIds.map((id) => groups.get(id)!);
  }
}

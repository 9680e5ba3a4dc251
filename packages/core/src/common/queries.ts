import type { DataSource, EntityMetadata } from 'typeorm';
import {
  AgencyEntity,
  ReferralEntity,
  ServiceEntity,
  agencyRepository,
  areaRepository,
  caseRepository,
  consentRepository,
  hydrateRow,
  personRepository,
  preparedQuery,
  selectList,
  staffRepository,
  timelineRepository,
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
  needsByCase = async (tenantId: string, caseIds: readonly string[]) =>
    groupedBy(caseIds, await caseRepository.needsByCases(this.ds, tenantId, caseIds), 'caseId');
  consentsByPerson = async (tenantId: string, personIds: readonly string[]) =>
    groupedBy(personIds, await consentRepository.byPersons(this.ds, tenantId, personIds), 'personId');
  identifiersByPerson = async (tenantId: string, personIds: readonly string[]) =>
    groupedBy(personIds, await personRepository.identifiersByPersons(this.ds, tenantId, personIds), 'personId');
  servicesByAgency = async (tenantId: string, agencyIds: readonly string[]) =>
    groupedBy(agencyIds, await agencyRepository.servicesByAgencies(this.ds, tenantId, agencyIds), 'agencyId');

  /** Delivery state of the newest outbound message per referral (null: none). */
  async deliveryStateByReferral(tenantId: string, referralIds: readonly string[]): Promise<(string | null)[]> {
    const rows = await preparedQuery<{ referral_id: string; delivery_state: string }>(
      this.ds,
      `SELECT DISTINCT ON (referral_id) referral_id, delivery_state FROM outbox_messages
        WHERE tenant_id = $1 AND referral_id = ANY($2::uuid[]) ORDER BY referral_id, created_at DESC`,
      [tenantId, referralIds],
    );
    const map = new Map(rows.map((r) => [r.referral_id, r.delivery_state]));
    return referralIds.map((id) => map.get(id) ?? null);
  }

  /**
   * The referrals of cases with the service and agency each names, in one statement: a referral
   * is almost never shown without them, and two more round trips cost more than the join.
   */
  async referralsWithTargets(
    tenantId: string,
    caseIds: readonly string[],
  ): Promise<{ referral: ReferralEntity; service: ServiceEntity; agency: AgencyEntity }[][]> {
    const [f, s, a] = [ReferralEntity, ServiceEntity, AgencyEntity].map((e) => this.ds.getMetadata(e)) as [
      EntityMetadata,
      EntityMetadata,
      EntityMetadata,
    ];
    const sql =
      referralJoin ??
      (referralJoin = `SELECT ${selectList(f, 'f', '')}, ${selectList(s, 's', 's.')}, ${selectList(a, 'a', 'a.')}
         FROM "${f.tableName}" f
         JOIN "${s.tableName}" s ON s."tenant_id" = f."tenant_id" AND s."id" = f."service_id"
         JOIN "${a.tableName}" a ON a."tenant_id" = f."tenant_id" AND a."id" = f."agency_id"
        WHERE f."tenant_id" = $1 AND f."case_id" = ANY($2) ORDER BY f."created_at"`);
    const rows = await preparedQuery<Record<string, unknown>>(this.ds, sql, [tenantId, [...caseIds]]);
    const groups = new Map<string, { referral: ReferralEntity; service: ServiceEntity; agency: AgencyEntity }[]>(
      caseIds.map((id) => [id, []]),
    );
    for (const row of rows) {
      const referral = hydrateRow<ReferralEntity>(f, row);
      groups.get(referral.caseId)?.push({
        referral,
        service: hydrateRow<ServiceEntity>(s, row, 's.'),
        agency: hydrateRow<AgencyEntity>(a, row, 'a.'),
      });
    }
    return caseIds.map((id) => groups.get(id)!);
  }
}

let referralJoin: string | undefined;

import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import {
  AgencyEntity,
  ReferralEntity,
  ServiceEntity,
  hydrateRow,
  preparedQuery,
  selectList,
  selectRows,
  type Order,
} from '@kim/persistence';

/**
 * Batched reads by id for the API (the gateway wraps these in per-request DataLoaders). Which
 * cases a caller sees is the access policy's question (access/reads.ts), not these.
 */
export class HubQueries {
  constructor(private readonly ds: DataSource) {}

  /** Rows of one tenant by id, in the order asked (null where missing). */
  async byIds<T extends ObjectLiteral & { id: string }>(
    entity: EntityTarget<T>,
    tenantId: string,
    ids: readonly string[],
  ): Promise<(T | null)[]> {
    const rows = await this.rowsWhere(entity, 'id', tenantId, ids, {});
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  }

  /** Rows of one tenant grouped by a foreign key, in the order asked. */
  async byKey<T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    key: keyof T & string,
    tenantId: string,
    keys: readonly string[],
    order: Partial<Record<keyof T & string, 'ASC' | 'DESC'>> = {},
  ): Promise<T[][]> {
    const rows = await this.rowsWhere(entity, key, tenantId, keys, order);
    const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
    for (const r of rows) groups.get(r[key])?.push(r);
    return keys.map((k) => groups.get(k)!);
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

  private rowsWhere<T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    key: string,
    tenantId: string,
    values: readonly string[],
    order: Order,
  ): Promise<T[]> {
    return selectRows<T>(this.ds, entity, { tenantId, [key]: [...values] } as never, { order });
  }
}

let referralJoin: string | undefined;

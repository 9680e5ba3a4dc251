import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { ReferralStatus, StaffRole, type CasePhase } from '@kim/contracts';
import {
  AgencyEntity,
  CaseEntity,
  ConsentEntity,
  ReferralEntity,
  ServiceEntity,
  hydrateRow,
  preparedQuery,
  rowFromJson,
  selectList,
  selectRows,
  type Order,
} from '@kim/persistence';
import { forbidden } from './errors.js';
import type { Principal } from './principal.js';
import { berlinDay } from './calendar.js';
import type { CaseRow } from './case-scope.js';

export interface CaseFilter {
  phase?: CasePhase;
  regionId?: string;
  caseManagerId?: string;
  /** Case reference or the person's family name (prefix, case-insensitive). */
  search?: string;
}

export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  endCursor: string | null;
}

const encodeCursor = (c: CaseEntity) => Buffer.from(`${c.openedAt.toISOString()}|${c.id}`).toString('base64url');
function decodeCursor(cursor: string): { openedAt: string; id: string } {
  const [openedAt, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!openedAt || !id || Number.isNaN(Date.parse(openedAt))) throw new Error('invalid cursor');
  return { openedAt, id };
}

/** Referral statuses in which the agency is working with the person. */
export const OPEN_STATUSES: string[] = [
  ReferralStatus.REQUESTED,
  ReferralStatus.ACCEPTED,
  ReferralStatus.IN_PROGRESS,
  ReferralStatus.ON_HOLD,
];

/**
 * When an agency sees a case at all (which of the person's data it sees is the consent
 * engine's decision): while it holds an open referral for it, or while the person's
 * unrevoked, currently valid disclosure consent names it. One rule for lists and single reads.
 * Parameters: :agency, :open (OPEN_STATUSES), :today (Berlin date); alias c is the case.
 */
export const AGENCY_SEES_CASE = agencySeesCase(':agency', ':open', ':today');

/** The same rule with the placeholders a raw statement uses (e.g. '$3', '$4', '$5'). */
export function agencySeesCase(agency: string, open: string, today: string): string {
  return `(
  EXISTS (SELECT 1 FROM referrals f WHERE f.tenant_id = c.tenant_id AND f.case_id = c.id AND f.agency_id = ${agency}
            AND f.status = ANY(CAST(${open} AS text[])))
  OR EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = c.tenant_id AND k.person_id = c.person_id AND k.recipient_agency_id = ${agency}
               AND k.kind = 'disclosure' AND k.revoked_at IS NULL AND k.valid_from <= ${today} AND k.valid_until >= ${today}))`;
}

/**
 * Reads for the API. Lists are keyset-paginated; everything reachable from a list is
 * loaded in batches by id (the gateway wraps these in per-request DataLoaders).
 */
export class HubQueries {
  constructor(private readonly ds: DataSource) {}

  /** Cases visible to the principal, newest first. */
  async cases(p: Principal, filter: CaseFilter, first: number, after?: string | null): Promise<Page<CaseEntity>> {
    const qb = this.ds
      .getRepository(CaseEntity)
      .createQueryBuilder('c')
      .where('c.tenant_id = :tenantId', { tenantId: p.tenantId });
    if (p.kind === 'staff') {
      if (p.role === StaffRole.CASE_MANAGER) qb.andWhere('c.region_id = :own', { own: p.regionId });
      else if (p.role === StaffRole.COORDINATOR) {
        qb.andWhere(
          'c.region_id IN (SELECT r.id FROM regions r WHERE r.tenant_id = c.tenant_id AND r.coordination_area_id = :area)',
          { area: p.coordinationAreaId },
        );
      } else throw forbidden('operators do not see case data');
    } else if (p.kind === 'agency') {
      qb.andWhere(AGENCY_SEES_CASE, { agency: p.agencyId, open: OPEN_STATUSES, today: berlinDay(new Date()) });
    }
    if (filter.phase) qb.andWhere('c.phase = :phase', { phase: filter.phase });
    if (filter.regionId) qb.andWhere('c.region_id = :region', { region: filter.regionId });
    if (filter.caseManagerId) qb.andWhere('c.case_manager_id = :cm', { cm: filter.caseManagerId });
    if (filter.search) {
      qb.andWhere(
        `(c.reference ILIKE :s OR EXISTS (SELECT 1 FROM persons p WHERE p.tenant_id = c.tenant_id AND p.id = c.person_id AND p.family_name ILIKE :s))`,
        { s: `${filter.search.replace(/[%_\\]/g, (ch) => `\\${ch}`)}%` },
      );
    }
    if (after) {
      const cur = decodeCursor(after);
      qb.andWhere('(c.opened_at, c.id) < (:at, :id)', { at: cur.openedAt, id: cur.id });
    }
    const rows = await qb
      .orderBy('c.opened_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(first + 1)
      .getMany();
    const items = rows.slice(0, first);
    return {
      items,
      hasNextPage: rows.length > first,
      endCursor: items.length ? encodeCursor(items[items.length - 1]!) : null,
    };
  }

  /**
   * The single-read twin of the list filter: one case with its area and whether the agency sees
   * it now, so the access check and the answer come from one statement.
   */
  async caseForAgency(
    tenantId: string,
    caseId: string,
    agencyId: string,
    withConsents = false,
  ): Promise<(CaseRow & { agencySees: boolean; consents?: ConsentEntity[] }) | null> {
    // With the person's consents too, when the caller is about to decide what the agency may
    // see: they then cost no statement of their own.
    const consents = withConsents
      ? `, (SELECT coalesce(json_agg(k ORDER BY k.created_at), '[]'::json) FROM consents k
             WHERE k.tenant_id = c.tenant_id AND k.person_id = c.person_id) AS "consents"`
      : '';
    const rows = await preparedQuery<CaseRow & { agencySees: boolean; consents?: Record<string, unknown>[] }>(
      this.ds,
      `SELECT c.id, c.person_id AS "personId", c.region_id AS "regionId", r.coordination_area_id AS "coordinationAreaId",
              c.case_manager_id AS "caseManagerId", c.phase, c.reference,
              c.opened_at AS "openedAt", c.closed_at AS "closedAt",
              ${agencySeesCase('$3', '$4', '$5')} AS "agencySees"${consents}
         FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
        WHERE c.tenant_id = $1 AND c.id = $2`,
      [tenantId, caseId, agencyId, OPEN_STATUSES, berlinDay(new Date())],
    );
    const row = rows[0];
    if (!row) return null;
    if (!row.consents) return row as CaseRow & { agencySees: boolean };
    const meta = this.ds.getMetadata(ConsentEntity);
    return { ...row, consents: row.consents.map((json) => rowFromJson<ConsentEntity>(meta, json)) };
  }

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

import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  DataCategory,
  StaffRole,
  accessOverrideInputSchema,
  overrideReviewInputSchema,
  parseInput,
} from '@kim/contracts';
import {
  overrideRepository,
  type OverrideOrderDirection,
  type OverrideOrderField,
  type OverrideView,
} from '@kim/persistence';
import { whyCallerCannotOverride, whyNoOverride, whyNoReview, overrideOpensCase } from './staff-access.js';
import { audit } from '../ledger/audit.js';
import { loadCase, type CaseRow } from '../case/case-scope.js';
import { DomainError, forbidden, invalidInput, notFound } from '../common/errors.js';
import { anotherOrder, gaveOut, keysetCursor, orderedCursor, rowLeftList } from '../common/cursor.js';
import type { Principal } from '../common/principal.js';
import { appendTimeline } from '../ledger/timeline.js';

export type { OverrideView };

/** The ledger's basis for everything done under an override. */
export const overrideBasis = (overrideId: string) => `override:${overrideId}`;

/**
 * Break-glass access ("Notfallzugriff"): read one case outside one's area for a short time,
 * with a reason, a separate permission, an entry in the ledger for the opening and for every
 * read, a note on the case's timeline, and a review by the coordinator of the case's area.
 */
export class OverrideCommands {
  constructor(private readonly ds: DataSource) {}

  async open(p: Principal, raw: unknown): Promise<OverrideView> {
    let input;
    try {
      input = parseInput(accessOverrideInputSchema, raw, 'override');
    } catch (e) {
      return invalidInput(e);
    }
    const c = await loadCase(this.ds.manager, p.tenantId, input.caseId);
    // A caller who may open none is told so whether the case exists or not.
    const why = whyCallerCannotOverride(p) ?? (c ? whyNoOverride(p, c) : null);
    if (!c && why === null) throw notFound('case', input.caseId);
    if (!c || why !== null || p.kind !== 'staff') {
      // A refused break-glass attempt is exactly what a data protection officer wants to see.
      await this.ds.transaction((m) =>
        audit(m, p, {
          action: 'override.refused',
          subjectType: 'case',
          subjectId: input.caseId,
          allowed: false,
          reason: why,
          personId: c?.personId ?? null,
        }),
      );
      if (why === 'this case is in your area: no override is needed') throw new DomainError('INVALID_INPUT', why);
      throw forbidden(why ?? 'only staff may open an override');
    }
    const staff = p;
    const id = randomUUID();
    const expiresAt = new Date(Date.now() + input.minutes * 60_000);
    await this.ds.transaction(async (m) => {
      await overrideRepository.insert(m, {
        tenantId: staff.tenantId,
        id,
        staffUserId: staff.userId,
        caseId: c.id,
        reason: input.reason,
        expiresAt,
      });
      await audit(m, staff, {
        action: 'override.opened',
        subjectType: 'case',
        subjectId: c.id,
        basis: overrideBasis(id),
        allowed: true,
        reason: input.reason,
        personId: c.personId,
      });
      // The case's own case manager learns that someone else looked.
      await appendTimeline(m, staff, {
        caseId: c.id,
        kind: 'override.opened',
        summary: {
          code: 'override.opened',
          params: { staff: staff.displayName, until: expiresAt.toISOString(), reason: input.reason },
        },
        data: { overrideId: id, expiresAt: expiresAt.toISOString() },
      });
    });
    return (await this.list(staff, { ids: [id] }))[0]!;
  }

  /**
   * The case, if an open override of the caller's reaches it; the read is recorded in the
   * ledger. Null when no override applies (the caller then refuses as usual).
   */
  async readUnderOverride(p: Principal, c: CaseRow, at = new Date()): Promise<CaseRow | null> {
    if (p.kind !== 'staff') return null;
    const grant = await overrideRepository.openFor(this.ds, p.tenantId, c.id, p.userId, at);
    if (!grant || !overrideOpensCase(p, c.id, { staffUserId: p.userId, caseId: c.id, expiresAt: grant.expires_at }, at))
      return null;
    await this.ds.transaction((m) =>
      audit(m, p, {
        action: 'case.read',
        subjectType: 'case',
        subjectId: c.id,
        basis: overrideBasis(grant.id),
        // Staff read the whole case: every category.
        categories: Object.values(DataCategory),
        allowed: true,
        personId: c.personId,
      }),
    );
    return c;
  }

  async review(p: Principal, raw: unknown): Promise<OverrideView> {
    let input;
    try {
      input = parseInput(overrideReviewInputSchema, raw, 'override review');
    } catch (e) {
      return invalidInput(e);
    }
    if (p.kind !== 'staff' || p.role !== StaffRole.COORDINATOR) throw forbidden('only coordinators review overrides');
    const staff = p;
    await this.ds.transaction(async (m) => {
      const o = await overrideRepository.lock(m, staff.tenantId, input.overrideId);
      if (!o) throw notFound('override', input.overrideId);
      const c = (await loadCase(m, staff.tenantId, o.caseId))!;
      const why = whyNoReview(staff, c, o.staffUserId);
      // Outside the area it does not exist for this coordinator.
      if (why === 'the case is outside the area you supervise') throw notFound('override', input.overrideId);
      if (why !== null) throw forbidden(why);
      if (o.reviewedAt) throw new DomainError('CONFLICT', `override ${o.id} was reviewed already`);
      await overrideRepository.review(m, {
        tenantId: staff.tenantId,
        id: o.id,
        verdict: input.verdict,
        note: input.note ?? null,
        by: staff.userId,
        at: new Date(),
      });
      await audit(m, staff, {
        action: 'override.reviewed',
        subjectType: 'case',
        subjectId: o.caseId,
        basis: overrideBasis(o.id),
        allowed: true,
        reason: `${input.verdict}${input.note ? `: ${input.note}` : ''}`,
        personId: c.personId,
      });
    });
    return (await this.list(staff, { ids: [input.overrideId] }))[0]!;
  }

  /**
   * Coordinators: the overrides on cases of the area they supervise (the review list).
   * Case managers: their own. Operators, tenant administrators and agencies: nothing.
   */
  async list(
    p: Principal,
    opts: { unreviewedOnly?: boolean; first?: number; ids?: string[] } = {},
  ): Promise<OverrideView[]> {
    // Only the two roles that work on cases have overrides; operators and tenant administrators none.
    if (p.kind !== 'staff' || (p.role !== StaffRole.CASE_MANAGER && p.role !== StaffRole.COORDINATOR)) return [];
    return overrideRepository.list(this.ds, {
      tenantId: p.tenantId,
      coordinationAreaId: p.role === StaffRole.COORDINATOR ? p.coordinationAreaId : null,
      staffUserId: p.userId,
      unreviewedOnly: opts.unreviewedOnly ?? false,
      ids: opts.ids ?? null,
      limit: Math.min(Math.max(opts.first ?? 100, 1), 500),
    });
  }

  /** `list`, paged on the hub by cursor, with the counts of the whole list. */
  async page(
    p: Principal,
    opts: { unreviewedOnly?: boolean; first?: number; after?: string | null; order?: OverrideOrder | null } = {},
  ): Promise<OverridePage> {
    if (p.kind !== 'staff' || p.role === StaffRole.OPERATOR)
      return { items: [], hasNextPage: false, endCursor: null, totalCount: 0, unreviewedCount: 0 };
    const first = opts.first ?? 50;
    if (!Number.isInteger(first) || first < 1 || first > 500)
      throw new DomainError('INVALID_INPUT', 'first is out of range', {
        problems: [{ path: 'first', message: '1 to 500' }],
      });
    const scope = {
      tenantId: p.tenantId,
      coordinationAreaId: p.role === StaffRole.COORDINATOR ? p.coordinationAreaId : null,
      staffUserId: p.userId,
    };
    const unreviewedOnly = opts.unreviewedOnly ?? false;
    if (opts.order) return this.orderedPage(scope, unreviewedOnly, first, opts.after ?? null, opts.order);
    if (opts.after && orderedOverrideCursor.gaveOut(opts.after)) throw anotherOrder();
    const after = opts.after ? overrideCursor.decode(opts.after.length > 200 ? '' : opts.after) : null;
    const [rows, counts] = await Promise.all([
      overrideRepository.page(this.ds, {
        ...scope,
        unreviewedOnly,
        after: after && {
          pending: Number(after.at.slice(0, 1)),
          openedUs: after.at.slice(2),
          id: after.id,
        },
        limit: first + 1,
      }),
      overrideRepository.counts(this.ds, scope),
    ]);
    const cursorOf = (r: { pending: number; openedUs: string; id: string }) =>
      overrideCursor.encode({ at: `${r.pending}_${r.openedUs}`, id: r.id });
    const shown = rows.slice(0, first);
    const last = shown.at(-1);
    return {
      items: shown.map(({ pending, openedUs, ...o }) => ({ ...o, cursor: cursorOf({ pending, openedUs, id: o.id }) })),
      hasNextPage: rows.length > first,
      endCursor: last ? cursorOf(last) : null,
      totalCount: unreviewedOnly ? (counts?.unreviewed ?? 0) : (counts?.total ?? 0),
      unreviewedCount: counts?.unreviewed ?? 0,
    };
  }

  /** `page` in a chosen order: the cursor holds the order and the override's id only. */
  private async orderedPage(
    scope: { tenantId: string; coordinationAreaId: string | null; staffUserId: string },
    unreviewedOnly: boolean,
    first: number,
    after: string | null,
    order: OverrideOrder,
  ): Promise<OverridePage> {
    if (after && gaveOut(overrideCursor, after)) throw anotherOrder();
    const afterId = after ? orderedOverrideCursor.decode(after, order) : null;
    const [rows, counts] = await Promise.all([
      overrideRepository.orderedPage(this.ds, { ...scope, unreviewedOnly, order, afterId, limit: first + 1 }),
      overrideRepository.counts(this.ds, scope),
    ]);
    if (afterId && !rows.length && !(await overrideRepository.listed(this.ds, scope, afterId))) throw rowLeftList();
    const shown = rows.slice(0, first);
    const items = shown.map((o) => ({ ...o, cursor: orderedOverrideCursor.encode(order, o.id) }));
    return {
      items,
      hasNextPage: rows.length > first,
      endCursor: items.at(-1)?.cursor ?? null,
      totalCount: unreviewedOnly ? (counts?.unreviewed ?? 0) : (counts?.total ?? 0),
      unreviewedCount: counts?.unreviewed ?? 0,
    };
  }
}

/** An order of the review list other than its default. */
export interface OverrideOrder {
  field: OverrideOrderField;
  direction: OverrideOrderDirection;
}
const orderedOverrideCursor = orderedCursor<OverrideOrderField>('override-order');

/** Override lists page by (unreviewed first, opened at, id): the position is "<0|1>_<microseconds>". */
const overrideCursor = keysetCursor({
  tag: 'o1',
  separator: '|',
  validAt: (at) => /^[01]_\d{1,18}$/.test(at),
  message: 'after is not a cursor of this list',
  hint: 'invalid cursor',
});

export interface OverridePage {
  items: (OverrideView & { cursor: string })[];
  hasNextPage: boolean;
  endCursor: string | null;
  /** Every override the caller may list (with unreviewedOnly: the unreviewed), counted. */
  totalCount: number;
  /** Of those the caller may list, the ones waiting for their review. */
  unreviewedCount: number;
}

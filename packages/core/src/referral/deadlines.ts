import type { DataSource } from 'typeorm';
import {
  referralRepository,
  type WatchFilter,
  type WatchItem,
  type WatchKind,
  type WatchOrderDirection,
  type WatchOrderField,
} from '@kim/persistence';
import { ReferralStatus, StaffRole, uuidSchema } from '@kim/contracts';
import { FINISHED_STATUSES, isFinished } from '@kim/referral-workflow';
import { berlinDay, workingDaysPast } from '../common/calendar.js';
import { appendTimeline } from '../ledger/timeline.js';
import { caseForStaff } from '../case/case-scope.js';
import { DomainError, forbidden, notFound } from '../common/errors.js';
import { anotherOrder, gaveOut, keysetCursor, orderedCursor, rowLeftList } from '../common/cursor.js';
import type { Principal } from '../common/principal.js';

export type { WatchItem, WatchKind };

/** Watch lists page by deadline (a date) and referral id. */
const watchCursor = keysetCursor({
  tag: 'w1',
  separator: '|',
  validAt: (at) => /^\d{4}-\d{2}-\d{2}$/.test(at),
  message: 'after is not a cursor of this list',
  hint: 'invalid cursor',
});

export interface WatchPage {
  items: (OverdueItem & { cursor: string })[];
  hasNextPage: boolean;
  endCursor: string | null;
  /** All entries of the list (with its agency filter), counted, not paged. */
  totalCount: number;
  /** Entries per agency over the whole list, most first. */
  byAgency: { agencyId: string; agencyName: string; referrals: number }[];
}

/** A watched referral with its overdue state as of the day it was read. */
export interface OverdueItem extends WatchItem {
  /** Waiting for the agency on a day after its deadline. */
  overdue: boolean;
  /** NRW working days past the deadline (0 when not overdue). */
  overdueWorkingDays: number;
}

/** Overdue, read from the deadline: still waiting for an answer on a day after respondBy. */
export function overdueOf(r: { status: string; respondBy: string | null }, today: string) {
  const overdue = r.status === (ReferralStatus.REQUESTED as string) && r.respondBy !== null && r.respondBy < today;
  return { overdue, overdueWorkingDays: overdue ? workingDaysPast(r.respondBy!, today) : 0 };
}

/**
 * Deadlines in NRW working days (respondBy is set when a referral is sent). A referral is
 * overdue when it is read: still waiting for the agency's answer on a day after its deadline
 * (Berlin), so no job has to run first and "overdue since" is the deadline itself.
 * Coordinators list overdue referrals for their area, with the open loops: finished referrals
 * whose outcome no case manager has taken note of.
 */
export class DeadlineWatch {
  constructor(private readonly ds: DataSource) {}

  /** Coordinators: overdue referrals and open loops in the area they supervise (the first page). */
  async watchList(p: Principal, kind: WatchKind, limit = 100, now: Date = new Date()): Promise<OverdueItem[]> {
    return (await this.watchPage(p, kind, { first: limit }, now)).items;
  }

  /**
   * One page of a watch list, paged on the hub by cursor, with the total and the counts per
   * agency counted by the database (never from a page): a list of 127 says 127.
   */
  async watchPage(
    p: Principal,
    kind: WatchKind,
    opts: {
      first?: number;
      after?: string | null;
      agencyId?: string | null;
      newestFirst?: boolean;
      order?: WatchOrder | null;
    },
    now: Date = new Date(),
  ): Promise<WatchPage> {
    if (p.kind !== 'staff' || p.role !== StaffRole.COORDINATOR) throw forbidden('coordinators only');
    const first = opts.first ?? 50;
    if (!Number.isInteger(first) || first < 1 || first > 500)
      throw new DomainError('INVALID_INPUT', 'first is out of range', {
        problems: [{ path: 'first', message: '1 to 500' }],
      });
    if (opts.agencyId && !uuidSchema.safeParse(opts.agencyId).success)
      throw new DomainError('INVALID_INPUT', 'agencyId is not an agency id', {
        problems: [{ path: 'agencyId', message: 'expected a UUID' }],
      });
    const today = berlinDay(now);
    const filter = {
      tenantId: p.tenantId,
      areaId: p.coordinationAreaId,
      kind,
      today,
      finished: FINISHED_STATUSES,
      agencyId: opts.agencyId ?? null,
    };
    if (opts.order) return this.orderedWatchPage(p, filter, first, opts.after ?? null, opts.order);
    if (opts.after && watchOrderCursor.gaveOut(opts.after)) throw anotherOrder();
    // A cursor this list gave out is short; a long text is not worth decoding.
    const after = opts.after ? watchCursor.decode(opts.after.length > 200 ? '' : opts.after) : null;
    const [rows, byAgency] = await Promise.all([
      referralRepository.watchPage(this.ds, filter, {
        newestFirst: opts.newestFirst ?? false,
        after: after && { sortKey: after.at, id: after.id },
        limit: first + 1,
      }),
      referralRepository.watchCounts(this.ds, filter),
    ]);
    const page = rows.slice(0, first);
    const last = page.at(-1);
    const totalCount = byAgency
      .filter((a) => !filter.agencyId || a.agencyId === filter.agencyId)
      .reduce((n, a) => n + a.referrals, 0);
    return {
      items: page.map(({ sortKey, ...r }) => ({
        ...r,
        ...overdueOf(r, today),
        cursor: watchCursor.encode({ at: sortKey, id: r.referralId }),
      })),
      hasNextPage: rows.length > first,
      endCursor: last ? watchCursor.encode({ at: last.sortKey, id: last.referralId }) : null,
      totalCount,
      byAgency,
    };
  }

  /** `watchPage` in a chosen order: the cursor holds the order and the referral's id only. */
  private async orderedWatchPage(
    p: Principal & { kind: 'staff' },
    filter: WatchFilter,
    first: number,
    after: string | null,
    order: WatchOrder,
  ): Promise<WatchPage> {
    if (after && gaveOut(watchCursor, after)) throw anotherOrder();
    const afterId = after ? watchOrderCursor.decode(after, order) : null;
    const [rows, byAgency] = await Promise.all([
      referralRepository.orderedWatchPage(this.ds, filter, { order, afterId, limit: first + 1 }),
      referralRepository.watchCounts(this.ds, filter),
    ]);
    if (afterId && !rows.length && !(await referralRepository.watchListed(this.ds, p.tenantId, filter.areaId, afterId)))
      throw rowLeftList();
    const items = rows
      .slice(0, first)
      .map((r) => ({ ...r, ...overdueOf(r, filter.today), cursor: watchOrderCursor.encode(order, r.referralId) }));
    return {
      items,
      hasNextPage: rows.length > first,
      endCursor: items.at(-1)?.cursor ?? null,
      totalCount: byAgency
        .filter((a) => !filter.agencyId || a.agencyId === filter.agencyId)
        .reduce((n, a) => n + a.referrals, 0),
      byAgency,
    };
  }

  /** The case manager took note of a finished referral's outcome: its loop is closed. */
  async acknowledgeOutcome(p: Principal, referralId: string): Promise<Date> {
    return this.ds.transaction(async (m) => {
      const r = await referralRepository.lock(m, p.tenantId, referralId);
      if (!r) throw notFound('referral', referralId);
      await caseForStaff(m, p, r.caseId, false, { what: 'referral', id: referralId });
      if (!isFinished(r.status)) {
        throw new DomainError(
          'CONFLICT',
          `referral ${referralId} is ${r.status}; only a finished referral's outcome can be acknowledged`,
        );
      }
      if (r.outcomeAcknowledgedAt) return r.outcomeAcknowledgedAt;
      const now = new Date();
      await referralRepository.acknowledgeOutcome(m, p.tenantId, referralId, now);
      await appendTimeline(m, p, {
        caseId: r.caseId,
        referralId,
        kind: 'referral.outcome-acknowledged',
        occurredAt: now,
        summary: { code: 'referral.outcome-acknowledged', params: { status: r.status } },
      });
      return now;
    });
  }
}

/** An order of a watch list other than by deadline. */
export interface WatchOrder {
  field: WatchOrderField;
  direction: WatchOrderDirection;
}
const watchOrderCursor = orderedCursor<WatchOrderField>('watch-order');

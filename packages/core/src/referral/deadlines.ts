import type { DataSource } from 'typeorm';
import { referralRepository, type WatchItem } from '@kim/persistence';
import { ReferralStatus, StaffRole } from '@kim/contracts';
import { FINISHED_STATUSES, isFinished } from '@kim/referral-workflow';
import { berlinDay, workingDaysPast } from '../common/calendar.js';
import { appendTimeline } from '../ledger/timeline.js';
import { caseForStaff } from '../case/case-scope.js';
import { DomainError, forbidden, notFound } from '../common/errors.js';
import type { Principal } from '../common/principal.js';

export type { WatchItem };

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

  /** Coordinators: overdue referrals and open loops in the area they supervise. */
  async watchList(
    p: Principal,
    kind: 'overdue' | 'open-loop',
    limit = 100,
    now: Date = new Date(),
  ): Promise<OverdueItem[]> {
    if (p.kind !== 'staff' || p.role !== StaffRole.COORDINATOR) throw forbidden('coordinators only');
    const bounded = Math.min(Math.max(limit, 1), 500);
    const today = berlinDay(now);
    const rows =
      kind === 'overdue'
        ? await referralRepository.overdueInArea(this.ds, p.tenantId, p.coordinationAreaId, today, bounded)
        : await referralRepository.openLoopsInArea(
            this.ds,
            p.tenantId,
            p.coordinationAreaId,
            FINISHED_STATUSES,
            bounded,
          );
    return rows.map((r) => ({ ...r, ...overdueOf(r, today) }));
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
        summary: `Outcome (${r.status}) taken note of`,
      });
      return now;
    });
  }
}

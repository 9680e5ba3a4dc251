import type { DataSource } from 'typeorm';
import { referralRepository, type WatchItem } from '@kim/persistence';
import { ReferralStatus, StaffRole } from '@kim/contracts';
import { FINISHED_STATUSES, isFinished } from '@kim/referral-workflow';
import { berlinDay } from '../common/calendar.js';
import { appendTimeline } from '../ledger/timeline.js';
import { caseForStaff } from '../case/case-scope.js';
import { DomainError, forbidden, notFound } from '../common/errors.js';
import type { Principal } from '../common/principal.js';

export type { WatchItem };

/**
 * Deadlines in NRW working days (respondBy is set when a referral is sent). The watch flags
 * referrals the agency has not answered in time and tells the case manager on the case's
 * timeline; coordinators list them for their area, with the open loops: finished referrals
 * whose outcome no case manager has taken note of.
 */
export class DeadlineWatch {
  constructor(private readonly ds: DataSource) {}

  async flagOverdue(now: Date = new Date()): Promise<number> {
    return this.ds.transaction(async (m) => {
      const rows = await referralRepository.flagOverdue(m, berlinDay(now), now, ReferralStatus.REQUESTED);
      for (const r of rows) {
        await appendTimeline(
          m,
          { kind: 'system', tenantId: r.tenantId },
          {
            caseId: r.caseId,
            referralId: r.id,
            kind: 'referral.overdue',
            occurredAt: now,
            summary: `No answer from the agency by ${r.respondBy}: referral overdue`,
            data: { respondBy: r.respondBy, agencyId: r.agencyId },
          },
        );
      }
      return rows.length;
    });
  }

  /** Coordinators: overdue referrals and open loops in the area they supervise. */
  async watchList(p: Principal, kind: 'overdue' | 'open-loop', limit = 100): Promise<WatchItem[]> {
    if (p.kind !== 'staff' || p.role !== StaffRole.COORDINATOR) throw forbidden('coordinators only');
    const bounded = Math.min(Math.max(limit, 1), 500);
    const rows =
      kind === 'overdue'
        ? await referralRepository.overdueInArea(this.ds, p.tenantId, p.coordinationAreaId, bounded)
        : await referralRepository.openLoopsInArea(
            this.ds,
            p.tenantId,
            p.coordinationAreaId,
            FINISHED_STATUSES,
            bounded,
          );
    return rows;
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

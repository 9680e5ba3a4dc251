import type { DataSource } from 'typeorm';
import { ReferralStatus, StaffRole } from '@kim/contracts';
import { FINISHED_STATUSES, isFinished } from '@kim/referral-workflow';
import { berlinDay } from '../common/calendar.js';
import { appendTimeline } from '../ledger/timeline.js';
import { caseForStaff } from '../case/case-scope.js';
import { DomainError, forbidden, notFound } from '../common/errors.js';
import { returning } from '../common/sql.js';
import type { Principal } from '../common/principal.js';

/** A referral a coordinator should look at: overdue, or finished without anyone taking note. */
export interface WatchItem {
  referralId: string;
  caseId: string;
  caseReference: string;
  agencyName: string;
  serviceName: string;
  status: string;
  requestedAt: Date | null;
  respondBy: string | null;
  overdueAt: Date | null;
  caseManagerName: string;
}

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
      const rows = await returning<{
        tenant_id: string;
        id: string;
        case_id: string;
        respond_by: string;
        agency_id: string;
      }>(
        m,
        `UPDATE referrals SET overdue_at = $2
          WHERE status = $3 AND respond_by < $1::date AND overdue_at IS NULL
          RETURNING tenant_id, id, case_id, respond_by::text, agency_id`,
        [berlinDay(now), now, ReferralStatus.REQUESTED],
      );
      for (const r of rows) {
        await appendTimeline(
          m,
          { kind: 'system', tenantId: r.tenant_id },
          {
            caseId: r.case_id,
            referralId: r.id,
            kind: 'referral.overdue',
            occurredAt: now,
            summary: `No answer from the agency by ${r.respond_by}: referral overdue`,
            data: { respondBy: r.respond_by, agencyId: r.agency_id },
          },
        );
      }
      return rows.length;
    });
  }

  /** Coordinators: overdue referrals and open loops in the area they supervise. */
  async watchList(p: Principal, kind: 'overdue' | 'open-loop', limit = 100): Promise<WatchItem[]> {
    if (p.kind !== 'staff' || p.role !== StaffRole.COORDINATOR) throw forbidden('coordinators only');
    const condition =
      kind === 'overdue'
        ? `f.status = 'requested' AND f.overdue_at IS NOT NULL`
        : `f.status = ANY($3::text[]) AND f.outcome_acknowledged_at IS NULL`;
    const rows: WatchItem[] = await this.ds.query(
      `SELECT f.id AS "referralId", c.id AS "caseId", c.reference AS "caseReference", a.name AS "agencyName",
              s.name AS "serviceName", f.status, f.requested_at AS "requestedAt", f.respond_by::text AS "respondBy",
              f.overdue_at AS "overdueAt", u.display_name AS "caseManagerName"
         FROM referrals f
         JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
         JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
         JOIN agencies a ON a.tenant_id = f.tenant_id AND a.id = f.agency_id
         JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
         JOIN staff_users u ON u.tenant_id = c.tenant_id AND u.id = c.case_manager_id
        WHERE f.tenant_id = $1 AND r.coordination_area_id = $2 AND ${condition}
        ORDER BY coalesce(f.respond_by, f.updated_at::date), f.id
        LIMIT ${Math.min(Math.max(limit, 1), 500)}`,
      kind === 'overdue' ? [p.tenantId, p.coordinationAreaId] : [p.tenantId, p.coordinationAreaId, FINISHED_STATUSES],
    );
    return rows;
  }

  /** The case manager took note of a finished referral's outcome: its loop is closed. */
  async acknowledgeOutcome(p: Principal, referralId: string): Promise<Date> {
    return this.ds.transaction(async (m) => {
      const [r] = await m.query<{ case_id: string; status: string; outcome_acknowledged_at: Date | null }[]>(
        `SELECT case_id, status, outcome_acknowledged_at FROM referrals WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
        [p.tenantId, referralId],
      );
      if (!r) throw notFound('referral', referralId);
      await caseForStaff(m, p, r.case_id, false, { what: 'referral', id: referralId });
      if (!isFinished(r.status)) {
        throw new DomainError(
          'CONFLICT',
          `referral ${referralId} is ${r.status}; only a finished referral's outcome can be acknowledged`,
        );
      }
      if (r.outcome_acknowledged_at) return r.outcome_acknowledged_at;
      const now = new Date();
      await m.query(`UPDATE referrals SET outcome_acknowledged_at = $3 WHERE tenant_id = $1 AND id = $2`, [
        p.tenantId,
        referralId,
        now,
      ]);
      await appendTimeline(m, p, {
        caseId: r.case_id,
        referralId,
        kind: 'referral.outcome-acknowledged',
        occurredAt: now,
        summary: `Outcome (${r.status}) taken note of`,
      });
      return now;
    });
  }
}

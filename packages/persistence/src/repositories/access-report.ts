import type { AuditAction, CasePhase, ReferralStatus } from '@kim/contracts';
import { rows, statement, type Db } from './statement.js';

// The Art. 15 report (core/reports/access-report.ts): what it reads beyond the aggregates'
// own statements. Run inside one REPEATABLE READ transaction, so the parts agree.

/** A case of the person with the area that supervises it (the caller sees only their area's). */
export interface ReportCaseRow {
  id: string;
  reference: string;
  phase: CasePhase;
  regionId: string;
  coordinationAreaId: string;
  openedAt: Date;
  closedAt: Date | null;
}

const casesOfPerson = statement<ReportCaseRow, [string, string]>(
  'access-report',
  'casesOfPerson',
  `
  SELECT c.id, c.reference, c.phase, c.region_id AS "regionId", r.coordination_area_id AS "coordinationAreaId",
         c.opened_at AS "openedAt", c.closed_at AS "closedAt"
    FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
   WHERE c.tenant_id = $1 AND c.person_id = $2
   ORDER BY c.opened_at`,
);

export interface ReportReferralRow {
  id: string;
  caseId: string;
  agencyId: string;
  serviceId: string;
  status: ReferralStatus;
  statusReason: string | null;
  requestedAt: Date | null;
}

const referralsOfCases = statement<ReportReferralRow, [string, string[]]>(
  'access-report',
  'referralsOfCases',
  `
  SELECT id, case_id AS "caseId", agency_id AS "agencyId", service_id AS "serviceId", status,
         status_reason AS "statusReason", requested_at AS "requestedAt"
    FROM referrals WHERE tenant_id = $1 AND case_id = ANY($2)
   ORDER BY created_at`,
);

export interface ReportLedgerRow {
  at: Date;
  agency_id: string | null;
  action: AuditAction;
  categories: string[];
  basis: string | null;
  staff_name: string | null;
}

// Disclosures by message and agencies' reads about these cases (and their referrals), and reads
// by staff outside their area under a break-glass override.
const ledger = statement<ReportLedgerRow, [string, string, string[], string[], string[], AuditAction[]]>(
  'access-report',
  'ledger',
  `
  SELECT e.at, e.agency_id, e.action, e.categories, e.basis, s.display_name AS staff_name
    FROM audit_events e
    LEFT JOIN staff_users s ON s.tenant_id = e.tenant_id AND s.id = e.actor_id AND e.actor_kind = 'staff'
   WHERE e.tenant_id = $1 AND e.person_id = $2 AND e.allowed
     AND ((e.subject_type = 'case' AND e.subject_id = ANY($3::uuid[]))
          OR (e.subject_type = 'referral' AND e.subject_id = ANY($4::uuid[]))
          OR (e.subject_type = 'dossier' AND e.subject_id = ANY($5::uuid[])))
     AND (e.action = ANY($6::text[]) OR (e.action = 'case.read' AND e.basis LIKE 'override:%'))
   ORDER BY e.seq`,
);

const servicesOfTenant = statement<{ id: string; name: string }, [string]>(
  'access-report',
  'serviceNames',
  `
  SELECT id, name FROM services WHERE tenant_id = $1`,
);

export const accessReportRepository = {
  /** A person's cases with their areas, oldest first. */
  casesOfPerson: (db: Db, tenantId: string, personId: string) => rows(db, casesOfPerson, [tenantId, personId]),
  /** The referrals of cases, oldest first. */
  referralsOfCases: (db: Db, tenantId: string, caseIds: readonly string[]) =>
    rows(db, referralsOfCases, [tenantId, [...caseIds]]),
  /** The ledger's disclosures and reads about the cases, referrals and dossiers, in ledger order. */
  ledger: (
    db: Db,
    q: {
      tenantId: string;
      personId: string;
      caseIds: string[];
      referralIds: string[];
      dossierIds: string[];
      actions: AuditAction[];
    },
  ) => rows(db, ledger, [q.tenantId, q.personId, q.caseIds, q.referralIds, q.dossierIds, q.actions]),
  serviceNames: (db: Db, tenantId: string) => rows(db, servicesOfTenant, [tenantId]),
};

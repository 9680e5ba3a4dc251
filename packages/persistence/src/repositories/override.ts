import type { OverrideVerdict } from '@kim/contracts';
import { execute, maybeOne, rows, statement, type Db } from './statement.js';

/** A break-glass access ("Notfallzugriff") with the case, who opened it and its review. */
export interface OverrideView {
  id: string;
  caseId: string;
  caseReference: string;
  staffUserId: string;
  staffName: string;
  reason: string;
  openedAt: Date;
  expiresAt: Date;
  /** Reads of the case made under this override (from the ledger). */
  reads: number;
  verdict: OverrideVerdict | null;
  reviewNote: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
}

const insert = statement<never, [string, string, string, string, string, Date]>(
  'override',
  'insert',
  `
  INSERT INTO access_overrides (tenant_id, id, staff_user_id, case_id, reason, expires_at)
  VALUES ($1, $2, $3, $4, $5, $6)`,
);

const openFor = statement<{ id: string; expires_at: Date }, [string, string, string, Date]>(
  'override',
  'openFor',
  `
  SELECT id, expires_at FROM access_overrides
   WHERE tenant_id = $1 AND case_id = $2 AND staff_user_id = $3 AND expires_at > $4
   ORDER BY expires_at DESC LIMIT 1`,
);

const lock = statement<{ id: string; caseId: string; staffUserId: string; reviewedAt: Date | null }, [string, string]>(
  'override',
  'lock',
  `
  SELECT id, case_id AS "caseId", staff_user_id AS "staffUserId", reviewed_at AS "reviewedAt"
    FROM access_overrides WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
);

const review = statement<never, [string, string, OverrideVerdict, string | null, string, Date]>(
  'override',
  'review',
  `
  UPDATE access_overrides SET verdict = $3, review_note = $4, reviewed_by = $5, reviewed_at = $6
   WHERE tenant_id = $1 AND id = $2`,
);

// $3: the coordination area whose cases' overrides a coordinator reviews (null for a case
// manager, who sees only their own, $4). Unreviewed first, newest first.
const list = statement<OverrideView, [string, string | null, string, boolean, string[] | null, number]>(
  'override',
  'list',
  `
  SELECT o.id, o.case_id AS "caseId", c.reference AS "caseReference", o.staff_user_id AS "staffUserId",
         s.display_name AS "staffName", o.reason, o.opened_at AS "openedAt", o.expires_at AS "expiresAt",
         (SELECT count(*)::int FROM audit_events a
           WHERE a.tenant_id = o.tenant_id AND a.subject_id = o.case_id AND a.action = 'case.read' AND a.basis = 'override:' || o.id::text) AS reads,
         o.verdict, o.review_note AS "reviewNote", o.reviewed_by AS "reviewedBy", o.reviewed_at AS "reviewedAt"
    FROM access_overrides o
    JOIN cases c ON c.tenant_id = o.tenant_id AND c.id = o.case_id
    JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
    JOIN staff_users s ON s.tenant_id = o.tenant_id AND s.id = o.staff_user_id
   WHERE o.tenant_id = $1
     AND (o.staff_user_id = $3 OR ($2::uuid IS NOT NULL AND r.coordination_area_id = $2))
     AND (NOT $4::boolean OR o.reviewed_at IS NULL)
     AND ($5::uuid[] IS NULL OR o.id = ANY($5::uuid[]))
   ORDER BY o.reviewed_at IS NULL DESC, o.opened_at DESC
   LIMIT $6`,
);

// The overrides a caller may list: as `list`, $2 the coordinator's area, $3 the caller.
const MAY_LIST = `o.tenant_id = $1 AND (o.staff_user_id = $3 OR ($2::uuid IS NOT NULL AND r.coordination_area_id = $2))`;
/** The list's order as a keyset: unreviewed first (1), then newest opened, then id. */
const PENDING = `(o.reviewed_at IS NULL)::int`;
const OPENED_US = `(extract(epoch FROM o.opened_at) * 1000000)::bigint`;

/** A page after the position ($5 unreviewed flag, $6 opened at in microseconds, $7 id). */
const page = statement<
  OverrideView & { pending: number; openedUs: string },
  [string, string | null, string, boolean, number | null, string | null, string | null, number]
>(
  'override',
  'page',
  `
  SELECT o.id, o.case_id AS "caseId", c.reference AS "caseReference", o.staff_user_id AS "staffUserId",
         s.display_name AS "staffName", o.reason, o.opened_at AS "openedAt", o.expires_at AS "expiresAt",
         (SELECT count(*)::int FROM audit_events a
           WHERE a.tenant_id = o.tenant_id AND a.subject_id = o.case_id AND a.action = 'case.read' AND a.basis = 'override:' || o.id::text) AS reads,
         o.verdict, o.review_note AS "reviewNote", o.reviewed_by AS "reviewedBy", o.reviewed_at AS "reviewedAt",
         ${PENDING} AS pending, ${OPENED_US}::text AS "openedUs"
    FROM access_overrides o
    JOIN cases c ON c.tenant_id = o.tenant_id AND c.id = o.case_id
    JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
    JOIN staff_users s ON s.tenant_id = o.tenant_id AND s.id = o.staff_user_id
   WHERE ${MAY_LIST}
     AND (NOT $4::boolean OR o.reviewed_at IS NULL)
     AND ($5::int IS NULL OR (${PENDING}, ${OPENED_US}, o.id) < ($5::int, $6::bigint, $7::uuid))
   ORDER BY ${PENDING} DESC, ${OPENED_US} DESC, o.id DESC
   LIMIT $8`,
);

/** How many overrides the caller may list, and how many of them wait for their review. */
const counts = statement<{ total: number; unreviewed: number }, [string, string | null, string]>(
  'override',
  'counts',
  `
  SELECT count(*)::int AS total, count(*) FILTER (WHERE o.reviewed_at IS NULL)::int AS unreviewed
    FROM access_overrides o
    JOIN cases c ON c.tenant_id = o.tenant_id AND c.id = o.case_id
    JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
   WHERE ${MAY_LIST}`,
);

/** Break-glass accesses and their reviews. */
export const overrideRepository = {
  insert: (
    db: Db,
    o: { tenantId: string; id: string; staffUserId: string; caseId: string; reason: string; expiresAt: Date },
  ) => execute(db, insert, [o.tenantId, o.id, o.staffUserId, o.caseId, o.reason, o.expiresAt]),
  /** The staff user's override of the case still open at `at`, the one lasting longest. */
  openFor: (db: Db, tenantId: string, caseId: string, staffUserId: string, at: Date) =>
    maybeOne(db, openFor, [tenantId, caseId, staffUserId, at]),
  lock: (db: Db, tenantId: string, id: string) => maybeOne(db, lock, [tenantId, id]),
  review: (
    db: Db,
    r: { tenantId: string; id: string; verdict: OverrideVerdict; note: string | null; by: string; at: Date },
  ) => execute(db, review, [r.tenantId, r.id, r.verdict, r.note, r.by, r.at]),
  list: (
    db: Db,
    q: {
      tenantId: string;
      coordinationAreaId: string | null;
      staffUserId: string;
      unreviewedOnly: boolean;
      ids: string[] | null;
      limit: number;
    },
  ) => rows(db, list, [q.tenantId, q.coordinationAreaId, q.staffUserId, q.unreviewedOnly, q.ids, q.limit]),
  /** A page of `list`'s order; `after` the last row's position, null for the first page. */
  page: (
    db: Db,
    q: {
      tenantId: string;
      coordinationAreaId: string | null;
      staffUserId: string;
      unreviewedOnly: boolean;
      after: { pending: number; openedUs: string; id: string } | null;
      limit: number;
    },
  ) =>
    rows(db, page, [
      q.tenantId,
      q.coordinationAreaId,
      q.staffUserId,
      q.unreviewedOnly,
      q.after?.pending ?? null,
      q.after?.openedUs ?? null,
      q.after?.id ?? null,
      q.limit,
    ]),
  counts: (db: Db, q: { tenantId: string; coordinationAreaId: string | null; staffUserId: string }) =>
    maybeOne(db, counts, [q.tenantId, q.coordinationAreaId, q.staffUserId]),
};

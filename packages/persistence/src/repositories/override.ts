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

/** What the review list can be sorted by, besides its default (unreviewed first, newest first). */
export type OverrideOrderField = 'openedAt' | 'caseReference' | 'staffName' | 'reads';
export type OverrideOrderDirection = 'asc' | 'desc';

// The override `o`'s case `<o>_c`, region `<o>_r`, staff user `<o>_s`, and whether the caller may list it.
const overrideFrom = (o: string) => `access_overrides ${o}
    JOIN cases ${o}_c ON ${o}_c.tenant_id = ${o}.tenant_id AND ${o}_c.id = ${o}.case_id
    JOIN regions ${o}_r ON ${o}_r.tenant_id = ${o}_c.tenant_id AND ${o}_r.id = ${o}_c.region_id
    JOIN staff_users ${o}_s ON ${o}_s.tenant_id = ${o}.tenant_id AND ${o}_s.id = ${o}.staff_user_id`;
const mayList = (o: string) =>
  `${o}.tenant_id = $1 AND (${o}.staff_user_id = $3 OR ($2::uuid IS NOT NULL AND ${o}_r.coordination_area_id = $2))`;
const readsOf = (o: string) => `(SELECT count(*)::int FROM audit_events a
           WHERE a.tenant_id = ${o}.tenant_id AND a.subject_id = ${o}.case_id AND a.action = 'case.read' AND a.basis = 'override:' || ${o}.id::text)`;
const OVERRIDE_ORDER_KEYS: Record<OverrideOrderField, (o: string) => string> = {
  openedAt: (o) => `${o}.opened_at`,
  caseReference: (o) => `${o}_c.reference`,
  staffName: (o) => `lower(${o}_s.display_name)`,
  reads: readsOf,
};

// A page of the review list in a chosen order, after the override $5 (the last of the page
// before; its key is read from it here, and only if the caller may list it: a cursor holds no key).
function orderedPage(field: OverrideOrderField, direction: OverrideOrderDirection) {
  const key = OVERRIDE_ORDER_KEYS[field];
  const [cmp, dir] = direction === 'asc' ? ['>', 'ASC'] : ['<', 'DESC'];
  return statement<OverrideView, [string, string | null, string, boolean, string | null, number]>(
    'override',
    `pageBy${field[0]!.toUpperCase()}${field.slice(1)}${direction === 'asc' ? 'Asc' : 'Desc'}`,
    `
  SELECT o.id, o.case_id AS "caseId", o_c.reference AS "caseReference", o.staff_user_id AS "staffUserId",
         o_s.display_name AS "staffName", o.reason, o.opened_at AS "openedAt", o.expires_at AS "expiresAt",
         ${readsOf('o')} AS reads,
         o.verdict, o.review_note AS "reviewNote", o.reviewed_by AS "reviewedBy", o.reviewed_at AS "reviewedAt"
    FROM ${overrideFrom('o')}
   WHERE ${mayList('o')}
     AND (NOT $4::boolean OR o.reviewed_at IS NULL)
     AND ($5::uuid IS NULL OR (${key('o')}, o.id) ${cmp} (
          SELECT ${key('x')}, x.id FROM ${overrideFrom('x')} WHERE ${mayList('x')} AND x.id = $5::uuid))
   ORDER BY ${key('o')} ${dir}, o.id ${dir}
   LIMIT $6`,
  );
}
const orderedPages = Object.fromEntries(
  (Object.keys(OVERRIDE_ORDER_KEYS) as OverrideOrderField[]).flatMap((f) =>
    (['asc', 'desc'] as const).map((d) => [`${f} ${d}`, orderedPage(f, d)]),
  ),
) as Record<`${OverrideOrderField} ${OverrideOrderDirection}`, ReturnType<typeof orderedPage>>;

// Whether the caller may list the override $4 (a cursor's row, when the page after it is empty).
const listed = statement<{ one: number }, [string, string | null, string, string]>(
  'override',
  'listed',
  `
  SELECT 1 AS one FROM ${overrideFrom('o')} WHERE ${mayList('o')} AND o.id = $4::uuid`,
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
  /** A page in a chosen order; `afterId` the last override of the page before, null for the first. */
  orderedPage: (
    db: Db,
    q: {
      tenantId: string;
      coordinationAreaId: string | null;
      staffUserId: string;
      unreviewedOnly: boolean;
      order: { field: OverrideOrderField; direction: OverrideOrderDirection };
      afterId: string | null;
      limit: number;
    },
  ) =>
    rows(db, orderedPages[`${q.order.field} ${q.order.direction}`], [
      q.tenantId,
      q.coordinationAreaId,
      q.staffUserId,
      q.unreviewedOnly,
      q.afterId,
      q.limit,
    ]),
  /** Whether the caller may list the override (a cursor's row). */
  listed: async (db: Db, q: { tenantId: string; coordinationAreaId: string | null; staffUserId: string }, id: string) =>
    (await maybeOne(db, listed, [q.tenantId, q.coordinationAreaId, q.staffUserId, id])) !== null,
  counts: (db: Db, q: { tenantId: string; coordinationAreaId: string | null; staffUserId: string }) =>
    maybeOne(db, counts, [q.tenantId, q.coordinationAreaId, q.staffUserId]),
};

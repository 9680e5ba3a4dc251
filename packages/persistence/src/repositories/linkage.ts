import type { LinkEvidenceRow } from '../entities/linkage.entity.js';
import { execute, maybeOne, rows, statement, type Db } from './statement.js';

/**
 * Identity linkage in the hub: the persons matching reads, the review queue, merges and their
 * undoing, and the match requests of intakes (the reliable half of matching after the commit).
 */

/** A person row as matching reads it: one record of the person at the root of its merges. */
export interface LinkagePersonRow {
  id: string;
  givenNames: string;
  familyName: string;
  nameOriginalScript: string | null;
  birthDate: string | null;
  birthDatePrecision: string;
  sex: string;
  nationality: string | null;
  municipality: string | null;
  createdAt: Date;
  mergedIntoId: string | null;
  /** The person's AZR number, if one is recorded (the smallest, if several). */
  azr: string | null;
}

export interface LinkReviewListRow {
  id: string;
  personAId: string;
  personBId: string;
  score: number;
  evidence: unknown;
  capped: string | null;
  source: string;
  status: string;
  createdAt: Date;
  decidedAt: Date | null;
  note: string | null;
  /** Case references of each person in the caller's area. */
  casesA: string[];
  casesB: string[];
}

/** A review item as stored (the columns of LinkReviewEntity). */
export interface LinkReviewRow {
  tenantId: string;
  id: string;
  personAId: string;
  personBId: string;
  score: number;
  evidence: LinkEvidenceRow[];
  capped: string | null;
  source: string;
  status: string;
  decidedBy: string | null;
  decidedAt: Date | null;
  note: string | null;
  createdAt: Date;
}

/** A merge as stored (the columns of PersonMergeEntity). */
export interface PersonMergeRow {
  tenantId: string;
  id: string;
  survivorId: string;
  mergedId: string;
  basis: string;
  score: number | null;
  reviewId: string | null;
  reason: string;
  mergedBy: string | null;
  mergedAt: Date;
  undoneAt: Date | null;
  undoneBy: string | null;
  undoReason: string | null;
}

const REVIEW_COLUMNS = `tenant_id AS "tenantId", id, person_a_id AS "personAId", person_b_id AS "personBId", score,
         evidence, capped, source, status, decided_by AS "decidedBy", decided_at AS "decidedAt", note,
         created_at AS "createdAt"`;
const MERGE_COLUMNS = `tenant_id AS "tenantId", id, survivor_id AS "survivorId", merged_id AS "mergedId", basis, score,
         review_id AS "reviewId", reason, merged_by AS "mergedBy", merged_at AS "mergedAt", undone_at AS "undoneAt",
         undone_by AS "undoneBy", undo_reason AS "undoReason"`;

/** SQL condition: the case c is in the caller's area ($2 region of a case manager, $3 area of a coordinator). */
const CASE_IN_AREA = `((c.region_id = $2::uuid) OR (r.coordination_area_id = $3::uuid))`;

const lockTenant = statement<unknown, [string]>('linkage', 'lockTenant', `SELECT pg_advisory_xact_lock(hashtext($1))`);

const rootOf = statement<{ id: string }, [string, string]>(
  'linkage',
  'rootOf',
  `
  WITH RECURSIVE up AS (
    SELECT id, merged_into_id, 0 AS depth FROM persons WHERE tenant_id = $1 AND id = $2
    UNION ALL
    SELECT p.id, p.merged_into_id, up.depth + 1 FROM persons p JOIN up ON p.tenant_id = $1 AND p.id = up.merged_into_id
     WHERE up.depth < 100)
  SELECT id FROM up WHERE merged_into_id IS NULL`,
);

const personRecords = statement<LinkagePersonRow, [string]>(
  'linkage',
  'personRecords',
  `
  SELECT p.id, p.given_names AS "givenNames", p.family_name AS "familyName",
         p.name_original_script AS "nameOriginalScript", p.birth_date::text AS "birthDate",
         p.birth_date_precision AS "birthDatePrecision", p.sex, p.nationality, p.municipality,
         p.created_at AS "createdAt", p.merged_into_id AS "mergedIntoId",
         (SELECT min(i.value) FROM person_identifiers i
           WHERE i.tenant_id = p.tenant_id AND i.person_id = p.id AND i.kind = 'azr') AS azr
    FROM persons p
   WHERE p.tenant_id = $1 AND p.erased_at IS NULL
   ORDER BY p.created_at, p.id`,
);

const reviewPairs = statement<{ a: string; b: string; status: string }, [string]>(
  'linkage',
  'reviewPairs',
  `SELECT person_a_id AS a, person_b_id AS b, status FROM link_reviews WHERE tenant_id = $1`,
);

// Both persons' trees (each with everyone merged into it, from its root): a case in one
// regional area, and a pair across the trees decided "different persons".
const pairGuard = statement<{ shared_area: boolean; decided_different: boolean }, [string, string, string]>(
  'linkage',
  'pairGuard',
  `
  WITH RECURSIVE tree AS (
    SELECT id AS root, id FROM persons WHERE tenant_id = $1 AND id IN ($2::uuid, $3::uuid)
    UNION
    SELECT t.root, p.id FROM persons p JOIN tree t ON p.tenant_id = $1 AND p.merged_into_id = t.id)
  SELECT EXISTS (SELECT 1 FROM tree tx JOIN cases cx ON cx.tenant_id = $1 AND cx.person_id = tx.id
                   JOIN cases cy ON cy.tenant_id = $1 AND cy.region_id = cx.region_id
                   JOIN tree ty ON ty.id = cy.person_id AND ty.root = $3::uuid
                  WHERE tx.root = $2::uuid) AS shared_area,
         EXISTS (SELECT 1 FROM tree tx JOIN tree ty ON ty.root = $3::uuid
                   JOIN link_reviews l ON l.tenant_id = $1 AND l.status = 'different-persons'
                    AND l.person_a_id = LEAST(tx.id, ty.id) AND l.person_b_id = GREATEST(tx.id, ty.id)
                  WHERE tx.root = $2::uuid) AS decided_different`,
);

const insertReview = statement<{ id: string }, [string, string, string, number, string, string | null, string]>(
  'linkage',
  'insertReview',
  `
  INSERT INTO link_reviews (tenant_id, person_a_id, person_b_id, score, evidence, capped, source)
  VALUES ($1, $2, $3, $4, $5, $6, $7)
  ON CONFLICT (tenant_id, person_a_id, person_b_id) DO NOTHING RETURNING id`,
);

const lockPersons = statement<{ id: string; merged_into_id: string | null }, [string, string[]]>(
  'linkage',
  'lockPersons',
  `SELECT id, merged_into_id FROM persons WHERE tenant_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`,
);

const setMergedInto = statement<never, [string, string, string]>(
  'linkage',
  'setMergedInto',
  `UPDATE persons SET merged_into_id = $3 WHERE tenant_id = $1 AND id = $2`,
);

const clearMergedInto = statement<never, [string, string]>(
  'linkage',
  'clearMergedInto',
  `UPDATE persons SET merged_into_id = NULL WHERE tenant_id = $1 AND id = $2`,
);

const lockStillMerged = statement<{ one: number }, [string, string, string]>(
  'linkage',
  'lockStillMerged',
  `SELECT 1 AS one FROM persons WHERE tenant_id = $1 AND id = $2 AND merged_into_id = $3 FOR UPDATE`,
);

const personsCreated = statement<{ id: string; createdAt: Date }, [string, string[]]>(
  'linkage',
  'personsCreated',
  `SELECT id, created_at AS "createdAt" FROM persons WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
);

// An undone merge: the pair is "different persons" for good, whatever was queued before.
const decidedDifferentByUnmerge = statement<never, [string, string, string, number, string, string]>(
  'linkage',
  'decidedDifferentByUnmerge',
  `
  INSERT INTO link_reviews (tenant_id, person_a_id, person_b_id, score, evidence, source, status, decided_by, decided_at, note)
  VALUES ($1, $2, $3, $4, '[]', 'unmerge', 'different-persons', $5, now(), $6)
  ON CONFLICT (tenant_id, person_a_id, person_b_id)
  DO UPDATE SET status = 'different-persons', decided_by = $5, decided_at = now(), note = $6`,
);

// $2 region of a case manager, $3 coordination area of a coordinator; items with a person
// that has a case there; $6 one item only (or null).
/**
 * Review items of the caller's area, best score first, then oldest, then by id: a keyset page
 * after ($7 score, $8 created at in microseconds, $9 id) when given. The score is compared as
 * the text PostgreSQL wrote into the cursor (double precision reads back exactly).
 */
const listReviews = statement<
  LinkReviewListRow & { createdUs: string; scoreText: string },
  [string, string | null, string | null, string, number, string | null, string | null, string | null, string | null]
>(
  'linkage',
  'listReviews',
  `
  WITH mine AS (
    SELECT c.person_id, array_agg(c.reference ORDER BY c.reference) AS refs
      FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
     WHERE c.tenant_id = $1 AND ${CASE_IN_AREA}
     GROUP BY c.person_id)
  SELECT l.id, l.person_a_id AS "personAId", l.person_b_id AS "personBId", l.score, l.evidence, l.capped,
         l.source, l.status, l.created_at AS "createdAt", l.decided_at AS "decidedAt", l.note,
         coalesce(ma.refs, '{}') AS "casesA", coalesce(mb.refs, '{}') AS "casesB",
         l.score::text AS "scoreText", (extract(epoch FROM l.created_at) * 1000000)::bigint::text AS "createdUs"
    FROM link_reviews l
    LEFT JOIN mine ma ON ma.person_id = l.person_a_id
    LEFT JOIN mine mb ON mb.person_id = l.person_b_id
   WHERE l.tenant_id = $1 AND l.status = $4 AND ($6::uuid IS NULL OR l.id = $6::uuid)
     AND (ma.person_id IS NOT NULL OR mb.person_id IS NOT NULL)
     AND ($7::double precision IS NULL
          OR l.score < $7::double precision
          OR (l.score = $7::double precision
              AND ((extract(epoch FROM l.created_at) * 1000000)::bigint, l.id) > ($8::bigint, $9::uuid)))
   ORDER BY l.score DESC, l.created_at, l.id
   LIMIT $5`,
);

/** What the review queue can be sorted by, besides its default (best score first, then oldest). */
export type LinkReviewOrderField = 'createdAt' | 'score';
export type LinkReviewOrderDirection = 'asc' | 'desc';
const REVIEW_ORDER_KEYS: Record<LinkReviewOrderField, (l: string) => string> = {
  createdAt: (l) => `${l}.created_at`,
  score: (l) => `${l}.score`,
};

// listReviews in a chosen order, after the item $6 (the last of the page before): its key is
// read from it here, and only if it is of the caller's area (a cursor holds the id, no key).
function orderedReviews(field: LinkReviewOrderField, direction: LinkReviewOrderDirection) {
  const key = REVIEW_ORDER_KEYS[field];
  const [cmp, dir] = direction === 'asc' ? ['>', 'ASC'] : ['<', 'DESC'];
  return statement<LinkReviewListRow, [string, string | null, string | null, string, number, string | null]>(
    'linkage',
    `listReviewsBy${field[0]!.toUpperCase()}${field.slice(1)}${direction === 'asc' ? 'Asc' : 'Desc'}`,
    `
  WITH mine AS (
    SELECT c.person_id, array_agg(c.reference ORDER BY c.reference) AS refs
      FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
     WHERE c.tenant_id = $1 AND ${CASE_IN_AREA}
     GROUP BY c.person_id)
  SELECT l.id, l.person_a_id AS "personAId", l.person_b_id AS "personBId", l.score, l.evidence, l.capped,
         l.source, l.status, l.created_at AS "createdAt", l.decided_at AS "decidedAt", l.note,
         coalesce(ma.refs, '{}') AS "casesA", coalesce(mb.refs, '{}') AS "casesB"
    FROM link_reviews l
    LEFT JOIN mine ma ON ma.person_id = l.person_a_id
    LEFT JOIN mine mb ON mb.person_id = l.person_b_id
   WHERE l.tenant_id = $1 AND l.status = $4
     AND (ma.person_id IS NOT NULL OR mb.person_id IS NOT NULL)
     AND ($6::uuid IS NULL OR (${key('l')}, l.id) ${cmp} (
          SELECT ${key('x')}, x.id FROM link_reviews x
           WHERE x.tenant_id = $1 AND x.id = $6::uuid
             AND (x.person_a_id IN (SELECT person_id FROM mine) OR x.person_b_id IN (SELECT person_id FROM mine))))
   ORDER BY ${key('l')} ${dir}, l.id ${dir}
   LIMIT $5`,
  );
}
const orderedReviewPages = Object.fromEntries(
  (Object.keys(REVIEW_ORDER_KEYS) as LinkReviewOrderField[]).flatMap((f) =>
    (['asc', 'desc'] as const).map((d) => [`${f} ${d}`, orderedReviews(f, d)]),
  ),
) as Record<`${LinkReviewOrderField} ${LinkReviewOrderDirection}`, ReturnType<typeof orderedReviews>>;

// Whether the item $4 is of the caller's area (a cursor's, when the page after it is empty).
const reviewListed = statement<{ one: number }, [string, string | null, string | null, string]>(
  'linkage',
  'reviewListed',
  `
  SELECT 1 AS one FROM link_reviews x
   WHERE x.tenant_id = $1 AND x.id = $4::uuid
     AND EXISTS (SELECT 1 FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
                  WHERE c.tenant_id = $1 AND ${CASE_IN_AREA} AND c.person_id IN (x.person_a_id, x.person_b_id))`,
);

/** How many review items of a status the caller's area has (the list's totalCount). */
const countReviews = statement<{ n: number }, [string, string | null, string | null, string]>(
  'linkage',
  'countReviews',
  `
  SELECT count(*)::int AS n FROM link_reviews l
   WHERE l.tenant_id = $1 AND l.status = $4
     AND EXISTS (SELECT 1 FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
                  WHERE c.tenant_id = $1 AND ${CASE_IN_AREA} AND c.person_id IN (l.person_a_id, l.person_b_id))`,
);

const seesOneOf = statement<{ one: number }, [string, string | null, string | null, string[]]>(
  'linkage',
  'seesOneOf',
  `
  SELECT 1 AS one FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
   WHERE c.tenant_id = $1 AND ${CASE_IN_AREA} AND c.person_id = ANY($4::uuid[]) LIMIT 1`,
);

const mergesInArea = statement<{ id: string }, [string, string | null, string | null, number]>(
  'linkage',
  'mergesInArea',
  `
  SELECT DISTINCT g.id, g.merged_at FROM person_merges g
    JOIN cases c ON c.tenant_id = g.tenant_id AND c.person_id IN (g.survivor_id, g.merged_id)
    JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
   WHERE g.tenant_id = $1 AND ${CASE_IN_AREA} AND g.undone_at IS NULL
   ORDER BY g.merged_at DESC LIMIT $4`,
);

const insertMerge = statement<
  { id: string },
  [string, string, string, string, number | null, string | null, string, string | null]
>(
  'linkage',
  'insertMerge',
  `
  INSERT INTO person_merges (tenant_id, survivor_id, merged_id, basis, score, review_id, reason, merged_by)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
);

const lockReview = statement<LinkReviewRow, [string, string]>(
  'linkage',
  'lockReview',
  `SELECT ${REVIEW_COLUMNS} FROM link_reviews WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
);

const decideReview = statement<LinkReviewRow, [string, string, string, string, string | null]>(
  'linkage',
  'decideReview',
  `
  UPDATE link_reviews SET status = $3, decided_by = $4, decided_at = now(), note = $5
   WHERE tenant_id = $1 AND id = $2
  RETURNING ${REVIEW_COLUMNS}`,
);

const lockMerge = statement<PersonMergeRow, [string, string]>(
  'linkage',
  'lockMerge',
  `SELECT ${MERGE_COLUMNS} FROM person_merges WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
);

const undoMerge = statement<PersonMergeRow, [string, string, string, string]>(
  'linkage',
  'undoMerge',
  `
  UPDATE person_merges SET undone_at = now(), undone_by = $3, undo_reason = $4
   WHERE tenant_id = $1 AND id = $2
  RETURNING ${MERGE_COLUMNS}`,
);

const mergesById = statement<PersonMergeRow, [string, string[]]>(
  'linkage',
  'mergesById',
  `SELECT ${MERGE_COLUMNS} FROM person_merges WHERE tenant_id = $1 AND id = ANY($2::uuid[]) ORDER BY merged_at DESC`,
);

const insertMatchRequest = statement<{ id: string }, [string, string, string, string]>(
  'linkage',
  'insertMatchRequest',
  `INSERT INTO person_match_requests (tenant_id, person_id, case_id, trace_id) VALUES ($1, $2, $3, $4) RETURNING id`,
);

const lockMatchRequest = statement<{ person_id: string; done_at: Date | null }, [string, string]>(
  'linkage',
  'lockMatchRequest',
  `SELECT person_id, done_at FROM person_match_requests WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
);

const matchRequestDone = statement<never, [string, string, number, number]>(
  'linkage',
  'matchRequestDone',
  `
  UPDATE person_match_requests SET done_at = now(), merges = $3, reviews = $4, last_error = NULL
   WHERE tenant_id = $1 AND id = $2`,
);

// The current tenant's (the caller's fence) requests not done and perhaps not on the queue.
const pendingForRelay = statement<
  { tenantId: string; requestId: string; traceId: string },
  [number, number, number, number]
>(
  'linkage',
  'pendingForRelay',
  `
  SELECT tenant_id AS "tenantId", id AS "requestId", trace_id AS "traceId"
    FROM person_match_requests
   WHERE done_at IS NULL AND failures < $1
     AND created_at < now() - make_interval(secs => $2::double precision / 1000)
     AND (enqueued_at IS NULL OR enqueued_at < now() - make_interval(secs => $3::double precision / 1000))
   ORDER BY created_at LIMIT $4`,
);

const markEnqueued = statement<never, [string[], string[]]>(
  'linkage',
  'markEnqueued',
  `
  UPDATE person_match_requests r SET enqueued_at = now()
    FROM unnest($1::uuid[], $2::uuid[]) AS x(tenant_id, id)
   WHERE r.tenant_id = x.tenant_id AND r.id = x.id AND r.done_at IS NULL`,
);

const recordFailure = statement<never, [string, string, string]>(
  'linkage',
  'recordFailure',
  `
  UPDATE person_match_requests SET failures = failures + 1, last_error = left($3, 1000)
   WHERE tenant_id = $1 AND id = $2 AND done_at IS NULL`,
);

/** The caller's area: the region of a case manager or the coordination area of a coordinator. */
export interface LinkageArea {
  regionId: string | null;
  coordinationAreaId: string | null;
}

export const linkageRepository = {
  /** Serialises linkage runs of one tenant within the caller's transaction. */
  lockTenant: (db: Db, tenantId: string) => execute(db, lockTenant, [`linkage:${tenantId}`]),
  rootOf: (db: Db, tenantId: string, personId: string) => maybeOne(db, rootOf, [tenantId, personId]),
  /** Every person row of the tenant that is not erased, merged ones included. */
  personRecords: (db: Db, tenantId: string) => rows(db, personRecords, [tenantId]),
  reviewPairs: (db: Db, tenantId: string) => rows(db, reviewPairs, [tenantId]),
  pairGuard: (db: Db, tenantId: string, rootX: string, rootY: string) =>
    maybeOne(db, pairGuard, [tenantId, rootX, rootY]),
  /** A review item for an ordered pair; null when the pair is in the table already. */
  insertReview: (
    db: Db,
    r: {
      tenantId: string;
      a: string;
      b: string;
      score: number;
      evidence: string;
      capped: string | null;
      source: string;
    },
  ) => maybeOne(db, insertReview, [r.tenantId, r.a, r.b, r.score, r.evidence, r.capped, r.source]),
  lockPersons: (db: Db, tenantId: string, ids: string[]) => rows(db, lockPersons, [tenantId, ids]),
  setMergedInto: (db: Db, tenantId: string, mergedId: string, survivorId: string) =>
    execute(db, setMergedInto, [tenantId, mergedId, survivorId]),
  clearMergedInto: (db: Db, tenantId: string, personId: string) => execute(db, clearMergedInto, [tenantId, personId]),
  lockStillMerged: (db: Db, tenantId: string, mergedId: string, survivorId: string) =>
    rows(db, lockStillMerged, [tenantId, mergedId, survivorId]),
  personsCreated: (db: Db, tenantId: string, ids: string[]) => rows(db, personsCreated, [tenantId, ids]),
  decidedDifferentByUnmerge: (
    db: Db,
    d: { tenantId: string; a: string; b: string; score: number; decidedBy: string; note: string },
  ) => execute(db, decidedDifferentByUnmerge, [d.tenantId, d.a, d.b, d.score, d.decidedBy, d.note]),
  listReviews: (
    db: Db,
    q: {
      tenantId: string;
      area: LinkageArea;
      status: string;
      limit: number;
      reviewId: string | null;
      after?: { score: string; createdUs: string; id: string } | null;
    },
  ) =>
    rows(db, listReviews, [
      q.tenantId,
      q.area.regionId,
      q.area.coordinationAreaId,
      q.status,
      q.limit,
      q.reviewId,
      q.after?.score ?? null,
      q.after?.createdUs ?? null,
      q.after?.id ?? null,
    ]),
  /** listReviews in a chosen order; `afterId` the last item of the page before, null for the first. */
  orderedReviews: (
    db: Db,
    q: {
      tenantId: string;
      area: LinkageArea;
      status: string;
      limit: number;
      order: { field: LinkReviewOrderField; direction: LinkReviewOrderDirection };
      afterId: string | null;
    },
  ) =>
    rows(db, orderedReviewPages[`${q.order.field} ${q.order.direction}`], [
      q.tenantId,
      q.area.regionId,
      q.area.coordinationAreaId,
      q.status,
      q.limit,
      q.afterId,
    ]),
  /** Whether the item is of the caller's area (a cursor's). */
  reviewListed: async (db: Db, tenantId: string, area: LinkageArea, id: string) =>
    (await maybeOne(db, reviewListed, [tenantId, area.regionId, area.coordinationAreaId, id])) !== null,
  countReviews: async (db: Db, tenantId: string, area: LinkageArea, status: string) =>
    (await rows(db, countReviews, [tenantId, area.regionId, area.coordinationAreaId, status]))[0]?.n ?? 0,
  seesOneOf: async (db: Db, tenantId: string, area: LinkageArea, personIds: string[]) =>
    (await rows(db, seesOneOf, [tenantId, area.regionId, area.coordinationAreaId, personIds])).length > 0,
  mergesInArea: (db: Db, tenantId: string, area: LinkageArea, limit: number) =>
    rows(db, mergesInArea, [tenantId, area.regionId, area.coordinationAreaId, limit]),
  insertMerge: async (
    db: Db,
    g: {
      tenantId: string;
      survivorId: string;
      mergedId: string;
      basis: string;
      score: number | null;
      reviewId: string | null;
      reason: string;
      mergedBy: string | null;
    },
  ) =>
    (await maybeOne(db, insertMerge, [
      g.tenantId,
      g.survivorId,
      g.mergedId,
      g.basis,
      g.score,
      g.reviewId,
      g.reason,
      g.mergedBy,
    ]))!.id,
  lockReview: (db: Db, tenantId: string, id: string) => maybeOne(db, lockReview, [tenantId, id]),
  decideReview: async (db: Db, tenantId: string, id: string, d: { status: string; by: string; note: string | null }) =>
    (await maybeOne(db, decideReview, [tenantId, id, d.status, d.by, d.note]))!,
  lockMerge: (db: Db, tenantId: string, id: string) => maybeOne(db, lockMerge, [tenantId, id]),
  undoMerge: async (db: Db, tenantId: string, id: string, d: { by: string; reason: string }) =>
    (await maybeOne(db, undoMerge, [tenantId, id, d.by, d.reason]))!,
  mergesById: (db: Db, tenantId: string, ids: string[]) => rows(db, mergesById, [tenantId, ids]),
  insertMatchRequest: (db: Db, r: { tenantId: string; personId: string; caseId: string; traceId: string }) =>
    maybeOne(db, insertMatchRequest, [r.tenantId, r.personId, r.caseId, r.traceId]),
  lockMatchRequest: (db: Db, tenantId: string, requestId: string) =>
    maybeOne(db, lockMatchRequest, [tenantId, requestId]),
  matchRequestDone: (db: Db, tenantId: string, requestId: string, merges: number, reviews: number) =>
    execute(db, matchRequestDone, [tenantId, requestId, merges, reviews]),
  pendingForRelay: (db: Db, q: { maxFailures: number; minAgeMs: number; graceMs: number; limit: number }) =>
    rows(db, pendingForRelay, [q.maxFailures, q.minAgeMs, q.graceMs, q.limit]),
  markEnqueued: (db: Db, tenantIds: string[], requestIds: string[]) =>
    execute(db, markEnqueued, [tenantIds, requestIds]),
  recordFailure: (db: Db, tenantId: string, requestId: string, error: string) =>
    execute(db, recordFailure, [tenantId, requestId, error]),
};

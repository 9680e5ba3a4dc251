import type { CasePhase, LifeDomain } from '@kim/contracts';
import { consentMayGrantSql, ruleOff, staffAreaSql } from './fragments.js';
import type { PersonRow } from './person.js';
import { execute, maybeOne, rows, statement, type Db } from './statement.js';

/** A need recorded on a case, by life domain. */
export interface CaseNeedRow {
  tenantId: string;
  id: string;
  caseId: string;
  domain: LifeDomain;
  description: string;
}

/** A goal of a case's integration plan. */
export interface GoalRow {
  tenantId: string;
  id: string;
  caseId: string;
  domain: LifeDomain;
  description: string;
  targetDate: string | null;
  status: string;
  createdAt: Date;
}

const needsByCases = statement<CaseNeedRow, [string, string[]]>(
  'case',
  'needsByCases',
  `
  SELECT tenant_id AS "tenantId", id, case_id AS "caseId", domain, description
    FROM case_needs WHERE tenant_id = $1 AND case_id = ANY($2)`,
  { prepared: true },
);

const goalsByCases = statement<GoalRow, [string, string[]]>(
  'case',
  'goalsByCases',
  `
  SELECT tenant_id AS "tenantId", id, case_id AS "caseId", domain, description, target_date::text AS "targetDate",
         status, created_at AS "createdAt"
    FROM goals WHERE tenant_id = $1 AND case_id = ANY($2) ORDER BY created_at`,
  { prepared: true },
);

/** A case with the area that supervises it: what the access rules ask about. */
export interface CaseScopeRow {
  id: string;
  personId: string;
  regionId: string;
  coordinationAreaId: string;
  caseManagerId: string;
  phase: CasePhase;
  reference: string;
  openedAt: Date;
  closedAt: Date | null;
}

/**
 * The case scope's columns as CaseScopeRow fields, from the cases alias `c` and the regions alias
 * `r`; `as` prefixes every name (e.g. `c.` where the scope sits beside other rows in one).
 */
export const caseScopeColumns = (c: string, r: string, as = '') =>
  `${c}.id AS "${as}id", ${c}.person_id AS "${as}personId", ${c}.region_id AS "${as}regionId",
         ${r}.coordination_area_id AS "${as}coordinationAreaId", ${c}.case_manager_id AS "${as}caseManagerId",
         ${c}.phase AS "${as}phase", ${c}.reference AS "${as}reference", ${c}.opened_at AS "${as}openedAt",
         ${c}.closed_at AS "${as}closedAt"`;

const scope = statement<CaseScopeRow, [string, string]>(
  'case',
  'scope',
  `
  SELECT ${caseScopeColumns('c', 'r')}
    FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
   WHERE c.tenant_id = $1 AND c.id = $2`,
  { prepared: true },
);

const lockScope = statement<CaseScopeRow, [string, string]>(
  'case',
  'lockScope',
  `
  SELECT ${caseScopeColumns('c', 'r')}
    FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
   WHERE c.tenant_id = $1 AND c.id = $2 FOR UPDATE OF c`,
  { prepared: true },
);

/** A case with its area and, beside it, its person's row (null if the row is not there). */
export interface CaseScopeWithPersonRow extends CaseScopeRow {
  person: PersonRow | null;
}

/** The scope's columns, then the person's under names of their own (`p_…`), split apart below. */
const scopeWithPerson = statement<CaseScopeRow & PersonColumns, [string, string]>(
  'case',
  'scopeWithPerson',
  `
  SELECT ${caseScopeColumns('c', 'r')},
         p.id AS "p_id", p.given_names AS "p_givenNames", p.family_name AS "p_familyName",
         p.name_original_script AS "p_nameOriginalScript", p.aliases AS "p_aliases",
         p.birth_date::text AS "p_birthDate", p.birth_date_precision AS "p_birthDatePrecision", p.sex AS "p_sex",
         p.nationality AS "p_nationality", p.languages AS "p_languages", p.residence_status AS "p_residenceStatus",
         p.municipality AS "p_municipality", p.arrival_date::text AS "p_arrivalDate",
         p.do_not_contact AS "p_doNotContact", p.erased_at AS "p_erasedAt", p.created_at AS "p_createdAt",
         p.merged_into_id AS "p_mergedIntoId"
    FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
         LEFT JOIN persons p ON p.tenant_id = c.tenant_id AND p.id = c.person_id
   WHERE c.tenant_id = $1 AND c.id = $2`,
  { prepared: true },
);

type PersonColumns = { [K in Exclude<keyof PersonRow, 'tenantId'> as `p_${K}`]: PersonRow[K] | null };

function splitCaseAndPerson(tenantId: string, row: CaseScopeRow & PersonColumns): CaseScopeWithPersonRow {
  const scope: CaseScopeRow = {
    id: row.id,
    personId: row.personId,
    regionId: row.regionId,
    coordinationAreaId: row.coordinationAreaId,
    caseManagerId: row.caseManagerId,
    phase: row.phase,
    reference: row.reference,
    openedAt: row.openedAt,
    closedAt: row.closedAt,
  };
  if (row.p_id === null) return { ...scope, person: null };
  const person: PersonRow = {
    tenantId,
    id: row.p_id,
    givenNames: row.p_givenNames!,
    familyName: row.p_familyName!,
    nameOriginalScript: row.p_nameOriginalScript,
    aliases: row.p_aliases!,
    birthDate: row.p_birthDate,
    birthDatePrecision: row.p_birthDatePrecision!,
    sex: row.p_sex!,
    nationality: row.p_nationality,
    languages: row.p_languages!,
    residenceStatus: row.p_residenceStatus,
    municipality: row.p_municipality!,
    arrivalDate: row.p_arrivalDate,
    doNotContact: row.p_doNotContact!,
    erasedAt: row.p_erasedAt,
    createdAt: row.p_createdAt!,
    mergedIntoId: row.p_mergedIntoId,
  };
  return { ...scope, person };
}

/** A case as stored. */
export interface CaseRecordRow {
  tenantId: string;
  id: string;
  reference: string;
  personId: string;
  caseManagerId: string;
  regionId: string;
  phase: CasePhase;
  openedAt: Date;
  closedAt: Date | null;
  updatedAt: Date;
  version: number;
}

const CASE_COLUMNS = `tenant_id AS "tenantId", id, reference, person_id AS "personId", case_manager_id AS "caseManagerId",
         region_id AS "regionId", phase, opened_at AS "openedAt", closed_at AS "closedAt", updated_at AS "updatedAt",
         version`;

/** Whose cases a list holds: a case manager's region, a coordinator's area, an agency's candidates. */
export type CaseListScope = 'region' | 'area' | 'agency';

const OFF = '$9::text[]';
const mayGrant = consentMayGrantSql('k', {
  agency: '$5::uuid',
  today: '$6',
  now: '$7',
  purposes: '$8::text[]',
  off: OFF,
});

type ScopeParams = [
  string,
  CaseListScope,
  string | null,
  string | null,
  string | null,
  string,
  Date,
  readonly string[],
  readonly string[],
];
type ListPageParams = [
  ...ScopeParams,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  number,
];

// The caller's scope ($2) and the filter of a case list, shared by every order below:
// a case manager's region ($3), a coordinator's area ($4), or an agency's ($5) candidates: connected
// to the case (a sent referral on it, or a consent or legal basis recorded on it that may grant) and
// with a grant that may be non-empty (a consent of the person that may grant, or a legal basis
// naming the agency for the person or an area), a pre-filter the access policy decides on after.
// $9: the access rules switched off (fragments.ts; empty in every running hub). `a`: the row's alias
// (the listed case, or the case a cursor starts after, which must be in the caller's scope too).
const listScope = (a: string) => `   WHERE ${a}.tenant_id = $1
     AND ($2 <> 'region' OR ${a}.region_id = $3::uuid OR ${ruleOff('staff.case.own-area', OFF)})
     AND ($2 <> 'area'
          OR ${a}.region_id IN (SELECT r.id FROM regions r WHERE r.tenant_id = ${a}.tenant_id AND r.coordination_area_id = $4::uuid)
          OR ${ruleOff('staff.case.own-area', OFF)})
     AND ($2 <> 'agency' OR (
          ((EXISTS (SELECT 1 FROM referrals f WHERE f.tenant_id = ${a}.tenant_id AND f.case_id = ${a}.id AND f.agency_id = $5::uuid
                      AND (f.status <> 'draft' OR ${ruleOff('agency.referral.sent-only', OFF)}))
            OR EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = ${a}.tenant_id AND k.case_id = ${a}.id AND ${mayGrant})
            OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = ${a}.tenant_id
                         AND (b.recipient_agency_id = $5::uuid OR ${ruleOff('agency.grant.recipient', OFF)}) AND b.case_id = ${a}.id))
           OR ${ruleOff('agency.case.connected', OFF)})
          AND ((EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = ${a}.tenant_id AND k.person_id = ${a}.person_id AND ${mayGrant})
                OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = ${a}.tenant_id
                             AND (b.recipient_agency_id = $5::uuid OR ${ruleOff('agency.grant.recipient', OFF)})
                             AND (b.person_id = ${a}.person_id OR b.person_id IS NULL OR ${ruleOff('agency.grant.legal-basis-scope', OFF)})))
               OR ${ruleOff('agency.case.grant-required', OFF)})))
`;

// The filter of a case list ($10–$13).
const LIST_FILTER = `     AND ($10::text IS NULL OR c.phase = $10)
     AND ($11::uuid IS NULL OR c.region_id = $11)
     AND ($12::uuid IS NULL OR c.case_manager_id = $12)
     AND ($13::text IS NULL
          OR c.reference ILIKE $13
          OR EXISTS (SELECT 1 FROM persons p WHERE p.tenant_id = c.tenant_id AND p.id = c.person_id
                       AND (p.family_name ILIKE $13 OR p.given_names ILIKE $13 OR p.name_original_script ILIKE $13
                            OR EXISTS (SELECT 1 FROM jsonb_array_elements(p.aliases) a
                                        WHERE a->>'familyName' ILIKE $13 OR a->>'givenNames' ILIKE $13
                                           OR a->>'originalScript' ILIKE $13))))
`;
const LIST_SCOPE = listScope('c') + LIST_FILTER;

/** Who asks for a case list and its filter. */
export interface CaseListQuery {
  tenantId: string;
  scope: CaseListScope;
  regionId: string | null;
  areaId: string | null;
  agency: { id: string; today: string; now: Date; purposes: readonly string[] } | null;
  phase: string | null;
  filterRegionId: string | null;
  caseManagerId: string | null;
  search: string | null;
  limit: number;
}

// CASE_COLUMNS of the row `c`, for statements that join other tables.
const CASE_COLUMNS_C = `c.tenant_id AS "tenantId", c.id, c.reference, c.person_id AS "personId", c.case_manager_id AS "caseManagerId",
         c.region_id AS "regionId", c.phase, c.opened_at AS "openedAt", c.closed_at AS "closedAt", c.updated_at AS "updatedAt",
         c.version`;

/** What a case list is ordered by (the default: opened_at, newest first). */
export type CaseOrderField = 'openedAt' | 'reference' | 'familyName' | 'phase';
export type CaseOrderDirection = 'asc' | 'desc';

// Per field: the key the rows are ordered by, for the row alias `a`, and a join the key needs.
// Every order breaks ties by the id. Phases sort by their place in the cycle, not alphabetically.
const PHASE_CYCLE = `ARRAY['intake','assessment','planning','linking','monitoring','reassessment','closed']::text[]`;
const ORDER_KEYS: Record<CaseOrderField, { key: (a: string) => string; join: (a: string) => string }> = {
  openedAt: { key: (a) => `${a}.opened_at`, join: () => '' },
  reference: { key: (a) => `${a}.reference`, join: () => '' },
  familyName: {
    key: (a) => `lower(${a}_pn.family_name)`,
    join: (a) => `\n    JOIN persons ${a}_pn ON ${a}_pn.tenant_id = ${a}.tenant_id AND ${a}_pn.id = ${a}.person_id`,
  },
  phase: { key: (a) => `array_position(${PHASE_CYCLE}, ${a}.phase)`, join: () => '' },
};

// One page of a case list in a chosen order, after the case $14 (the last of the page before).
// A cursor holds only that case's id, never its key (a name would travel in URLs and logs): the
// key is read here, from the case itself, and only if the case is in the caller's scope (else a
// cursor of any case's id would tell where its name falls among the caller's cases); a case not
// in scope matches nothing. Scope and filter: LIST_SCOPE above.
function orderedListPage(field: CaseOrderField, direction: CaseOrderDirection) {
  const k = ORDER_KEYS[field];
  const [cmp, dir] = direction === 'asc' ? ['>', 'ASC'] : ['<', 'DESC'];
  const name = `listPageBy${field[0]!.toUpperCase()}${field.slice(1)}${direction === 'asc' ? 'Asc' : 'Desc'}`;
  return statement<CaseRecordRow, ListPageParams>(
    'case',
    name,
    `
  SELECT ${CASE_COLUMNS_C}
    FROM cases c${k.join('c')}
${LIST_SCOPE}     AND ($14::uuid IS NULL OR (${k.key('c')}, c.id) ${cmp} (
          SELECT ${k.key('x')}, x.id FROM cases x${k.join('x')}
       ${listScope('x').replace('   WHERE', '  WHERE')}           AND x.id = $14::uuid))
   ORDER BY ${k.key('c')} ${dir}, c.id ${dir}
   LIMIT $15`,
  );
}

const orderedListPages = Object.fromEntries(
  (Object.keys(ORDER_KEYS) as CaseOrderField[]).flatMap((f) =>
    (['asc', 'desc'] as const).map((d) => [`${f} ${d}`, orderedListPage(f, d)]),
  ),
) as Record<`${CaseOrderField} ${CaseOrderDirection}`, ReturnType<typeof orderedListPage>>;

// Whether the case $10 is in the caller's scope (a cursor's case, when the page after it is empty:
// the end of the list, or a case that left it).
const inListScope = statement<{ one: number }, [...ScopeParams, string]>(
  'case',
  'inListScope',
  `
  SELECT 1 AS one FROM cases c
${listScope('c')}     AND c.id = $10::uuid`,
);

// Serialises reference allocation per tenant and year without a sequence per tenant.
const lockReferences = statement<unknown, [string]>(
  'case',
  'lockReferences',
  `
  SELECT pg_advisory_xact_lock(hashtext($1))`,
);

const lastReference = statement<{ max: string | null }, [string, string]>(
  'case',
  'lastReference',
  `
  SELECT max(reference) AS max FROM cases WHERE tenant_id = $1 AND reference ~ $2`,
);

const insert = statement<
  { openedAt: Date; updatedAt: Date; version: number },
  [string, string, string, string, string, string, CasePhase]
>(
  'case',
  'insert',
  `
  INSERT INTO cases (tenant_id, id, reference, person_id, case_manager_id, region_id, phase, version)
  VALUES ($1, $2, $3, $4, $5, $6, $7, 1)
  RETURNING opened_at AS "openedAt", updated_at AS "updatedAt", version`,
);

const setPhase = statement<CaseRecordRow, [string, string, CasePhase, Date | null]>(
  'case',
  'setPhase',
  `
  UPDATE cases SET phase = $3, closed_at = coalesce($4, closed_at), updated_at = now(), version = version + 1
   WHERE tenant_id = $1 AND id = $2
  RETURNING ${CASE_COLUMNS}`,
);

// Closing with a reason (issue 19: 'moved' when the case went to another Kreis).
const closeAs = statement<CaseRecordRow, [string, string, string]>(
  'case',
  'closeAs',
  `
  UPDATE cases SET phase = 'closed', closed_at = now(), closing_reason = $3, updated_at = now(), version = version + 1
   WHERE tenant_id = $1 AND id = $2 AND phase <> 'closed'
  RETURNING ${CASE_COLUMNS}`,
);

const insertNeed = statement<never, [string, string, LifeDomain, string]>(
  'case',
  'insertNeed',
  `
  INSERT INTO case_needs (tenant_id, case_id, domain, description) VALUES ($1, $2, $3, $4)`,
);

const insertGoal = statement<{ createdAt: Date }, [string, string, string, LifeDomain, string, string | null]>(
  'case',
  'insertGoal',
  `
  INSERT INTO goals (tenant_id, id, case_id, domain, description, target_date, status)
  VALUES ($1, $2, $3, $4, $5, $6, 'open')
  RETURNING created_at AS "createdAt"`,
);

// Does the person (or anyone merged into them) have a case in the area: the case manager's
// regional area ($3) or the coordinator's coordination area ($4)?
const personHasCaseInArea = statement<{ one: number }, [string, string, string | null, string | null]>(
  'case',
  'personHasCaseInArea',
  `
  WITH RECURSIVE tree AS (
    SELECT id FROM persons WHERE tenant_id = $1 AND id = $2
    UNION
    SELECT x.id FROM persons x JOIN tree t ON x.tenant_id = $1 AND x.merged_into_id = t.id)
  SELECT 1 AS one FROM cases c JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
   WHERE c.tenant_id = $1 AND c.person_id IN (SELECT id FROM tree)
     AND ${staffAreaSql('c', 'r', '$3', '$4')}
   LIMIT 1`,
);

const idsOfPerson = statement<{ id: string }, [string, string]>(
  'case',
  'idsOfPerson',
  `
  SELECT id FROM cases WHERE tenant_id = $1 AND person_id = $2`,
);

const lockGoal = statement<GoalRow, [string, string]>(
  'case',
  'lockGoal',
  `
  SELECT tenant_id AS "tenantId", id, case_id AS "caseId", domain, description, target_date::text AS "targetDate",
         status, created_at AS "createdAt"
    FROM goals WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
);

const updateGoal = statement<never, [string, string, string, string, string | null]>(
  'case',
  'updateGoal',
  `
  UPDATE goals SET status = $3, description = $4, target_date = $5 WHERE tenant_id = $1 AND id = $2`,
);

const setCaseManager = statement<CaseRecordRow, [string, string, string]>(
  'case',
  'setCaseManager',
  `
  UPDATE cases SET case_manager_id = $3, updated_at = now(), version = version + 1
   WHERE tenant_id = $1 AND id = $2
  RETURNING ${CASE_COLUMNS}`,
);

const scopeParams = (q: CaseListQuery, off: readonly string[]): ScopeParams => [
  q.tenantId,
  q.scope,
  q.regionId,
  q.areaId,
  q.agency?.id ?? null,
  q.agency?.today ?? '1970-01-01',
  q.agency?.now ?? new Date(0),
  q.agency?.purposes ?? [],
  off,
];

/** Cases, their needs and plan. */
export const caseRepository = {
  /**
   * One page of a case list in an order (see orderedListPage above); `afterId`: the last case of
   * the page before (its key is read in the caller's scope). `off`: the access rules switched off
   * (an ablation run; empty otherwise); `search`: an ILIKE pattern.
   */
  listPage: (
    db: Db,
    q: CaseListQuery & {
      order: { field: CaseOrderField; direction: CaseOrderDirection };
      afterId: string | null;
    },
    off: readonly string[],
  ) =>
    rows(db, orderedListPages[`${q.order.field} ${q.order.direction}`], [
      ...scopeParams(q, off),
      q.phase,
      q.filterRegionId,
      q.caseManagerId,
      q.search,
      q.afterId,
      q.limit,
    ]),
  /** Whether the case is in the caller's scope of a case list (a cursor's case). */
  inListScope: async (db: Db, q: CaseListQuery, id: string, off: readonly string[]) =>
    (await maybeOne(db, inListScope, [...scopeParams(q, off), id])) !== null,

  /** Take the lock that serialises reference allocation for a key (tenant and year), until commit. */
  lockReferences: (db: Db, key: string) => execute(db, lockReferences, [key]),
  /** The greatest reference matching a pattern (per tenant and year). */
  lastReference: async (db: Db, tenantId: string, pattern: string) =>
    (await rows(db, lastReference, [tenantId, pattern]))[0]?.max ?? null,
  async insert(
    db: Db,
    c: Pick<CaseRecordRow, 'tenantId' | 'id' | 'reference' | 'personId' | 'caseManagerId' | 'regionId' | 'phase'>,
  ): Promise<CaseRecordRow> {
    const [row] = await rows(db, insert, [
      c.tenantId,
      c.id,
      c.reference,
      c.personId,
      c.caseManagerId,
      c.regionId,
      c.phase,
    ]);
    return { ...c, closedAt: null, ...row! };
  },
  /** Move a case to a phase; `closedAt` when it closes. The version counts up. */
  setPhase: (db: Db, tenantId: string, id: string, phase: CasePhase, closedAt: Date | null) =>
    maybeOne(db, setPhase, [tenantId, id, phase, closedAt]),
  /** Close an open case with a reason; null if it was closed already. */
  closeAs: (db: Db, tenantId: string, id: string, reason: string) => maybeOne(db, closeAs, [tenantId, id, reason]),
  insertNeed: (db: Db, n: { tenantId: string; caseId: string; domain: LifeDomain; description: string }) =>
    execute(db, insertNeed, [n.tenantId, n.caseId, n.domain, n.description]),
  async insertGoal(db: Db, g: Omit<GoalRow, 'status' | 'createdAt'>): Promise<GoalRow> {
    const [row] = await rows(db, insertGoal, [g.tenantId, g.id, g.caseId, g.domain, g.description, g.targetDate]);
    return { ...g, status: 'open', createdAt: row!.createdAt };
  },
  /** A goal, locked for a change (inside a transaction). */
  lockGoal: (db: Db, tenantId: string, id: string) => maybeOne(db, lockGoal, [tenantId, id]),
  updateGoal: (db: Db, g: Pick<GoalRow, 'tenantId' | 'id' | 'status' | 'description' | 'targetDate'>) =>
    execute(db, updateGoal, [g.tenantId, g.id, g.status, g.description, g.targetDate]),
  /** Give a case another case manager; the version counts up. */
  setCaseManager: (db: Db, tenantId: string, id: string, caseManagerId: string) =>
    maybeOne(db, setCaseManager, [tenantId, id, caseManagerId]),
  personHasCaseInArea: async (
    db: Db,
    q: { tenantId: string; personId: string; regionId: string | null; coordinationAreaId: string | null },
  ) => (await rows(db, personHasCaseInArea, [q.tenantId, q.personId, q.regionId, q.coordinationAreaId])).length > 0,
  /** A case with its supervising area; locked (inside a transaction) when asked. */
  scope: (db: Db, tenantId: string, caseId: string, lock = false) =>
    maybeOne(db, lock ? lockScope : scope, [tenantId, caseId]),
  /**
   * As `scope`, with the case's person read in the same statement: for a reader that shows the
   * person next to the case (the row is data only; who sees which of its categories is the access
   * policy's question).
   */
  scopeWithPerson: async (db: Db, tenantId: string, caseId: string): Promise<CaseScopeWithPersonRow | null> => {
    const row = await maybeOne(db, scopeWithPerson, [tenantId, caseId]);
    return row && splitCaseAndPerson(tenantId, row);
  },
  /** The ids of a person's cases. */
  idsOfPerson: async (db: Db, tenantId: string, personId: string) =>
    (await rows(db, idsOfPerson, [tenantId, personId])).map((r) => r.id),
  needsByCases: (db: Db, tenantId: string, caseIds: readonly string[]) =>
    rows(db, needsByCases, [tenantId, [...caseIds]]),
  goalsByCases: (db: Db, tenantId: string, caseIds: readonly string[]) =>
    rows(db, goalsByCases, [tenantId, [...caseIds]]),
};

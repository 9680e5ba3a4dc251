import type { DataSource } from 'typeorm';
import { Purpose, StaffRole, type AgencyReadAction, type DataCategory } from '@kim/contracts';
import {
  agencyRepository,
  caseRepository,
  consentRepository,
  referralRepository,
  type CaseRecordRow,
  type CaseListQuery,
  type ConsentEntity,
  type GrantFactsRow,
  type PersonRow,
  type ReferralEntity,
} from '@kim/persistence';
import { audit, type AuditEntry } from '../ledger/audit.js';
import { LedgerSealer } from '../ledger/sealer.js';
import { LedgerWriter } from '../ledger/writer.js';
import { berlinDay } from '../common/calendar.js';
import type { CaseRow } from '../case/case-scope.js';
import { legalBasesFor, legalBasesInEffect, toConsent } from '../consent/consent-check.js';
import { DomainError, notFound } from '../common/errors.js';
import {
  DEFAULT_CASE_ORDER,
  caseLeftList,
  decodeCaseCursor,
  encodeCaseCursor,
  mayOrderBy,
  type CaseOrder,
} from './case-order.js';
import { OverrideCommands } from './overrides.js';
import type { Principal } from '../common/principal.js';
import {
  EMPTY_GRANT,
  READ_PURPOSES,
  readGrant,
  type GrantConsent,
  type GrantLegalBasis,
  type ReadGrant,
} from './grant.js';
import {
  agencySeesCase,
  personCategories,
  searchHitShown,
  seesAchievements,
  seesConsents,
  seesNeeds,
  seesPlan,
  staffSeesCase,
  visibleIdentifiers,
  visibleReferrals,
  visibleTimeline,
  type IdentifierFacts,
  type ReferralFacts,
  type TimelineFacts,
} from './policy.js';
import { rule, ruleSwitches } from './rules.js';
import { grantFactsOfCase, requestAccessContext, type RequestFacts } from './request-context.js';

type Agency = Extract<Principal, { kind: 'agency' }>;

/**
 * Where the policy's reads get their facts and write their ledger entries. The gateway hands
 * in one per request, built on its DataLoaders (batched, cached for the request only);
 * directAccessContext reads the database itself.
 */
export interface AccessContext {
  consentsOf(personId: string): Promise<ConsentEntity[]>;
  referralsOf(caseId: string): Promise<ReferralEntity[]>;
  /** The legal bases in effect for the person and the calling agency. */
  legalBasesOf(personId: string): Promise<GrantLegalBasis[]>;
  /**
   * For an agency: the consents of the person of a case, the legal bases in effect for them and
   * the agency, and the case's referrals, in one statement asked by the case's id (so beside the
   * case; a request's context keeps the referrals for referralsOf); null for anyone else or when
   * the case is not there.
   */
  grantFactsOfCase(caseId: string): Promise<GrantFactsRow | null>;
  agencyKindsOf(agencyIds: string[]): Promise<Map<string, string>>;
  /**
   * Record an agency's read in the ledger. A request's context keeps the entries (de-duplicated)
   * until `flush`, which the gateway awaits before it sends the answer; the direct context
   * writes at once.
   */
  record(entry: AuditEntry): Promise<void>;
  /** Write the entries recorded and not yet written, in one statement; must succeed before any answer goes out. */
  flush(): Promise<void>;
  /** Read grants by person, cached for as long as the context lives. */
  grants: Map<string, Promise<ReadGrant>>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A gateway chains its reads' ledger entries at most this often per tenant (one seal for a busy moment's reads). */
const SEAL_DELAY_MS = 50;

/** Ids are UUIDs: anything else is bad input, said as such (never a database error). */
export function assertCaseId(id: string, path = 'id'): void {
  if (!UUID.test(id)) {
    throw new DomainError('INVALID_INPUT', `${path} is not a case id (UUID)`, {
      problems: [{ path, message: 'a UUID' }],
    });
  }
}

/** An access context on the database itself, without request-scoped batching. */
export function directAccessContext(ds: DataSource, p: Principal, sealer?: LedgerSealer): AccessContext {
  return {
    consentsOf: (personId) => consentRepository.byPersons(ds, p.tenantId, [personId]),
    referralsOf: (caseId) => referralRepository.ofCase(ds, p.tenantId, caseId),
    legalBasesOf: (personId) =>
      p.kind === 'agency' ? legalBasesFor(ds.manager, p.tenantId, personId, p.agencyId) : Promise.resolve([]),
    grantFactsOfCase: (caseId) => grantFactsOfCase(ds, p, caseId),
    agencyKindsOf: async (ids) => {
      const rows = await agencyRepository.byIds(
        ds,
        p.tenantId,
        ids.filter((i) => UUID.test(i)),
      );
      return new Map(rows.map((a) => [a.id, a.kind]));
    },
    record: async (entry) => {
      await audit(ds, p, entry);
      sealer?.request(p.tenantId);
    },
    flush: () => Promise.resolve(),
    grants: new Map(),
  };
}

export const toGrantConsent = (
  c: Parameters<typeof toConsent>[0] & { kind: string; caseId: string },
): GrantConsent => ({
  ...toConsent(c),
  kind: c.kind,
  caseId: c.caseId,
});

const referralFacts = (r: ReferralEntity): ReferralFacts => ({
  id: r.id,
  agencyId: r.agencyId,
  status: r.status,
  requestedAt: r.requestedAt,
  categories: r.categories,
});

export interface CaseFilter {
  phase?: string;
  regionId?: string;
  caseManagerId?: string;
  /** Staff: case reference, family or given name, any alias (prefix, case-insensitive). Agencies: see searchHitShown. */
  search?: string;
}

export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  endCursor: string | null;
}

const likePrefix = (s: string) => `${s.replace(/[%_\\]/g, (ch) => `\\${ch}`)}%`;

/**
 * Every read of case data asks here: the single case, the list, the search, and of a case the
 * person, identifiers, referrals, notes and timeline. Decisions come from the policy
 * (policy.ts, grant.ts); agencies' reads are recorded in the ledger as disclosures.
 */
export class AccessReads {
  private readonly overrides: OverrideCommands;
  /** Chains the ledger entries of this process's reads soon after they were written. */
  readonly sealer: LedgerSealer;
  /** Writes the requests' ledger entries, those that finish together in one statement. */
  private readonly ledger: LedgerWriter;

  constructor(protected readonly ds: DataSource) {
    this.ledger = new LedgerWriter(ds);
    this.overrides = new OverrideCommands(ds);
    this.sealer = new LedgerSealer(
      ds,
      // The worker's sweep seals what is left; verification flags anything left for long.
      (e) => process.emitWarning(`ledger seal failed: ${e instanceof Error ? e.message : String(e)}`),
      SEAL_DELAY_MS,
    );
  }

  /** The access context of one request, on the facts the request loads in batches (see RequestFacts). */
  requestContext(p: Principal, facts: RequestFacts): AccessContext {
    return requestAccessContext(this.ds, p, facts, this.sealer, this.ledger);
  }

  /** The agency's read grant for the person now (empty for anyone else). */
  grant(p: Principal, personId: string, ctx: AccessContext, at = new Date()): Promise<ReadGrant> {
    if (p.kind !== 'agency') return Promise.resolve(EMPTY_GRANT);
    let grant = ctx.grants.get(personId);
    if (!grant) {
      grant = (async () => {
        // Both asked at once: one round trip of waiting, not two.
        const [consentRows, legalBases] = await Promise.all([ctx.consentsOf(personId), ctx.legalBasesOf(personId)]);
        const consents = consentRows.map(toGrantConsent);
        return readGrant({ agency: { id: p.agencyId, kind: p.agencyKind }, personId, consents, legalBases, at });
      })();
      ctx.grants.set(personId, grant);
    }
    return grant;
  }

  /**
   * An agency's grant for the person of a case, decided on facts read by the case's id, and kept
   * as that person's grant for the request (a grant already there is kept).
   */
  private async grantOfCase(p: Agency, caseId: string, ctx: AccessContext, at = new Date()): Promise<void> {
    const facts = await ctx.grantFactsOfCase(caseId);
    if (!facts || ctx.grants.has(facts.personId)) return;
    const grant = readGrant({
      agency: { id: p.agencyId, kind: p.agencyKind },
      personId: facts.personId,
      consents: facts.consents.map(toGrantConsent),
      legalBases: legalBasesInEffect(facts.legalBases),
      at,
    });
    ctx.grants.set(facts.personId, Promise.resolve(grant));
  }

  /**
   * The case, if the caller may see it. "No" is NOT_FOUND with the same message whether the case
   * does not exist, is in another area or tenant, or is one an agency may not see.
   */
  async caseFor(p: Principal, caseId: string, ctx: AccessContext): Promise<CaseRow & { person?: PersonRow | null }> {
    assertCaseId(caseId);
    // The person's row comes in the same statement, for a reader that shows it next to the case;
    // it is data only: which of its categories the caller sees is `person`'s answer (and ledger).
    // For an agency, the grant's facts and the case's referrals are asked for beside the case (by
    // its id, in one statement): one round trip of waiting before the decision instead of two.
    const [row] = await Promise.all([
      caseRepository.scopeWithPerson(this.ds.manager, p.tenantId, caseId),
      p.kind === 'agency' ? this.grantOfCase(p, caseId, ctx) : undefined,
    ]);
    if (row && p.kind === 'staff') {
      if (staffSeesCase(p, row)) return row;
      // Break-glass: read-only, that one case, recorded per read (never in lists or search).
      if (p.mayOverride && (await this.overrides.readUnderOverride(p, row))) return row;
    }
    if (row && p.kind === 'agency') {
      const seen = await this.agencyView(p, row, ctx);
      if (seen) {
        await ctx.record(this.caseRead(p, row, seen.basis, 'single'));
        return row;
      }
      await ctx.record({
        action: 'case.read',
        subjectType: 'case',
        subjectId: caseId,
        allowed: false,
        reason: 'not visible to this agency',
      });
    }
    throw notFound('case', caseId);
  }

  private async agencyView(p: Agency, c: { id: string; personId: string }, ctx: AccessContext) {
    const [grant, referrals] = await Promise.all([this.grant(p, c.personId, ctx), ctx.referralsOf(c.id)]);
    const access = agencySeesCase(p, c.id, grant, referrals.map(referralFacts));
    return access.sees ? { grant, basis: access.basis } : null;
  }

  private caseRead(p: Agency, c: { id: string; personId: string }, basis: string[], how: string): AuditEntry {
    return {
      action: 'case.read',
      subjectType: 'case',
      subjectId: c.id,
      basis: basis.join(',') || null,
      allowed: true,
      personId: c.personId,
      agencyId: p.agencyId,
      reason: how,
    };
  }

  /**
   * Cases the caller sees, newest first or in `order`; agencies' searches and every case they get
   * are recorded. Each item carries its cursor (the order's own: a cursor of one order is refused
   * in another).
   */
  async cases(
    p: Principal,
    filter: CaseFilter,
    first: number,
    after: string | null | undefined,
    ctx: AccessContext,
    order?: CaseOrder,
  ): Promise<Page<CaseRecordRow & { cursor: string }>> {
    if (order && !mayOrderBy(p, order.field)) {
      throw new DomainError('INVALID_INPUT', `cases cannot be sorted by ${order.field} for this caller`, {
        problems: [{ path: 'orderBy.field', message: 'not a field you may sort by' }],
      });
    }
    const list = this.listing(p, filter, order);
    // Checked before any read: a bad cursor reads nothing.
    if (after) list.check(after);
    if (p.kind === 'staff') {
      if (p.role !== StaffRole.CASE_MANAGER && p.role !== StaffRole.COORDINATOR) return this.empty();
      const rows = await list.fetch(first + 1, after || null);
      return this.pageOf(rows, first, list.cursor);
    }
    if (p.kind !== 'agency') return this.empty();
    // Candidates from SQL (a pre-filter that never drops a case the policy would show), then
    // the policy's own decision on each; more candidates are read until the page is full.
    const kept: CaseRecordRow[] = [];
    let from = after || null;
    for (;;) {
      const batch = await list.fetch(first + 1, from);
      for (const c of batch) {
        const seen = await this.agencyView(p, c, ctx);
        if (!seen) continue;
        if (filter.search) {
          const byReference = c.reference.toLowerCase().startsWith(filter.search.toLowerCase());
          if (!searchHitShown(p, { byReference, byName: !byReference }, seen.grant)) continue;
        }
        kept.push(c);
        if (kept.length <= first) await ctx.record(this.caseRead(p, c, seen.basis, filter.search ? 'search' : 'list'));
        if (kept.length > first) break;
      }
      if (kept.length > first || batch.length <= first) break;
      from = list.cursor(batch[batch.length - 1]!);
    }
    if (filter.search !== undefined) {
      await ctx.record({
        action: 'cases.search',
        subjectType: 'agency',
        subjectId: p.agencyId,
        allowed: true,
        agencyId: p.agencyId,
        reason: `search of ${filter.search.length} character(s): ${Math.min(kept.length, first)} case(s) shown`,
      });
    }
    return this.pageOf(kept, first, list.cursor);
  }

  private empty<T>(): Page<T> {
    return { items: [], hasNextPage: false, endCursor: null };
  }

  private pageOf(
    rows: CaseRecordRow[],
    first: number,
    cursor: (c: CaseRecordRow) => string,
  ): Page<CaseRecordRow & { cursor: string }> {
    const items = rows.slice(0, first).map((c) => ({ ...c, cursor: cursor(c) }));
    return {
      items,
      hasNextPage: rows.length > first,
      endCursor: items.at(-1)?.cursor ?? null,
    };
  }

  /**
   * How to read the list in an order: check a cursor, fetch a page after one, and a row's cursor.
   * An empty page after a cursor is the end of the list, unless the cursor's case left the
   * caller's scope (then its place is unknown, and the caller is told to start again).
   */
  private listing(p: Principal, filter: CaseFilter, order: CaseOrder | undefined) {
    const o = order ?? DEFAULT_CASE_ORDER;
    const check = (after: string) => decodeCaseCursor(after, o);
    return {
      check,
      fetch: async (limit: number, after: string | null): Promise<CaseRecordRow[]> => {
        const q = this.query(p, filter, limit);
        const afterId = after ? check(after).id : null;
        const rows = await caseRepository.listPage(this.ds, { ...q, order: o, afterId }, ruleSwitches.current());
        if (afterId && !rows.length && !(await caseRepository.inListScope(this.ds, q, afterId, ruleSwitches.current())))
          throw caseLeftList();
        return rows;
      },
      cursor: (c: CaseRecordRow) => encodeCaseCursor(o, c.id),
    };
  }

  /** The caller's scope and the filter, as the repository's case lists take them. */
  private query(p: Principal, filter: CaseFilter, limit: number): CaseListQuery {
    const now = new Date();
    return {
      tenantId: p.tenantId,
      scope:
        p.kind === 'agency' ? 'agency' : p.kind === 'staff' && p.role === StaffRole.CASE_MANAGER ? 'region' : 'area',
      regionId: p.kind === 'staff' ? p.regionId : null,
      areaId: p.kind === 'staff' ? p.coordinationAreaId : null,
      agency:
        p.kind === 'agency'
          ? {
              id: p.agencyId,
              today: berlinDay(now),
              now,
              purposes: rule('agency.grant.purposes') ? READ_PURPOSES : Object.values(Purpose),
            }
          : null,
      phase: filter.phase || null,
      filterRegionId: filter.regionId || null,
      caseManagerId: filter.caseManagerId || null,
      search: filter.search ? likePrefix(filter.search) : null,
      limit,
    };
  }

  /** The person's categories the caller sees on a case it sees, and its identifiers; an agency's read is recorded. */
  async person<I extends IdentifierFacts>(
    p: Principal,
    c: { id: string; personId: string },
    identifiers: readonly I[],
    ctx: AccessContext,
  ): Promise<{ categories: DataCategory[]; identifiers: I[] | null }> {
    const grant = await this.grant(p, c.personId, ctx);
    const categories = personCategories(p, grant);
    const kinds =
      p.kind === 'agency'
        ? await ctx.agencyKindsOf([...new Set(identifiers.map((i) => i.issuer))])
        : new Map<string, string>();
    const shown = visibleIdentifiers(p, grant, identifiers, (id) => kinds.get(id));
    if (p.kind === 'agency') {
      await ctx.record({
        action: 'person.read',
        subjectType: 'case',
        subjectId: c.id,
        categories,
        basis:
          grant.basis
            .map((b) => b.id)
            .filter((id, i, all) => all.indexOf(id) === i)
            .join(',') || null,
        allowed: categories.length > 0,
        personId: c.personId,
        agencyId: p.agencyId,
        reason: categories.length > 0 ? null : 'no consent or legal basis covers any category',
      });
    }
    return { categories, identifiers: shown };
  }

  /** The needs of a case the caller sees: staff only (load runs only for those who see them). */
  async needs<T>(p: Principal, load: () => Promise<T[]>): Promise<T[]> {
    return seesNeeds(p) ? load() : [];
  }

  /** The goals of a case's plan: staff only; null for anyone else. */
  async plan<T>(p: Principal, load: () => Promise<T[]>): Promise<T[] | null> {
    return seesPlan(p) ? load() : null;
  }

  /** The achievements recorded on a case: staff only; empty for anyone else. */
  async achievements<T>(p: Principal, load: () => Promise<T[]>): Promise<T[]> {
    return seesAchievements(p) ? load() : [];
  }

  /** The consents recorded on a case the caller sees: staff only. */
  async consents(p: Principal, c: { id: string; personId: string }, ctx: AccessContext): Promise<ConsentEntity[]> {
    if (!seesConsents(p)) return [];
    return (await ctx.consentsOf(c.personId)).filter((x) => x.caseId === c.id);
  }

  /** The referrals of a case the caller sees; an agency's read of each is recorded with the categories it carries. */
  async referrals(p: Principal, c: { id: string; personId: string }, ctx: AccessContext): Promise<ReferralEntity[]> {
    const shown = visibleReferrals(
      p,
      (await ctx.referralsOf(c.id)).map((r) => ({ ...referralFacts(r), row: r })),
    ).map((r) => r.row);
    if (p.kind === 'agency') for (const r of shown) await ctx.record(this.referralRead(p, c, r, 'referral.read'));
    return shown;
  }

  /**
   * A referral's free-text note, for a caller who sees the referral. The note goes out with the
   * referral's categories: an agency's view of it is a disclosure of those, recorded as such.
   */
  async note(
    p: Principal,
    r: ReferralFacts & { caseId: string; personId?: string | undefined; note: string | null },
    ctx: AccessContext,
  ): Promise<string | null> {
    if (p.kind === 'staff') return r.note;
    // An agency reaches a referral only through a case it sees (which names the person).
    if (p.kind !== 'agency' || r.personId === undefined) return null;
    if (visibleReferrals(p, [r]).length === 0) return null;
    if (r.note !== null) {
      await ctx.record({ ...this.referralRead(p, { id: r.caseId, personId: r.personId }, r, 'referral.note.read') });
    }
    return r.note;
  }

  private referralRead(
    p: Agency,
    c: { id: string; personId: string },
    r: ReferralFacts,
    action: AgencyReadAction,
  ): AuditEntry {
    return {
      action,
      subjectType: 'referral',
      subjectId: r.id,
      categories: [...r.categories],
      basis: r.id,
      allowed: true,
      personId: c.personId,
      agencyId: p.agencyId,
    };
  }

  /** The timeline events of a case the caller sees; an agency's read is recorded. */
  async timeline<E extends TimelineFacts>(
    p: Principal,
    c: { id: string; personId: string },
    events: readonly E[],
    ctx: AccessContext,
  ): Promise<E[]> {
    if (p.kind !== 'agency') return visibleTimeline(p, events, []);
    const referrals = (await ctx.referralsOf(c.id)).map(referralFacts);
    const shown = visibleTimeline(p, events, referrals);
    const about = new Set(shown.map((e) => e.referralId));
    await ctx.record({
      action: 'timeline.read',
      subjectType: 'case',
      subjectId: c.id,
      categories: [...new Set(referrals.filter((r) => about.has(r.id)).flatMap((r) => r.categories))],
      basis: [...about].join(',') || null,
      allowed: true,
      personId: c.personId,
      agencyId: p.agencyId,
      reason: `${shown.length} event(s)`,
    });
    return shown;
  }
}

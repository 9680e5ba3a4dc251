import type { DataSource } from 'typeorm';
import { StaffRole, type AgencyReadAction, type DataCategory } from '@kim/contracts';
import {
  CaseEntity,
  ConsentEntity,
  ReferralEntity,
  agencyRepository,
  consentRepository,
  selectRows,
} from '@kim/persistence';
import { audit, type AuditEntry } from '../ledger/audit.js';
import { berlinDay } from '../common/calendar.js';
import { loadCase, type CaseRow } from '../case/case-scope.js';
import { legalBasesFor, toConsent } from '../consent/consent-check.js';
import { DomainError, notFound } from '../common/errors.js';
import { keysetCursor } from '../common/cursor.js';
import { OverrideCommands } from './overrides.js';
import type { Principal } from '../common/principal.js';
import { consentMayGrantSql } from './consent-sql.js';
import { EMPTY_GRANT, readGrant, type GrantConsent, type GrantLegalBasis, type ReadGrant } from './grant.js';
import {
  agencySeesCase,
  personCategories,
  searchHitShown,
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
import { rule } from './rules.js';
import { requestAccessContext, type RequestFacts } from './request-context.js';

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
  agencyKindsOf(agencyIds: string[]): Promise<Map<string, string>>;
  /** Record an agency's read in the ledger (the gateway batches and de-duplicates per request). */
  record(entry: AuditEntry): Promise<void>;
  /** Read grants by person, cached for as long as the context lives. */
  grants: Map<string, Promise<ReadGrant>>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs: anything else is bad input, said as such (never a database error). */
export function assertCaseId(id: string, path = 'id'): void {
  if (!UUID.test(id)) {
    throw new DomainError('INVALID_INPUT', `${path} is not a case id (UUID)`, {
      problems: [{ path, message: 'a UUID' }],
    });
  }
}

/** An access context on the database itself, without request-scoped batching. */
export function directAccessContext(ds: DataSource, p: Principal): AccessContext {
  return {
    consentsOf: (personId) => consentRepository.byPersons(ds, p.tenantId, [personId]),
    referralsOf: (caseId) =>
      selectRows(ds, ReferralEntity, { tenantId: p.tenantId, caseId }, { order: { createdAt: 'ASC' } }),
    legalBasesOf: (personId) =>
      p.kind === 'agency' ? legalBasesFor(ds.manager, p.tenantId, personId, p.agencyId) : Promise.resolve([]),
    agencyKindsOf: async (ids) => {
      const rows = await agencyRepository.byIds(
        ds,
        p.tenantId,
        ids.filter((i) => UUID.test(i)),
      );
      return new Map(rows.map((a) => [a.id, a.kind]));
    },
    record: (entry) => ds.transaction((m) => audit(m, p, entry)),
    grants: new Map(),
  };
}

export const toGrantConsent = (c: ConsentEntity): GrantConsent => ({ ...toConsent(c), kind: c.kind, caseId: c.caseId });

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

const caseCursor = keysetCursor({
  separator: '|',
  validAt: (at) => !Number.isNaN(Date.parse(at)),
  message: 'after is not a cursor this API gave out',
  hint: 'invalid cursor',
});

export const encodeCaseCursor = (c: Pick<CaseEntity, 'openedAt' | 'id'>) =>
  caseCursor.encode({ at: c.openedAt.toISOString(), id: c.id });

function decodeCursor(cursor: string): { openedAt: string; id: string } {
  const p = caseCursor.decode(cursor);
  return { openedAt: p.at, id: p.id };
}

const likePrefix = (s: string) => `${s.replace(/[%_\\]/g, (ch) => `\\${ch}`)}%`;

/**
 * Every read of case data asks here: the single case, the list, the search, and of a case the
 * person, identifiers, referrals, notes and timeline. Decisions come from the policy
 * (policy.ts, grant.ts); agencies' reads are recorded in the ledger as disclosures.
 */
export class AccessReads {
  private readonly overrides: OverrideCommands;

  constructor(protected readonly ds: DataSource) {
    this.overrides = new OverrideCommands(ds);
  }

  /** The access context of one request, on the facts the request loads in batches (see RequestFacts). */
  requestContext(p: Principal, facts: RequestFacts): AccessContext {
    return requestAccessContext(this.ds, p, facts);
  }

  /** The agency's read grant for the person now (empty for anyone else). */
  grant(p: Principal, personId: string, ctx: AccessContext, at = new Date()): Promise<ReadGrant> {
    if (p.kind !== 'agency') return Promise.resolve(EMPTY_GRANT);
    let grant = ctx.grants.get(personId);
    if (!grant) {
      grant = (async () => {
        const consents = (await ctx.consentsOf(personId)).map(toGrantConsent);
        const legalBases = await ctx.legalBasesOf(personId);
        return readGrant({ agency: { id: p.agencyId, kind: p.agencyKind }, personId, consents, legalBases, at });
      })();
      ctx.grants.set(personId, grant);
    }
    return grant;
  }

  /**
   * The case, if the caller may see it. "No" is NOT_FOUND with the same message whether the case
   * does not exist, is in another area or tenant, or is one an agency may not see.
   */
  async caseFor(p: Principal, caseId: string, ctx: AccessContext): Promise<CaseRow> {
    assertCaseId(caseId);
    const row = await loadCase(this.ds.manager, p.tenantId, caseId);
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
    const [grant, referrals] = [await this.grant(p, c.personId, ctx), await ctx.referralsOf(c.id)];
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

  /** Cases the caller sees, newest first; agencies' searches and every case they get are recorded. */
  async cases(
    p: Principal,
    filter: CaseFilter,
    first: number,
    after: string | null | undefined,
    ctx: AccessContext,
  ): Promise<Page<CaseEntity>> {
    const cursor = after ? decodeCursor(after) : null;
    if (p.kind === 'staff') {
      if (p.role !== StaffRole.CASE_MANAGER && p.role !== StaffRole.COORDINATOR) return this.empty();
      const rows = await this.page(p, filter, first + 1, cursor);
      return this.pageOf(rows, first);
    }
    if (p.kind !== 'agency') return this.empty();
    // Candidates from SQL (a pre-filter that never drops a case the policy would show), then
    // the policy's own decision on each; more candidates are read until the page is full.
    const kept: CaseEntity[] = [];
    let from = cursor;
    for (;;) {
      const batch = await this.page(p, filter, first + 1, from);
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
      from = { openedAt: batch[batch.length - 1]!.openedAt.toISOString(), id: batch[batch.length - 1]!.id };
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
    return this.pageOf(kept, first);
  }

  private empty(): Page<CaseEntity> {
    return { items: [], hasNextPage: false, endCursor: null };
  }

  private pageOf(rows: CaseEntity[], first: number): Page<CaseEntity> {
    const items = rows.slice(0, first);
    return {
      items,
      hasNextPage: rows.length > first,
      endCursor: items.length ? encodeCaseCursor(items[items.length - 1]!) : null,
    };
  }

  /** One page of candidates: the caller's scope in SQL, with the filter and the keyset cursor. */
  private async page(
    p: Principal,
    filter: CaseFilter,
    limit: number,
    cursor: { openedAt: string; id: string } | null,
  ): Promise<CaseEntity[]> {
    const qb = this.ds
      .getRepository(CaseEntity)
      .createQueryBuilder('c')
      .where('c.tenant_id = :tenantId', { tenantId: p.tenantId });
    if (p.kind === 'staff' && rule('staff.case.own-area')) {
      if (p.role === StaffRole.CASE_MANAGER) qb.andWhere('c.region_id = :own', { own: p.regionId });
      else {
        qb.andWhere(
          'c.region_id IN (SELECT r.id FROM regions r WHERE r.tenant_id = c.tenant_id AND r.coordination_area_id = :area)',
          { area: p.coordinationAreaId },
        );
      }
    } else if (p.kind === 'agency') {
      const now = new Date();
      qb.andWhere(agencyCandidateSql(), { agency: p.agencyId, today: berlinDay(now), now });
    }
    if (filter.phase) qb.andWhere('c.phase = :phase', { phase: filter.phase });
    if (filter.regionId) qb.andWhere('c.region_id = :region', { region: filter.regionId });
    if (filter.caseManagerId) qb.andWhere('c.case_manager_id = :cm', { cm: filter.caseManagerId });
    if (filter.search) {
      qb.andWhere(
        `(c.reference ILIKE :s OR EXISTS (SELECT 1 FROM persons p WHERE p.tenant_id = c.tenant_id AND p.id = c.person_id
            AND (p.family_name ILIKE :s OR p.given_names ILIKE :s OR p.name_original_script ILIKE :s
                 OR EXISTS (SELECT 1 FROM jsonb_array_elements(p.aliases) a
                             WHERE a->>'familyName' ILIKE :s OR a->>'givenNames' ILIKE :s OR a->>'originalScript' ILIKE :s))))`,
        { s: likePrefix(filter.search) },
      );
    }
    if (cursor) qb.andWhere('(c.opened_at, c.id) < (:at, :id)', { at: cursor.openedAt, id: cursor.id });
    return qb.orderBy('c.opened_at', 'DESC').addOrderBy('c.id', 'DESC').limit(limit).getMany();
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

/**
 * The agency's candidate cases, in SQL: connected (a sent referral on the case, or a consent or
 * legal basis recorded on it that may grant) and with a grant that may be non-empty (a consent
 * of the person that may grant, or a legal basis naming the agency for the person or an area).
 * A pre-filter only: the policy decides on every candidate with the consent engine (provisions,
 * legal bases in effect). Parameters: :agency, :today, :now; alias c is the case.
 */
export function agencyCandidateSql(): string {
  const consentMayGrant = consentMayGrantSql('k', { agency: ':agency', today: ':today', now: ':now' });
  const sent = rule('agency.referral.sent-only') ? ` AND f.status <> 'draft'` : '';
  const recipient = rule('agency.grant.recipient') ? 'b.recipient_agency_id = :agency AND ' : '';
  const connected = rule('agency.case.connected')
    ? `(EXISTS (SELECT 1 FROM referrals f WHERE f.tenant_id = c.tenant_id AND f.case_id = c.id AND f.agency_id = :agency${sent})
        OR EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = c.tenant_id AND k.case_id = c.id AND ${consentMayGrant})
        OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = c.tenant_id AND ${recipient}b.case_id = c.id))`
    : 'TRUE';
  const scoped = rule('agency.grant.legal-basis-scope') ? '(b.person_id = c.person_id OR b.person_id IS NULL)' : 'TRUE';
  const grant = rule('agency.case.grant-required')
    ? `(EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = c.tenant_id AND k.person_id = c.person_id AND ${consentMayGrant})
        OR EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = c.tenant_id AND ${recipient}${scoped}))`
    : 'TRUE';
  return `(${connected} AND ${grant})`;
}

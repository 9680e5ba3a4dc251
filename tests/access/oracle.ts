/**
 * The policy table applied to the facts: who sees which case, what each agency's read grant
 * is, and the answer each caller should get, as an expectation tree (compare.ts). Everything
 * here follows policy-table.ts and docs/privacy.md; nothing comes from the hub's code.
 */
import {
  CASE_TYPES,
  CATEGORIES,
  CONNECTION,
  IDENTIFIER_CATEGORY,
  IDENTIFIER_CATEGORY_OTHERWISE,
  READ_GRANT,
  type Category,
  type Rule,
} from './policy-table.js';
import { ANY, Hidden, OneOf, Unordered, type Expected } from './compare.js';
import {
  apiEnum,
  docName,
  type CaseFact,
  type ConsentFact,
  type Facts,
  type LegalBasisFact,
  type StaffFact,
} from './facts.js';

/** A caller of the matrix: a staff member or an agency, of some tenant. */
export interface Viewer {
  label: string;
  token: string;
  tenantId: string;
  kind: 'staff' | 'agency';
  /** staff_users.id or agencies.id */
  id: string;
}

/** A selection: field → nested selection, or true for a scalar. */
export type Selection = { [field: string]: Selection | true };

/** How a caller sees a case: as staff, as an agency, or not at all. */
export type CaseView = { as: 'staff' } | { as: 'agency'; agencyId: string; grant: Set<Category> } | null;

/** Nested entities a field resolves to, typed by the table's `of`. */
class Nested {
  constructor(
    readonly value: unknown,
    readonly list: boolean,
  ) {}
}

export class Oracle {
  constructor(readonly f: Facts) {}

  staff(id: string): StaffFact | undefined {
    return this.f.staff.find((s) => s.id === id);
  }

  caseById(id: string): CaseFact | undefined {
    return this.f.cases.find((c) => c.id === id);
  }

  casesOf(personId: string): CaseFact[] {
    return this.f.cases.filter((c) => c.personId === personId);
  }

  /** Ordinary access: a case manager's regional area, a coordinator's coordination area. */
  ordinaryAccess(s: StaffFact, scope: { regionId: string; areaId: string }): boolean {
    if (s.role === 'case-manager') return s.regionId === scope.regionId;
    if (s.role === 'coordinator') return s.areaId === scope.areaId;
    return false;
  }

  openOverride(s: StaffFact, c: CaseFact): boolean {
    return (
      (s.role === 'case-manager' || s.role === 'coordinator') &&
      s.mayOverride &&
      this.f.overrides.some((o) => o.caseId === c.id && o.staffUserId === s.id && new Date(o.expiresAt) > this.f.now)
    );
  }

  /** The consents and legal bases that make up an agency's read grant for a person, with what each allows. */
  grantSources(
    agencyId: string,
    personId: string,
  ): { source: ConsentFact | LegalBasisFact; kind: 'consent' | 'basis'; categories: Category[] }[] {
    const today = this.f.today;
    const out: { source: ConsentFact | LegalBasisFact; kind: 'consent' | 'basis'; categories: Category[] }[] = [];
    for (const c of this.f.consents) {
      if (c.personId !== personId || c.recipientAgencyId !== agencyId) continue;
      if (!(READ_GRANT.consentKinds as readonly string[]).includes(c.kind)) continue;
      if (
        READ_GRANT.consentMustBeUnrevokedAndValid &&
        (c.revokedAt !== null || c.validFrom > today || c.validUntil < today)
      )
        continue;
      const cats = new Set<Category>();
      for (const purpose of READ_GRANT.purposes) {
        if (!c.purposes.map(docName).includes(purpose)) continue;
        const applies = (p: ConsentFact['provisions'][number]) =>
          (!p.actions || p.actions.map(docName).includes(READ_GRANT.action)) &&
          (!p.agencyIds || p.agencyIds.includes(agencyId)) &&
          (!p.purposes || p.purposes.map(docName).includes(purpose));
        const named = (p: ConsentFact['provisions'][number]): Category[] =>
          p.categories ? (p.categories.map(docName) as Category[]) : [...CATEGORIES];
        let allowed = c.categories.map(docName) as Category[];
        // Permit provisions narrow the consent to what they permit; deny provisions take away; deny wins.
        const permits = c.provisions.filter((p) => p.type === 'permit');
        if (permits.length > 0) {
          const permitted = new Set(permits.filter(applies).flatMap(named));
          allowed = allowed.filter((x) => permitted.has(x));
        }
        const denied = new Set(c.provisions.filter((p) => p.type === 'deny' && applies(p)).flatMap(named));
        allowed.filter((x) => !denied.has(x)).forEach((x) => cats.add(x));
      }
      if (cats.size > 0) out.push({ source: c, kind: 'consent', categories: [...cats] });
    }
    const personAreas = new Set(this.casesOf(personId).map((c) => c.areaId));
    for (const b of this.f.legalBases) {
      if (b.recipientAgencyId !== agencyId) continue;
      if (READ_GRANT.legalBasisMustBeConfirmed && !b.confirmed) continue;
      if (b.validFrom > today || (b.validUntil !== null && b.validUntil < today)) continue;
      const applies = b.personId !== null ? b.personId === personId : b.areaId !== null && personAreas.has(b.areaId);
      if (!applies) continue;
      if (!b.purposes.map(docName).some((p) => (READ_GRANT.purposes as readonly string[]).includes(p))) continue;
      const cats = (b.categories.map(docName) as Category[]).filter((c) => !READ_GRANT.neverOnLegalBasis.includes(c));
      if (cats.length > 0) out.push({ source: b, kind: 'basis', categories: cats });
    }
    return out;
  }

  grant(agencyId: string, personId: string): Set<Category> {
    return new Set(this.grantSources(agencyId, personId).flatMap((s) => s.categories));
  }

  connected(agencyId: string, c: CaseFact): boolean {
    if (
      CONNECTION.sentReferral &&
      this.f.referrals.some((r) => r.caseId === c.id && r.agencyId === agencyId && r.requestedAt !== null)
    )
      return true;
    return (
      CONNECTION.grantRecordedOnThisCase &&
      this.grantSources(agencyId, c.personId).some((s) => s.source.caseId === c.id)
    );
  }

  agencySees(agencyId: string, c: CaseFact): boolean {
    return this.grant(agencyId, c.personId).size > 0 && this.connected(agencyId, c);
  }

  /** How the viewer sees a case, by single read (`single`) or in a list or search (`list`). */
  view(v: Viewer, caseId: string, how: 'single' | 'list'): CaseView {
    if (v.tenantId !== this.f.tenantId) return null;
    const c = this.caseById(caseId);
    if (!c) return null;
    if (v.kind === 'agency') {
      if (!this.agencySees(v.id, c)) return null;
      return { as: 'agency', agencyId: v.id, grant: this.grant(v.id, c.personId) };
    }
    const s = this.staff(v.id);
    if (!s) return null;
    if (this.ordinaryAccess(s, c)) return { as: 'staff' };
    if (how === 'single' && this.openOverride(s, c)) return { as: 'staff' };
    return null;
  }

  /** The cases a viewer's list holds. */
  listed(v: Viewer): CaseFact[] {
    return this.f.cases.filter((c) => this.view(v, c.id, 'list') !== null);
  }

  /** Does a search term find this case for this view (privacy.md, `cases(filter: {search})`)? */
  searchFinds(term: string, c: CaseFact, view: NonNullable<CaseView>): boolean {
    const t = term.toLowerCase();
    if (c.reference.toLowerCase().startsWith(t)) return true;
    if (view.as === 'agency' && !view.grant.has('identity')) return false;
    const p = this.f.persons.get(c.personId);
    if (!p) return false;
    const names = [p.familyName, p.givenNames, ...p.aliases.flatMap((a) => [a.familyName, a.givenNames])];
    return names.some((n) => n.toLowerCase().startsWith(t));
  }

  identifierCategory(issuer: string): Category {
    const agency = this.f.agencies.find((a) => a.id === issuer);
    const key = agency ? apiEnum(agency.kind) : issuer.toUpperCase();
    return IDENTIFIER_CATEGORY[key] ?? IDENTIFIER_CATEGORY_OTHERWISE;
  }

  /** The expected answer for a case seen in this view, projected onto a selection. */
  expectCase(c: CaseFact, view: NonNullable<CaseView>, sel: Selection): Expected {
    return this.build('Case', c, view, sel);
  }

  private build(type: string, entity: unknown, view: NonNullable<CaseView>, sel: Selection): Expected {
    const policies = CASE_TYPES[type];
    if (!policies) throw new Error(`policy table has no type ${type}`);
    const out: Record<string, Expected> = {};
    for (const [field, sub] of Object.entries(sel)) {
      const policy = policies[field];
      if (!policy) throw new Error(`policy table has no field ${type}.${field}`);
      const rule = view.as === 'staff' ? policy.staff : policy.agency;
      const value = this.apply(type, field, rule, entity, view);
      out[field] = this.shape(value, policy.of, view, sub);
    }
    return out;
  }

  private shape(value: unknown, of: string | undefined, view: NonNullable<CaseView>, sub: Selection | true): Expected {
    if (value instanceof Hidden || value instanceof Unordered || value instanceof OneOf || value === ANY) return value;
    if (value instanceof Nested) {
      if (!of || sub === true) throw new Error('nested value without a type or selection');
      if (value.value === null || value.value === undefined) return null;
      if (value.list) return new Unordered((value.value as unknown[]).map((e) => this.build(of, e, view, sub)));
      return this.build(of, value.value, view, sub);
    }
    return value as Expected;
  }

  /** One field under one rule of the table. */
  private apply(type: string, field: string, rule: Rule, entity: unknown, view: NonNullable<CaseView>): unknown {
    const raw = () => this.raw(type, field, entity);
    if (rule === 'not-reached') throw new Error(`${type}.${field} reached where the table says it never is`);
    if (rule === 'value' || rule === 'all') return raw();
    if (rule === 'none') return new Unordered([]);
    if (rule === 'null') return null;
    if (typeof rule === 'object') {
      const grant = view.as === 'agency' ? view.grant : new Set(CATEGORIES);
      return grant.has(rule.category) ? raw() : new Hidden(rule.category);
    }
    const c = entity as CaseFact;
    const agencyId = view.as === 'agency' ? view.agencyId : null;
    switch (rule) {
      case 'grant':
        return new Unordered((view.as === 'agency' ? [...view.grant] : [...CATEGORIES]).map(apiEnum));
      case 'not-grant':
        return new Unordered(view.as === 'agency' ? CATEGORIES.filter((x) => !view.grant.has(x)).map(apiEnum) : []);
      case 'consents-recorded-on-this-case':
        return new Nested(
          this.f.consents.filter((k) => k.caseId === c.id),
          true,
        );
      case 'own-sent-referrals':
        return new Nested(
          this.f.referrals.filter((r) => r.caseId === c.id && r.agencyId === agencyId && r.requestedAt !== null),
          true,
        );
      case 'events-of-own-referrals-from-sending': {
        const sentAt = new Map(
          this.f.referrals
            .filter((r) => r.caseId === c.id && r.agencyId === agencyId && r.requestedAt !== null)
            .map((r) => [r.id, r.requestedAt!]),
        );
        return new Nested(
          this.f.timeline.filter(
            (e) =>
              e.caseId === c.id &&
              e.referralId !== null &&
              sentAt.has(e.referralId) &&
              e.occurredAt >= sentAt.get(e.referralId)!,
          ),
          true,
        );
      }
      case 'identifiers-by-issuer': {
        if (view.as !== 'agency') return raw();
        if (!view.grant.has('identity')) return new Hidden('identity');
        const person = entity as { id: string };
        return new Nested(
          this.f.identifiers.filter(
            (i) =>
              i.personId === person.id &&
              (i.issuer === view.agencyId || view.grant.has(this.identifierCategory(i.issuer))),
          ),
          true,
        );
      }
    }
    throw new Error(`no interpretation of rule ${JSON.stringify(rule)}`);
  }

  /** The stored value of a field, as the API spells it (no access decision here). */
  private raw(type: string, field: string, e: any): unknown {
    const f = this.f;
    switch (type) {
      case 'Case': {
        const c = e as CaseFact;
        switch (field) {
          case 'phase':
            return apiEnum(c.phase);
          case 'region':
            return new Nested(
              f.regions.find((r) => r.id === c.regionId),
              false,
            );
          case 'caseManager':
            return new Nested(
              f.staff.find((s) => s.id === c.caseManagerId),
              false,
            );
          case 'needs':
            return new Nested(
              f.needs.filter((n) => n.caseId === c.id),
              true,
            );
          case 'plan':
            return new Nested({ goals: f.goals.filter((g) => g.caseId === c.id) }, false);
          case 'consents':
            return new Nested(
              f.consents.filter((k) => k.personId === c.personId),
              true,
            );
          case 'referrals':
            return new Nested(
              f.referrals.filter((r) => r.caseId === c.id),
              true,
            );
          case 'timeline':
            return new Nested(
              f.timeline.filter((t) => t.caseId === c.id),
              true,
            );
          case 'person':
            return new Nested(f.persons.get(c.personId), false);
          default:
            return (c as unknown as Record<string, unknown>)[field] ?? null;
        }
      }
      case 'Person':
        switch (field) {
          case 'aliases':
            return new Nested(
              e.aliases.map((a: { givenNames: string; familyName: string; originalScript?: string | null }) => ({
                givenNames: a.givenNames,
                familyName: a.familyName,
                originalScript: a.originalScript ?? null,
              })),
              true,
            );
          case 'birthDatePrecision':
            return apiEnum(e.birthDatePrecision);
          case 'identifiers':
            return new Nested(
              f.identifiers.filter((i) => i.personId === e.id),
              true,
            );
          default:
            return e[field] ?? null;
        }
      case 'Need':
        return field === 'domain' ? apiEnum(e.domain) : e[field];
      case 'Plan':
        return new Nested(e.goals, true);
      case 'Goal':
        return field === 'domain' ? apiEnum(e.domain) : (e[field] ?? null);
      case 'Consent':
        switch (field) {
          case 'purposes':
          case 'categories':
            return new Unordered((e[field] as string[]).map(apiEnum));
          case 'evidence':
            return new Nested(e.evidence, false);
          default:
            return e[field] ?? null;
        }
      case 'ConsentEvidence':
        return field === 'interpreterUsed' ? Boolean(e.interpreterUsed) : (e[field] ?? null);
      case 'Referral':
        switch (field) {
          case 'status':
          case 'purpose':
            return apiEnum(e[field]);
          case 'businessStatus':
            return e.businessStatus === null ? null : apiEnum(e.businessStatus);
          case 'categories':
            return new Unordered((e.categories as string[]).map(apiEnum));
          case 'service':
            return new Nested(
              f.services.find((s) => s.id === e.serviceId),
              false,
            );
          case 'agency':
            return new Nested(
              f.agencies.find((a) => a.id === e.agencyId),
              false,
            );
          case 'overdue':
            return overdueNow(e.status, e.respondBy);
          case 'overdueWorkingDays':
            return overdueNow(e.status, e.respondBy) ? nrwWorkingDaysAfter(e.respondBy, berlinToday()) : 0;
          case 'deliveryState': {
            const msgs = f.outbox.filter((o) => o.referralId === e.id);
            if (msgs.length === 0) return null;
            const newest = msgs.reduce((m, o) => (o.createdAt > m ? o.createdAt : m), '');
            return new OneOf(msgs.filter((o) => o.createdAt === newest).map((o) => apiEnum(o.deliveryState)));
          }
          default:
            return e[field] ?? null;
        }
      case 'TimelineEvent':
        if (field === 'referralStatus')
          return e.kind === 'referral.status-changed' && typeof e.data.to === 'string' ? e.data.to : null;
        return e[field] ?? null;
      case 'Service':
        if (field === 'lifeDomain') return apiEnum(e.lifeDomain);
        if (field === 'agency')
          return new Nested(
            f.agencies.find((a) => a.id === e.agencyId),
            false,
          );
        return e[field];
      case 'Agency':
        if (field === 'kind' || field === 'legalDomain' || field === 'channel') return apiEnum(e[field]);
        if (field === 'services')
          return new Nested(
            f.services.filter((s) => s.agencyId === e.id),
            true,
          );
        return e[field];
      default:
        return e[field] ?? null;
    }
  }
}

/**
 * A selection of every field the table names under a type, each object type expanded once
 * along a path (Referral → service → agency, but not agency → services → agency again).
 */
export function fullSelection(type: string, path: string[] = []): Selection {
  const out: Selection = {};
  for (const [field, policy] of Object.entries(CASE_TYPES[type] ?? {})) {
    if (!policy.of) out[field] = true;
    else if (!path.includes(policy.of) && policy.of !== type) out[field] = fullSelection(policy.of, [...path, type]);
  }
  return out;
}

export function selectionText(sel: Selection): string {
  return Object.entries(sel)
    .map(([k, v]) => (v === true ? k : `${k} { ${selectionText(v)} }`))
    .join(' ');
}

/** Today in Berlin, as an ISO date. */
const berlinToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());

/** privacy.md/docs: a referral is overdue when it still waits for its answer after its deadline day. */
function overdueNow(status: string, respondBy: string | null): boolean {
  return status === 'requested' && respondBy !== null && respondBy < berlinToday();
}

/** Public holidays of NRW on weekdays, 2025 to 2027, written from the Feiertagsgesetz NW. */
const NRW_HOLIDAYS = new Set([
  '2025-01-01',
  '2025-04-18',
  '2025-04-21',
  '2025-05-01',
  '2025-05-29',
  '2025-06-09',
  '2025-06-19',
  '2025-10-03',
  '2025-12-25',
  '2025-12-26',
  '2026-01-01',
  '2026-04-03',
  '2026-04-06',
  '2026-05-01',
  '2026-05-14',
  '2026-05-25',
  '2026-06-04',
  '2026-12-25',
  '2027-01-01',
  '2027-03-26',
  '2027-03-29',
  '2027-05-06',
  '2027-05-17',
  '2027-05-27',
  '2027-11-01',
]);

/** Weekdays after `deadline` up to and including `today` that are not NRW public holidays. */
function nrwWorkingDaysAfter(deadline: string, today: string): number {
  let n = 0;
  const d = new Date(`${deadline}T12:00:00Z`);
  const end = new Date(`${today}T12:00:00Z`);
  while (d < end) {
    d.setUTCDate(d.getUTCDate() + 1);
    const day = d.toISOString().slice(0, 10);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && !NRW_HOLIDAYS.has(day)) n++;
  }
  return n;
}

import { DataCategory, StaffRole } from '@kim/contracts';
import type { Principal } from '../common/principal.js';
import type { ReadGrant } from './grant.js';
import { identifierCategory } from './identifiers.js';
import { rule } from './rules.js';
import { evidenceForViewer, type EvidenceView } from '../linkage/link-rules.js';

/**
 * The access policy's decisions, pure: who sees which case, and of a case they see which
 * parts (docs/privacy.md, "The access policy: who sees what"). The reads (access/reads.ts)
 * gather the facts; resolvers and reports only translate the answers.
 */

/** What decides whether staff see a case: its regional area and that area's coordinating office. */
export interface CaseScope {
  regionId: string;
  coordinationAreaId: string;
}

type Agency = Extract<Principal, { kind: 'agency' }>;

const ALL_CATEGORIES = Object.values(DataCategory);
export const DRAFT = 'draft';

/**
 * Staff see the cases of their own regional area (case managers) or of the area they
 * supervise (coordinators); operators never see case data.
 */
export function staffSeesCase(p: Principal, scope: CaseScope): boolean {
  if (p.kind !== 'staff') return false;
  if (p.role !== StaffRole.CASE_MANAGER && p.role !== StaffRole.COORDINATOR) return false;
  if (!rule('staff.case.own-area')) return true;
  if (p.role === StaffRole.CASE_MANAGER) return p.regionId === scope.regionId;
  return p.coordinationAreaId === scope.coordinationAreaId;
}

/**
 * The parameters of the SQL side of staffSeesCase (staffAreaSql in packages/persistence): the
 * case manager's regional area or the coordinator's coordination area, null for everyone else.
 * staff-area-sql.int-spec.ts holds the two together.
 */
export function staffAreaParams(p: Principal): { regionId: string | null; coordinationAreaId: string | null } {
  if (p.kind !== 'staff') return { regionId: null, coordinationAreaId: null };
  return {
    regionId: p.role === StaffRole.CASE_MANAGER ? p.regionId : null,
    coordinationAreaId: p.role === StaffRole.COORDINATOR ? p.coordinationAreaId : null,
  };
}

/** A referral as far as the policy needs to know it. */
export interface ReferralFacts {
  id: string;
  agencyId: string;
  status: string;
  requestedAt: Date | null;
  categories: readonly string[];
}

/** Whether a referral counts as sent: every status but draft. */
export const isSent = (r: Pick<ReferralFacts, 'status'>): boolean =>
  !rule('agency.referral.sent-only') || r.status !== DRAFT;

/** An agency's view of one case: whether it sees it, and on what (ids for the ledger). */
export interface AgencyCaseAccess {
  sees: boolean;
  /** What the connection and the grant rest on: referral, consent and legal basis ids. */
  basis: string[];
}

/**
 * An agency sees a case when its read grant for the person is not empty and it is connected
 * to this case: it holds a sent referral on it, or a consent or legal basis of its grant was
 * recorded on this very case (not on the person's other case).
 */
export function agencySeesCase(
  p: Agency,
  caseId: string,
  grant: ReadGrant,
  referralsOfCase: readonly ReferralFacts[],
): AgencyCaseAccess {
  if (rule('agency.case.grant-required') && grant.categories.length === 0) return { sees: false, basis: [] };
  const viaReferral = referralsOfCase.filter((r) => r.agencyId === p.agencyId && isSent(r)).map((r) => r.id);
  const viaGrant = grant.sources.filter((s) => s.caseId === caseId).map((s) => s.id);
  const connected = viaReferral.length > 0 || viaGrant.length > 0 || !rule('agency.case.connected');
  if (!connected) return { sees: false, basis: [] };
  return { sees: true, basis: [...new Set([...viaReferral, ...grant.basis.map((b) => b.id)])] };
}

/** Categories of the person's data the caller sees on a case it sees. */
export function personCategories(p: Principal, grant: ReadGrant): DataCategory[] {
  if (p.kind === 'staff') return [...ALL_CATEGORIES];
  if (p.kind !== 'agency') return [];
  return rule('agency.person.by-category') ? [...grant.categories] : [...ALL_CATEGORIES];
}

/** An identifier as far as the policy needs to know it. */
export interface IdentifierFacts {
  issuer: string;
}

/**
 * The person's identifiers the caller sees; null when the field is hidden. An agency sees them
 * only with identity in its grant: its own, and another issuer's only where that identifier's
 * category (by issuer) is in its grant too.
 */
export function visibleIdentifiers<T extends IdentifierFacts>(
  p: Principal,
  grant: ReadGrant,
  identifiers: readonly T[],
  agencyKindOf: (agencyId: string) => string | undefined,
): T[] | null {
  if (p.kind === 'staff') return [...identifiers];
  if (p.kind !== 'agency') return null;
  const visible = personCategories(p, grant);
  if (!visible.includes(DataCategory.IDENTITY)) return null;
  if (!rule('agency.identifiers.by-issuer')) return [...identifiers];
  return identifiers.filter((i) => {
    if (i.issuer === p.agencyId) return true;
    const category = identifierCategory(i.issuer, agencyKindOf);
    return category !== null && visible.includes(category);
  });
}

/** Needs, plan (goals) and consents of a case: staff only. */
export function seesNeeds(p: Principal): boolean {
  return p.kind === 'staff' || (p.kind === 'agency' && !rule('agency.needs.none'));
}
export function seesPlan(p: Principal): boolean {
  return p.kind === 'staff' || (p.kind === 'agency' && !rule('agency.plan.none'));
}
/**
 * The person's achievements: staff only. An agency never reads them; they reach the foreigners'
 * or naturalisation authority only as a dossier the person consented to (issue 19).
 */
export function seesAchievements(p: Principal): boolean {
  return p.kind === 'staff';
}
export function seesConsents(p: Principal): boolean {
  return p.kind === 'staff' || (p.kind === 'agency' && !rule('agency.consents.none'));
}

/** The referrals of a case the caller sees: staff all, drafts included; an agency its own sent ones. */
export function visibleReferrals<T extends ReferralFacts>(p: Principal, referrals: readonly T[]): T[] {
  if (p.kind === 'staff') return [...referrals];
  if (p.kind !== 'agency') return [];
  return referrals.filter((r) => (r.agencyId === p.agencyId || !rule('agency.referrals.own-only')) && isSent(r));
}

/** A timeline event as far as the policy needs to know it. */
export interface TimelineFacts {
  referralId: string | null;
  occurredAt: Date;
  recordedAt: Date;
}

/**
 * The timeline events the caller sees: staff all; an agency only events of its own referrals,
 * from the moment each was sent (nothing of a draft, nothing from before the sending).
 */
export function visibleTimeline<T extends TimelineFacts>(
  p: Principal,
  events: readonly T[],
  referrals: readonly ReferralFacts[],
): T[] {
  if (p.kind === 'staff') return [...events];
  if (p.kind !== 'agency') return [];
  if (!rule('agency.timeline.own-sent-only')) return [...events];
  const sentAt = new Map<string, number>();
  for (const r of referrals) {
    if (r.agencyId === p.agencyId && r.status !== DRAFT && r.requestedAt) sentAt.set(r.id, r.requestedAt.getTime());
  }
  return events.filter((e) => {
    const from = e.referralId !== null ? sentAt.get(e.referralId) : undefined;
    return from !== undefined && (e.occurredAt.getTime() >= from || e.recordedAt.getTime() >= from);
  });
}

/**
 * Whether a search hit may be shown to the caller: staff always; an agency when the reference
 * matched, or a name matched and identity is in its grant for the person.
 */
export function searchHitShown(
  p: Principal,
  hit: { byReference: boolean; byName: boolean },
  grant: ReadGrant,
): boolean {
  if (p.kind === 'staff') return hit.byReference || hit.byName;
  if (p.kind !== 'agency') return false;
  if (hit.byReference) return true;
  return hit.byName && (!rule('agency.search.names-need-identity') || grant.categories.includes(DataCategory.IDENTITY));
}

/**
 * A link review as staff may see it. Staff see the data of persons with a case in their area;
 * where one person has none, that person's values are withheld, and so are every level, weight
 * and the score, since each compares the two sides and would tell the withheld values.
 */
export function linkReviewForViewer(
  evidence: readonly { field: string; level: string; weight: number; valueA: string; valueB: string }[],
  score: number,
  inAreaA: boolean,
  inAreaB: boolean,
): { evidence: EvidenceView[]; score: number | null } {
  const enforced = rule('staff.linkage.outside-withheld');
  const all = ['identity', 'contact'];
  const view = evidenceForViewer(evidence, inAreaA || !enforced ? all : [], inAreaB || !enforced ? all : []);
  if (!enforced || (inAreaA && inAreaB)) return { evidence: view, score };
  return { evidence: view.map((e) => ({ ...e, level: null, weight: null })), score: null };
}

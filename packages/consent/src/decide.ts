import { DataCategory } from '@kim/contracts';
import { DEFAULT_TIME_ZONE, localDay } from './calendar.js';
import { judgeConsent, judgeLegalBasis, type Question, type Verdict } from './evaluate.js';
import {
  ConsentAction,
  type Basis,
  type Consent,
  type Decision,
  type DecisionRequest,
  type Denial,
  type LegalBasis,
} from './types.js';

const ACTIONS: readonly string[] = Object.values(ConsentAction);
const KNOWN_CATEGORIES: readonly string[] = Object.values(DataCategory);

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Decide, per requested category, whether `recipient` may receive (disclose) or read (access)
 * it for `purpose` at `at`. Fail-closed: a category is allowed only if some consent or legal
 * basis positively covers it; anything unknown, expired, not yet valid, revoked, malformed or
 * contradicted by a deny provision counts as no.
 *
 * Deterministic and independent of the order of `consents` and `legalBases`: the basis
 * recorded is the consent running longest (then lowest id), else the legal basis with the
 * lowest id; the denial reported is the one of the candidate that came closest.
 */
export function decide(request: DecisionRequest): Decision {
  const { consents, legalBases, question } = prepare(request);
  const decision: Decision = { allowed: [], denied: [], basis: [] };
  for (const category of [...new Set(request.categories)]) {
    if (!KNOWN_CATEGORIES.includes(category)) {
      decision.denied.push({
        category,
        reason: 'CATEGORY_NOT_COVERED',
        detail: `${String(category)} is not a known data category`,
      });
      continue;
    }
    const q = question(category);

    let granted: Basis | undefined;
    let closest: { verdict: Extract<Verdict, { granted: false }>; id: string } | undefined;
    const consider = (verdict: Verdict, id: string, basis: () => Basis) => {
      if (verdict.granted) {
        granted ??= basis();
      } else if (!closest || verdict.depth > closest.verdict.depth) {
        closest = { verdict, id };
      }
    };
    for (const c of consents) consider(judgeConsent(c, q), c.id, () => consentBasis(category, c));
    for (const b of legalBases) consider(judgeLegalBasis(b, q), b.id, () => legalBasisBasis(category, b));

    if (granted) {
      decision.allowed.push(category);
      decision.basis.push(granted);
    } else {
      decision.denied.push(denialFrom(category, closest));
    }
  }
  return decision;
}

/**
 * Of each requested (known) category, every consent and legal basis that grants it on its own,
 * in the order decide weighs them: the first is decide's basis for the category, and a
 * candidate is listed for a category exactly when decide, asked with that candidate alone,
 * allows it. One pass for what would otherwise take a decide per candidate (the read grant
 * asks both: what is allowed, and which consents and bases grant anything).
 */
export function grantsPerCategory(request: DecisionRequest): Map<DataCategory, Basis[]> {
  const { consents, legalBases, question } = prepare(request);
  const grants = new Map<DataCategory, Basis[]>();
  for (const category of new Set(request.categories)) {
    if (!KNOWN_CATEGORIES.includes(category)) continue;
    const q = question(category);
    const granting: Basis[] = [];
    for (const c of consents) if (judgeConsent(c, q).granted) granting.push(consentBasis(category, c));
    for (const b of legalBases) if (judgeLegalBasis(b, q).granted) granting.push(legalBasisBasis(category, b));
    grants.set(category, granting);
  }
  return grants;
}

const consentBasis = (category: DataCategory, c: Consent): Basis => ({ category, type: 'consent', id: c.id });
const legalBasisBasis = (category: DataCategory, b: LegalBasis): Basis => ({
  category,
  type: 'legal-basis',
  id: b.id,
  citation: b.citation,
});

/** What decide weighs, in its order, and the question of one category. */
function prepare(request: DecisionRequest) {
  const { recipient, purpose, action, at } = request;
  if (!ACTIONS.includes(action)) throw new RangeError(`unknown action ${String(action)}; expected disclose or access`);
  const atMs = at.getTime();
  const today = localDay(at, request.policy?.timeZone ?? DEFAULT_TIME_ZONE);
  const specialCategoriesViaLegalBasis = request.policy?.specialCategoriesViaLegalBasis === true;

  const consents: Consent[] = request.consents
    .filter((c) => request.subjectPersonId === undefined || c.subjectPersonId === request.subjectPersonId)
    .slice()
    .sort((a, b) => (a.validUntil > b.validUntil ? -1 : a.validUntil < b.validUntil ? 1 : byId(a, b)));
  const legalBases: LegalBasis[] = (request.legalBases ?? []).slice().sort(byId);
  const question = (category: DataCategory): Question => ({
    recipient,
    purpose,
    category,
    action,
    atMs,
    today,
    specialCategoriesViaLegalBasis,
  });
  return { consents, legalBases, question };
}

function denialFrom(
  category: DataCategory,
  closest: { verdict: Extract<Verdict, { granted: false }>; id: string } | undefined,
): Denial {
  if (!closest) {
    return { category, reason: 'NO_CONSENT', detail: `no consent or legal basis covers ${category}` };
  }
  return { category, reason: closest.verdict.reason, detail: closest.verdict.detail, closestId: closest.id };
}

/** The categories the recipient may receive for the purpose at the time, of all categories there are. */
export function coveredCategories(request: Omit<DecisionRequest, 'categories'>): DataCategory[] {
  return decide({ ...request, categories: Object.values(DataCategory) }).allowed;
}

/**
 * True only if every requested category is allowed: a message goes out whole or not at all.
 * An empty request is false, since a referral always carries some data.
 */
export function canSend(request: DecisionRequest): boolean {
  const decision = decide(request);
  return request.categories.length > 0 && decision.denied.length === 0;
}

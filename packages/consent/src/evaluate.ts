import { SPECIAL_CATEGORIES, type DataCategory, type Purpose } from '@kim/contracts';
import { instant, isIsoDay } from './calendar.js';
import type { Consent, ConsentAction, ConsentProvision, DenialReason, LegalBasis, Recipient } from './types.js';

/** The facts one category is judged on. */
export interface Question {
  recipient: Recipient;
  purpose: Purpose;
  category: DataCategory;
  action: ConsentAction;
  /** Decision instant in ms, and its local calendar day. */
  atMs: number;
  today: string;
  specialCategoriesViaLegalBasis: boolean;
}

export type Verdict = { granted: true } | { granted: false; reason: DenialReason; detail: string; depth: number };

/**
 * How far a candidate got before it failed. The denial reported for a category is the one of
 * the candidate that came closest, because that is the one a case manager can act on
 * (renew the expired consent rather than be told "no consent").
 */
const DEPTH: Record<DenialReason, number> = {
  NO_CONSENT: 0,
  OTHER_RECIPIENT: 1,
  PURPOSE_NOT_COVERED: 2,
  CATEGORY_NOT_COVERED: 3,
  REVOKED: 4,
  NOT_YET_VALID: 5,
  EXPIRED: 5,
  DENIED_BY_PROVISION: 6,
};

const no = (reason: DenialReason, detail: string): Verdict => ({
  granted: false,
  reason,
  detail,
  depth: DEPTH[reason],
});

/**
 * The one recipient test, shared by consents and legal bases: the basis must name this exact
 * agency. No wildcard, no match by agency kind. In particular the foreigners authority
 * (Ausländerbehörde), whose knowledge can bear on a person's right to stay, receives nothing
 * that does not name it.
 */
export function namesRecipient(recipientAgencyId: string, recipient: Recipient): boolean {
  return typeof recipientAgencyId === 'string' && recipientAgencyId !== '' && recipientAgencyId === recipient.agencyId;
}

/** Absent list: any value; present list: must contain it (an empty list matches nothing). */
const within = <T>(list: readonly T[] | undefined, value: T) => list === undefined || list.includes(value);

function provisionApplies(p: ConsentProvision, consent: Consent, q: Question): boolean {
  const agencies = p.agencyIds ?? [consent.recipientAgencyId];
  return (
    agencies.includes(q.recipient.agencyId) &&
    within(p.purposes, q.purpose) &&
    within(p.categories, q.category) &&
    within(p.actions, q.action)
  );
}

function periodProblem(
  kind: string,
  id: string,
  from: string,
  until: string | null | undefined,
  today: string,
): Verdict | undefined {
  if (today < from) return no('NOT_YET_VALID', `${kind} ${id} is valid only from ${from}`);
  if (until !== undefined && until !== null && today > until) return no('EXPIRED', `${kind} ${id} expired on ${until}`);
  return undefined;
}

/**
 * Judge one consent for one category. Order: recipient, purpose, category (what it covers),
 * then revocation and period (whether it still holds), then its provisions. Deny provisions
 * win over the base grant and over permit provisions; if the consent has permit provisions,
 * it grants only what one of them matches, so they can narrow the consent but never widen it.
 */
export function judgeConsent(consent: Consent, q: Question): Verdict {
  if (!isIsoDay(consent.validFrom) || !isIsoDay(consent.validUntil) || consent.validUntil < consent.validFrom) {
    return no('NO_CONSENT', `consent ${consent.id} has no valid period and is ignored`);
  }
  if (!namesRecipient(consent.recipientAgencyId, q.recipient)) {
    return no('OTHER_RECIPIENT', `consent ${consent.id} is for another recipient`);
  }
  if (!consent.purposes.includes(q.purpose)) {
    return no('PURPOSE_NOT_COVERED', `consent ${consent.id} does not cover the purpose ${q.purpose}`);
  }
  if (!consent.categories.includes(q.category)) {
    return no('CATEGORY_NOT_COVERED', `consent ${consent.id} does not cover the category ${q.category}`);
  }
  if (consent.revokedAt !== undefined && consent.revokedAt !== null) {
    const revokedMs = instant(consent.revokedAt);
    // An unreadable revocation time still means the person revoked: fail closed.
    if (Number.isNaN(revokedMs) || revokedMs <= q.atMs) return no('REVOKED', `consent ${consent.id} was revoked`);
  }
  const period = periodProblem('consent', consent.id, consent.validFrom, consent.validUntil, q.today);
  if (period) return period;

  const provisions = consent.provisions ?? [];
  // Anything but an explicit 'permit' or 'deny' makes the consent ambiguous.
  if (provisions.some((p) => p.type !== 'permit' && p.type !== 'deny')) {
    return no('DENIED_BY_PROVISION', `consent ${consent.id} has a provision of unknown type`);
  }
  if (provisions.some((p) => p.type === 'deny' && provisionApplies(p, consent, q))) {
    return no(
      'DENIED_BY_PROVISION',
      `a deny provision of consent ${consent.id} excludes ${q.category} for ${q.purpose} (${q.action})`,
    );
  }
  const permits = provisions.filter((p) => p.type === 'permit');
  if (permits.length > 0 && !permits.some((p) => provisionApplies(p, consent, q))) {
    return no(
      'DENIED_BY_PROVISION',
      `no permit provision of consent ${consent.id} covers ${q.category} for ${q.purpose} (${q.action})`,
    );
  }
  return { granted: true };
}

/** Judge one legal basis for one category. A legal basis has no provisions and cannot be revoked by the person. */
export function judgeLegalBasis(basis: LegalBasis, q: Question): Verdict {
  if (!isIsoDay(basis.validFrom) || (basis.validUntil != null && !isIsoDay(basis.validUntil))) {
    return no('NO_CONSENT', `legal basis ${basis.id} has no valid period and is ignored`);
  }
  if (!namesRecipient(basis.recipientAgencyId, q.recipient)) {
    return no('OTHER_RECIPIENT', `legal basis ${basis.id} (${basis.citation}) is for another recipient`);
  }
  if (!basis.purposes.includes(q.purpose)) {
    return no(
      'PURPOSE_NOT_COVERED',
      `legal basis ${basis.id} (${basis.citation}) does not cover the purpose ${q.purpose}`,
    );
  }
  if (!basis.categories.includes(q.category)) {
    return no(
      'CATEGORY_NOT_COVERED',
      `legal basis ${basis.id} (${basis.citation}) does not cover the category ${q.category}`,
    );
  }
  if (SPECIAL_CATEGORIES.includes(q.category) && !q.specialCategoriesViaLegalBasis) {
    return no(
      'CATEGORY_NOT_COVERED',
      `${q.category} is a special category and is disclosed only on the person's explicit consent, not on legal basis ${basis.id}`,
    );
  }
  const period = periodProblem('legal basis', basis.id, basis.validFrom, basis.validUntil, q.today);
  if (period) return period;
  return { granted: true };
}

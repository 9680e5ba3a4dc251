import { DataCategory } from '@kim/contracts';
import { instant, isIsoDay, localDay, DEFAULT_TIME_ZONE } from './calendar.js';

/**
 * Moving a case to another Kreis (issue 19): the person's consent names the receiving Kreis (a
 * tenant of the hub), the purpose 'transfer' and the categories it may carry. Kept apart from the
 * agency engine (decide.ts): a transfer consent never lets data reach an agency, and an agency
 * consent never moves a case.
 */
export interface TransferConsent {
  id: string;
  subjectPersonId: string;
  /** The receiving tenant; null for a consent naming an agency (never a transfer). */
  recipientTenantId: string | null;
  purposes: readonly string[];
  categories: readonly string[];
  validFrom: string;
  validUntil: string;
  revokedAt?: string | Date | null | undefined;
}

export interface TransferRequest {
  consents: readonly TransferConsent[];
  subjectPersonId: string;
  receivingTenantId: string;
  /** The categories to pass on; absent: all the chosen consent covers. */
  categories?: readonly DataCategory[] | undefined;
  at: Date;
  timeZone?: string | undefined;
}

export const TransferRefusal = {
  NO_CONSENT: 'NO_CONSENT',
  REVOKED: 'REVOKED',
  EXPIRED: 'EXPIRED',
  NOT_YET_VALID: 'NOT_YET_VALID',
  CATEGORY_NOT_COVERED: 'CATEGORY_NOT_COVERED',
  IDENTITY_REQUIRED: 'IDENTITY_REQUIRED',
} as const;
export type TransferRefusal = (typeof TransferRefusal)[keyof typeof TransferRefusal];

export type TransferDecision =
  | { allowed: true; consentId: string; categories: DataCategory[] }
  | { allowed: false; reason: TransferRefusal; detail: string; closestId?: string };

const ORDER = Object.values(DataCategory);

/**
 * Which consent covers moving the person's case to the receiving tenant, and with which
 * categories. Fails closed: an unreadable date or revocation time counts as not in force. Of
 * several consents in force that cover the request, the one covering most categories wins (then
 * the newest validity); identity must be among the categories, or the receiving Kreis would not
 * know whose case it takes.
 */
export function decideTransfer(r: TransferRequest): TransferDecision {
  const today = localDay(r.at, r.timeZone ?? DEFAULT_TIME_ZONE);
  const atMs = r.at.getTime();
  const naming = r.consents.filter(
    (c) =>
      c.subjectPersonId === r.subjectPersonId &&
      c.recipientTenantId === r.receivingTenantId &&
      c.purposes.includes('transfer'),
  );
  if (naming.length === 0)
    return {
      allowed: false,
      reason: TransferRefusal.NO_CONSENT,
      detail: "no consent of the person names the receiving Kreis for 'transfer'",
    };
  const requested = r.categories ? [...new Set(r.categories)] : null;
  if (requested && !requested.includes(DataCategory.IDENTITY))
    return {
      allowed: false,
      reason: TransferRefusal.IDENTITY_REQUIRED,
      detail: 'a transfer carries at least the identity',
    };

  let closest: { reason: TransferRefusal; detail: string; closestId: string } | null = null;
  const rank: TransferRefusal[] = [
    TransferRefusal.CATEGORY_NOT_COVERED,
    TransferRefusal.NOT_YET_VALID,
    TransferRefusal.EXPIRED,
    TransferRefusal.REVOKED,
  ];
  const note = (reason: TransferRefusal, detail: string, id: string) => {
    if (!closest || rank.indexOf(reason) < rank.indexOf(closest.reason)) closest = { reason, detail, closestId: id };
  };
  const inForce: TransferConsent[] = [];
  for (const c of naming) {
    if (c.revokedAt !== undefined && c.revokedAt !== null) {
      const ms = instant(c.revokedAt);
      if (Number.isNaN(ms) || ms <= atMs) {
        note(TransferRefusal.REVOKED, `consent ${c.id} was revoked`, c.id);
        continue;
      }
    }
    if (!isIsoDay(c.validFrom) || !isIsoDay(c.validUntil) || c.validUntil < c.validFrom) {
      note(TransferRefusal.EXPIRED, `consent ${c.id} has no readable period of validity`, c.id);
      continue;
    }
    if (c.validFrom > today) {
      note(TransferRefusal.NOT_YET_VALID, `consent ${c.id} is valid from ${c.validFrom}`, c.id);
      continue;
    }
    if (c.validUntil < today) {
      note(TransferRefusal.EXPIRED, `consent ${c.id} ended on ${c.validUntil}`, c.id);
      continue;
    }
    if (!c.categories.includes(DataCategory.IDENTITY)) {
      note(TransferRefusal.CATEGORY_NOT_COVERED, `consent ${c.id} does not cover the identity`, c.id);
      continue;
    }
    const missing = requested?.filter((k) => !c.categories.includes(k)) ?? [];
    if (missing.length > 0) {
      note(TransferRefusal.CATEGORY_NOT_COVERED, `consent ${c.id} does not cover ${missing.join(', ')}`, c.id);
      continue;
    }
    inForce.push(c);
  }
  if (inForce.length === 0) {
    const c = closest as { reason: TransferRefusal; detail: string; closestId: string } | null;
    return c
      ? { allowed: false, reason: c.reason, detail: c.detail, closestId: c.closestId }
      : { allowed: false, reason: TransferRefusal.NO_CONSENT, detail: 'no consent in force' };
  }
  const best = [...inForce].sort(
    (a, b) =>
      b.categories.length - a.categories.length || b.validUntil.localeCompare(a.validUntil) || a.id.localeCompare(b.id),
  )[0]!;
  const categories = ORDER.filter((k) => (requested ?? best.categories).includes(k));
  return { allowed: true, consentId: best.id, categories };
}

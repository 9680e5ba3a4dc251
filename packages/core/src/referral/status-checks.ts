import { ReferralStatus } from '@kim/contracts';
import { DomainError } from '../common/errors.js';

/** How far an agency's clock may be from the hub's: a status message's occurredAt is trusted within it. */
export const OCCURRED_AT_TOLERANCE_MS = 5 * 60_000;

/**
 * Why a status message's occurredAt cannot be true, or null: it may lie at most the tolerance
 * ahead of the hub's clock (a message dated 2099 would otherwise outrank every later one and
 * freeze the referral) and not before the referral was sent (less the same tolerance).
 */
export function occurredAtProblem(occurredAt: string | Date, sentAt: Date | null, now: Date): string | null {
  const at = occurredAt instanceof Date ? occurredAt.getTime() : Date.parse(occurredAt);
  if (Number.isNaN(at)) return 'occurredAt is not a timestamp';
  const minutes = OCCURRED_AT_TOLERANCE_MS / 60_000;
  if (at > now.getTime() + OCCURRED_AT_TOLERANCE_MS)
    return `occurredAt ${new Date(at).toISOString()} lies more than ${minutes} minutes ahead of the hub's clock (${now.toISOString()})`;
  if (sentAt && at < sentAt.getTime() - OCCURRED_AT_TOLERANCE_MS)
    return `occurredAt ${new Date(at).toISOString()} lies before the referral was sent (${sentAt.toISOString()})`;
  return null;
}

/**
 * Whether an agency's message may be taken for this referral at all. A draft was never sent:
 * it is answered like a referral that does not exist or belongs to someone else.
 */
export function whyNotTheAgencysReferral(
  referral: { agencyId: string; status: string } | null,
  agencyId: string,
): string | null {
  if (!referral) return 'unknown referral';
  if (referral.agencyId !== agencyId) return 'referral belongs to another agency';
  if (referral.status === ReferralStatus.DRAFT) return 'referral not sent yet (draft)';
  return null;
}

/** Same answer for "unknown", "not yours" and "not sent yet": an agency learns nothing about others' referrals. */
export const notYourReferral = (referralId: string) =>
  new DomainError('NOT_FOUND', `referral ${referralId} is not a referral to your agency`);

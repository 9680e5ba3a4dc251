import { ReferralStatus } from '@kim/contracts';
import { TERMINAL_STATUSES } from './table.js';

/**
 * The named sets of referral statuses. Code outside this package asks these rather than
 * writing its own list, so a new status is placed once.
 */

/** Finished with an outcome the case manager should take note of (the deadline watch's open loops). */
export const FINISHED_STATUSES: readonly ReferralStatus[] = [
  ReferralStatus.COMPLETED,
  ReferralStatus.FAILED,
  ReferralStatus.REJECTED,
];

/** Not terminal: the referral can still move. */
export const OPEN_STATUSES: readonly ReferralStatus[] = Object.values(ReferralStatus).filter(
  (s) => !TERMINAL_STATUSES.includes(s),
);

export const isFinished = (status: string): boolean => (FINISHED_STATUSES as readonly string[]).includes(status);

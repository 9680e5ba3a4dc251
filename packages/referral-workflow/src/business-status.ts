import { BusinessStatus, ReferralStatus } from '@kim/contracts';

/**
 * Which finer business statuses may ride beside which referral status (FHIR Task.businessStatus
 * beside Task.status). The pairing keeps the fine status honest: an agency cannot say
 * "service started" about a referral it has not started, and a final referral carries none.
 */
export const BUSINESS_STATUSES_BY_STATUS: Readonly<Record<ReferralStatus, readonly BusinessStatus[]>> = {
  [ReferralStatus.DRAFT]: [],
  // Received by the agency but not yet decided; or the agency waits on the person to decide.
  [ReferralStatus.REQUESTED]: [BusinessStatus.RECEIVED, BusinessStatus.NEEDS_CLIENT_ACTION],
  [ReferralStatus.ACCEPTED]: [
    BusinessStatus.APPOINTMENT_SCHEDULED,
    BusinessStatus.APPOINTMENT_MISSED,
    BusinessStatus.WAITLISTED,
    BusinessStatus.NEEDS_CLIENT_ACTION,
  ],
  [ReferralStatus.IN_PROGRESS]: [
    BusinessStatus.APPOINTMENT_SCHEDULED,
    BusinessStatus.APPOINTMENT_MISSED,
    BusinessStatus.NEEDS_CLIENT_ACTION,
    BusinessStatus.SERVICE_STARTED,
  ],
  // Paused: waiting for a course place, a missed appointment, or the person.
  [ReferralStatus.ON_HOLD]: [
    BusinessStatus.APPOINTMENT_MISSED,
    BusinessStatus.WAITLISTED,
    BusinessStatus.NEEDS_CLIENT_ACTION,
  ],
  [ReferralStatus.REJECTED]: [],
  [ReferralStatus.CANCELLED]: [],
  [ReferralStatus.COMPLETED]: [],
  [ReferralStatus.FAILED]: [],
  [ReferralStatus.ENTERED_IN_ERROR]: [],
};

/** Business statuses that may accompany `status` (empty for draft and every final status). */
export function businessStatusesFor(status: ReferralStatus): readonly BusinessStatus[] {
  return BUSINESS_STATUSES_BY_STATUS[status] ?? [];
}

export function isBusinessStatusValid(status: ReferralStatus, businessStatus: BusinessStatus): boolean {
  return businessStatusesFor(status).includes(businessStatus);
}

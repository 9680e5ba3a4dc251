/**
 * @kim/referral-workflow: the referral state machine (after FHIR Task as used for referrals)
 * as pure functions, plus the ordering of out-of-order agency status messages.
 */
export {
  TRANSITIONS,
  TERMINAL_STATUSES,
  allowedTransitions,
  findRule,
  isTerminal,
  rulesFrom,
  type Requirement,
  type TransitionRule,
} from './table.js';
export { BUSINESS_STATUSES_BY_STATUS, businessStatusesFor, isBusinessStatusValid } from './business-status.js';
export {
  transition,
  type ReferralState,
  type TransitionCommand,
  type TransitionError,
  type TransitionErrorCode,
  type TransitionEvent,
  type TransitionResult,
} from './transition.js';
export {
  isStale,
  reconcile,
  type AppliedMessage,
  type Instant,
  type PendingMessage,
  type ReconcileResult,
  type ReconcileState,
  type RejectedMessage,
} from './ordering.js';
export { FINISHED_STATUSES, OPEN_STATUSES, isFinished } from './statuses.js';
export {
  planAgencyStatuses,
  statusCommandOf,
  type MessageState,
  type PlannedReferral,
  type PlannedTimelineEntry,
  type ReferralUpdate,
  type StatusCandidate,
  type StatusPlan,
} from './status-plan.js';

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

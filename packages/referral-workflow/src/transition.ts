import { ReferralStatus, type ActorRole, type BusinessStatus } from '@kim/contracts';
import { businessStatusesFor, isBusinessStatusValid } from './business-status.js';
import { findRule, isTerminal, rulesFrom } from './table.js';

/** What the state machine needs to know about a referral. */
export interface ReferralState {
  status: ReferralStatus;
  businessStatus?: BusinessStatus | undefined;
}

/** A request to move a referral: the target status, who asks, and what the move must carry. */
export interface TransitionCommand {
  to: ReferralStatus;
  actor: ActorRole;
  reason?: string | undefined;
  servicesDelivered?: readonly string[] | undefined;
  outcome?: string | undefined;
  businessStatus?: BusinessStatus | undefined;
}

/** What happened, for the timeline, the audit and the outbound message. The caller stamps the time. */
export interface TransitionEvent {
  kind: 'status-changed' | 'business-status-changed';
  from: ReferralStatus;
  to: ReferralStatus;
  fromBusinessStatus?: BusinessStatus;
  businessStatus?: BusinessStatus;
  actor: ActorRole;
  reason?: string;
  servicesDelivered?: string[];
  outcome?: string;
}

/** Stable codes; callers branch on these, people read the message. */
export type TransitionErrorCode =
  | 'TERMINAL_STATE'
  | 'TRANSITION_NOT_ALLOWED'
  | 'ACTOR_NOT_PERMITTED'
  | 'REASON_REQUIRED'
  | 'SERVICES_DELIVERED_REQUIRED'
  | 'BUSINESS_STATUS_REQUIRED'
  | 'BUSINESS_STATUS_INVALID'
  | 'FIELD_NOT_ALLOWED';

export interface TransitionError {
  code: TransitionErrorCode;
  message: string;
}

export type TransitionResult =
  { ok: true; next: ReferralState; event: TransitionEvent } | { ok: false; error: TransitionError };

/** Only a finished service has delivered services or an outcome to report (failed: partially). */
const CARRIES_RESULTS: readonly ReferralStatus[] = [ReferralStatus.COMPLETED, ReferralStatus.FAILED];

const fail = (code: TransitionErrorCode, message: string): TransitionResult => ({
  ok: false,
  error: { code, message },
});
const list = (items: readonly string[]) => (items.length > 0 ? items.join(', ') : 'none');
const trimmed = (s: string | undefined) => (typeof s === 'string' ? s.trim() : '');

/**
 * Decide one move. Pure: the same state and command always give the same answer, and no
 * clock, store or network is touched. Checks run from the coarsest to the finest, so the
 * error names the first thing the caller has to change:
 * final state → move exists → actor may make it → fields fit → requirements met.
 *
 * A status change clears the business status unless the command gives a new one: a fine
 * status such as "appointment-scheduled" describes the old status, not the new one.
 */
export function transition(current: ReferralState, command: TransitionCommand): TransitionResult {
  const { status: from } = current;
  const { to, actor } = command;

  if (from === ReferralStatus.ENTERED_IN_ERROR) {
    return fail('TERMINAL_STATE', `a referral in status entered-in-error is final and cannot move to ${to}`);
  }
  if (isTerminal(from) && to !== ReferralStatus.ENTERED_IN_ERROR) {
    return fail(
      'TERMINAL_STATE',
      `a referral in status ${from} is final and cannot move to ${to}; only a coordinator or the system may mark it entered-in-error`,
    );
  }

  const rule = findRule(from, to);
  if (!rule) {
    const next = [...new Set(rulesFrom(from).map((r) => r.to))].filter((s) => s !== from);
    return fail(
      'TRANSITION_NOT_ALLOWED',
      `a referral in status ${from} cannot move to ${to}; allowed next: ${list(next)}`,
    );
  }
  if (!rule.actors.includes(actor)) {
    return fail(
      'ACTOR_NOT_PERMITTED',
      from === to
        ? `the ${actor} may not update the business status of a referral in status ${from}; permitted: ${list(rule.actors)}`
        : `the ${actor} may not move a referral from ${from} to ${to}; permitted: ${list(rule.actors)}`,
    );
  }

  const reason = trimmed(command.reason);
  const servicesDelivered = (command.servicesDelivered ?? []).map((s) => trimmed(s)).filter((s) => s !== '');
  const outcome = trimmed(command.outcome);

  // Results on a move that has none would be silently lost, so they are refused instead.
  if ((servicesDelivered.length > 0 || outcome !== '') && !CARRIES_RESULTS.includes(to)) {
    return fail(
      'FIELD_NOT_ALLOWED',
      `servicesDelivered and outcome belong to completed or failed, not to a move from ${from} to ${to}`,
    );
  }

  if (rule.requires.includes('reason') && reason === '') {
    return fail('REASON_REQUIRED', `moving a referral from ${from} to ${to} requires a reason`);
  }
  if (rule.requires.includes('servicesDelivered') && servicesDelivered.length === 0) {
    return fail(
      'SERVICES_DELIVERED_REQUIRED',
      `moving a referral from ${from} to ${to} requires the list of services actually delivered`,
    );
  }
  const { businessStatus } = command;
  if (rule.requires.includes('businessStatus') && businessStatus === undefined) {
    return fail(
      'BUSINESS_STATUS_REQUIRED',
      `a referral already in status ${from} can only get a new business status; none was given (valid: ${list(businessStatusesFor(from))})`,
    );
  }
  if (businessStatus !== undefined && !isBusinessStatusValid(to, businessStatus)) {
    return fail(
      'BUSINESS_STATUS_INVALID',
      `business status ${businessStatus} does not fit status ${to}; valid with ${to}: ${list(businessStatusesFor(to))}`,
    );
  }

  const next: ReferralState = { status: to };
  if (businessStatus !== undefined) next.businessStatus = businessStatus;

  const event: TransitionEvent = { kind: from === to ? 'business-status-changed' : 'status-changed', from, to, actor };
  if (current.businessStatus !== undefined) event.fromBusinessStatus = current.businessStatus;
  if (businessStatus !== undefined) event.businessStatus = businessStatus;
  if (reason !== '') event.reason = reason;
  if (servicesDelivered.length > 0) event.servicesDelivered = servicesDelivered;
  if (outcome !== '') event.outcome = outcome;

  return { ok: true, next, event };
}

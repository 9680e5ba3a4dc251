import { isTerminal } from './table.js';
import { OPEN_STATUSES } from './statuses.js';
import {
  transition,
  type ReferralState,
  type TransitionCommand,
  type TransitionError,
  type TransitionEvent,
} from './transition.js';

/** A timestamp as it arrives: ISO 8601 text (with offset) or a Date. */
export type Instant = string | Date;

/** A status message from an agency that is stored but not yet applied to the referral. */
export interface PendingMessage {
  /** Unique message id (the CloudEvent id); breaks ties between equal timestamps. */
  id: string;
  /** When the change happened at the agency. */
  occurredAt: Instant;
  command: TransitionCommand;
}

/** The referral's state plus a watermark: the agency message applied last. */
export interface ReconcileState extends ReferralState {
  lastAppliedAt?: Instant | null | undefined;
  /** Id of the message applied last; makes equal timestamps and redeliveries unambiguous. */
  lastAppliedId?: string | null | undefined;
}

export interface AppliedMessage<M extends PendingMessage> {
  message: M;
  next: ReferralState;
  event: TransitionEvent;
}

export interface RejectedMessage<M extends PendingMessage> {
  message: M;
  error: TransitionError | { code: 'INVALID_TIMESTAMP'; message: string };
}

export interface ReconcileResult<M extends PendingMessage> {
  /** Messages to apply now, in this order, each with the state it leads to. */
  apply: AppliedMessage<M>[];
  /** Messages overtaken by a later one already applied: record them, never apply them. */
  stale: M[];
  /** Messages that may still apply once an earlier message arrives: keep them stored. */
  pending: M[];
  /** Messages that can never apply (final referral, or invalid from every state): dead-letter them. */
  rejected: RejectedMessage<M>[];
  /** State after applying `apply`, with the new watermark. */
  next: ReconcileState;
}

function toMillis(t: Instant, what: string): number {
  const ms = t instanceof Date ? t.getTime() : Date.parse(t);
  if (Number.isNaN(ms)) throw new RangeError(`${what} is not a valid timestamp: ${String(t)}`);
  return ms;
}

/**
 * True when a message that occurred at `occurredAt` is older than the agency message applied
 * last, so applying it would move the referral back in time. Equal times are not stale here;
 * `reconcile` breaks such ties by message id.
 */
export function isStale(lastAppliedAt: Instant | null | undefined, occurredAt: Instant): boolean {
  if (lastAppliedAt === undefined || lastAppliedAt === null) return false;
  return toMillis(occurredAt, 'occurredAt') < toMillis(lastAppliedAt, 'lastAppliedAt');
}

/** Total order on messages: occurredAt, then id. */
function compareKeys(a: { ms: number; id: string }, b: { ms: number; id: string }): number {
  if (a.ms !== b.ms) return a.ms < b.ms ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}


/** A command that no live state accepts will never apply, however long it waits. */
function appliesFromSomeState(command: TransitionCommand): boolean {
  return OPEN_STATUSES.some((status) => transition({ status }, command).ok);
}

/**
 * Decide what to do with stored, unapplied agency status messages. Agencies deliver at least
 * once and out of order, so the hub applies the latest truth and never steps back:
 *
 * 1. sort by occurredAt, then id;
 * 2. a message at or before the watermark (the message applied last) is stale;
 * 3. otherwise apply it if the move is valid from the state reached so far, moving the watermark;
 * 4. what is left waits for an earlier message, unless it can never apply (rejected).
 *
 * Once a later message is applied every earlier one is stale, so one pass suffices. Pure; the
 * caller persists the result. Duplicates by id are the caller's business (idempotency keys).
 */
export function reconcile<M extends PendingMessage>(
  current: ReconcileState,
  pendingMessages: readonly M[],
): ReconcileResult<M> {
  const result: ReconcileResult<M> = { apply: [], stale: [], pending: [], rejected: [], next: { ...current } };

  let watermark: { ms: number; id: string; known: boolean } | undefined =
    current.lastAppliedAt === undefined || current.lastAppliedAt === null
      ? undefined
      : {
          ms: toMillis(current.lastAppliedAt, 'lastAppliedAt'),
          id: current.lastAppliedId ?? '',
          known: !!current.lastAppliedId,
        };

  const keyed: { message: M; ms: number; id: string }[] = [];
  for (const message of pendingMessages) {
    const ms = message.occurredAt instanceof Date ? message.occurredAt.getTime() : Date.parse(message.occurredAt);
    if (Number.isNaN(ms)) {
      result.rejected.push({
        message,
        error: {
          code: 'INVALID_TIMESTAMP',
          message: `message ${message.id} has no valid occurredAt: ${String(message.occurredAt)}`,
        },
      });
    } else {
      keyed.push({ message, ms, id: message.id });
    }
  }
  keyed.sort(compareKeys);

  let state: ReferralState = { status: current.status, businessStatus: current.businessStatus };
  const leftOver: M[] = [];
  for (const k of keyed) {
    // With a known last id the applied message itself (a redelivery) counts as stale too.
    const cmp = watermark ? compareKeys(k, watermark) : 1;
    if (watermark && (cmp < 0 || (cmp === 0 && watermark.known))) {
      result.stale.push(k.message);
      continue;
    }
    const outcome = transition(state, k.message.command);
    if (outcome.ok) {
      result.apply.push({ message: k.message, next: outcome.next, event: outcome.event });
      state = outcome.next;
      watermark = { ms: k.ms, id: k.id, known: true };
      result.next = { ...state, lastAppliedAt: k.message.occurredAt, lastAppliedId: k.id };
    } else {
      leftOver.push(k.message);
    }
  }

  // Messages skipped before a later one was applied are now behind the watermark.
  for (const message of leftOver) {
    const ms = message.occurredAt instanceof Date ? message.occurredAt.getTime() : Date.parse(message.occurredAt);
    if (watermark && compareKeys({ ms, id: message.id }, watermark) < 0) {
      result.stale.push(message);
      continue;
    }
    const outcome = transition(state, message.command);
    if (!outcome.ok && (isTerminal(state.status) || !appliesFromSomeState(message.command))) {
      result.rejected.push({ message, error: outcome.error });
    } else {
      result.pending.push(message);
    }
  }
  const keyOf = (m: M) => ({
    ms: m.occurredAt instanceof Date ? m.occurredAt.getTime() : Date.parse(m.occurredAt),
    id: m.id,
  });
  result.stale.sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
  return result;
}

import {
  ActorRole,
  timelineSummaryColumns,
  type BusinessStatus,
  type ReferralStatus,
  type StatusMessageData,
  type TimelineParams,
  type TimelineSummaryCode,
} from '@kim/contracts';
import { reconcile, type Instant } from './ordering.js';
import type { TransitionCommand } from './transition.js';

/** The state-machine command an agency's status message asks for (webhook or status file alike). */
export function statusCommandOf(d: StatusMessageData): TransitionCommand {
  return {
    to: d.status,
    actor: ActorRole.AGENCY,
    reason: d.reason,
    servicesDelivered: d.servicesDelivered,
    outcome: d.outcome,
    businessStatus: d.businessStatus,
  };
}

/** A referral as the planner sees it: its state and the agency message applied last. */
export interface PlannedReferral {
  status: ReferralStatus;
  businessStatus: BusinessStatus | null;
  lastAppliedAt: Instant | null;
  lastAppliedId: string | null;
  /** For the timeline entries only. */
  caseReference: string;
}

/** An agency status message waiting for the referral: stored earlier, or arriving now. */
export interface StatusCandidate {
  eventId: string;
  data: StatusMessageData;
}

/** What becomes of a message: applied now, overtaken (stale), waiting (pending), or never applicable (rejected). */
export type MessageState = 'applied' | 'stale' | 'pending' | 'rejected';

/**
 * The referral's new row. A field left undefined keeps its value: a message without a reason
 * does not erase the reason an earlier one gave.
 */
export interface ReferralUpdate {
  status: ReferralStatus;
  businessStatus: BusinessStatus | null;
  reason?: string;
  servicesDelivered?: string[];
  outcome?: string;
  /** The watermark: the message applied last. */
  lastAppliedAt: Date;
  lastAppliedId: string;
}

/** One `referral.status-changed` entry on the case timeline, by the agency. */
export interface PlannedTimelineEntry {
  occurredAt: Date;
  /** The English sentence; code and parameters say it in the reader's language. */
  summary: string;
  summaryCode: TimelineSummaryCode;
  summaryParams: TimelineParams;
  data: {
    from: ReferralStatus;
    to: ReferralStatus;
    businessStatus: BusinessStatus | null;
    reason: string | null;
    servicesDelivered: string[] | null;
    caseReference: string;
    eventId: string;
  };
}

export interface StatusPlan<C extends StatusCandidate> {
  /** Null when nothing applies: the referral row stays as it is. */
  update: ReferralUpdate | null;
  /** In the order the moves happened. */
  timeline: PlannedTimelineEntry[];
  /** Every candidate, in the order given, with its state (and the machine's reason for a rejected one). */
  messages: { candidate: C; state: MessageState; error: string | null }[];
  /** The agency's numbers for the person, from applied messages only, in the order applied. */
  links: string[];
}

/**
 * Apply an agency's status messages to a referral, on paper: the ordering of out-of-order
 * messages (`reconcile`) decides what applies; this says what to write. The status webhook
 * (one message) and the status file import (thousands) both write what it plans.
 */
export function planAgencyStatuses<C extends StatusCandidate>(
  referral: PlannedReferral,
  candidates: readonly C[],
  agencyName: string,
): StatusPlan<C> {
  const result = reconcile(
    {
      status: referral.status,
      businessStatus: referral.businessStatus ?? undefined,
      lastAppliedAt: referral.lastAppliedAt,
      lastAppliedId: referral.lastAppliedId,
    },
    candidates.map((candidate) => ({
      id: candidate.eventId,
      occurredAt: candidate.data.occurredAt,
      command: statusCommandOf(candidate.data),
      candidate,
    })),
  );

  const timeline: PlannedTimelineEntry[] = [];
  const links: string[] = [];
  const state = new Map<C, { state: MessageState; error: string | null }>();
  let update: ReferralUpdate | null = null;
  const kept: Pick<ReferralUpdate, 'reason' | 'servicesDelivered' | 'outcome'> = {};
  let from = referral.status;
  for (const step of result.apply) {
    const d = step.message.candidate.data;
    timeline.push({
      occurredAt: new Date(d.occurredAt),
      ...timelineSummaryColumns(
        d.reason
          ? {
              code: 'referral.status-changed-with-reason',
              params: { agency: agencyName, fromStatus: from, toStatus: step.next.status, reason: d.reason },
            }
          : {
              code: 'referral.status-changed',
              params: { agency: agencyName, fromStatus: from, toStatus: step.next.status },
            },
      ),
      data: {
        from,
        to: step.next.status,
        businessStatus: step.next.businessStatus ?? null,
        reason: d.reason ?? null,
        servicesDelivered: d.servicesDelivered ?? null,
        caseReference: referral.caseReference,
        eventId: step.message.id,
      },
    });
    // A field no applied message set keeps the row's value.
    if (d.reason !== undefined) kept.reason = d.reason;
    if (d.servicesDelivered !== undefined) kept.servicesDelivered = [...d.servicesDelivered];
    if (d.outcome !== undefined) kept.outcome = d.outcome;
    update = {
      status: step.next.status,
      businessStatus: step.next.businessStatus ?? null,
      ...kept,
      lastAppliedAt: new Date(d.occurredAt),
      lastAppliedId: step.message.id,
    };
    if (d.agencyPersonIdentifier) links.push(d.agencyPersonIdentifier);
    state.set(step.message.candidate, { state: 'applied', error: null });
    from = step.next.status;
  }
  for (const m of result.stale) state.set(m.candidate, { state: 'stale', error: null });
  for (const m of result.pending) state.set(m.candidate, { state: 'pending', error: null });
  for (const r of result.rejected) state.set(r.message.candidate, { state: 'rejected', error: r.error.message });

  return {
    update,
    timeline,
    messages: candidates.map((candidate) => ({
      candidate,
      ...(state.get(candidate) ?? { state: 'pending', error: null }),
    })),
    links,
  };
}

import type { EntityManager } from 'typeorm';
import { EventType, ReferralStatus, type TimelineSummary } from '@kim/contracts';
import { outboxRepository, referralRepository, type ReferralRow } from '@kim/persistence';
import { writeOutbox, type OutboxWrite } from '../outbox/index.js';
import { appendTimeline } from '../ledger/timeline.js';
import { actorRoleOf, type Principal } from '../common/principal.js';
import { applyTransition } from './transitions.js';

export interface CancellationOptions {
  reason: string;
  traceId: string;
  /** The timeline's line for people. */
  summary: TimelineSummary;
  /** Why a waiting request is suppressed (the outbox row's last error). */
  suppressedBecause: string;
  occurredAt?: Date;
  /** Added to the timeline entry's data (e.g. the consent a revocation withdrew). */
  data?: Record<string, unknown>;
}

export interface Cancellation {
  referral: ReferralRow;
  from: ReferralStatus;
  /** Requests that had not gone out yet, now suppressed: they never will. */
  suppressedMessages: number;
  /** The agency had received the referral, so it is told (the notice's outbox write). */
  notice: OutboxWrite | null;
}

/**
 * Cancel a locked referral: the one rule set for a case manager's cancellation and a consent
 * revocation alike. The state machine decides whether it may be cancelled (and by whom); a
 * request still waiting in the outbox is suppressed, so a cancelled referral's data never goes
 * out; and the agency hears of the cancellation only if it received the referral (the ledger
 * records its disclosure or the agency's read of it), never about one it never saw.
 */
export async function cancelLockedReferral(
  m: EntityManager,
  actor: Principal,
  r: ReferralRow,
  opts: CancellationOptions,
): Promise<Cancellation> {
  const from = r.status;
  applyTransition(r, { to: ReferralStatus.CANCELLED, actor: actorRoleOf(actor), reason: opts.reason });
  const suppressed = await outboxRepository.suppressUnsentOfReferral(
    m,
    r.tenantId,
    r.id,
    opts.suppressedBecause,
    EventType.REFERRAL_REQUESTED,
  );
  const notified = await referralRepository.agencyReceived(m, r.tenantId, r.id);
  await referralRepository.writeState(m, r);
  const notice = notified
    ? await writeOutbox(m, {
        tenantId: r.tenantId,
        agencyId: r.agencyId,
        referralId: r.id,
        eventType: EventType.REFERRAL_CANCELLED,
        traceId: opts.traceId,
      })
    : null;
  await appendTimeline(m, actor, {
    caseId: r.caseId,
    referralId: r.id,
    kind: 'referral.status-changed',
    ...(opts.occurredAt ? { occurredAt: opts.occurredAt } : {}),
    summary: opts.summary,
    data: {
      from,
      to: ReferralStatus.CANCELLED,
      reason: opts.reason,
      suppressedMessages: suppressed.length,
      notified,
      ...opts.data,
    },
  });
  return { referral: r, from, suppressedMessages: suppressed.length, notice };
}

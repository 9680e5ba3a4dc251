import type { DataSource } from 'typeorm';
import { ReferralStatus } from '@kim/contracts';
import { agencyRepository, type AgencyRow, type ReferralRow } from '@kim/persistence';
import type { OutboxPublisher } from '../outbox/index.js';
import { caseForStaff } from '../case/case-scope.js';
import { DomainError } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { cancelLockedReferral } from './cancelling.js';
import { draftReferral } from './drafting.js';
import { sendReferral } from './sending.js';
import { lockReferral } from './transitions.js';

export { applyTransition, lockReferral } from './transitions.js';

/**
 * The case manager's referral commands. Each one that writes to the outbox publishes its
 * message itself, after its transaction committed: callers never handle outbox writes.
 */
export class ReferralCommands {
  constructor(
    private readonly ds: DataSource,
    private readonly publisher: OutboxPublisher,
  ) {}

  /** A draft referral from a case to a service; nothing leaves the hub yet. */
  create(p: Principal, raw: unknown): Promise<ReferralRow> {
    return draftReferral(this.ds, p, raw);
  }

  /**
   * Send: draft → requested. Consent must cover the recipient, the purpose and every
   * category the referral carries; the state change and its outbox message commit together.
   */
  async send(p: Principal, referralId: string, traceId: string): Promise<{ referral: ReferralRow; agency: AgencyRow }> {
    const { referral, outbox, agency } = await sendReferral(this.ds, p, referralId, traceId);
    await this.publisher.publish([outbox]);
    // The agency as the send read it: the caller names it without reading it again.
    return { referral, agency };
  }

  /** Cancel (the one cancellation: see cancelling.ts); an agency that received the referral is told. */
  async cancel(p: Principal, referralId: string, reason: string, traceId: string): Promise<ReferralRow> {
    const done = await this.ds.transaction(async (m) => {
      const r = await lockReferral(m, p.tenantId, referralId);
      if (p.kind === 'staff') await caseForStaff(m, p, r.caseId, false, { what: 'referral', id: referralId });
      return cancelLockedReferral(m, p, r, {
        reason,
        traceId,
        summary: { code: 'referral.cancelled', params: { reason } },
        suppressedBecause: `suppressed: referral cancelled (${reason})`.slice(0, 2000),
      });
    });
    if (done.notice) await this.publisher.publish([done.notice]);
    return done.referral;
  }

  /**
   * Recall: the case manager takes back a referral that was sent and that the agency has not
   * decided on yet (requested → cancelled, the workflow's "the hub withdraws a referral the
   * agency has not decided on"). It is the one cancellation (suppress what has not gone out, tell
   * the agency that received it through the outbox), refused once the agency accepted or
   * rejected: then it is the agency's referral too, and calling it off is a cancellation.
   */
  async recall(p: Principal, referralId: string, reason: string, traceId: string): Promise<ReferralRow> {
    const done = await this.ds.transaction(async (m) => {
      const r = await lockReferral(m, p.tenantId, referralId);
      if (p.kind === 'staff') await caseForStaff(m, p, r.caseId, false, { what: 'referral', id: referralId });
      if (r.status !== ReferralStatus.REQUESTED) {
        throw new DomainError(
          'INVALID_TRANSITION',
          r.status === ReferralStatus.DRAFT
            ? 'a draft was never sent: discard it (cancelReferral) instead'
            : `the referral is ${r.status}: only a sent referral the agency has not decided on can be recalled; cancel it instead`,
          { reason: 'NOT_RECALLABLE', status: r.status },
        );
      }
      const agency = await agencyRepository.byId(m, p.tenantId, r.agencyId);
      return cancelLockedReferral(m, p, r, {
        reason,
        traceId,
        summary: { code: 'referral.recalled', params: { agency: agency?.name ?? r.agencyId, reason } },
        suppressedBecause: `suppressed: referral recalled (${reason})`.slice(0, 2000),
        data: { recalled: true },
      });
    });
    if (done.notice) await this.publisher.publish([done.notice]);
    return done.referral;
  }
}

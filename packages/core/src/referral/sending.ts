import type { DataSource } from 'typeorm';
import { EventType, ReferralStatus, type DataCategory, type Purpose } from '@kim/contracts';
import { disclosureContextRepository, referralRepository, type AgencyRow, type ReferralRow } from '@kim/persistence';
import { outboxRow, type OutboxWrite } from '../outbox/index.js';
import { DomainError, existing } from '../common/errors.js';
import { lockReferralForStaff } from '../case/case-scope.js';
import { decideWith, legalBasesInEffect, rulesOff } from '../consent/consent-check.js';
import { timelineRow } from '../ledger/timeline.js';
import { audit, type AuditEntry } from '../ledger/audit.js';
import { actorRoleOf, type Principal } from '../common/principal.js';
import { addWorkingDays, berlinDay } from '../common/calendar.js';
import { applyTransition } from './transitions.js';

type SendOutcome =
  | { kind: 'sent'; referral: ReferralRow; outbox: OutboxWrite; agency: AgencyRow }
  | { kind: 'refused'; error: DomainError; entry: AuditEntry };

/**
 * Send: draft → requested. Consent must cover the recipient, the purpose and every
 * category the referral carries; the state change and its outbox message commit together.
 */
export async function sendReferral(
  ds: DataSource,
  p: Principal,
  referralId: string,
  traceId: string,
): Promise<{ referral: ReferralRow; outbox: OutboxWrite; agency: AgencyRow }> {
  const outcome = await ds.transaction(async (m): Promise<SendOutcome> => {
    // The referral locked and the caller's access to its case checked, in one statement (issue 20).
    const { referral: r, scope: c } = await lockReferralForStaff(m, p, referralId);
    const now = new Date();
    // Agency, person, service, consents and legal bases in one statement (issue 20), after the
    // referral is locked and the case checked against the caller's area.
    const context = await disclosureContextRepository.send(
      m,
      { tenantId: p.tenantId, referralId: r.id, agencyId: r.agencyId, day: berlinDay(now) },
      rulesOff(),
    );
    const agency = existing(context?.agency ?? null, 'agency', r.agencyId);
    const person = existing(context!.person, 'person', c.personId);
    const refusal = (reason: string, error: DomainError): SendOutcome => ({
      kind: 'refused',
      error,
      entry: {
        action: 'referral.send',
        subjectType: 'referral',
        subjectId: r.id,
        categories: r.categories,
        allowed: false,
        reason,
        personId: c.personId,
        agencyId: agency.id,
      },
    });
    if (person.doNotContact) {
      return refusal(
        'do not contact',
        new DomainError(
          'DO_NOT_CONTACT',
          `the person asked not to be contacted by agencies; referral to ${agency.name} not sent`,
        ),
      );
    }
    const decision = decideWith(
      {
        personId: c.personId,
        agency: { id: agency.id, kind: agency.kind },
        purpose: r.purpose as Purpose,
        categories: r.categories as DataCategory[],
        at: now,
      },
      context!.consents,
      legalBasesInEffect(context!.legalBases),
    );
    if (decision.denied.length > 0) {
      return refusal(
        decision.denied.map((d) => `${d.category}: ${d.reason}`).join('; '),
        new DomainError(
          'CONSENT_REQUIRED',
          `no valid consent covers disclosure to ${agency.name} for ${r.purpose}: ${decision.denied
            .map((d) => `${d.category} (${d.reason})`)
            .join(', ')}`,
          { reason: decision.denied[0]!.reason, denied: decision.denied },
        ),
      );
    }
    applyTransition(r, { to: ReferralStatus.REQUESTED, actor: actorRoleOf(p) });
    const service = existing(context!.service, 'service', r.serviceId);
    r.requestedAt = now;
    r.respondBy = addWorkingDays(now, service.responseDays);
    const { row, write } = outboxRow({
      tenantId: r.tenantId,
      agencyId: r.agencyId,
      referralId: r.id,
      eventType: EventType.REFERRAL_REQUESTED,
      traceId,
    });
    // State, outbox message and timeline entry in one statement (issue 20).
    await referralRepository.writeStateAnnounced(
      m,
      r,
      row,
      timelineRow(p, {
        caseId: r.caseId,
        referralId: r.id,
        kind: 'referral.status-changed',
        occurredAt: now,
        summary: { code: 'referral.sent', params: { agency: agency.name } },
        data: { from: ReferralStatus.DRAFT, to: ReferralStatus.REQUESTED, agencyId: agency.id },
      }),
    );
    const outbox = write;
    return { kind: 'sent', referral: r, outbox, agency };
  });
  if (outcome.kind === 'sent') return { referral: outcome.referral, outbox: outcome.outbox, agency: outcome.agency };
  // The send changed nothing; its refusal is recorded on its own, after that transaction ended.
  await ds.transaction((m) => audit(m, p, outcome.entry));
  throw outcome.error;
}

import { randomUUID } from 'node:crypto';
import { type DataSource, type EntityManager } from 'typeorm';
import {
  EventType,
  StaffRole,
  InputValidationError,
  consentInputSchema,
  parseInput,
  type DataCategory,
  type Purpose,
} from '@kim/contracts';
import { isTerminal } from '@kim/referral-workflow';
import {
  agencyRepository,
  auditRepository,
  caseRepository,
  consentRepository,
  personRepository,
  referralRepository,
  tenantRepository,
  transferRepository,
  type ConsentRow,
  type Db,
  type PersonRow,
  type ReferralRow,
} from '@kim/persistence';
import { decideDisclosure } from './consent-check.js';
import { consentDateProblems } from './consent-evidence.js';
import { berlinDay } from '../common/calendar.js';
import { writeOutbox, type OutboxPublisher, type OutboxWrite } from '../outbox/index.js';
import { DomainError, forbidden, invalidInput, notFound } from '../common/errors.js';
import { caseForStaff, loadCase, type CaseRow } from '../case/case-scope.js';
import { staffMaySeeCase } from '../access/staff-access.js';
import { appendTimeline } from '../ledger/timeline.js';
import { audit } from '../ledger/audit.js';
import { cancelLockedReferral } from '../referral/cancelling.js';

/** Reason given when a referral ends because the person withdrew consent. */
export const CONSENT_WITHDRAWN = 'consent-withdrawn';
import type { Principal } from '../common/principal.js';

/** Consent as the person gave it, with its evidence; the engine decides on it later. */
export class ConsentCommands {
  constructor(
    private readonly ds: DataSource,
    private readonly publisher: OutboxPublisher,
  ) {}

  async record(p: Principal, raw: unknown): Promise<ConsentRow> {
    let input;
    try {
      input = parseInput(consentInputSchema, raw, 'consent');
    } catch (e) {
      return invalidInput(e);
    }
    if (p.kind !== 'staff' || (p.role !== StaffRole.CASE_MANAGER && p.role !== StaffRole.COORDINATOR))
      throw forbidden('only case managers and coordinators record consent');
    const implausible = consentDateProblems(input, berlinDay(new Date()));
    if (implausible.length > 0) invalidInput(new InputValidationError('consent', implausible));
    const staff = p;
    return this.ds.transaction(async (m) => {
      const c = await caseForStaff(m, staff, input.caseId);
      // Either an agency of the tenant, or (to move the case, issue 19) another Kreis taking transfers.
      const recipient = input.recipientTenantId
        ? await transferRecipient(m, staff.tenantId, input.recipientTenantId)
        : await agencyRepository.byId(m, staff.tenantId, input.recipientAgencyId!);
      if (!recipient)
        throw input.recipientTenantId
          ? notFound('Kreis taking transfers', input.recipientTenantId)
          : notFound('agency', input.recipientAgencyId!);
      const consent = await consentRepository.insert(m, {
        tenantId: staff.tenantId,
        id: randomUUID(),
        personId: c.personId,
        caseId: c.id,
        recipientAgencyId: input.recipientTenantId ? null : recipient.id,
        recipientTenantId: input.recipientTenantId ? recipient.id : null,
        purposes: [...new Set(input.purposes)],
        categories: [...new Set(input.categories)],
        validFrom: input.validFrom,
        validUntil: input.validUntil,
        evidence: input.evidence,
        kind: input.kind,
        grantor: input.grantor,
        provisions: input.provisions.length ? input.provisions : null,
        capturedBy: staff.userId,
      });
      await audit(m, staff, {
        action: 'consent.recorded',
        subjectType: 'consent',
        subjectId: consent.id,
        categories: consent.categories,
        allowed: true,
      });
      await appendTimeline(m, staff, {
        caseId: c.id,
        kind: 'consent.recorded',
        summary: { code: 'consent.recorded', params: { agency: recipient.name, categories: consent.categories } },
        data: {
          consentId: consent.id,
          ...(input.recipientTenantId ? { recipientTenantId: recipient.id } : { agencyId: recipient.id }),
          purposes: consent.purposes,
          validUntil: consent.validUntil,
        },
      });
      return consent;
    });
  }

  /** The person asked not to be contacted by agencies (or withdrew that wish). */
  async setDoNotContact(p: Principal, caseId: string, doNotContact: boolean): Promise<PersonRow> {
    return this.ds.transaction(async (m) => {
      const c = await caseForStaff(m, p, caseId);
      const person = await personRepository.lock(m, p.tenantId, c.personId);
      if (!person) throw new Error(`person ${c.personId} of case ${c.id} not found`);
      await personRepository.setDoNotContact(m, p.tenantId, person.id, doNotContact);
      person.doNotContact = doNotContact;
      await audit(m, p, {
        action: 'person.do-not-contact',
        subjectType: 'person',
        subjectId: person.id,
        allowed: true,
        personId: person.id,
        reason: String(doNotContact),
      });
      await appendTimeline(m, p, {
        caseId,
        kind: 'person.do-not-contact',
        summary: { code: doNotContact ? 'person.do-not-contact-set' : 'person.do-not-contact-lifted', params: {} },
      });
      return person;
    });
  }

  /**
   * Widerruf: takes effect at once. Messages still waiting for this recipient that consent no
   * longer covers are suppressed (and recorded), open referrals it covered are cancelled with
   * reason consent-withdrawn on every case of the person (a consent belongs to the person, and a
   * referral on their other case may rest on it too), and an agency that received data under it
   * is told (Art. 19 GDPR). What was lawfully disclosed before stays as it was.
   */
  async revoke(p: Principal, consentId: string, traceId: string): Promise<RevocationResult> {
    const result = await this.ds.transaction(async (m) => {
      const consent = await consentRepository.lock(m, p.tenantId, consentId);
      if (!consent) throw notFound('consent', consentId);
      const c = await caseForStaff(m, p, consent.caseId, false, { what: 'consent', id: consentId });
      if (consent.revokedAt) throw new DomainError('CONFLICT', `consent ${consentId} is already revoked`);
      const now = new Date();
      await consentRepository.revoke(m, p.tenantId, consent.id, now);
      consent.revokedAt = now;
      if (consent.recipientAgencyId === null) return this.revokeTransferConsent(m, p, c, consent);
      const agency = await agencyRepository.byId(m, p.tenantId, consent.recipientAgencyId);
      if (!agency) throw new Error(`agency ${consent.recipientAgencyId} of consent ${consent.id} not found`);
      const stillCovered = async (r: ReferralRow) =>
        (
          await decideDisclosure(m, {
            tenantId: p.tenantId,
            personId: consent.personId,
            caseId: r.caseId,
            agency: { id: agency.id, kind: agency.kind },
            purpose: r.purpose as Purpose,
            categories: r.categories as DataCategory[],
            at: now,
          })
        ).denied.length === 0;

      const cases = new Map<string, CaseRow>();
      for (const id of await caseRepository.idsOfPerson(m, p.tenantId, consent.personId)) {
        cases.set(id, (await loadCase(m, p.tenantId, id))!);
      }
      const referrals = await referralRepository.lockOfAgencyOnCases(m, p.tenantId, [...cases.keys()], agency.id);
      const system: Principal = { kind: 'system', tenantId: p.tenantId };
      const result: RevocationResult = { consent, suppressedMessages: 0, cancelledReferrals: [], notices: [] };
      // The caller's timeline names only referrals on cases the caller may see.
      const visibleCancelled: string[] = [];
      for (const r of referrals) {
        if (isTerminal(r.status) || (await stillCovered(r))) continue;
        // The one cancellation (referral/cancelling.ts): waiting requests suppressed, the agency
        // told only if it received the referral.
        const done = await cancelLockedReferral(m, system, r, {
          reason: CONSENT_WITHDRAWN,
          traceId,
          occurredAt: now,
          summary: { code: 'referral.cancelled-consent-withdrawn', params: { agency: agency.name } },
          suppressedBecause: `suppressed: consent ${consent.id} withdrawn`,
          // consentId and notified let the Art. 19 notice list exactly the referrals the agency had received.
          data: { consentId: consent.id },
        });
        result.suppressedMessages += done.suppressedMessages;
        result.cancelledReferrals.push(r.id);
        if (staffMaySeeCase(p, cases.get(r.caseId)!)) visibleCancelled.push(r.id);
        if (done.notice) result.notices.push(done.notice);
      }
      if (await receivedUnderConsent(m, consent)) {
        result.notices.push(
          await writeOutbox(m, {
            tenantId: p.tenantId,
            agencyId: agency.id,
            consentId: consent.id,
            eventType: EventType.CONSENT_REVOKED,
            traceId,
          }),
        );
      }
      await audit(m, p, {
        action: 'consent.revoked',
        subjectType: 'consent',
        subjectId: consent.id,
        categories: consent.categories,
        allowed: true,
        personId: consent.personId,
        agencyId: agency.id,
        reason: `cancelled ${result.cancelledReferrals.length} referral(s), suppressed ${result.suppressedMessages} message(s)`,
      });
      await appendTimeline(m, p, {
        caseId: c.id,
        kind: 'consent.revoked',
        occurredAt: now,
        summary: { code: 'consent.revoked', params: { agency: agency.name } },
        data: {
          consentId,
          cancelledReferrals: visibleCancelled,
          suppressedMessages: result.suppressedMessages,
        },
      });
      return result;
    });
    // Told after the commit: the cancellations and the Art. 19 notice.
    await this.publisher.publish(result.notices);
    return result;
  }

  /**
   * A consent to move the case to another Kreis (issue 19) is revoked: an open offer resting on
   * it is withdrawn at once (the receiving Kreis sees the offer withdrawn, nothing more). A move
   * already accepted stays as it was, like any lawful disclosure before the revocation.
   */
  private async revokeTransferConsent(
    m: EntityManager,
    p: Principal,
    c: CaseRow,
    consent: ConsentRow,
  ): Promise<RevocationResult> {
    const withdrawn: string[] = [];
    for (const id of await transferRepository.openOfConsent(m, p.tenantId, consent.id)) {
      if (await transferRepository.withdraw(m, id, 'consent revoked')) withdrawn.push(id);
    }
    await audit(m, p, {
      action: 'consent.revoked',
      subjectType: 'consent',
      subjectId: consent.id,
      categories: consent.categories,
      allowed: true,
      personId: consent.personId,
      reason: `withdrew ${withdrawn.length} transfer offer(s)`,
    });
    const kreis = (await tenantRepository.byId(m, consent.recipientTenantId!))?.name ?? consent.recipientTenantId!;
    await appendTimeline(m, p, {
      caseId: c.id,
      kind: 'consent.revoked',
      occurredAt: consent.revokedAt as Date,
      summary: { code: 'consent.revoked', params: { agency: kreis } },
      data: { consentId: consent.id, withdrawnTransfers: withdrawn },
    });
    return { consent, suppressedMessages: 0, cancelledReferrals: [], notices: [] };
  }
}

/** The receiving Kreis a transfer consent may name: another tenant of the hub that takes transfers. */
async function transferRecipient(m: Db, tenantId: string, recipientTenantId: string) {
  return (
    (await transferRepository.receivingTenants(m, tenantId)).find((t) => t.id === recipientTenantId.toLowerCase()) ??
    null
  );
}

/**
 * Did the agency receive data of the person under this consent (a disclosure or a read whose
 * recorded basis names it)? Only then does its revocation concern the agency (Art. 19).
 */
export function receivedUnderConsent(
  db: Db,
  consent: Pick<ConsentRow, 'tenantId' | 'id' | 'personId' | 'recipientAgencyId'>,
): Promise<boolean> {
  if (consent.recipientAgencyId === null) return Promise.resolve(false);
  return auditRepository.receivedUnder(db, {
    tenantId: consent.tenantId,
    personId: consent.personId,
    agencyId: consent.recipientAgencyId,
    consentId: consent.id,
  });
}

export interface RevocationResult {
  consent: ConsentRow;
  suppressedMessages: number;
  cancelledReferrals: string[];
  /** Messages to put on the queue after commit. */
  notices: OutboxWrite[];
}

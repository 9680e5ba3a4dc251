import type { DataSource, EntityManager } from 'typeorm';
import {
  DeliveryState,
  EventType,
  type DataCategory,
  type Purpose,
  type ConsentRevokedData,
  type ReferralCancelledData,
  type ReferralRequestedData,
  type ReferrerContact,
  type TimelineSummary,
} from '@kim/contracts';
import { activeWebhookSecrets, buildCloudEvent } from '@kim/messaging';
import { isTerminal } from '@kim/referral-workflow';
import {
  agencyRepository,
  areaRepository,
  consentRepository,
  outboxRepository,
  personRepository,
  referralRepository,
  staffRepository,
  type AgencyRow,
  type ConsentRow,
  type OutboxRow,
  type ReferralRow,
} from '@kim/persistence';
import { decideDisclosure } from '../consent/consent-check.js';
import { disclosePerson } from '../disclosure/disclosure.js';
import { loadCase } from '../case/case-scope.js';
import { appendTimeline } from '../ledger/timeline.js';
import { audit } from '../ledger/audit.js';
import type { Principal } from '../common/principal.js';
import { existing } from '../common/errors.js';
import { buildDossierMessage } from './dossier-message.js';

/** The outbox row's fields a message is built from. */
export type BuildableMessage = Pick<
  OutboxRow,
  'tenantId' | 'id' | 'eventType' | 'eventId' | 'traceId' | 'referralId' | 'consentId'
>;

export type PreparedDelivery =
  | { kind: 'skip'; reason: string }
  | {
      kind: 'send';
      url: string;
      /** The agency's secret, and during a rotation also the next one: the webhook carries both signatures. */
      secrets: string[];
      eventId: string;
      body: string;
      agencyId: string;
    };

/** A message body built at send time, or why there is none. */
export type BuiltMessage = { kind: 'body'; body: string } | { kind: 'skip'; reason: string; suppressed?: boolean };

/**
 * What an Art. 19 notice names: the cases the agency received data of under this consent, and
 * the referrals it had received that the revocation cancelled (on any case of the person),
 * never a case or a draft it never saw.
 */
export async function revocationNotice(
  m: EntityManager,
  consent: Pick<ConsentRow, 'tenantId' | 'id' | 'personId' | 'recipientAgencyId'>,
): Promise<{ caseReferences: string[]; cancelledReferralIds: string[] }> {
  if (!consent.recipientAgencyId) throw new Error(`consent ${consent.id} names no agency: no revocation notice`);
  const key = [consent.tenantId, consent.personId, consent.recipientAgencyId, consent.id] as const;
  return {
    caseReferences: await outboxRepository.revocationNoticeCases(m, ...key),
    cancelledReferralIds: await outboxRepository.revocationNoticeCancelledReferrals(m, ...key),
  };
}

/**
 * Building an outbox message at send time: consent is checked again here, not only when the
 * message was queued. The webhook delivery (prepare) and the file export (build) both use it.
 */
export class OutboxMessageBuilder {
  constructor(
    private readonly ds: DataSource,
    private readonly source: string,
  ) {}

  async prepare(tenantId: string, outboxId: string): Promise<PreparedDelivery> {
    return this.ds.transaction(async (m) => {
      const msg = await outboxRepository.lock(m, tenantId, outboxId);
      if (!msg) return { kind: 'skip', reason: 'message no longer exists' };
      if (msg.deliveryState !== DeliveryState.QUEUED) return { kind: 'skip', reason: `already ${msg.deliveryState}` };
      const agency = existing(await agencyRepository.byId(m, tenantId, msg.agencyId), 'agency', msg.agencyId);
      const url = agency.webhookUrl;
      if (!url) return { kind: 'skip', reason: 'agency receives files, not webhooks' };
      const built = await this.build(m, msg, agency);
      if (built.kind === 'skip') return built;
      return {
        kind: 'send',
        url,
        secrets: activeWebhookSecrets(agency),
        eventId: msg.eventId,
        body: built.body,
        agencyId: agency.id,
      };
    });
  }

  /**
   * The message body, built now: consent is checked again and a message it no longer covers is
   * suppressed and recorded (audit, timeline). Webhook delivery and the file export both call
   * this inside their transaction, with the outbox row locked.
   */
  async build(m: EntityManager, msg: BuildableMessage, agency: AgencyRow): Promise<BuiltMessage> {
    const tenantId = msg.tenantId;
    const system: Principal = { kind: 'system', tenantId };
    const send = (body: string): BuiltMessage => ({ kind: 'body', body });

    if (msg.eventType === EventType.CONSENT_REVOKED) {
      const consent = msg.consentId ? await consentRepository.byId(m, tenantId, msg.consentId) : null;
      if (!consent?.revokedAt) return { kind: 'skip', reason: 'consent not revoked' };
      const notice = await revocationNotice(m, consent);
      const data: ConsentRevokedData = {
        consentId: consent.id,
        caseReference: notice.caseReferences.join(', '),
        cancelledReferralIds: notice.cancelledReferralIds,
        revokedAt: consent.revokedAt.toISOString(),
        instruction:
          'Stop processing the data received under this consent and erase what you may not keep under your own legal basis.',
      };
      const subject = `consent/${consent.id}`;
      return send(
        JSON.stringify(
          buildCloudEvent({
            id: msg.eventId,
            source: this.source,
            subject,
            tenantId,
            traceId: msg.traceId,
            type: EventType.CONSENT_REVOKED,
            data,
          }),
        ),
      );
    }

    if (msg.eventType === EventType.DOSSIER_SUBMITTED) return buildDossierMessage(m, msg, agency, this.source);

    if (!msg.referralId) return { kind: 'skip', reason: 'message names no referral' };
    const referral = await referralRepository.byId(m, tenantId, msg.referralId);
    if (!referral) throw new Error(`referral ${msg.referralId} of outbox message ${msg.id} not found`);
    const common = {
      id: msg.eventId,
      source: this.source,
      subject: `referral/${referral.id}`,
      tenantId,
      traceId: msg.traceId,
    };

    if (msg.eventType === EventType.REFERRAL_CANCELLED) {
      const data: ReferralCancelledData = {
        referralId: referral.id,
        reason: referral.statusReason ?? 'cancelled',
        cancelledAt: referral.updatedAt.toISOString(),
      };
      return send(JSON.stringify(buildCloudEvent({ ...common, type: EventType.REFERRAL_CANCELLED, data })));
    }

    const c = await loadCase(m, tenantId, referral.caseId);
    if (!c) return { kind: 'skip', reason: 'case no longer exists' };
    if (msg.eventType === EventType.REFERRAL_REQUESTED && isTerminal(referral.status)) {
      // A request that waited (dead, then replayed) past its referral's end: cancelled or
      // entered in error, its data must not go out; otherwise the agency already answered it.
      return this.suppress(m, msg, agency, referral, c.personId, {
        lastError: `the referral is ${referral.status}`,
        categories: referral.categories,
        summary: {
          code: 'message.suppressed-referral-status',
          params: { agency: agency.name, status: referral.status },
        },
        reason: `suppressed: referral ${referral.status}`,
      });
    }
    // One connection per transaction: its queries run one after another.
    const person = existing((await personRepository.byIds(m, tenantId, [c.personId]))[0], 'person', c.personId);
    if (person.doNotContact) {
      // Asked after the referral was queued (or while it waited dead): it never goes out.
      return this.suppress(m, msg, agency, referral, c.personId, {
        lastError: 'the person asked not to be contacted by agencies',
        categories: referral.categories,
        summary: { code: 'message.suppressed-do-not-contact', params: { agency: agency.name } },
        reason: 'suppressed: do not contact',
      });
    }
    const decision = await decideDisclosure(m, {
      tenantId,
      personId: c.personId,
      caseId: c.id,
      agency: { id: agency.id, kind: agency.kind },
      purpose: referral.purpose as Purpose,
      categories: referral.categories as DataCategory[],
      at: new Date(),
    });
    if (decision.allowed.length === 0) {
      const lastError = `consent no longer covers the disclosure: ${decision.denied.map((d) => `${d.category} (${d.reason})`).join(', ')}`;
      return this.suppress(m, msg, agency, referral, c.personId, {
        lastError,
        categories: referral.categories,
        summary: { code: 'message.suppressed-consent', params: { agency: agency.name } },
        reason: 'suppressed: consent no longer covers it',
      });
    }
    const identifiers = await personRepository.identifiersByPersons(m, tenantId, [c.personId]);
    const service = existing(
      (await agencyRepository.servicesByIds(m, tenantId, [referral.serviceId]))[0],
      'service',
      referral.serviceId,
    );
    const referrer = await referrerContact(m, tenantId, referral.createdBy, c.regionId);
    const data: ReferralRequestedData = {
      referralId: referral.id,
      caseReference: c.reference,
      service: { id: service.id, code: service.code, name: service.name },
      purpose: referral.purpose as ReferralRequestedData['purpose'],
      categories: decision.allowed,
      person: disclosePerson(person, identifiers, agency.id, decision.allowed),
      note: referral.note,
      requestedAt: (referral.requestedAt ?? referral.createdAt).toISOString(),
      respondBy: referral.respondBy,
      ...(referrer ? { referrer } : {}),
    };
    await audit(m, system, {
      action: 'referral.disclose',
      subjectType: 'referral',
      subjectId: referral.id,
      categories: decision.allowed,
      basis: [...new Set(decision.basis.map((b) => b.id))].join(',') || null,
      allowed: true,
      personId: c.personId,
      agencyId: agency.id,
    });
    return send(JSON.stringify(buildCloudEvent({ ...common, type: EventType.REFERRAL_REQUESTED, data })));
  }

  /** A referral message that must not go out: suppressed, with the refusal in the ledger and on the timeline. */
  private async suppress(
    m: EntityManager,
    msg: BuildableMessage,
    agency: AgencyRow,
    referral: ReferralRow,
    personId: string,
    why: { lastError: string; categories: string[]; summary: TimelineSummary; reason: string },
  ): Promise<BuiltMessage> {
    const system: Principal = { kind: 'system', tenantId: msg.tenantId };
    await outboxRepository.suppress(m, msg.tenantId, msg.id, why.lastError);
    await audit(m, system, {
      action: 'referral.disclose',
      subjectType: 'referral',
      subjectId: referral.id,
      categories: why.categories,
      allowed: false,
      reason: why.lastError,
      personId,
      agencyId: agency.id,
    });
    await appendTimeline(m, system, {
      caseId: referral.caseId,
      referralId: referral.id,
      kind: 'message.suppressed',
      summary: why.summary,
      data: { outboxId: msg.id },
    });
    return { kind: 'skip', reason: why.reason, suppressed: true };
  }
}

/**
 * The referring case manager's work contact for the agency: their role and the contact of the
 * case's regional area (team phone, functional mailbox). Role-based on purpose: the agency learns
 * how to reach the case management, not a person's own number or address.
 */
async function referrerContact(
  db: EntityManager,
  tenantId: string,
  staffUserId: string,
  regionId: string,
): Promise<ReferrerContact | null> {
  // One connection per transaction: one query after the other.
  const [staff] = await staffRepository.byIds(db, tenantId, [staffUserId]);
  const [region] = await areaRepository.regionsByIds(db, tenantId, [regionId]);
  if (!region) return null;
  return {
    role: staff?.role === 'coordinator' ? 'coordinator' : 'case-manager',
    area: region.name,
    phone: region.contactPhone,
    email: region.contactEmail,
  };
}

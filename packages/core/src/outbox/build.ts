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
  consentRepository,
  disclosureContextRepository,
  outboxRepository,
  referralRepository,
  type AgencyRow,
  type ConsentRow,
  type DeliveryContext,
  type OutboxRow,
  type ReferralRow,
  type ReferrerRow,
} from '@kim/persistence';
import { decideWith, legalBasesInEffect, rulesOff } from '../consent/consent-check.js';
import { disclosePerson } from '../disclosure/disclosure.js';
import { berlinDay } from '../common/calendar.js';
import { appendTimeline } from '../ledger/timeline.js';
import { audit, auditAll, type AuditEntry } from '../ledger/audit.js';
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
    return this.ds.transaction(async (m) => this.prepareLocked(m, await outboxRepository.lock(m, tenantId, outboxId)));
  }

  /**
   * Several messages of one tenant prepared in one transaction (issue 20): their rows locked in
   * one statement (in id order), the referral requests' contexts read in one statement, each
   * message decided and built exactly as prepare does, and the disclosures written to the ledger
   * in one statement, committed together. One commit for the whole batch instead of one each. All
   * or nothing: a batch that fails wrote nothing, so its messages can be prepared again one by one.
   */
  async prepareMany(tenantId: string, outboxIds: readonly string[]): Promise<Map<string, PreparedDelivery>> {
    const ids = [...new Set(outboxIds)].sort();
    return this.ds.transaction(async (m) => {
      const locked = new Map((await outboxRepository.lockMany(m, tenantId, ids)).map((r) => [r.id, r]));
      // The referral requests' contexts in one statement, read after the locks, at one instant.
      const requests = ids.flatMap((id) => {
        const msg = locked.get(id);
        return msg && msg.deliveryState === DeliveryState.QUEUED && isReferralRequest(msg) ? [msg] : [];
      });
      const at = new Date();
      const contexts = await disclosureContextRepository.deliveryMany(
        m,
        {
          tenantId,
          pairs: requests.map((r) => ({ referralId: r.referralId, agencyId: r.agencyId })),
          day: berlinDay(at),
          webhookOnly: true,
        },
        rulesOff(),
      );
      const contextOf = new Map(
        requests.map((r, i) => {
          const context = contexts[i];
          if (!context) throw new Error(`agency ${r.agencyId} of outbox message ${r.id} not found`);
          return [r.id, { ...context, at }] as const;
        }),
      );
      // The disclosures go into the ledger together, in this transaction: committed with the batch or not at all.
      const disclosures: AuditEntry[] = [];
      const out = new Map<string, PreparedDelivery>();
      for (const id of ids) {
        const msg = locked.get(id) ?? null;
        out.set(id, await this.prepareLocked(m, msg, msg ? contextOf.get(msg.id) : undefined, disclosures));
      }
      await auditAll(m, { kind: 'system', tenantId }, disclosures);
      return out;
    });
  }

  /**
   * A delivery decided on its outbox row, locked in the caller's transaction. A referral request's
   * context may come read already (a batch's); a disclosure goes to `disclosures` when given (the
   * batch writes them), else into the ledger at once.
   */
  private async prepareLocked(
    m: EntityManager,
    msg: OutboxRow | null,
    read?: TimedContext,
    disclosures?: AuditEntry[],
  ): Promise<PreparedDelivery> {
    if (!msg) return { kind: 'skip', reason: 'message no longer exists' };
    if (msg.deliveryState !== DeliveryState.QUEUED) return { kind: 'skip', reason: `already ${msg.deliveryState}` };
    // A referral request (nearly every message) comes with its agency in one context read.
    const context = isReferralRequest(msg) ? (read ?? (await deliveryContext(m, msg, msg.agencyId, true))) : null;
    const agency = existing(
      context ? context.agency : await agencyRepository.byId(m, msg.tenantId, msg.agencyId),
      'agency',
      msg.agencyId,
    );
    const url = agency.webhookUrl;
    if (!url) return { kind: 'skip', reason: 'agency receives files, not webhooks' };
    const built = context
      ? await this.buildRequest(m, msg, agency, context, disclosures)
      : await this.build(m, msg, agency);
    if (built.kind === 'skip') return built;
    return {
      kind: 'send',
      url,
      secrets: activeWebhookSecrets(agency),
      eventId: msg.eventId,
      body: built.body,
      agencyId: agency.id,
    };
  }

  /**
   * The message body, built now: consent is checked again and a message it no longer covers is
   * suppressed and recorded (audit, timeline). Webhook delivery and the file export both call
   * this inside their transaction, with the outbox row locked.
   */
  async build(m: EntityManager, msg: BuildableMessage, agency: AgencyRow): Promise<BuiltMessage> {
    const tenantId = msg.tenantId;
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
    if (msg.eventType !== EventType.REFERRAL_CANCELLED) {
      return this.buildRequest(
        m,
        msg,
        agency,
        await deliveryContext(m, { ...msg, referralId: msg.referralId }, agency.id, false),
      );
    }
    const referral = await referralRepository.byId(m, tenantId, msg.referralId);
    if (!referral) throw new Error(`referral ${msg.referralId} of outbox message ${msg.id} not found`);
    const data: ReferralCancelledData = {
      referralId: referral.id,
      reason: referral.statusReason ?? 'cancelled',
      cancelledAt: referral.updatedAt.toISOString(),
    };
    return send(
      JSON.stringify(buildCloudEvent({ ...common(msg, this.source), type: EventType.REFERRAL_CANCELLED, data })),
    );
  }

  /**
   * A referral request, built from its delivery context (one statement, read with the outbox
   * row locked): consent is decided again on the consents and legal bases as they are now.
   */
  private async buildRequest(
    m: EntityManager,
    msg: BuildableMessage,
    agency: AgencyRow,
    context: TimedContext,
    disclosures?: AuditEntry[],
  ): Promise<BuiltMessage> {
    const system: Principal = { kind: 'system', tenantId: msg.tenantId };
    const referral = context.referral;
    if (!referral) throw new Error(`referral ${msg.referralId} of outbox message ${msg.id} not found`);
    const c = context.case;
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
    const person = existing(context.person, 'person', c.personId);
    if (person.doNotContact) {
      // Asked after the referral was queued (or while it waited dead): it never goes out.
      return this.suppress(m, msg, agency, referral, c.personId, {
        lastError: 'the person asked not to be contacted by agencies',
        categories: referral.categories,
        summary: { code: 'message.suppressed-do-not-contact', params: { agency: agency.name } },
        reason: 'suppressed: do not contact',
      });
    }
    const decision = decideWith(
      {
        personId: c.personId,
        agency: { id: agency.id, kind: agency.kind },
        purpose: referral.purpose as Purpose,
        categories: referral.categories as DataCategory[],
        at: context.at,
      },
      context.consents,
      legalBasesInEffect(context.legalBases),
    );
    if (decision.allowed.length === 0) {
      const lastError = `consent no longer covers the disclosure: ${decision.denied.map((d) => `${d.category} (${d.reason})`).join(', ')}`;
      return this.suppress(m, msg, agency, referral, c.personId, {
        lastError,
        categories: referral.categories,
        summary: { code: 'message.suppressed-consent', params: { agency: agency.name } },
        reason: 'suppressed: consent no longer covers it',
      });
    }
    const service = existing(context.service, 'service', referral.serviceId);
    const referrer = referrerContact(context.referrer);
    const data: ReferralRequestedData = {
      referralId: referral.id,
      caseReference: c.reference,
      service: { id: service.id, code: service.code, name: service.name },
      purpose: referral.purpose as ReferralRequestedData['purpose'],
      categories: decision.allowed,
      person: disclosePerson(person, context.identifiers, agency.id, decision.allowed),
      note: referral.note,
      requestedAt: (referral.requestedAt ?? referral.createdAt).toISOString(),
      respondBy: referral.respondBy,
      ...(referrer ? { referrer } : {}),
    };
    const disclosure: AuditEntry = {
      action: 'referral.disclose',
      subjectType: 'referral',
      subjectId: referral.id,
      categories: decision.allowed,
      basis: [...new Set(decision.basis.map((b) => b.id))].join(',') || null,
      allowed: true,
      personId: c.personId,
      agencyId: agency.id,
    };
    if (disclosures) disclosures.push(disclosure);
    else await audit(m, system, disclosure);
    return {
      kind: 'body',
      body: JSON.stringify(buildCloudEvent({ ...common(msg, this.source), type: EventType.REFERRAL_REQUESTED, data })),
    };
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
function referrerContact(r: ReferrerRow): ReferrerContact | null {
  if (!r.region) return null;
  return {
    role: r.role === 'coordinator' ? 'coordinator' : 'case-manager',
    area: r.region.name,
    phone: r.region.contactPhone,
    email: r.region.contactEmail,
  };
}

/** A delivery context with the instant consent is decided at. */
type TimedContext = DeliveryContext & { at: Date };

const isReferralRequest = (msg: BuildableMessage): msg is BuildableMessage & { referralId: string } =>
  msg.eventType === EventType.REFERRAL_REQUESTED && msg.referralId !== null;

/** The CloudEvent fields every referral message shares. */
const common = (msg: BuildableMessage, source: string) => ({
  id: msg.eventId,
  source,
  subject: `referral/${msg.referralId}`,
  tenantId: msg.tenantId,
  traceId: msg.traceId,
});

/** A referral request's delivery context, read now (one statement), with the instant consent is decided at. */
async function deliveryContext(
  m: EntityManager,
  msg: BuildableMessage & { referralId: string },
  agencyId: string,
  webhookOnly: boolean,
): Promise<TimedContext> {
  const at = new Date();
  const context = await disclosureContextRepository.delivery(
    m,
    { tenantId: msg.tenantId, referralId: msg.referralId, agencyId, day: berlinDay(at), webhookOnly },
    rulesOff(),
  );
  // No row: the agency the message names does not exist (the lookup by id says the same).
  if (!context) throw new Error(`agency ${agencyId} of outbox message ${msg.id} not found`);
  return { ...context, at };
}

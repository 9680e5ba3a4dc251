import type { DataSource, EntityManager } from 'typeorm';
import {
  DeliveryState,
  EventType,
  StaffRole,
  type DataCategory,
  type Purpose,
  type ConsentRevokedData,
  type ReferralCancelledData,
  type ReferralRequestedData,
} from '@kim/contracts';
import { activeWebhookSecrets, buildCloudEvent } from '@kim/messaging';
import {
  AgencyEntity,
  ConsentEntity,
  OutboxMessageEntity,
  PersonEntity,
  PersonIdentifierEntity,
  ReferralEntity,
  ServiceEntity,
  requireRow,
  selectRow,
  selectRows,
} from '@kim/persistence';
import { decideDisclosure } from '../consent/consent-check.js';
import { disclosePerson } from '../disclosure/disclosure.js';
import { loadCase } from '../case/case-scope.js';
import { appendTimeline } from '../ledger/timeline.js';
import { audit } from '../ledger/audit.js';
import { DomainError, forbidden, notFound } from '../common/errors.js';
import { actorIdOf, type Principal } from '../common/principal.js';

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

export interface RelayItem {
  tenantId: string;
  outboxId: string;
  traceId: string;
  replays: number;
}

/**
 * What an Art. 19 notice names: the cases the agency received data of under this consent, and
 * the referrals it had received that the revocation cancelled (on any case of the person),
 * never a case or a draft it never saw.
 */
export async function revocationNotice(
  m: EntityManager,
  consent: Pick<ConsentEntity, 'tenantId' | 'id' | 'personId' | 'recipientAgencyId'>,
): Promise<{ caseReferences: string[]; cancelledReferralIds: string[] }> {
  const cases: { reference: string }[] = await m.query(
    `SELECT DISTINCT c.reference FROM audit_events e
       LEFT JOIN referrals r ON e.subject_type = 'referral' AND r.tenant_id = e.tenant_id AND r.id = e.subject_id
       JOIN cases c ON c.tenant_id = e.tenant_id
                   AND c.id = coalesce(r.case_id, CASE WHEN e.subject_type = 'case' THEN e.subject_id END)
      WHERE e.tenant_id = $1 AND e.person_id = $2 AND e.agency_id = $3 AND e.allowed
        AND $4 = ANY(string_to_array(e.basis, ','))
      ORDER BY c.reference`,
    [consent.tenantId, consent.personId, consent.recipientAgencyId, consent.id],
  );
  const cancelled: { id: string }[] = await m.query(
    `SELECT DISTINCT r.id FROM timeline_events t
       JOIN cases c ON c.tenant_id = t.tenant_id AND c.id = t.case_id
       JOIN referrals r ON r.tenant_id = t.tenant_id AND r.id = t.referral_id
      WHERE t.tenant_id = $1 AND c.person_id = $2 AND r.agency_id = $3 AND t.kind = 'referral.status-changed'
        AND t.data->>'consentId' = $4 AND t.data->>'notified' = 'true'
      ORDER BY r.id`,
    [consent.tenantId, consent.personId, consent.recipientAgencyId, consent.id],
  );
  return { caseReferences: cases.map((c) => c.reference), cancelledReferralIds: cancelled.map((r) => r.id) };
}

/**
 * SQL condition: the outbox message `o` concerns a case (through its referral, or the consent of
 * a revocation notice) of the coordination area `area`. Coordinators see and operate on those
 * only; operators work tenant-wide (messages carry no case data).
 */
export const messageInCoordinationArea = (o: string, area: string) =>
  `EXISTS (SELECT 1 FROM cases mc JOIN regions mr ON mr.tenant_id = mc.tenant_id AND mr.id = mc.region_id
            WHERE mc.tenant_id = ${o}.tenant_id AND mr.coordination_area_id = ${area}
              AND mc.id IN (SELECT mref.case_id FROM referrals mref WHERE mref.tenant_id = ${o}.tenant_id AND mref.id = ${o}.referral_id
                            UNION ALL
                            SELECT mcon.case_id FROM consents mcon WHERE mcon.tenant_id = ${o}.tenant_id AND mcon.id = ${o}.consent_id))`;

/**
 * An outbox row, locked for a person's decision about it (discard, replay). Operators (and their
 * command-line tools) reach every message of their tenant, coordinators those of their area; for
 * a coordinator outside their area it does not exist.
 */
async function lockedMessage(m: EntityManager, p: Principal, outboxId: string): Promise<OutboxMessageEntity> {
  // The system acts for operators' command-line tools (npm run hub -- replay-dead / discard-dead).
  const staffMayOperate = p.kind === 'staff' && (p.role === StaffRole.OPERATOR || p.role === StaffRole.COORDINATOR);
  if (p.kind !== 'system' && !staffMayOperate) throw forbidden('only operators and coordinators operate on messages');
  const msg = await selectRow(m, OutboxMessageEntity, { tenantId: p.tenantId, id: outboxId }, { forUpdate: true });
  if (!msg) throw notFound('message', outboxId);
  if (p.kind === 'staff' && p.role === StaffRole.COORDINATOR) {
    const mine: unknown[] = await m.query(
      `SELECT 1 FROM outbox_messages o WHERE o.tenant_id = $1 AND o.id = $2 AND ${messageInCoordinationArea('o', '$3::uuid')}`,
      [p.tenantId, outboxId, p.coordinationAreaId],
    );
    if (mine.length === 0) throw notFound('message', outboxId);
  }
  return msg;
}

/** Deterministic: a relay that runs twice adds the same job, which the queue ignores. */
export const deliveryJobId = (item: { outboxId: string; replays: number }) =>
  `deliver-${item.outboxId}-${item.replays}`;

/**
 * The outbound half of the message path, on the worker side. The body is built at send
 * time: consent is checked again here, not only when the message was queued.
 */
export class OutboundDelivery {
  constructor(
    private readonly ds: DataSource,
    private readonly source: string,
  ) {}

  async prepare(tenantId: string, outboxId: string): Promise<PreparedDelivery> {
    return this.ds.transaction(async (m) => {
      const msg = await selectRow(m, OutboxMessageEntity, { tenantId, id: outboxId }, { forUpdate: true });
      if (!msg) return { kind: 'skip', reason: 'message no longer exists' };
      if (msg.deliveryState !== DeliveryState.QUEUED) return { kind: 'skip', reason: `already ${msg.deliveryState}` };
      const agency = await requireRow(m, AgencyEntity, { tenantId, id: msg.agencyId });
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
  async build(m: EntityManager, msg: OutboxMessageEntity, agency: AgencyEntity): Promise<BuiltMessage> {
    const tenantId = msg.tenantId;
    const system: Principal = { kind: 'system', tenantId };
    const send = (body: string): BuiltMessage => ({ kind: 'body', body });

    if (msg.eventType === EventType.CONSENT_REVOKED) {
      const consent = msg.consentId ? await m.findOne(ConsentEntity, { where: { tenantId, id: msg.consentId } }) : null;
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

    if (!msg.referralId) return { kind: 'skip', reason: 'message names no referral' };
    const referral = await requireRow(m, ReferralEntity, { tenantId, id: msg.referralId });
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
    // One connection per transaction: its queries run one after another.
    const person = await requireRow(m, PersonEntity, { tenantId, id: c.personId });
    if (person.doNotContact) {
      // Asked after the referral was queued (or while it waited dead): it never goes out.
      return this.suppress(m, msg, agency, referral, c.personId, {
        lastError: 'the person asked not to be contacted by agencies',
        categories: referral.categories,
        summary: `Message to ${agency.name} not sent: the person asked not to be contacted`,
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
        summary: `Message to ${agency.name} not sent: consent no longer covers it`,
        reason: 'suppressed: consent no longer covers it',
      });
    }
    const identifiers = await selectRows(m, PersonIdentifierEntity, { tenantId, personId: c.personId });
    const service = await requireRow(m, ServiceEntity, { tenantId, id: referral.serviceId });
    const data: ReferralRequestedData = {
      referralId: referral.id,
      caseReference: c.reference,
      service: { id: service.id, code: service.code, name: service.name },
      purpose: referral.purpose as Purpose,
      categories: decision.allowed,
      person: disclosePerson(person, identifiers, agency.id, decision.allowed),
      note: referral.note,
      requestedAt: (referral.requestedAt ?? referral.createdAt).toISOString(),
      respondBy: referral.respondBy,
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
    msg: OutboxMessageEntity,
    agency: AgencyEntity,
    referral: ReferralEntity,
    personId: string,
    why: { lastError: string; categories: string[]; summary: string; reason: string },
  ): Promise<BuiltMessage> {
    const system: Principal = { kind: 'system', tenantId: msg.tenantId };
    msg.deliveryState = DeliveryState.SUPPRESSED;
    msg.lastError = why.lastError;
    await m.save(OutboxMessageEntity, msg);
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

  async markAcknowledged(tenantId: string, outboxId: string, body: string): Promise<void> {
    await this.ds.query(
      `UPDATE outbox_messages SET delivery_state = $3, attempts = attempts + 1, sent_at = now(), sent_body = $4, last_error = NULL
        WHERE tenant_id = $1 AND id = $2`,
      [tenantId, outboxId, DeliveryState.ACKNOWLEDGED, body],
    );
  }

  /** Record a failed attempt; the last one makes the message dead, visible and replayable. */
  async markAttemptFailed(tenantId: string, outboxId: string, error: string, final: boolean): Promise<void> {
    await this.ds.query(
      `UPDATE outbox_messages SET attempts = attempts + 1, last_error = $3,
              delivery_state = CASE WHEN $4 THEN $5 ELSE delivery_state END
        WHERE tenant_id = $1 AND id = $2 AND delivery_state = $6`,
      [tenantId, outboxId, error.slice(0, 2000), final, DeliveryState.DEAD, DeliveryState.QUEUED],
    );
  }

  /** Messages not yet on the queue (new, or lost with a Redis restart). */
  async pendingForRelay(limit: number): Promise<RelayItem[]> {
    return this.ds.query(
      `SELECT tenant_id AS "tenantId", id AS "outboxId", trace_id AS "traceId", replays
         FROM outbox_messages WHERE enqueued = false ORDER BY created_at LIMIT $1`,
      [limit],
    );
  }

  async markEnqueued(items: RelayItem[]): Promise<void> {
    if (items.length === 0) return;
    // A row the worker holds is being delivered, so it is on the queue already: skip it
    // rather than wait for the delivery (the relay marks it later, idempotently).
    await this.ds.query(
      `UPDATE outbox_messages o SET enqueued = true, enqueued_at = now()
         FROM (SELECT m.tenant_id, m.id FROM outbox_messages m
                 JOIN unnest($1::uuid[], $2::uuid[]) AS x(tenant_id, id) ON m.tenant_id = x.tenant_id AND m.id = x.id
                WHERE NOT m.enqueued FOR UPDATE OF m SKIP LOCKED) s
        WHERE o.tenant_id = s.tenant_id AND o.id = s.id`,
      [items.map((i) => i.tenantId), items.map((i) => i.outboxId)],
    );
  }

  /**
   * Messages the queue should hold but may have lost (Redis restarted without persistence):
   * on the queue for longer than the grace period, and neither delivered nor dead. Only
   * webhook agencies: a file agency's messages wait for the nightly export, not the queue.
   */
  async staleEnqueued(graceMs: number, limit: number): Promise<RelayItem[]> {
    return this.ds.query(
      `SELECT o.tenant_id AS "tenantId", o.id AS "outboxId", o.trace_id AS "traceId", o.replays
         FROM outbox_messages o
         JOIN agencies a ON a.tenant_id = o.tenant_id AND a.id = o.agency_id
        WHERE o.enqueued AND o.delivery_state = $1 AND a.webhook_url IS NOT NULL
          AND o.enqueued_at < now() - make_interval(secs => $2::double precision / 1000)
        ORDER BY o.enqueued_at LIMIT $3`,
      [DeliveryState.QUEUED, graceMs, limit],
    );
  }

  /** The reconciliation put the message on the queue again: its grace period starts over. */
  async markReEnqueued(items: RelayItem[]): Promise<void> {
    if (items.length === 0) return;
    await this.ds.query(
      `UPDATE outbox_messages o SET enqueued_at = now()
         FROM unnest($1::uuid[], $2::uuid[]) AS x(tenant_id, id)
        WHERE o.tenant_id = x.tenant_id AND o.id = x.id AND o.delivery_state = $3`,
      [items.map((i) => i.tenantId), items.map((i) => i.outboxId), DeliveryState.QUEUED],
    );
  }

  /**
   * A person decided that a dead message, or one still failing its retries, is not to be
   * delivered at all. Idempotent: discarding a discarded message changes nothing and records
   * nothing again. Delivery, the relay, the reconciliation, the file export and replay all
   * act only on queued or dead messages, so a discarded one stays where it is. (An attempt
   * already on the wire when a failing message is discarded may still arrive; its answer is
   * then recorded as the truth: acknowledged.)
   */
  async discard(p: Principal, outboxId: string, reason: string): Promise<OutboxMessageEntity> {
    const why = reason.trim();
    if (why.length < 3 || why.length > 500) {
      throw new DomainError('INVALID_INPUT', 'a discard needs a reason of 3 to 500 characters', {
        problems: [{ path: 'reason', message: 'say why the message is not to be delivered (3 to 500 characters)' }],
      });
    }
    return this.ds.transaction(async (m) => {
      const msg = await lockedMessage(m, p, outboxId);
      if (msg.deliveryState === DeliveryState.DISCARDED) return msg;
      const failing = msg.deliveryState === DeliveryState.QUEUED && msg.lastError !== null;
      if (msg.deliveryState !== DeliveryState.DEAD && !failing) {
        throw new DomainError(
          'CONFLICT',
          `message ${outboxId} is ${msg.deliveryState}${msg.deliveryState === DeliveryState.QUEUED ? ' without a failed attempt' : ''}; only dead or failing messages can be discarded`,
        );
      }
      const from = msg.deliveryState;
      msg.deliveryState = DeliveryState.DISCARDED;
      msg.discardedAt = new Date();
      msg.discardedBy = actorIdOf(p);
      msg.discardReason = why;
      await m.save(OutboxMessageEntity, msg);
      await audit(m, p, {
        action: 'message.discard',
        subjectType: 'outbox_message',
        subjectId: msg.id,
        allowed: true,
        reason: `${from}: ${why}`,
        agencyId: msg.agencyId,
      });
      return msg;
    });
  }

  /** Put a dead message back on its way (a person decided to). */
  async replay(p: Principal, outboxId: string): Promise<RelayItem> {
    return this.ds.transaction(async (m) => {
      const msg = await lockedMessage(m, p, outboxId);
      if (msg.deliveryState !== DeliveryState.DEAD) {
        throw new DomainError(
          'CONFLICT',
          `message ${outboxId} is ${msg.deliveryState}; only dead messages can be replayed`,
        );
      }
      msg.deliveryState = DeliveryState.QUEUED;
      msg.attempts = 0;
      msg.replays += 1;
      msg.enqueued = false;
      await m.save(OutboxMessageEntity, msg);
      await audit(m, p, {
        action: 'message.replay',
        subjectType: 'outbox_message',
        subjectId: msg.id,
        allowed: true,
        reason: `replay ${msg.replays} after: ${(msg.lastError ?? 'no error recorded').slice(0, 200)}`,
        agencyId: msg.agencyId,
      });
      return { tenantId: p.tenantId, outboxId: msg.id, traceId: msg.traceId, replays: msg.replays };
    });
  }
}

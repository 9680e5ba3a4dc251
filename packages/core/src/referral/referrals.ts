import { randomUUID } from 'node:crypto';
import { writeOutbox, type OutboxWrite } from '../outbox/outbox.js';
import type { DataSource, EntityManager } from 'typeorm';
import {
  EventType,
  ReferralStatus,
  createReferralInputSchema,
  parseInput,
  type DataCategory,
  type Purpose,
} from '@kim/contracts';
import { transition, type TransitionCommand } from '@kim/referral-workflow';
import {
  AgencyEntity,
  PersonEntity,
  ReferralEntity,
  ServiceEntity,
  requireRow,
  selectRow,
  writeLockedRow,
} from '@kim/persistence';
import { DomainError, invalidInput, notFound } from '../common/errors.js';
import { caseForStaff } from '../case/case-scope.js';
import { decideDisclosure } from '../consent/consent-check.js';
import { appendTimeline } from '../ledger/timeline.js';
import { audit, type AuditEntry } from '../ledger/audit.js';
import { actorRoleOf, type Principal } from '../common/principal.js';
import { addWorkingDays } from '../common/calendar.js';

export async function lockReferral(m: EntityManager, tenantId: string, referralId: string): Promise<ReferralEntity> {
  const r = await selectRow(m, ReferralEntity, { tenantId, id: referralId }, { forUpdate: true });
  if (!r) throw notFound('referral', referralId);
  return r;
}

/** Apply one state-machine move to a locked referral row, or fail with the machine's reason. */
export function applyTransition(r: ReferralEntity, command: TransitionCommand): void {
  const result = transition(
    { status: r.status as ReferralStatus, businessStatus: (r.businessStatus ?? undefined) as never },
    command,
  );
  if (!result.ok) {
    throw new DomainError('INVALID_TRANSITION', result.error.message, { reason: result.error.code });
  }
  r.status = result.next.status;
  r.businessStatus = result.next.businessStatus ?? null;
  if (command.reason !== undefined) r.statusReason = command.reason;
  if (command.servicesDelivered !== undefined) r.servicesDelivered = [...command.servicesDelivered];
  if (command.outcome !== undefined) r.outcome = command.outcome;
}

type SendOutcome =
  | { kind: 'sent'; referral: ReferralEntity; outbox: OutboxWrite }
  | { kind: 'refused'; error: DomainError; entry: AuditEntry };

export class ReferralCommands {
  constructor(private readonly ds: DataSource) {}

  /** A draft referral from a case to a service; nothing leaves the hub yet. */
  async create(p: Principal, raw: unknown): Promise<ReferralEntity> {
    const input = (() => {
      try {
        return parseInput(createReferralInputSchema, raw, 'referral');
      } catch (e) {
        return invalidInput(e);
      }
    })();
    return this.ds.transaction(async (m) => {
      const c = await caseForStaff(m, p, input.caseId);
      if (c.phase === 'closed') throw new DomainError('CONFLICT', `case ${c.reference} is closed`);
      const service = await m.findOne(ServiceEntity, { where: { tenantId: p.tenantId, id: input.serviceId } });
      if (!service) throw notFound('service', input.serviceId);
      const referral = m.create(ReferralEntity, {
        tenantId: p.tenantId,
        id: randomUUID(),
        caseId: c.id,
        serviceId: service.id,
        agencyId: service.agencyId,
        purpose: input.purpose,
        categories: [...new Set(input.categories)],
        status: ReferralStatus.DRAFT,
        businessStatus: null,
        statusReason: null,
        servicesDelivered: null,
        outcome: null,
        note: input.note ?? null,
        respondBy: null,
        createdBy: p.kind === 'staff' ? p.userId : (null as never),
        lastAgencyUpdateAt: null,
        requestedAt: null,
      });
      await m.insert(ReferralEntity, referral);
      await appendTimeline(m, p, {
        caseId: c.id,
        referralId: referral.id,
        kind: 'referral.created',
        summary: `Referral to ${service.name} drafted`,
        data: { status: referral.status, serviceId: service.id },
      });
      return referral;
    });
  }

  /**
   * Send: draft → requested. Consent must cover the recipient, the purpose and every
   * category the referral carries; the state change and its outbox message commit together.
   */
  async send(
    p: Principal,
    referralId: string,
    traceId: string,
  ): Promise<{ referral: ReferralEntity; outbox: OutboxWrite }> {
    const outcome = await this.ds.transaction(async (m): Promise<SendOutcome> => {
      const r = await lockReferral(m, p.tenantId, referralId);
      const c = await caseForStaff(m, p, r.caseId, false, { what: 'referral', id: referralId });
      const agency = await requireRow(m, AgencyEntity, { tenantId: p.tenantId, id: r.agencyId });
      const person = await requireRow(m, PersonEntity, { tenantId: p.tenantId, id: c.personId });
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
      const now = new Date();
      const decision = await decideDisclosure(m, {
        tenantId: p.tenantId,
        personId: c.personId,
        caseId: c.id,
        agency: { id: agency.id, kind: agency.kind },
        purpose: r.purpose as Purpose,
        categories: r.categories as DataCategory[],
        at: now,
      });
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
      const service = await requireRow(m, ServiceEntity, { tenantId: p.tenantId, id: r.serviceId });
      r.requestedAt = now;
      r.respondBy = addWorkingDays(now, service.responseDays);
      await writeLockedRow(m, ReferralEntity, r);
      const outbox = await writeOutbox(m, {
        tenantId: r.tenantId,
        agencyId: r.agencyId,
        referralId: r.id,
        eventType: EventType.REFERRAL_REQUESTED,
        traceId,
      });
      await appendTimeline(m, p, {
        caseId: r.caseId,
        referralId: r.id,
        kind: 'referral.status-changed',
        occurredAt: now,
        summary: `Referral sent to ${agency.name}`,
        data: { from: ReferralStatus.DRAFT, to: ReferralStatus.REQUESTED, agencyId: agency.id },
      });
      return { kind: 'sent', referral: r, outbox };
    });
    if (outcome.kind === 'sent') return { referral: outcome.referral, outbox: outcome.outbox };
    // The send changed nothing; its refusal is recorded on its own, after that transaction ended.
    await this.ds.transaction((m) => audit(m, p, outcome.entry));
    throw outcome.error;
  }

  /** Cancel; an agency that already received the referral is told, through the outbox. */
  async cancel(
    p: Principal,
    referralId: string,
    reason: string,
    traceId: string,
  ): Promise<{ referral: ReferralEntity; outbox: OutboxWrite | null }> {
    return this.ds.transaction(async (m) => {
      const r = await lockReferral(m, p.tenantId, referralId);
      if (p.kind === 'staff') await caseForStaff(m, p, r.caseId, false, { what: 'referral', id: referralId });
      const from = r.status;
      applyTransition(r, { to: ReferralStatus.CANCELLED, actor: actorRoleOf(p), reason });
      await m.save(ReferralEntity, r);
      const outbox =
        from === ReferralStatus.DRAFT
          ? null
          : await writeOutbox(m, {
              tenantId: r.tenantId,
              agencyId: r.agencyId,
              referralId: r.id,
              eventType: EventType.REFERRAL_CANCELLED,
              traceId,
            });
      await appendTimeline(m, p, {
        caseId: r.caseId,
        referralId: r.id,
        kind: 'referral.status-changed',
        summary: `Referral cancelled: ${reason}`,
        data: { from, to: ReferralStatus.CANCELLED, reason },
      });
      return { referral: r, outbox };
    });
  }
}

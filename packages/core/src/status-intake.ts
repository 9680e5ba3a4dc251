import type { DataSource, EntityManager } from 'typeorm';
import { ActorRole, type CloudEvent, type StatusMessageData, type ReferralStatus } from '@kim/contracts';
import { reconcile, type PendingMessage, type TransitionCommand } from '@kim/referral-workflow';
import {
  InboundMessageEntity,
  PersonIdentifierEntity,
  ReferralEntity,
  selectRow,
  selectRows,
  writeLockedRow,
} from '@kim/persistence';
import { DomainError } from './errors.js';
import { loadCase } from './case-scope.js';
import { appendTimeline } from './timeline.js';
import { audit } from './audit.js';
import type { Principal } from './principal.js';

export type IntakeOutcome = 'applied' | 'pending' | 'stale' | 'rejected' | 'duplicate';

export interface IntakeResult {
  outcome: IntakeOutcome;
  referralStatus: string;
  error?: string;
}

type AgencyPrincipal = Extract<Principal, { kind: 'agency' }>;
interface StoredMessage extends PendingMessage {
  rowId: string;
  data: StatusMessageData;
}

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

/**
 * Takes an agency's status message (already authenticated and validated): stores it once
 * per event id, then applies whatever stored messages now fit, in the order they happened.
 * Duplicates change nothing; a message overtaken by a later one is kept but never applied.
 */
export class StatusIntake {
  constructor(private readonly ds: DataSource) {}

  async receive(agency: AgencyPrincipal, event: CloudEvent<StatusMessageData>): Promise<IntakeResult> {
    return this.ds.transaction(async (m) => {
      const referral = await selectRow(
        m,
        ReferralEntity,
        { tenantId: agency.tenantId, id: event.data.referralId },
        { forUpdate: true },
      );
      if (!referral || referral.agencyId !== agency.agencyId) {
        // Same answer for "unknown" and "not yours": an agency learns nothing about others' referrals.
        await audit(m, agency, {
          action: 'inbound.status',
          subjectType: 'referral',
          subjectId: event.data.referralId,
          allowed: false,
          reason: referral ? 'referral belongs to another agency' : 'unknown referral',
        });
        throw new DomainError('NOT_FOUND', `referral ${event.data.referralId} is not a referral to your agency`);
      }
      const inserted: { id: string }[] = await m.query(
        `INSERT INTO inbound_messages (tenant_id, agency_id, event_id, referral_id, occurred_at, body, state)
         VALUES ($1, $2, $3, $4, $5, $6, 'pending')
         ON CONFLICT (tenant_id, agency_id, event_id) DO NOTHING RETURNING id`,
        [agency.tenantId, agency.agencyId, event.id, referral.id, event.data.occurredAt, JSON.stringify(event)],
      );
      if (inserted.length === 0) return { outcome: 'duplicate', referralStatus: referral.status };
      const thisRow = inserted[0]!.id;

      const outcome = await this.reconcileStored(m, agency, referral);
      if (event.data.agencyPersonIdentifier)
        await this.linkIdentifier(m, agency, referral, event.data.agencyPersonIdentifier);
      const mine = outcome.get(thisRow) ?? { outcome: 'pending' as const };
      return { ...mine, referralStatus: referral.status };
    });
  }

  /** Apply what fits among the referral's pending messages; returns the fate of each row. */
  private async reconcileStored(
    m: EntityManager,
    agency: AgencyPrincipal,
    referral: ReferralEntity,
  ): Promise<Map<string, { outcome: IntakeOutcome; error?: string }>> {
    const rows = await selectRows(m, InboundMessageEntity, {
      tenantId: agency.tenantId,
      referralId: referral.id,
      state: 'pending',
    });
    const pending: StoredMessage[] = rows.map((row) => {
      const data = (row.body as unknown as CloudEvent<StatusMessageData>).data;
      return { id: row.eventId, rowId: row.id, occurredAt: row.occurredAt, command: statusCommandOf(data), data };
    });
    const result = reconcile(
      {
        status: referral.status as ReferralStatus,
        businessStatus: (referral.businessStatus ?? undefined) as never,
        lastAppliedAt: referral.lastAgencyUpdateAt,
        lastAppliedId: referral.lastAgencyEventId,
      },
      pending,
    );
    const fate = new Map<string, { outcome: IntakeOutcome; error?: string }>();
    const caseRow = await loadCase(m, agency.tenantId, referral.caseId);
    for (const step of result.apply) {
      const from = referral.status;
      referral.status = step.next.status;
      referral.businessStatus = step.next.businessStatus ?? null;
      if (step.message.data.reason !== undefined) referral.statusReason = step.message.data.reason;
      if (step.message.data.servicesDelivered !== undefined)
        referral.servicesDelivered = step.message.data.servicesDelivered;
      if (step.message.data.outcome !== undefined) referral.outcome = step.message.data.outcome;
      referral.lastAgencyUpdateAt = new Date(step.message.data.occurredAt);
      referral.lastAgencyEventId = step.message.id;
      await appendTimeline(m, agency, {
        caseId: referral.caseId,
        referralId: referral.id,
        kind: 'referral.status-changed',
        occurredAt: new Date(step.message.data.occurredAt),
        summary: `${agency.name}: ${from} → ${step.next.status}${step.message.data.reason ? ` (${step.message.data.reason})` : ''}`,
        data: {
          from,
          to: step.next.status,
          businessStatus: step.next.businessStatus ?? null,
          reason: step.message.data.reason ?? null,
          servicesDelivered: step.message.data.servicesDelivered ?? null,
          caseReference: caseRow?.reference,
          eventId: step.message.id,
        },
      });
      fate.set(step.message.rowId, { outcome: 'applied' });
    }
    if (result.apply.length > 0) await writeLockedRow(m, ReferralEntity, referral);
    await this.mark(
      m,
      agency.tenantId,
      result.apply.map((a) => a.message.rowId),
      'applied',
    );
    await this.mark(
      m,
      agency.tenantId,
      result.stale.map((s) => s.rowId),
      'stale',
    );
    for (const s of result.stale) fate.set(s.rowId, { outcome: 'stale' });
    for (const r of result.rejected) {
      await m.update(
        InboundMessageEntity,
        { tenantId: agency.tenantId, id: r.message.rowId },
        { state: 'rejected', error: r.error.message },
      );
      fate.set(r.message.rowId, { outcome: 'rejected', error: r.error.message });
    }
    return fate;
  }

  private async mark(m: EntityManager, tenantId: string, ids: string[], state: string): Promise<void> {
    if (ids.length === 0) return;
    await m.query(`UPDATE inbound_messages SET state = $3 WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
      tenantId,
      ids,
      state,
    ]);
  }

  /** The agency told us its own number for the person: keep it in the link map. */
  private async linkIdentifier(m: EntityManager, agency: AgencyPrincipal, referral: ReferralEntity, value: string) {
    const c = await loadCase(m, agency.tenantId, referral.caseId);
    if (!c) return;
    await m
      .createQueryBuilder()
      .insert()
      .into(PersonIdentifierEntity)
      .values({
        tenantId: agency.tenantId,
        personId: c.personId,
        kind: 'agency-customer-number',
        issuer: agency.agencyId,
        value,
      })
      .orIgnore()
      .execute();
  }
}

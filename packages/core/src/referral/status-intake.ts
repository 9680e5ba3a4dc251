import type { DataSource, EntityManager } from 'typeorm';
import {
  ActorRole,
  DataCategory,
  IdentifierKind,
  ReferralStatus as Status,
  type CloudEvent,
  type Purpose,
  type ReferralStatus,
  type StatusMessageData,
} from '@kim/contracts';
import { reconcile, type PendingMessage, type TransitionCommand } from '@kim/referral-workflow';
import { InboundMessageEntity, ReferralEntity, selectRow, selectRows, writeLockedRow } from '@kim/persistence';
import { DomainError } from '../common/errors.js';
import { loadCase } from '../case/case-scope.js';
import { appendTimeline } from '../ledger/timeline.js';
import { audit, type AuditEntry } from '../ledger/audit.js';
import { decideDisclosure } from '../consent/consent-check.js';
import type { Principal } from '../common/principal.js';

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

/** How far an agency's clock may be from the hub's: a status message's occurredAt is trusted within it. */
export const OCCURRED_AT_TOLERANCE_MS = 5 * 60_000;

/**
 * Why a status message's occurredAt cannot be true, or null: it may lie at most the tolerance
 * ahead of the hub's clock (a message dated 2099 would otherwise outrank every later one and
 * freeze the referral) and not before the referral was sent (less the same tolerance).
 */
export function occurredAtProblem(occurredAt: string | Date, sentAt: Date | null, now: Date): string | null {
  const at = occurredAt instanceof Date ? occurredAt.getTime() : Date.parse(occurredAt);
  if (Number.isNaN(at)) return 'occurredAt is not a timestamp';
  const minutes = OCCURRED_AT_TOLERANCE_MS / 60_000;
  if (at > now.getTime() + OCCURRED_AT_TOLERANCE_MS)
    return `occurredAt ${new Date(at).toISOString()} lies more than ${minutes} minutes ahead of the hub's clock (${now.toISOString()})`;
  if (sentAt && at < sentAt.getTime() - OCCURRED_AT_TOLERANCE_MS)
    return `occurredAt ${new Date(at).toISOString()} lies before the referral was sent (${sentAt.toISOString()})`;
  return null;
}

/**
 * Whether an agency's message may be taken for this referral at all. A draft was never sent:
 * it is answered like a referral that does not exist or belongs to someone else.
 */
export function whyNotTheAgencysReferral(
  referral: Pick<ReferralEntity, 'agencyId' | 'status'> | null,
  agencyId: string,
): string | null {
  if (!referral) return 'unknown referral';
  if (referral.agencyId !== agencyId) return 'referral belongs to another agency';
  if (referral.status === Status.DRAFT) return 'referral not sent yet (draft)';
  return null;
}

/** Same answer for "unknown", "not yours" and "not sent yet": an agency learns nothing about others' referrals. */
export const notYourReferral = (referralId: string) =>
  new DomainError('NOT_FOUND', `referral ${referralId} is not a referral to your agency`);

/**
 * The agency told us its own number for the person, in a status message the hub applied: keep
 * it in the link map, but only while a consent or legal basis lets the hub share the person's
 * identity with that agency for the referral's purpose (not after revocation), and say so in
 * the ledger. A number another person already holds is refused (and recorded) rather than moved.
 */
export async function linkAgencyIdentifier(
  m: EntityManager,
  agency: { tenantId: string; agencyId: string; kind: string },
  referral: { id: string; caseId: string; purpose: string },
  value: string,
  actor: Principal,
): Promise<'linked' | 'known' | 'not-covered' | 'held-by-another'> {
  const c = await loadCase(m, agency.tenantId, referral.caseId);
  if (!c) return 'not-covered';
  const decision = await decideDisclosure(m, {
    tenantId: agency.tenantId,
    personId: c.personId,
    caseId: c.id,
    agency: { id: agency.agencyId, kind: agency.kind },
    purpose: referral.purpose as Purpose,
    categories: [DataCategory.IDENTITY],
    at: new Date(),
  });
  const entry: AuditEntry = {
    action: 'person.identifier-linked',
    subjectType: 'person',
    subjectId: c.personId,
    categories: [DataCategory.IDENTITY],
    personId: c.personId,
    agencyId: agency.agencyId,
    allowed: false,
  };
  if (decision.allowed.length === 0) {
    await audit(m, actor, {
      ...entry,
      reason: `no consent or legal basis covers identity: ${decision.denied[0]?.reason}`,
    });
    return 'not-covered';
  }
  const inserted: { person_id: string }[] = await m.query(
    `INSERT INTO person_identifiers (tenant_id, person_id, kind, issuer, value) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id, kind, issuer, value) DO NOTHING RETURNING person_id`,
    [agency.tenantId, c.personId, IdentifierKind.AGENCY_CUSTOMER_NUMBER, agency.agencyId, value],
  );
  if (inserted.length === 0) {
    const [holder] = await m.query<{ person_id: string }[]>(
      `SELECT person_id FROM person_identifiers WHERE tenant_id = $1 AND kind = $2 AND issuer = $3 AND value = $4`,
      [agency.tenantId, IdentifierKind.AGENCY_CUSTOMER_NUMBER, agency.agencyId, value],
    );
    if (holder?.person_id === c.personId) return 'known';
    await audit(m, actor, { ...entry, reason: 'the number is held by another person in the link map' });
    return 'held-by-another';
  }
  await audit(m, actor, {
    ...entry,
    allowed: true,
    basis: [...new Set(decision.basis.map((b) => b.id))].join(',') || null,
    reason: `referral ${referral.id}`,
  });
  return 'linked';
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
    const outcome = await this.ds.transaction(
      async (m): Promise<{ kind: 'done'; result: IntakeResult } | { kind: 'refused'; reason: string }> => {
        const referral = await selectRow(
          m,
          ReferralEntity,
          { tenantId: agency.tenantId, id: event.data.referralId },
          { forUpdate: true },
        );
        const notYours = whyNotTheAgencysReferral(referral, agency.agencyId);
        if (notYours || !referral) return { kind: 'refused', reason: notYours ?? 'unknown referral' };
        const when = occurredAtProblem(event.data.occurredAt, referral.requestedAt, new Date());
        if (when)
          throw new DomainError('INVALID_INPUT', when, { problems: [{ path: 'data.occurredAt', message: when }] });
        const inserted: { id: string }[] = await m.query(
          `INSERT INTO inbound_messages (tenant_id, agency_id, event_id, referral_id, occurred_at, body, state)
           VALUES ($1, $2, $3, $4, $5, $6, 'pending')
           ON CONFLICT (tenant_id, agency_id, event_id) DO NOTHING RETURNING id`,
          [agency.tenantId, agency.agencyId, event.id, referral.id, event.data.occurredAt, JSON.stringify(event)],
        );
        if (inserted.length === 0)
          return { kind: 'done', result: { outcome: 'duplicate', referralStatus: referral.status } };
        const thisRow = inserted[0]!.id;

        const fate = await this.reconcileStored(m, agency, referral);
        const mine = fate.get(thisRow) ?? { outcome: 'pending' as const };
        return { kind: 'done', result: { ...mine, referralStatus: referral.status } };
      },
    );
    if (outcome.kind === 'done') return outcome.result;
    // The refusal is recorded on its own: nothing else of the attempt was written.
    await this.ds.transaction((m) =>
      audit(m, agency, {
        action: 'inbound.status',
        subjectType: 'referral',
        subjectId: event.data.referralId,
        allowed: false,
        reason: outcome.reason,
      }),
    );
    throw notYourReferral(event.data.referralId);
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
      if (step.message.data.agencyPersonIdentifier)
        await linkAgencyIdentifier(
          m,
          { tenantId: agency.tenantId, agencyId: agency.agencyId, kind: agency.agencyKind },
          referral,
          step.message.data.agencyPersonIdentifier,
          agency,
        );
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
}

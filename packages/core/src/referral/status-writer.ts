import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AgencyKind, type StatusMessageData } from '@kim/contracts';
import { planAgencyStatuses, type MessageState, type StatusCandidate } from '@kim/referral-workflow';
import {
  achievementRepository,
  inboundMessageRepository,
  referralRepository,
  type AgencyStatusTimelineEntry,
  type AgencyStatusUpdate,
  type NewInbound,
} from '@kim/persistence';
import { linkAgencyIdentifier } from './agency-identifiers.js';
import { occurredAtProblem, whyNotTheAgencysReferral } from './status-checks.js';
import { achievementFromCertificate } from '../achievement/facts.js';
import { audit } from '../ledger/audit.js';
import { appendTimeline } from '../ledger/timeline.js';
import { berlinDay } from '../common/calendar.js';
import { uuidV7 } from '../common/uuid-v7.js';
import type { Principal } from '../common/principal.js';

/** Agencies whose completed status may carry a certificate: the course providers. */
const CERTIFICATE_ISSUERS: readonly string[] = [AgencyKind.LANGUAGE_COURSE_PROVIDER];

/** One agency status message as received: validated, not yet stored. */
export interface IncomingStatus {
  eventId: string;
  data: StatusMessageData;
  /** The received CloudEvent as JSON text: stored as it came. */
  body: string;
}

/** What became of one incoming message. */
export type StatusWriteResult =
  /** Unknown referral, another agency's, or a draft: the same answer for all three. */
  | { kind: 'not-yours'; reason: string }
  | { kind: 'bad-time'; reason: string }
  /** A certificate from an agency that issues none: nothing written. */
  | { kind: 'bad-certificate'; reason: string }
  /** Its event id was taken before (or earlier in this batch): nothing written. */
  | { kind: 'duplicate'; referralStatus: string }
  /** Stored, and applied, overtaken, waiting or rejected by the workflow. */
  | { kind: 'stored'; state: MessageState; error: string | null; referralStatus: string };

export interface StatusAgency {
  tenantId: string;
  agencyId: string;
  name: string;
}

interface Candidate extends StatusCandidate {
  rowId: string;
  /** Index of the incoming message, or null for a message stored earlier. */
  index: number | null;
}

/**
 * Apply an agency's status messages, in the caller's transaction: the one writer for the
 * status webhook (a batch of one) and the status file import (a chunk of thousands). It locks
 * the referrals in id order, checks each message, lets the planner decide with the messages
 * stored earlier that still wait, and writes the plan in a handful of set-based statements.
 */
export async function writeAgencyStatuses(
  m: EntityManager,
  agency: StatusAgency,
  incoming: IncomingStatus[],
  now = new Date(),
): Promise<StatusWriteResult[]> {
  const { tenantId, agencyId } = agency;
  const results: (StatusWriteResult | undefined)[] = incoming.map(() => undefined);
  const locked = await referralRepository.lockForStatus(m, tenantId, [
    ...new Set(incoming.map((i) => i.data.referralId)),
  ]);
  const byId = new Map(locked.map((r) => [r.id, r]));
  // Read after the lock, so that a message stored meanwhile for these referrals is seen.
  const { known, pending } = await inboundMessageRepository.knownAndPending(
    m,
    tenantId,
    agencyId,
    incoming.map((i) => i.eventId),
    locked.map((r) => r.id),
  );

  const fresh = new Map<string, Candidate[]>();
  const seen = new Set<string>();
  incoming.forEach((msg, index) => {
    const r = byId.get(msg.data.referralId) ?? null;
    const notYours = whyNotTheAgencysReferral(r, agencyId);
    if (notYours || !r) return void (results[index] = { kind: 'not-yours', reason: notYours ?? 'unknown referral' });
    const when = occurredAtProblem(msg.data.occurredAt, r.requestedAt, now);
    if (when) return void (results[index] = { kind: 'bad-time', reason: when });
    if (msg.data.certificate && !CERTIFICATE_ISSUERS.includes(r.agencyKind))
      return void (results[index] = {
        kind: 'bad-certificate',
        reason: 'only a course provider sends a certificate with its status message',
      });
    if (known.has(msg.eventId) || seen.has(msg.eventId))
      return void (results[index] = { kind: 'duplicate', referralStatus: r.status });
    seen.add(msg.eventId);
    const list = fresh.get(r.id) ?? [];
    // Time-ordered ids: a chunk's messages go to the right edge of the primary key's index.
    list.push({ eventId: msg.eventId, data: msg.data, rowId: uuidV7(), index });
    fresh.set(r.id, list);
  });

  const older = new Map<string, Candidate[]>();
  // Only the referrals with a new message are planned: what waits for the others waits on.
  for (const o of pending.filter((p) => fresh.has(p.referralId))) {
    const list = older.get(o.referralId) ?? [];
    list.push({ eventId: o.eventId, data: o.data, rowId: o.id, index: null });
    older.set(o.referralId, list);
  }

  const inserts: NewInbound[] = [];
  const changes: { id: string; state: MessageState; error: string | null }[] = [];
  const updates: AgencyStatusUpdate[] = [];
  const timeline: AgencyStatusTimelineEntry[] = [];
  const links: { referral: { id: string; caseId: string; purpose: string }; kind: string; value: string }[] = [];
  const certificates: { referral: (typeof locked)[number]; eventId: string; data: StatusMessageData }[] = [];
  for (const [referralId, newOnes] of fresh) {
    const r = byId.get(referralId)!;
    const plan = planAgencyStatuses(
      {
        status: r.status,
        businessStatus: r.businessStatus,
        lastAppliedAt: r.lastAgencyUpdateAt,
        lastAppliedId: r.lastAgencyEventId,
        caseReference: r.caseReference,
      },
      [...(older.get(referralId) ?? []), ...newOnes],
      agency.name,
    );
    const referralStatus = plan.update?.status ?? r.status;
    if (plan.update) {
      updates.push({
        id: r.id,
        status: plan.update.status,
        businessStatus: plan.update.businessStatus,
        reason: plan.update.reason ?? null,
        servicesDelivered: plan.update.servicesDelivered ?? null,
        outcome: plan.update.outcome ?? null,
        lastAgencyUpdateAt: plan.update.lastAppliedAt,
        lastAgencyEventId: plan.update.lastAppliedId,
      });
    }
    for (const t of plan.timeline) timeline.push({ id: uuidV7(), caseId: r.caseId, referralId: r.id, ...t });
    for (const value of plan.links)
      links.push({ referral: { id: r.id, caseId: r.caseId, purpose: r.purpose }, kind: r.agencyKind, value });
    for (const { candidate: c, state, error } of plan.messages) {
      if (state === 'applied' && c.data.certificate)
        certificates.push({ referral: r, eventId: c.eventId, data: c.data });
      if (c.index !== null) {
        const msg = incoming[c.index]!;
        inserts.push({
          id: c.rowId,
          eventId: c.eventId,
          referralId,
          occurredAt: msg.data.occurredAt,
          body: msg.body,
          state,
          error,
        });
        results[c.index] = { kind: 'stored', state, error, referralStatus };
      } else if (state !== 'pending') {
        changes.push({ id: c.rowId, state, error });
      }
    }
  }

  await inboundMessageRepository.setStates(m, tenantId, changes);
  await referralRepository.writeAgencyStatusPlan(m, tenantId, agencyId, { messages: inserts, updates, timeline });
  // A certificate becomes an achievement when its message is applied, in the same transaction.
  for (const { referral: r, eventId, data } of certificates) {
    const actor: Principal = { kind: 'agency', tenantId, agencyId, agencyKind: r.agencyKind, name: agency.name };
    const row = await achievementRepository.insert(
      m,
      achievementFromCertificate(data.certificate!, {
        tenantId,
        id: randomUUID(),
        caseId: r.caseId,
        personId: r.personId,
        agencyId,
        agencyName: agency.name,
        referralId: r.id,
        eventId,
        receivedOn: berlinDay(now),
      }),
    );
    if (!row) continue;
    await audit(m, actor, {
      action: 'achievement.recorded',
      subjectType: 'achievement',
      subjectId: row.id,
      allowed: true,
      personId: r.personId,
      reason: `${row.kind} from status message ${eventId}`,
    });
    await appendTimeline(m, actor, {
      caseId: r.caseId,
      referralId: r.id,
      kind: 'achievement.recorded',
      occurredAt: new Date(data.occurredAt),
      summary: { code: 'achievement.reported', params: { agency: agency.name, achievementKind: row.kind } },
      data: { achievementId: row.id, kind: row.kind },
    });
  }
  // Only a message the hub applied may add the agency's number to the link map.
  for (const link of links) {
    const actor = { kind: 'agency' as const, tenantId, agencyId, agencyKind: link.kind, name: agency.name };
    await linkAgencyIdentifier(m, { tenantId, agencyId, kind: link.kind }, link.referral, link.value, actor);
  }
  return results.map((r) => r!);
}

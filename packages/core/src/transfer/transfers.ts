import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CasePhase,
  DataCategory,
  NEED_DOMAIN_CATEGORY,
  StaffRole,
  parseInput,
  transferAcceptInputSchema,
  transferDeclineInputSchema,
  transferOfferInputSchema,
  transferPackageSchema,
  type TransferPackage,
} from '@kim/contracts';
import { decideTransfer, type TransferDecision } from '@kim/consent';
import { isTerminal } from '@kim/referral-workflow';
import {
  achievementRepository,
  areaRepository,
  caseRepository,
  consentRepository,
  personRepository,
  referralRepository,
  runAsTenant,
  staffRepository,
  timelineRepository,
  transferRepository,
  type ConsentRow,
  type IncomingTransferRow,
  type OutgoingTransferRow,
} from '@kim/persistence';
import { DomainError, forbidden, invalidInput, notFound } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { caseForStaff, type CaseRow } from '../case/case-scope.js';
import { nextReference } from '../case/cases.js';
import { staffMaySeeCase } from '../access/staff-access.js';
import { appendTimeline } from '../ledger/timeline.js';
import { audit } from '../ledger/audit.js';
import { cancelLockedReferral } from '../referral/cancelling.js';
import type { OutboxPublisher, OutboxWrite } from '../outbox/index.js';
import { requestMatch } from '../linkage/match-requests.js';

/** The closing reason of a case that moved to another Kreis, and of the referrals it cancels. */
export const MOVED = 'moved';

type Staff = Extract<Principal, { kind: 'staff' }>;

/** A Kreis the case could move to, with the consent that covers it or why none does. */
export interface TransferOption {
  tenantId: string;
  name: string;
  decision: TransferDecision;
}

export interface AcceptedTransfer {
  transfer: IncomingTransferRow;
  caseId: string;
  caseReference: string;
}

function parse<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    return invalidInput(e);
  }
}

function staffIn(p: Principal, roles: StaffRole[], what: string): Staff {
  if (p.kind !== 'staff' || !roles.includes(p.role)) throw forbidden(what);
  return p;
}

/** The consents of the person that name a receiving Kreis, in the pure engine's shape. */
function transferConsents(rows: readonly ConsentRow[]) {
  return rows
    .filter((c) => c.recipientTenantId !== null)
    .map((c) => ({
      id: c.id,
      subjectPersonId: c.personId,
      recipientTenantId: c.recipientTenantId,
      purposes: c.purposes,
      categories: c.categories,
      validFrom: c.validFrom,
      validUntil: c.validUntil,
      revokedAt: c.revokedAt,
    }));
}

/**
 * Moving a case to another Kreis of the hub (issue 19 item 5; docs/privacy.md, "Moving a case to
 * another Kreis"). The sending case manager offers, under the person's consent naming the
 * receiving Kreis; a coordinator there accepts (a new case opens with the package built under
 * that consent) or declines; the sending case then closes as moved and its open referrals are
 * cancelled, the agencies told. Each tenant works only inside its own fence; the one crossing is
 * the case_transfers channel and its kim_transfer_* functions.
 */
export class TransferCommands {
  constructor(
    private readonly ds: DataSource,
    private readonly publisher: OutboxPublisher,
  ) {}

  /** For the case page: each Kreis that takes transfers, and whether a consent covers moving there. */
  async options(p: Principal, caseId: string): Promise<TransferOption[]> {
    const staff = staffIn(p, [StaffRole.CASE_MANAGER, StaffRole.COORDINATOR], 'only staff move cases');
    return this.ds.transaction(async (m) => {
      const c = await caseForStaff(m, staff, caseId);
      const consents = transferConsents(await consentRepository.byPersons(m, staff.tenantId, [c.personId]));
      const now = new Date();
      return (await transferRepository.receivingTenants(m, staff.tenantId)).map((t) => ({
        tenantId: t.id,
        name: t.name,
        decision: decideTransfer({ consents, subjectPersonId: c.personId, receivingTenantId: t.id, at: now }),
      }));
    });
  }

  /** The offers made for a case (the sender's view), newest first. */
  async ofCase(p: Principal, caseId: string): Promise<OutgoingTransferRow[]> {
    const staff = staffIn(p, [StaffRole.CASE_MANAGER, StaffRole.COORDINATOR], 'only staff see transfers');
    return this.ds.transaction(async (m) => {
      const c = await caseForStaff(m, staff, caseId);
      return transferRepository.outgoingOfCases(m, staff.tenantId, [c.id]);
    });
  }

  /**
   * Offer the case to another Kreis. Refused (CONSENT_REQUIRED, recorded in the sender's ledger
   * only) unless a consent of the person in force names that Kreis for 'transfer' and every
   * category asked for: then nothing is written to the channel, and the receiving Kreis learns
   * nothing. The package of consented data is built now, inside the sender's fence.
   */
  async offer(p: Principal, raw: unknown): Promise<OutgoingTransferRow> {
    const input = parse(() => parseInput(transferOfferInputSchema, raw, 'transfer'));
    const staff = staffIn(p, [StaffRole.CASE_MANAGER, StaffRole.COORDINATOR], 'only staff move cases');
    const outcome = await this.ds.transaction(async (m) => {
      const c = await caseForStaff(m, staff, input.caseId, true);
      if (c.phase === CasePhase.CLOSED) throw new DomainError('CONFLICT', `case ${c.id} is closed`);
      const open = (await transferRepository.outgoingOfCases(m, staff.tenantId, [c.id])).find(
        (t) => t.status === 'offered' || (t.status === 'accepted' && t.closedAt === null),
      );
      if (open) throw new DomainError('CONFLICT', `case ${c.id} is already offered to ${open.toTenantName}`);
      const receiving = (await transferRepository.receivingTenants(m, staff.tenantId)).find(
        (t) => t.id === input.toTenantId.toLowerCase(),
      );
      if (!receiving) throw notFound('Kreis taking transfers', input.toTenantId);
      const decision = decideTransfer({
        consents: transferConsents(await consentRepository.byPersons(m, staff.tenantId, [c.personId])),
        subjectPersonId: c.personId,
        receivingTenantId: receiving.id,
        categories: input.categories,
        at: new Date(),
      });
      if (!decision.allowed) return { kind: 'refused' as const, refusal: decision, case: c };

      const id = randomUUID();
      const pkg = await buildPackage(m, staff.tenantId, c, decision.categories);
      await transferRepository.insertOffer(m, {
        tenantId: staff.tenantId,
        id,
        toTenantId: receiving.id,
        categories: decision.categories,
      });
      await transferRepository.insertSource(m, {
        tenantId: staff.tenantId,
        id,
        caseId: c.id,
        personId: c.personId,
        consentId: decision.consentId,
        offeredBy: staff.userId,
        package: pkg,
      });
      await audit(m, staff, {
        action: 'transfer.offered',
        subjectType: 'case-transfer',
        subjectId: id,
        categories: decision.categories,
        basis: decision.consentId,
        allowed: true,
        personId: c.personId,
        reason: `to ${receiving.name}`,
      });
      await transferRepository.note(m, id, 'transfer.offered');
      await appendTimeline(m, staff, {
        caseId: c.id,
        kind: 'case.transfer-offered',
        summary: { code: 'case.transfer-offered', params: { kreis: receiving.name, categories: decision.categories } },
        data: { transferId: id, consentId: decision.consentId, toTenantId: receiving.id },
      });
      return { kind: 'offered' as const, row: (await transferRepository.outgoingById(m, staff.tenantId, id))! };
    });
    if (outcome.kind === 'refused') {
      const refusal = outcome.refusal;
      // The refusal is the sender's own record; the channel and the receiving Kreis see nothing.
      await this.ds.transaction((m) =>
        audit(m, staff, {
          action: 'transfer.refused',
          subjectType: 'case',
          subjectId: outcome.case.id,
          categories: input.categories ?? [],
          allowed: false,
          personId: outcome.case.personId,
          reason: `${refusal.reason}: ${refusal.detail}`,
        }),
      );
      throw new DomainError('CONSENT_REQUIRED', `no consent covers moving this case there: ${refusal.detail}`, {
        reason: refusal.reason,
      });
    }
    return outcome.row;
  }

  /** The sender takes back an open offer. */
  async withdraw(p: Principal, transferId: string): Promise<OutgoingTransferRow> {
    const staff = staffIn(p, [StaffRole.CASE_MANAGER, StaffRole.COORDINATOR], 'only staff move cases');
    const id = parse(() =>
      parseInput(transferDeclineInputSchema.pick({ transferId: true }), { transferId }, 'transfer'),
    ).transferId;
    return this.ds.transaction(async (m) => {
      const t = await transferRepository.outgoingById(m, staff.tenantId, id);
      if (!t) throw notFound('transfer', id);
      const c = await caseForStaff(m, staff, t.caseId, false, { what: 'transfer', id });
      if (!(await transferRepository.withdraw(m, id, 'withdrawn by the sending Kreis')))
        throw new DomainError('CONFLICT', `transfer ${id} is no longer open (${t.status})`);
      await audit(m, staff, {
        action: 'transfer.withdrawn',
        subjectType: 'case-transfer',
        subjectId: id,
        categories: t.categories,
        allowed: true,
        personId: c.personId,
      });
      await appendTimeline(m, staff, {
        caseId: c.id,
        kind: 'case.transfer-withdrawn',
        summary: { code: 'case.transfer-withdrawn', params: { kreis: t.toTenantName } },
        data: { transferId: id },
      });
      return (await transferRepository.outgoingById(m, staff.tenantId, id))!;
    });
  }

  /**
   * Offers addressed to the caller's Kreis (coordinators): nothing personal until accepted. Each
   * open offer shown is a step in both ledgers (the view of the offer).
   */
  async incoming(p: Principal): Promise<IncomingTransferRow[]> {
    const staff = staffIn(p, [StaffRole.COORDINATOR], 'only coordinators receive transfers');
    return this.ds.transaction(async (m) => {
      const rows = await transferRepository.incoming(m, staff.tenantId);
      for (const t of rows.filter((r) => r.status === 'offered')) {
        await audit(m, staff, {
          action: 'transfer.viewed',
          subjectType: 'case-transfer',
          subjectId: t.id,
          categories: t.categories,
          allowed: true,
          reason: `offer of ${t.fromTenantName}`,
        });
        await transferRepository.note(m, t.id, 'transfer.viewed');
      }
      return rows;
    });
  }

  /** The receiving coordinator declines, with a reason the sender reads. */
  async decline(p: Principal, raw: unknown): Promise<IncomingTransferRow> {
    const input = parse(() => parseInput(transferDeclineInputSchema, raw, 'transfer'));
    const staff = staffIn(p, [StaffRole.COORDINATOR], 'only coordinators receive transfers');
    return this.ds.transaction(async (m) => {
      if (!(await transferRepository.decline(m, input.transferId, input.reason))) {
        const t = await transferRepository.incomingById(m, staff.tenantId, input.transferId);
        if (!t) throw notFound('transfer', input.transferId);
        throw new DomainError('CONFLICT', `transfer ${input.transferId} is no longer open (${t.status})`);
      }
      const t = (await transferRepository.incomingById(m, staff.tenantId, input.transferId))!;
      await audit(m, staff, {
        action: 'transfer.declined',
        subjectType: 'case-transfer',
        subjectId: t.id,
        categories: t.categories,
        allowed: true,
        reason: input.reason,
      });
      return t;
    });
  }

  /**
   * The receiving coordinator accepts and assigns one of their regional areas: the channel hands
   * over the package (only while the consent is in force) and a new person and case open here
   * with exactly that; then the sending case closes as moved (closeMoved, in the sender's fence).
   */
  async accept(p: Principal, raw: unknown, traceId: string): Promise<AcceptedTransfer> {
    const input = parse(() => parseInput(transferAcceptInputSchema, raw, 'transfer'));
    const staff = staffIn(p, [StaffRole.COORDINATOR], 'only coordinators receive transfers');
    const outcome = await this.ds.transaction(async (m) => {
      const t = await transferRepository.incomingById(m, staff.tenantId, input.transferId);
      if (!t) throw notFound('transfer', input.transferId);
      if (t.status !== 'offered') throw new DomainError('CONFLICT', `transfer ${t.id} is no longer open (${t.status})`);
      const [region] = await areaRepository.regionsByIds(m, staff.tenantId, [input.regionId]);
      if (!region) throw notFound('regional area', input.regionId);
      if (!staffMaySeeCase(staff, { regionId: region.id, coordinationAreaId: region.coordinationAreaId }))
        throw forbidden(`regional area ${region.name} is outside your area`);
      const managers = await staffRepository.inRegion(m, staff.tenantId, region.id, StaffRole.CASE_MANAGER);
      const manager = input.caseManagerId ? managers.find((s) => s.id === input.caseManagerId) : managers[0];
      if (!manager) throw notFound(`case manager of ${region.name}`, input.caseManagerId ?? '(none in the area)');

      const handed = await transferRepository.accept(m, t.id);
      if (handed.outcome === 'consent-ended') return { kind: 'ended' as const, transfer: t };
      if (handed.outcome !== 'accepted') throw new DomainError('CONFLICT', `transfer ${t.id} is no longer open`);
      // The package crossed a tenant boundary: check it like any input before it is stored.
      const pkg = transferPackageSchema.parse(handed.package);
      const opened = await openFromPackage(m, staff, t, pkg, region.id, manager.id, traceId);
      await audit(m, staff, {
        action: 'transfer.accepted',
        subjectType: 'case-transfer',
        subjectId: t.id,
        categories: t.categories,
        allowed: true,
        reason: `from ${t.fromTenantName}`,
      });
      await audit(m, staff, {
        action: 'transfer.copied',
        subjectType: 'case',
        subjectId: opened.caseId,
        categories: pkg.categories,
        allowed: true,
        personId: opened.personId,
        reason: `from ${t.fromTenantName} under its transfer ${t.id}`,
      });
      await transferRepository.note(m, t.id, 'transfer.copied');
      return {
        kind: 'accepted' as const,
        accepted: {
          transfer: (await transferRepository.incomingById(m, staff.tenantId, t.id))!,
          caseId: opened.caseId,
          caseReference: opened.reference,
        },
        fromTenantId: t.fromTenantId,
      };
    });
    if (outcome.kind === 'ended') {
      throw new DomainError(
        'CONSENT_REQUIRED',
        `the person's consent for transfer ${outcome.transfer.id} is no longer in force: the offer was withdrawn and nothing was handed over`,
      );
    }
    // The sender's side, in the sender's own fence: safe to repeat (closeMoved finds what is left).
    await runAsTenant(outcome.fromTenantId, () => this.closeMoved(outcome.fromTenantId, traceId));
    return outcome.accepted;
  }

  /**
   * The sending Kreis's side of accepted offers: the case closes as moved, its open referrals are
   * cancelled with reason 'moved' (an agency that received one is told through the outbox, as for
   * any cancellation), and both ledgers record it. Runs in the sender's fence; repeatable.
   */
  async closeMoved(tenantId: string, traceId: string): Promise<number> {
    const system: Principal = { kind: 'system', tenantId };
    const { notices, closed } = await this.ds.transaction(async (m) => {
      const notices: OutboxWrite[] = [];
      const due = await transferRepository.acceptedUnclosed(m, tenantId);
      for (const t of due) {
        await caseRepository.closeAs(m, tenantId, t.caseId, MOVED);
        for (const r of await referralRepository.ofCase(m, tenantId, t.caseId)) {
          if (isTerminal(r.status)) continue;
          const locked = (await referralRepository.lock(m, tenantId, r.id))!;
          if (isTerminal(locked.status)) continue;
          const done = await cancelLockedReferral(m, system, locked, {
            reason: MOVED,
            traceId,
            summary: { code: 'referral.cancelled', params: { reason: MOVED } },
            suppressedBecause: `suppressed: the case moved to another Kreis (transfer ${t.id})`,
            data: { transferId: t.id },
          });
          if (done.notice) notices.push(done.notice);
        }
        await appendTimeline(m, system, {
          caseId: t.caseId,
          kind: 'case.transferred-out',
          summary: { code: 'case.transferred-out', params: { kreis: t.toTenantName } },
          data: { transferId: t.id },
        });
        await audit(m, system, {
          action: 'transfer.closed',
          subjectType: 'case',
          subjectId: t.caseId,
          categories: t.categories,
          allowed: true,
          personId: t.personId,
          reason: `moved to ${t.toTenantName} (transfer ${t.id})`,
        });
        await transferRepository.note(m, t.id, 'transfer.closed');
        await transferRepository.markClosed(m, tenantId, t.id);
      }
      return { notices, closed: due.length };
    });
    await this.publisher.publish(notices);
    return closed;
  }
}

/**
 * The package for the receiving Kreis: per category exactly what docs/privacy.md lists, built
 * from the sender's rows inside the sender's fence. Free text (notes, need descriptions, goals,
 * referral notes, timeline summaries with their parameters) never goes; the history goes as
 * kinds and dates.
 */
async function buildPackage(
  m: EntityManager,
  tenantId: string,
  c: CaseRow,
  categories: readonly DataCategory[],
): Promise<TransferPackage> {
  const has = (k: DataCategory) => categories.includes(k);
  const [person] = await personRepository.byIds(m, tenantId, [c.personId]);
  if (!person) throw new Error(`person ${c.personId} of case ${c.id} not found`);
  const needs = await caseRepository.needsByCases(m, tenantId, [c.id]);
  const timeline = await timelineRepository.byCases(m, tenantId, [c.id]);
  const pkg: TransferPackage = {
    version: 1,
    categories: [...categories],
    identity: {
      givenNames: person.givenNames,
      familyName: person.familyName,
      nameOriginalScript: person.nameOriginalScript,
      aliases: person.aliases as unknown as TransferPackage['identity']['aliases'],
      birthDate: person.birthDate,
      birthDatePrecision: person.birthDatePrecision,
      sex: person.sex,
      nationality: person.nationality,
    },
    needs: [...new Set(needs.map((n) => n.domain))]
      .filter((d) => has(NEED_DOMAIN_CATEGORY[d]))
      .map((domain) => ({ domain })),
    history: timeline
      .filter((e) => e.kind !== 'case.transfer-offered')
      .map((e) => ({ kind: e.kind, occurredAt: e.occurredAt.toISOString() })),
    openedOn: c.openedAt.toISOString().slice(0, 10),
  };
  if (has(DataCategory.CONTACT)) pkg.contact = { municipality: person.municipality, languages: person.languages };
  if (has(DataCategory.RESIDENCE_STATUS))
    pkg.residenceStatus = { residenceStatus: person.residenceStatus, arrivalDate: person.arrivalDate };
  if (has(DataCategory.EDUCATION_WORK)) {
    pkg.achievements = (await achievementRepository.byCases(m, tenantId, [c.id]))
      .filter((a) => a.supersededAt === null)
      .map((a) => ({
        kind: a.kind,
        achievedOn: a.achievedOn,
        endedOn: a.endedOn,
        details: a.details,
        evidenceKind: a.evidenceKind,
        evidenceReference: a.evidenceReference,
        evidenceSeenOn: a.evidenceSeenOn,
      }));
  }
  return pkg;
}

/** The new person and case in the receiving Kreis, from the package and nothing else. */
async function openFromPackage(
  m: EntityManager,
  staff: Staff,
  t: IncomingTransferRow,
  pkg: TransferPackage,
  regionId: string,
  caseManagerId: string,
  traceId: string,
): Promise<{ caseId: string; personId: string; reference: string }> {
  const tenantId = staff.tenantId;
  const personId = randomUUID();
  await personRepository.insert(m, {
    tenantId,
    id: personId,
    givenNames: pkg.identity.givenNames,
    familyName: pkg.identity.familyName,
    nameOriginalScript: pkg.identity.nameOriginalScript,
    aliases: pkg.identity.aliases as never,
    birthDate: pkg.identity.birthDate,
    birthDatePrecision: pkg.identity.birthDatePrecision as never,
    sex: pkg.identity.sex,
    nationality: pkg.identity.nationality,
    // Without the contact category the receiving Kreis learns neither town nor languages.
    languages: pkg.contact?.languages ?? [],
    municipality: pkg.contact?.municipality ?? '',
    residenceStatus: pkg.residenceStatus?.residenceStatus ?? null,
    arrivalDate: pkg.residenceStatus?.arrivalDate ?? null,
  });
  const now = new Date();
  const c = await caseRepository.insert(m, {
    tenantId,
    id: randomUUID(),
    reference: await nextReference(m, tenantId, now),
    personId,
    caseManagerId,
    regionId,
    phase: CasePhase.INTAKE,
  });
  for (const n of pkg.needs) {
    await caseRepository.insertNeed(m, { tenantId, caseId: c.id, domain: n.domain, description: '' });
  }
  for (const a of pkg.achievements ?? []) {
    await achievementRepository.insert(m, {
      tenantId,
      id: randomUUID(),
      caseId: c.id,
      personId,
      kind: a.kind,
      achievedOn: a.achievedOn,
      endedOn: a.endedOn,
      details: a.details,
      // Seen by the sending Kreis: recorded here by the platform, with that evidence.
      source: 'case-manager',
      agencyId: null,
      referralId: null,
      inboundEventId: null,
      evidenceKind: a.evidenceKind,
      evidenceReference: a.evidenceReference,
      evidenceSeenOn: a.evidenceSeenOn,
      recordedByKind: 'system',
      recordedById: null,
      correctsId: null,
      correctionReason: null,
    });
  }
  for (const h of pkg.history) {
    await appendTimeline(m, staff, {
      caseId: c.id,
      kind: 'case.history-before-transfer',
      occurredAt: new Date(h.occurredAt),
      summary: { code: 'case.history-before-transfer', params: { event: h.kind } },
      data: { transferId: t.id, kind: h.kind },
    });
  }
  await appendTimeline(m, staff, {
    caseId: c.id,
    kind: 'case.transferred-in',
    occurredAt: now,
    summary: { code: 'case.transferred-in', params: { kreis: t.fromTenantName, categories: pkg.categories } },
    data: { transferId: t.id, openedThereOn: pkg.openedOn },
  });
  await requestMatch(m, { tenantId, personId, caseId: c.id, traceId });
  return { caseId: c.id, personId, reference: c.reference };
}

/**
 * The platform operator lets a Kreis take cases from other Kreise of the hub, or stops it (open
 * offers to it stay until decided or withdrawn). Recorded in that Kreis's ledger.
 */
export async function setTakesTransfers(ds: DataSource, tenantId: string, accepts: boolean): Promise<void> {
  await runAsTenant(tenantId, () =>
    ds.transaction(async (m) => {
      await transferRepository.setAcceptsTransfers(m, tenantId, accepts);
      await audit(
        m,
        { kind: 'system', tenantId },
        {
          action: 'tenant.transfers-set',
          subjectType: 'tenant',
          subjectId: tenantId,
          allowed: true,
          reason: accepts ? 'takes cases from other Kreise' : 'takes no cases from other Kreise',
        },
      );
    }),
  );
}

import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CasePhase,
  StaffRole,
  goalInputSchema,
  identifierLinksPersons,
  openCaseInputSchema,
  parseInput,
  type CasePhase as CasePhaseT,
  type OpenCaseInput,
} from '@kim/contracts';
import {
  areaRepository,
  caseRepository,
  identifierIssuer,
  personRepository,
  staffRepository,
  type CaseRecordRow,
  type GoalRow,
} from '@kim/persistence';
import { DomainError, forbidden, invalidInput, notFound } from '../common/errors.js';
import { staffMaySeeCase } from '../access/staff-access.js';
import { staffAreaParams } from '../access/policy.js';
import { caseForStaff } from './case-scope.js';
import { checkCasePhaseMove } from './case-phase.js';
import { appendTimeline } from '../ledger/timeline.js';
import type { Principal } from '../common/principal.js';
import { audit } from '../ledger/audit.js';
import { LinkageCommands } from '../linkage/linkage.js';
import { requestMatch, type MatchRequestItem } from '../linkage/match-requests.js';

type StaffPrincipal = Extract<Principal, { kind: 'staff' }>;
type IntakeIdentifier = { kind: string; issuer: string; value: string };

function parse<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    return invalidInput(e);
  }
}

/** Next human-readable case reference per tenant and year, e.g. KIM-2026-00042. */
export async function nextReference(m: EntityManager, tenantId: string, at: Date): Promise<string> {
  const year = at.getUTCFullYear();
  const prefix = `KIM-${year}-`;
  // Serialise reference allocation per tenant and year without a sequence per tenant.
  await caseRepository.lockReferences(m, `${tenantId}:${prefix}`);
  const max = await caseRepository.lastReference(m, tenantId, `^${prefix}[0-9]+$`);
  const last = max ? Number(max.slice(prefix.length)) : 0;
  return `${prefix}${String(last + 1).padStart(5, '0')}`;
}

/** An opened case, and the match request of its new person (null when the intake named a known person). */
export interface OpenedCase {
  case: CaseRecordRow;
  match: MatchRequestItem | null;
}

export class CaseCommands {
  private readonly linkage: LinkageCommands;

  constructor(private readonly ds: DataSource) {
    this.linkage = new LinkageCommands(ds);
  }

  /**
   * Intake: a person and their case, with the needs found at first contact. A new person is
   * compared with the tenant's persons only after the commit (the caller enqueues the returned
   * match request; the worker's relay does if it cannot), so opening a case costs the same
   * whatever the tenant's size.
   */
  async open(p: Principal, raw: unknown, traceId = 'intake'): Promise<OpenedCase> {
    const input = parse(() => parseInput(openCaseInputSchema, raw, 'case'));
    if (p.kind !== 'staff' || (p.role !== StaffRole.CASE_MANAGER && p.role !== StaffRole.COORDINATOR)) {
      throw forbidden('only case managers and coordinators open cases');
    }
    return this.ds.transaction(async (m) => {
      const [region] = await areaRepository.regionsByIds(m, p.tenantId, [input.regionId]);
      if (!region) throw notFound('regional area', input.regionId);
      if (!staffMaySeeCase(p, { regionId: region.id, coordinationAreaId: region.coordinationAreaId })) {
        throw forbidden(`regional area ${region.name} is outside your area`);
      }
      const caseManagerId = input.caseManagerId ?? (p.role === StaffRole.CASE_MANAGER ? p.userId : undefined);
      if (!caseManagerId)
        throw new DomainError('INVALID_INPUT', 'caseManagerId: required when a coordinator opens a case', {
          problems: [{ path: 'caseManagerId', message: 'required when a coordinator opens a case' }],
        });
      const [manager] = await staffRepository.byIds(m, p.tenantId, [caseManagerId]);
      // A case manager of another area could not even see the case: the same answer as for nobody.
      if (!manager || manager.role !== StaffRole.CASE_MANAGER || manager.regionId !== region.id)
        throw notFound(`case manager of ${region.name}`, caseManagerId);

      const { personId, isNew } = await this.personForIntake(m, p, input.person);
      const now = new Date();
      const c = await caseRepository.insert(m, {
        tenantId: p.tenantId,
        id: randomUUID(),
        reference: await nextReference(m, p.tenantId, now),
        personId,
        caseManagerId,
        regionId: region.id,
        phase: CasePhase.INTAKE,
      });
      for (const need of input.needs) {
        await caseRepository.insertNeed(m, {
          tenantId: p.tenantId,
          caseId: c.id,
          domain: need.domain,
          description: need.description,
        });
      }
      await appendTimeline(m, p, {
        caseId: c.id,
        kind: 'case.opened',
        occurredAt: now,
        summary: { code: 'case.opened', params: { reference: c.reference } },
      });
      const match = isNew ? await requestMatch(m, { tenantId: p.tenantId, personId, caseId: c.id, traceId }) : null;
      return { case: c, match };
    });
  }

  /**
   * The person of a new case. A person-level identifier already in the link map (an agency's
   * customer number, the AZR number) names a known person. If that person has a case in the
   * caller's area, the case is opened for them (the one they are merged into, if so), the new
   * spelling kept as an alias. Knowing a number must reveal nothing of another area: when the
   * person is only known elsewhere, the case is opened for a new person with the caller's data
   * alone, and the pair goes to the link review of both areas (never an automatic link); the
   * other person's record is not touched. Without a known identifier: a new person, to be
   * compared with the tenant's persons by the matcher after the commit (`isNew`).
   */
  private async personForIntake(
    m: EntityManager,
    p: StaffPrincipal,
    person: OpenCaseInput['person'],
  ): Promise<{ personId: string; isNew: boolean }> {
    const ids = person.identifiers.map((idf) => ({ ...idf, issuer: identifierIssuer(idf.agencyId, idf.kind) }));
    // Household-level numbers (shared by a family) never say who a person is.
    const owners = new Map<string, IntakeIdentifier[]>();
    for (const idf of ids.filter((i) => identifierLinksPersons(i.kind))) {
      const holder = await personRepository.holderOf(m, p.tenantId, idf);
      if (!holder) continue;
      const root = await this.linkage.rootOf(m, p.tenantId, holder);
      owners.set(root, [...(owners.get(root) ?? []), idf]);
    }
    const mine: string[] = [];
    const elsewhere: { personId: string; identifiers: IntakeIdentifier[] }[] = [];
    for (const [root, matched] of owners) {
      if (await this.hasCaseInArea(m, p, root)) mine.push(root);
      else elsewhere.push({ personId: root, identifiers: matched });
    }
    if (mine.length > 1) {
      throw new DomainError('CONFLICT', 'the identifiers belong to different persons of your area', {
        problems: [{ path: 'person.identifiers', message: 'linked to more than one person of your area' }],
      });
    }
    const known = mine[0];
    if (known) {
      const row = await personRepository.lock(m, p.tenantId, known);
      if (!row || row.erasedAt) throw new DomainError('CONFLICT', 'the identifier belongs to an erased person');
      const given = person.name;
      const spelledAlike = (v: { givenNames: string; familyName: string }) =>
        v.givenNames === given.givenNames && v.familyName === given.familyName;
      if (!spelledAlike(row) && !row.aliases.some(spelledAlike)) {
        row.aliases = [
          ...row.aliases,
          {
            givenNames: given.givenNames,
            familyName: given.familyName,
            ...(given.originalScript ? { originalScript: given.originalScript } : {}),
          },
        ];
        await personRepository.setAliases(m, p.tenantId, known, row.aliases);
      }
      await this.insertIdentifiers(m, p.tenantId, known, ids);
      await audit(m, p, {
        action: 'person.linked-by-identifier',
        subjectType: 'person',
        subjectId: known,
        allowed: true,
        reason: 'a new case carried an identifier already in the link map',
        personId: known,
      });
      await this.reviewElsewhere(m, p, known, elsewhere);
      return { personId: known, isNew: false };
    }
    const row = {
      tenantId: p.tenantId,
      id: randomUUID(),
      givenNames: person.name.givenNames,
      familyName: person.name.familyName,
      nameOriginalScript: person.name.originalScript ?? null,
      aliases: person.aliases,
      birthDate: person.birthDate ?? null,
      birthDatePrecision: person.birthDatePrecision,
      sex: person.sex,
      nationality: person.nationality ?? null,
      languages: person.languages,
      residenceStatus: person.residenceStatus ?? null,
      municipality: person.municipality,
      arrivalDate: person.arrivalDate ?? null,
    };
    await personRepository.insert(m, row);
    // An identifier another person holds stays theirs (one holder per number); the review item carries it.
    const held = new Set(elsewhere.flatMap((e) => e.identifiers));
    await this.insertIdentifiers(
      m,
      p.tenantId,
      row.id,
      ids.filter((i) => !held.has(i)),
    );
    // Queued before matching (which runs after the commit), so the matcher finds the pair known
    // and never links it on its own.
    await this.reviewElsewhere(m, p, row.id, elsewhere);
    return { personId: row.id, isNew: true };
  }

  /** Review items between the intake's person and each person of another area holding one of its identifiers. */
  private async reviewElsewhere(
    m: EntityManager,
    p: StaffPrincipal,
    personId: string,
    elsewhere: { personId: string; identifiers: IntakeIdentifier[] }[],
  ): Promise<void> {
    for (const other of elsewhere) {
      await this.linkage.queueIdentifierReview(m, p, personId, other.personId, other.identifiers);
    }
  }

  /** Does the person (or anyone merged into them) have a case in the caller's area? */
  private async hasCaseInArea(m: EntityManager, p: StaffPrincipal, rootId: string): Promise<boolean> {
    return caseRepository.personHasCaseInArea(m, { tenantId: p.tenantId, personId: rootId, ...staffAreaParams(p) });
  }

  private async insertIdentifiers(
    m: EntityManager,
    tenantId: string,
    personId: string,
    ids: { kind: string; issuer: string; value: string }[],
  ): Promise<void> {
    for (const idf of ids) await personRepository.insertIdentifier(m, tenantId, personId, idf);
  }

  async movePhase(p: Principal, caseId: string, to: CasePhaseT): Promise<CaseRecordRow> {
    return this.ds.transaction(async (m) => {
      const row = await caseForStaff(m, p, caseId, true);
      const check = checkCasePhaseMove(row.phase, to);
      if (!check.ok) throw new DomainError('INVALID_TRANSITION', check.message);
      const c = await caseRepository.setPhase(m, p.tenantId, caseId, to, to === CasePhase.CLOSED ? new Date() : null);
      if (!c) throw notFound('case', caseId);
      await appendTimeline(m, p, {
        caseId,
        kind: 'case.phase-changed',
        summary: { code: 'case.phase-changed', params: { fromPhase: row.phase, toPhase: to } },
        data: { from: row.phase, to },
      });
      return c;
    });
  }

  /** A goal of the integration plan. */
  async addGoal(p: Principal, caseId: string, raw: unknown): Promise<GoalRow> {
    const input = parse(() => parseInput(goalInputSchema, raw, 'goal'));
    return this.ds.transaction(async (m) => {
      await caseForStaff(m, p, caseId);
      const goal = await caseRepository.insertGoal(m, {
        tenantId: p.tenantId,
        id: randomUUID(),
        caseId,
        domain: input.domain,
        description: input.description,
        targetDate: input.targetDate ?? null,
      });
      await appendTimeline(m, p, {
        caseId,
        kind: 'plan.goal-added',
        summary: { code: 'plan.goal-added', params: { goal: input.description } },
        data: { domain: input.domain },
      });
      return goal;
    });
  }
}

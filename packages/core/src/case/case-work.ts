import type { DataSource } from 'typeorm';
import {
  StaffRole,
  caseNoteSchema,
  goalUpdateSchema,
  handOverSchema,
  parseInput,
  personUpdateSchema,
  type PersonUpdate,
} from '@kim/contracts';
import {
  areaRepository,
  caseRepository,
  personRepository,
  staffRepository,
  type CaseRecordRow,
  type GoalRow,
  type PersonCorrection,
  type PersonRow,
  type RegionRow,
  type StaffRow,
} from '@kim/persistence';
import { DomainError, invalidInput, notFound } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { audit } from '../ledger/audit.js';
import { appendTimeline } from '../ledger/timeline.js';
import { caseForStaff, type CaseRow } from './case-scope.js';

function parse<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    return invalidInput(e);
  }
}

/** The person columns a change may touch, by the name the ledger and the timeline give them. */
function personColumns(u: PersonUpdate): Partial<PersonCorrection> {
  const set: Partial<PersonCorrection> = {};
  if (u.name) {
    set.givenNames = u.name.givenNames;
    set.familyName = u.name.familyName;
    set.nameOriginalScript = u.name.originalScript ?? null;
  }
  if (u.birthDatePrecision !== undefined) {
    set.birthDatePrecision = u.birthDatePrecision;
    set.birthDate = u.birthDate ?? null;
  }
  if (u.sex !== undefined) set.sex = u.sex;
  if (u.nationality !== undefined) set.nationality = u.nationality;
  if (u.languages !== undefined) set.languages = u.languages;
  if (u.residenceStatus !== undefined) set.residenceStatus = u.residenceStatus;
  if (u.municipality !== undefined) set.municipality = u.municipality;
  if (u.arrivalDate !== undefined) set.arrivalDate = u.arrivalDate;
  return set;
}

/**
 * A case manager's daily changes to a case beyond intake: the person's data, notes, goals and
 * handing the case to a colleague. Each needs ordinary access to the case (docs/privacy.md,
 * "who may change what"): another area's case answers NOT_FOUND like an unknown id.
 */
export class CaseWork {
  constructor(private readonly ds: DataSource) {}

  /**
   * Correct the person's data. The ledger and the timeline name the fields that changed, never
   * their values (the values are the person's data; the timeline is read by more people).
   */
  async updatePerson(p: Principal, caseId: string, raw: unknown): Promise<PersonRow> {
    const input = parse(() => parseInput(personUpdateSchema, raw, 'person'));
    return this.ds.transaction(async (m) => {
      const c = await caseForStaff(m, p, caseId);
      const person = await personRepository.lock(m, p.tenantId, c.personId);
      if (!person || person.erasedAt) throw new DomainError('CONFLICT', 'the person of this case has been erased');
      const set = personColumns(input);
      const changed = (Object.keys(set) as (keyof PersonCorrection)[]).filter(
        (k) => JSON.stringify(person[k]) !== JSON.stringify(set[k]),
      );
      if (changed.length === 0) return person;
      Object.assign(person, set);
      await personRepository.correct(m, p.tenantId, person.id, person);
      await audit(m, p, {
        action: 'person.updated',
        subjectType: 'person',
        subjectId: person.id,
        allowed: true,
        personId: person.id,
        reason: changed.join(','),
      });
      await appendTimeline(m, p, {
        caseId,
        kind: 'person.updated',
        summary: { code: 'person.updated', params: { fields: changed } },
        data: { fields: changed },
      });
      return person;
    });
  }

  /** A note on the case's timeline (staff only: agencies see only their referrals' events). */
  async addNote(p: Principal, caseId: string, raw: unknown): Promise<void> {
    const note = parse(() => parseInput(caseNoteSchema, raw, 'note'));
    await this.ds.transaction(async (m) => {
      await caseForStaff(m, p, caseId);
      await appendTimeline(m, p, {
        caseId,
        kind: 'case.note-added',
        summary: { code: 'case.note-added', params: { note } },
      });
    });
  }

  /** Change a goal's status, wording or target date; a goal of a case the caller cannot work on is NOT_FOUND. */
  async updateGoal(p: Principal, goalId: string, raw: unknown): Promise<GoalRow> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(goalId)) throw notFound('goal', goalId);
    const input = parse(() => parseInput(goalUpdateSchema, raw, 'goal'));
    return this.ds.transaction(async (m) => {
      const goal = await caseRepository.lockGoal(m, p.tenantId, goalId);
      if (!goal) throw notFound('goal', goalId);
      await caseForStaff(m, p, goal.caseId, false, { what: 'goal', id: goalId });
      const from = goal.status;
      if (input.status !== undefined) goal.status = input.status;
      if (input.description !== undefined) goal.description = input.description;
      if (input.targetDate !== undefined) goal.targetDate = input.targetDate;
      await caseRepository.updateGoal(m, goal);
      await appendTimeline(m, p, {
        caseId: goal.caseId,
        kind: 'plan.goal-updated',
        summary:
          from === goal.status
            ? { code: 'plan.goal-changed', params: { goal: goal.description } }
            : {
                code: 'plan.goal-status-changed',
                params: { goal: goal.description, fromGoalStatus: from, toGoalStatus: goal.status },
              },
        data: { goalId, from, to: goal.status },
      });
      return goal;
    });
  }

  /**
   * Hand the case to another case manager of its regional area. A colleague of another area,
   * someone who is no case manager, a deactivated account and an unknown id all get the same NOT_FOUND: the answer
   * says nothing of who works where.
   */
  async handOver(p: Principal, raw: unknown): Promise<CaseRecordRow> {
    const input = parse(() => parseInput(handOverSchema, raw, 'handover'));
    return this.ds.transaction(async (m) => {
      const row = await caseForStaff(m, p, input.caseId, true);
      if (row.phase === 'closed') throw new DomainError('INVALID_TRANSITION', 'a closed case is not handed over');
      const [to] = await staffRepository.byIds(m, p.tenantId, [input.toCaseManagerId]);
      if (!to || to.role !== StaffRole.CASE_MANAGER || to.regionId !== row.regionId || to.deactivatedAt) {
        throw notFound('case manager', input.toCaseManagerId);
      }
      if (to.id === row.caseManagerId) {
        throw new DomainError('INVALID_INPUT', 'the case is already with this case manager', {
          problems: [{ path: 'toCaseManagerId', message: 'already the case manager' }],
        });
      }
      // The case is locked and seen above, so the update finds it.
      const handed = (await caseRepository.setCaseManager(m, p.tenantId, row.id, to.id))!;
      await audit(m, p, {
        action: 'case.handed-over',
        subjectType: 'case',
        subjectId: row.id,
        allowed: true,
        personId: row.personId,
        reason: `${row.caseManagerId} -> ${to.id}`,
      });
      await appendTimeline(m, p, {
        caseId: row.id,
        kind: 'case.handed-over',
        summary: input.note
          ? { code: 'case.handed-over-with-note', params: { staff: to.displayName, note: input.note } }
          : { code: 'case.handed-over', params: { staff: to.displayName } },
        data: { from: row.caseManagerId, to: to.id },
      });
      return handed;
    });
  }

  /** The case, if the caller may work on it (for the answer after a change). */
  async caseFor(p: Principal, caseId: string): Promise<CaseRow> {
    return this.ds.transaction((m) => caseForStaff(m, p, caseId));
  }

  /** The case managers of the case's regional area who could take it over, by name (the current one excluded). */
  async handOverCandidates(p: Principal, caseId: string): Promise<StaffRow[]> {
    return this.ds.transaction(async (m) => {
      const row = await caseForStaff(m, p, caseId);
      const staff = await staffRepository.inRegion(m, p.tenantId, row.regionId, StaffRole.CASE_MANAGER);
      return staff.filter((s) => s.id !== row.caseManagerId);
    });
  }

  /**
   * The regional areas the caller may open a case in, by name: a case manager their own, a
   * coordinator those of the area they supervise; a staff member without an area none.
   */
  async intakeRegions(p: Principal): Promise<RegionRow[]> {
    if (p.kind !== 'staff') return [];
    if (p.role === StaffRole.CASE_MANAGER) {
      return p.regionId == null ? [] : areaRepository.regionsByIds(this.ds, p.tenantId, [p.regionId]);
    }
    return p.coordinationAreaId == null
      ? []
      : areaRepository.regionsOfCoordinationArea(this.ds, p.tenantId, p.coordinationAreaId);
  }
}

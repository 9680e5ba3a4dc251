import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  AchievementSource,
  achievementCorrectionSchema,
  achievementInputSchema,
  parseInput,
  type AchievementEvidence,
  type AchievementFacts,
} from '@kim/contracts';
import { achievementRepository, type AchievementRow } from '@kim/persistence';
import { DomainError, invalidInput, notFound } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { berlinDay } from '../common/calendar.js';
import { audit } from '../ledger/audit.js';
import { appendTimeline } from '../ledger/timeline.js';
import { caseForStaff, type CaseRow } from '../case/case-scope.js';
import { detailsOf, futureDateProblems } from './facts.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parse<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    return invalidInput(e);
  }
}

function assertNotFuture(facts: AchievementFacts, evidence: AchievementEvidence, now: Date): void {
  const problems = futureDateProblems(facts, evidence, berlinDay(now));
  if (problems.length > 0) {
    throw new DomainError('INVALID_INPUT', `achievement: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, {
      problems,
    });
  }
}

/**
 * What the timeline says of an achievement: its kind (a code the reader puts into words) and a
 * language-neutral detail; never the evidence reference (the timeline is read by more people).
 */
function detailOf(facts: AchievementFacts): string {
  switch (facts.kind) {
    case 'language-certificate':
      return `${facts.cefrLevel} (${facts.test})`;
    case 'life-in-germany-test':
      return `${facts.points}/33`;
    case 'employment':
      return `${facts.hoursPerWeek} h${facts.securesLivelihood ? ' ✓' : ''}`;
    default:
      return '';
  }
}

/**
 * Achievements a case manager records with the evidence they saw, and corrections of them.
 * Both need ordinary access to the case (as every change of a case); a correction never
 * overwrites: it is a new row naming the old one, with its reason, in the ledger and on the timeline.
 */
export class AchievementCommands {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async record(p: Principal, caseId: string, raw: unknown): Promise<AchievementRow> {
    if (!UUID.test(caseId)) throw notFound('case', caseId);
    const input = parse(() => parseInput(achievementInputSchema, raw, 'achievement'));
    assertNotFuture(input.achievement, input.evidence, this.clock());
    return this.ds.transaction(async (m) => {
      const c = await caseForStaff(m, p, caseId);
      const row = await this.insert(m, p, c, input.achievement, input.evidence, null, null);
      await audit(m, p, {
        action: 'achievement.recorded',
        subjectType: 'achievement',
        subjectId: row.id,
        allowed: true,
        personId: c.personId,
        reason: row.kind,
      });
      await appendTimeline(m, p, {
        caseId: c.id,
        kind: 'achievement.recorded',
        summary: {
          code: 'achievement.recorded',
          params: { achievementKind: input.achievement.kind, detail: detailOf(input.achievement) },
        },
        data: { achievementId: row.id, kind: row.kind },
      });
      return row;
    });
  }

  /** Correct an achievement: a new row replaces it; the old one stays, marked superseded. */
  async correct(p: Principal, achievementId: string, raw: unknown): Promise<AchievementRow> {
    if (!UUID.test(achievementId)) throw notFound('achievement', achievementId);
    const input = parse(() => parseInput(achievementCorrectionSchema, raw, 'correction'));
    assertNotFuture(input.achievement, input.evidence, this.clock());
    return this.ds.transaction(async (m) => {
      const old = await achievementRepository.lock(m, p.tenantId, achievementId);
      if (!old) throw notFound('achievement', achievementId);
      const c = await caseForStaff(m, p, old.caseId, false, { what: 'achievement', id: achievementId });
      if (old.supersededAt) {
        throw new DomainError('CONFLICT', 'this achievement was corrected already: correct the newest version', {
          supersededById: old.supersededById,
        });
      }
      const row = await this.insert(m, p, c, input.achievement, input.evidence, old.id, input.reason);
      await achievementRepository.supersede(m, p.tenantId, old.id, row.id);
      await audit(m, p, {
        action: 'achievement.corrected',
        subjectType: 'achievement',
        subjectId: old.id,
        allowed: true,
        personId: c.personId,
        reason: `${old.id} -> ${row.id}: ${input.reason}`,
      });
      await appendTimeline(m, p, {
        caseId: c.id,
        kind: 'achievement.corrected',
        summary: {
          code: 'achievement.corrected',
          params: {
            achievementKind: input.achievement.kind,
            detail: detailOf(input.achievement),
            reason: input.reason,
          },
        },
        data: { achievementId: row.id, correctsId: old.id, kind: row.kind },
      });
      return row;
    });
  }

  private async insert(
    m: EntityManager,
    p: Principal,
    c: CaseRow,
    facts: AchievementFacts,
    evidence: AchievementEvidence,
    correctsId: string | null,
    reason: string | null,
  ): Promise<AchievementRow> {
    if (p.kind !== 'staff') throw notFound('case', c.id);
    const row = await achievementRepository.insert(m, {
      tenantId: p.tenantId,
      id: randomUUID(),
      caseId: c.id,
      personId: c.personId,
      kind: facts.kind,
      achievedOn: facts.achievedOn,
      endedOn: facts.endedOn ?? null,
      details: detailsOf(facts),
      source: AchievementSource.CASE_MANAGER,
      agencyId: null,
      referralId: null,
      inboundEventId: null,
      evidenceKind: evidence.kind,
      evidenceReference: evidence.reference,
      evidenceSeenOn: evidence.seenOn,
      recordedByKind: p.role,
      recordedById: p.userId,
      correctsId,
      correctionReason: reason,
    });
    // Only an agency's row can conflict (same event twice); a case manager's always inserts.
    return row!;
  }
}

import {
  AchievementSource,
  EvidenceKind,
  type AchievementEvidence,
  type AchievementFacts,
  type StatusCertificate,
} from '@kim/contracts';
import type { AchievementInsert, AchievementRow } from '@kim/persistence';

/** The kind's own facts, without the columns every achievement has. */
export function detailsOf(facts: AchievementFacts): Record<string, unknown> {
  const { kind: _k, achievedOn: _a, endedOn: _e, ...details } = facts;
  return details;
}

/** The facts as validated input again (for the evaluator and the dossier). */
export function factsOf(row: Pick<AchievementRow, 'kind' | 'achievedOn' | 'endedOn' | 'details'>): AchievementFacts {
  return {
    ...row.details,
    kind: row.kind,
    achievedOn: row.achievedOn,
    ...(row.endedOn !== null ? { endedOn: row.endedOn } : {}),
  } as AchievementFacts;
}

/** Why a date of an achievement cannot be true yet (it lies after today), or null. */
export function futureDateProblems(
  facts: Pick<AchievementFacts, 'achievedOn' | 'endedOn'>,
  evidence: Pick<AchievementEvidence, 'seenOn'> | null,
  today: string,
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (facts.achievedOn > today)
    problems.push({ path: 'achievement.achievedOn', message: `must not be after today (${today})` });
  if (evidence && evidence.seenOn > today)
    problems.push({ path: 'evidence.seenOn', message: `must not be after today (${today})` });
  return problems;
}

/**
 * A course provider's certificate as an achievement of the referral's case: the agency is its
 * source and provider, the status message (its event id) its evidence.
 */
export function achievementFromCertificate(
  c: StatusCertificate,
  at: {
    tenantId: string;
    id: string;
    caseId: string;
    personId: string;
    agencyId: string;
    agencyName: string;
    referralId: string;
    eventId: string;
    receivedOn: string;
  },
): AchievementInsert {
  const { kind, issuedOn, reference: _r, ...rest } = c;
  return {
    tenantId: at.tenantId,
    id: at.id,
    caseId: at.caseId,
    personId: at.personId,
    kind,
    achievedOn: issuedOn,
    endedOn: null,
    details: { ...rest, provider: at.agencyName },
    source: AchievementSource.AGENCY,
    agencyId: at.agencyId,
    referralId: at.referralId,
    inboundEventId: at.eventId,
    evidenceKind: EvidenceKind.MESSAGE,
    evidenceReference: c.reference ? `${c.reference} (message ${at.eventId})` : `message ${at.eventId}`,
    evidenceSeenOn: at.receivedOn,
    recordedByKind: 'agency',
    recordedById: at.agencyId,
    correctsId: null,
    correctionReason: null,
  };
}

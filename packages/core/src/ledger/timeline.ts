import { timelineSummaryColumns, type TimelineKind, type TimelineSummary } from '@kim/contracts';
import { timelineRepository, type Db, type TimelineInsert } from '@kim/persistence';
import { actorIdOf, actorRoleOf, type Principal } from '../common/principal.js';

export interface TimelineEntry {
  caseId: string;
  referralId?: string | null;
  /** One of the registry in @kim/contracts: a typo is a type error. */
  kind: TimelineKind;
  occurredAt?: Date;
  /** What happened, as a code with parameters: readers put it into their language. */
  summary: TimelineSummary;
  data?: Record<string, unknown>;
}

/** Append to a case's timeline inside the caller's transaction. */
export async function appendTimeline(db: Db, p: Principal, entry: TimelineEntry): Promise<void> {
  await timelineRepository.append(db, timelineRow(p, entry));
}

/** The row of a timeline entry by `p`, for a caller that writes it with other rows in one statement. */
export function timelineRow(p: Principal, entry: TimelineEntry): TimelineInsert {
  return {
    tenantId: p.tenantId,
    caseId: entry.caseId,
    referralId: entry.referralId ?? null,
    kind: entry.kind,
    occurredAt: entry.occurredAt ?? new Date(),
    actorRole: actorRoleOf(p),
    actorId: actorIdOf(p),
    ...timelineSummaryColumns(entry.summary),
    data: entry.data ?? {},
  };
}
